"""The draft check's corpus index stored as plain data (JSON values and integer arrays, no
pickle) and read back."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from compare.check import ParagraphIndex, TextTable, check_draft


def _split(plain: object, arrays: dict[str, np.ndarray], path: str = "") -> object:
    """``plain`` with every numpy array moved into ``arrays`` (named by its path) and
    replaced by that name: what a store writes as JSON next to an ``.npz`` file."""
    if isinstance(plain, np.ndarray):
        assert plain.dtype.kind == "i" and plain.ndim == 1
        arrays[path] = plain
        return {"array": path}
    if isinstance(plain, dict):
        return {k: _split(v, arrays, f"{path}.{k}") for k, v in plain.items()}
    if isinstance(plain, list):
        return [_split(v, arrays, f"{path}.{n}") for n, v in enumerate(plain)]
    assert plain is None or isinstance(plain, str | int | float | bool)
    return plain


def _join(plain: object, arrays: dict[str, np.ndarray]) -> object:
    if isinstance(plain, dict):
        if set(plain) == {"array"}:
            return arrays[plain["array"]]
        return {k: _join(v, arrays) for k, v in plain.items()}
    if isinstance(plain, list):
        return [_join(v, arrays) for v in plain]
    return plain


def _same_table(a: TextTable, b: TextTable) -> None:
    for field in dataclasses.fields(TextTable):
        assert getattr(a, field.name) == getattr(b, field.name), field.name


def test_the_paragraph_index_round_trips_through_json_and_npz_without_pickle(
    seeds_corpus, tmp_path
):
    letters = list(seeds_corpus.letters)
    index = ParagraphIndex.build(letters)
    arrays: dict[str, np.ndarray] = {}
    skeleton = json.dumps(_split(index.to_plain(), arrays), ensure_ascii=False)
    np.savez(tmp_path / "index.npz", **arrays)
    with np.load(tmp_path / "index.npz", allow_pickle=False) as stored:
        read = _join(json.loads(skeleton), dict(stored))
    restored = ParagraphIndex.from_plain(read)

    assert (restored.keys, restored.dates, restored.recipients) == (
        index.keys,
        index.dates,
        index.recipients,
    )
    _same_table(restored.paragraphs, index.paragraphs)
    _same_table(restored.asks, index.asks)
    draft = letters[0]
    assert check_draft(draft, letters, index=restored) == check_draft(draft, letters, index=index)


def test_the_plain_index_reads_from_lists_too_and_refuses_a_mismatch(seeds_corpus):
    index = ParagraphIndex.build(list(seeds_corpus.letters))
    plain = index.to_plain()
    as_json = json.loads(json.dumps(plain, default=lambda a: a.tolist()))
    _same_table(ParagraphIndex.from_plain(as_json).paragraphs, index.paragraphs)
    with pytest.raises(ValueError):
        ParagraphIndex.from_plain({**as_json, "version": 0})
    with pytest.raises(ValueError):
        ParagraphIndex.from_plain({**as_json, "keys": as_json["keys"][1:]})


def test_an_empty_index_round_trips():
    index = ParagraphIndex.build([])
    restored = ParagraphIndex.from_plain(index.to_plain())
    assert restored.keys == () and restored.paragraphs.texts == ()
    _same_table(restored.asks, index.asks)
