"""The cache: parses reused while files are unchanged, invalidated by content, robust to
damage, loading without executing code, and scoring from the stored index equal to scoring
afresh."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import compare.corpus as corpus_module
from compare.cache import Cache
from compare.pipeline import CORPUS_KINDS, corpus_index, open_cache
from compare.pipeline import cached_corpus as load_corpus
from compare.similarity import compare_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def parse_counter(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = corpus_module.read_letters

    def counting(path, taxonomy, source=None):
        calls.append(path.name)
        return real(path, taxonomy, source)

    monkeypatch.setattr(corpus_module, "read_letters", counting)
    return calls


def test_a_warm_cache_parses_nothing_and_gives_the_same_corpus(
    corpus_dir, tmp_path, taxonomy, parse_counter
):
    cache = Cache(tmp_path / "cache")
    first = load_corpus(corpus_dir, taxonomy, cache)
    assert len(parse_counter) == 5
    second = load_corpus(corpus_dir, taxonomy, cache)
    assert len(parse_counter) == 5
    assert second.letters == first.letters
    assert second.letters == load_corpus(corpus_dir, taxonomy).letters


def test_an_edited_file_alone_is_parsed_again(corpus_dir, tmp_path, taxonomy, parse_counter):
    cache = Cache(tmp_path / "cache")
    load_corpus(corpus_dir, taxonomy, cache)
    edited = corpus_dir / "004_d01407f7be71f976.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("Kerry", "Smith"), encoding="utf-8"
    )
    parse_counter.clear()
    corpus = load_corpus(corpus_dir, taxonomy, cache)
    assert parse_counter == ["004_d01407f7be71f976.txt"]
    assert any(letter.salutation == "Dear Secretary Smith," for letter in corpus.letters)


def test_a_damaged_entry_is_ignored_and_rewritten(corpus_dir, tmp_path, taxonomy):
    cache = Cache(tmp_path / "cache")
    expected = load_corpus(corpus_dir, taxonomy, cache).letters
    for entry in (tmp_path / "cache").rglob("*.npz"):
        entry.write_bytes(b"PK\x03\x04truncated")
    assert load_corpus(corpus_dir, taxonomy, cache).letters == expected


def test_an_unwritable_cache_is_no_error(corpus_dir, tmp_path, taxonomy):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    corpus = load_corpus(corpus_dir, taxonomy, Cache(blocker / "cache"))
    assert len(corpus.letters) == 6


def test_the_stored_index_scores_every_pair_exactly_as_a_fresh_fit(corpus_dir, tmp_path, taxonomy):
    cache = Cache(tmp_path / "cache")
    corpus = load_corpus(corpus_dir, taxonomy, cache)
    fitted = corpus_index(corpus.letters, cache, corpus.digest)
    again = load_corpus(corpus_dir, taxonomy, cache)
    stored = corpus_index(again.letters, cache, again.digest)
    assert stored is not fitted and stored.keys == fitted.keys
    for pair in compare_corpus(list(corpus.letters)).pairs:
        assert stored.pair(pair.a, pair.b) == pair
    assert stored.pair("no-such-key", pair.b) is None


def test_no_cache_means_no_files(corpus_dir, tmp_path, taxonomy):
    corpus = load_corpus(corpus_dir, taxonomy, None)
    assert corpus.digest is None
    assert corpus_index(corpus.letters).keys == tuple(x.key for x in corpus.letters)
    assert not (tmp_path / "cache").exists()


def test_cache_records_load_without_pickle(corpus_dir, tmp_path, taxonomy):
    import numpy as np

    cache = Cache(tmp_path / "cache")
    corpus = load_corpus(corpus_dir, taxonomy, cache)
    corpus_index(corpus.letters, cache, corpus.digest)
    records = list((tmp_path / "cache").rglob("*.npz"))
    assert {p.parent.name for p in records} >= {"letters", "corpus", "index", "manifest"}
    assert not list((tmp_path / "cache").rglob("*.pickle"))
    for record in records:  # every record opens with pickle refused
        with np.load(record, allow_pickle=False) as archive:
            assert all(not archive[name].dtype.hasobject for name in archive.files)


def test_a_record_holding_a_pickle_is_refused_not_run(tmp_path):
    import numpy as np

    folder = tmp_path / "cache" / "corpus"
    folder.mkdir(parents=True)
    with (folder / "evil.npz").open("wb") as handle:
        np.savez(handle, payload=np.array([object()], dtype=object))
    assert Cache(tmp_path / "cache").get("corpus", "evil") is None


def test_records_keep_arrays_and_plain_data(tmp_path):
    import numpy as np

    cache = Cache(tmp_path / "cache")
    cache.put("x", "d", {"weights": np.arange(3.0), "names": ["a", "é"], "n": None})
    record = cache.get("x", "d")
    assert record is not None
    assert record["weights"].tolist() == [0.0, 1.0, 2.0]
    assert (record["names"], record["n"]) == (["a", "é"], None)
    with pytest.raises(TypeError):
        cache.put("x", "e", {"bad": np.array([object()], dtype=object)})


def test_reading_the_cache_leaves_the_garbage_collector_as_it_was(corpus_dir, tmp_path, taxonomy):
    import gc

    cache = Cache(tmp_path / "cache")
    load_corpus(corpus_dir, taxonomy, cache)
    assert gc.isenabled()
    load_corpus(corpus_dir, taxonomy, cache)
    assert gc.isenabled()
    assert cache.get("corpus", "no-such-digest") is None
    assert gc.isenabled()


def test_whole_corpus_entries_are_pruned_to_the_newest_few(tmp_path):
    import os

    from compare.cache import KEEP_PER_KIND

    cache = open_cache(tmp_path / "cache")
    assert cache is not None and "corpus" in CORPUS_KINDS
    for number in range(KEEP_PER_KIND + 3):
        cache.put("corpus", f"digest{number}", {"n": number})
        path = tmp_path / "cache" / "corpus" / f"digest{number}.npz"
        os.utime(path, (number, number))  # oldest first, whatever the clock's resolution
        cache.put("letters", f"file{number}", {"n": number})
    kept = sorted(p.stem for p in (tmp_path / "cache" / "corpus").iterdir())
    assert len(kept) == KEEP_PER_KIND
    assert cache.get("corpus", f"digest{KEEP_PER_KIND + 2}") == {"n": KEEP_PER_KIND + 2}
    assert len(list((tmp_path / "cache" / "letters").iterdir())) == KEEP_PER_KIND + 3
