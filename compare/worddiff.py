"""Word-level differences between two texts, on diff-match-patch (:mod:`compare.diffengine`).

In: two strings and :class:`~compare.normalizing.NormalizeOptions`. Out: a list of
``(op, text)`` spans with ``op`` in ``"="``, ``"-"``, ``"+"``; the ``=`` and ``+`` spans
rebuild the second text exactly, the ``=`` and ``-`` spans the first one up to what is
ignored (exactly when the texts differ in nothing ignored).

Texts are cut into units (:func:`compare.normalizing.units`: a word, one character of a
script written without spaces, a run of white space, one other grapheme cluster, or a phrase
of an equivalence), each unit's key is mapped to one private character, diff-match-patch diffs
those characters, and the result is mapped back — so an edit is always whole words and whole
grapheme clusters, never half a word or an accent without its letter. Units are compared by
key: ligatures, full-width forms, soft hyphens and zero-width characters, curly quotes and
dashes and the width of white space are no difference, and neither is what the options
ignore (case, punctuation, equivalent phrases) — the same normalisation the paragraph
alignment calls ``equal`` by. A span that differs only in ignored things is an ``=`` span
holding the second text's characters.
There is no deadline (``Diff_Timeout`` 0): the result depends only on the texts, never on how
fast the machine is; diff-match-patch's default one-second deadline can silently return one
replace-everything span on long texts. No other limit is applied. The diff runs on the C++
port where it is installed and on the pure-Python port otherwise; both give the same spans
(:mod:`compare.diffengine` says how, and how to choose one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from compare.normalizing import DEFAULT_OPTIONS, NormalizeOptions, unit_lists
from compare.text import words

if TYPE_CHECKING:
    from compare.diffengine import Engine

DiffOp = Literal["=", "-", "+"]
_OPS: dict[int, DiffOp] = {0: "=", -1: "-", 1: "+"}
_SURROGATES = 0xE000 - 0xD800


def _encode(keys: list[str], codes: dict[str, str]) -> str:
    """One character per unit key, equal for equal keys."""
    chars = []
    for key in keys:
        code = codes.get(key)
        if code is None:
            # The encoded strings hold only these codes, so any code point serves; skip the
            # surrogates, which are not characters.
            number = 1 + len(codes)
            code = chr(number if number < 0xD800 else number + _SURROGATES)
            codes[key] = code
        chars.append(code)
    return "".join(chars)


def word_diff(
    a: str,
    b: str,
    cleanup: bool = True,
    options: NormalizeOptions = DEFAULT_OPTIONS,
    *,
    engine: Engine | None = None,
) -> list[tuple[DiffOp, str]]:
    """The word-level diff of ``a`` to ``b`` under ``options`` (see the module docstring).

    ``cleanup`` runs diff-match-patch's semantic clean-up, which merges tiny equalities
    caught between edits ("the" kept inside a rewritten clause) into the edits around them,
    so a reworded phrase reads as one deletion and one insertion. ``engine`` (``"c"`` or
    ``"python"``) picks the implementation, by default the C++ one where installed
    (:func:`compare.diffengine.chosen`; ``ValueError`` for one not installed). The spans do not
    depend on the engine.
    """
    from compare.diffengine import diff_codes

    codes: dict[str, str] = {}
    a_lead, a_texts, a_keys, _ = _trim(*unit_lists(a, options))
    b_lead, b_texts, b_keys, b_trail = _trim(*unit_lists(b, options))
    a_chars, b_chars = _encode(a_keys, codes), _encode(b_keys, codes)
    diffs = diff_codes(a_chars, b_chars, len(codes), cleanup, engine)
    # What counts for nothing at either end of B (white space, or punctuation when it is
    # ignored) is shown as it stands; at either end of A it is no deletion.
    spans: list[tuple[DiffOp, str]] = [("=", b_lead)] if b_lead else []
    a_at = b_at = 0
    for op, chars in diffs:
        if op == -1:
            taken = a_texts[a_at : a_at + len(chars)]
            a_at += len(chars)
        else:  # an equality shows the second text's characters
            taken = b_texts[b_at : b_at + len(chars)]
            b_at += len(chars)
            a_at += len(chars) if op == 0 else 0
        _append(spans, _OPS[op], "".join(taken))
    _append(spans, "=", b_trail)
    return spans


def _trim(texts: list[str], keys: list[str]) -> tuple[str, list[str], list[str], str]:
    """The text of the unit at each end that counts for nothing (key ``""``), and the texts
    and keys of the units between."""
    lead = trail = ""
    if keys and not keys[0]:
        lead, texts, keys = texts[0], texts[1:], keys[1:]
    if keys and not keys[-1]:
        trail, texts, keys = texts[-1], texts[:-1], keys[:-1]
    return lead, texts, keys, trail


def _append(spans: list[tuple[DiffOp, str]], op: DiffOp, text: str) -> None:
    """``spans`` with ``(op, text)`` added, joined to the last span when it has ``op``."""
    if not text:
        return
    if spans and spans[-1][0] == op:
        spans[-1] = (op, spans[-1][1] + text)
    else:
        spans.append((op, text))


def rebuild(spans: list[tuple[DiffOp, str]], side: Literal["a", "b"]) -> str:
    """The text of one side of a diff: ``a`` from ``=`` and ``-``, ``b`` from ``=`` and ``+``."""
    keep = {"=", "-"} if side == "a" else {"=", "+"}
    return "".join(text for op, text in spans if op in keep)


def count_words(spans: list[tuple[DiffOp, str]]) -> tuple[int, int]:
    """(words added, words removed) in a diff."""
    added = sum(len(words(t)) for op, t in spans if op == "+")
    removed = sum(len(words(t)) for op, t in spans if op == "-")
    return added, removed
