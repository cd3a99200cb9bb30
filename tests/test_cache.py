"""The cache: parses reused while files are unchanged, invalidated by content, robust to
damage, and scoring from stored vectors equal to scoring afresh."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import compare.corpus as corpus_module
from compare.cache import Cache
from compare.corpus import corpus_vectors, load_corpus
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
    for entry in (tmp_path / "cache").rglob("*.pickle"):
        entry.write_bytes(b"\x80\x05truncated")
    assert load_corpus(corpus_dir, taxonomy, cache).letters == expected


def test_an_unwritable_cache_is_no_error(corpus_dir, tmp_path, taxonomy):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    corpus = load_corpus(corpus_dir, taxonomy, Cache(blocker / "cache"))
    assert len(corpus.letters) == 6


def test_stored_vectors_score_every_pair_exactly_as_a_fresh_fit(corpus_dir, tmp_path, taxonomy):
    cache = Cache(tmp_path / "cache")
    corpus = load_corpus(corpus_dir, taxonomy, cache)
    vectors = corpus_vectors(corpus, cache)
    assert corpus_vectors(load_corpus(corpus_dir, taxonomy, cache), cache) == vectors
    for pair in compare_corpus(list(corpus.letters)).pairs:
        assert vectors.pair(pair.a, pair.b) == pair
    assert vectors.pair("no-such-key", pair.b) is None


def test_no_cache_means_no_vectors_and_no_files(corpus_dir, tmp_path, taxonomy):
    corpus = load_corpus(corpus_dir, taxonomy)
    assert corpus_vectors(corpus, None) is None
    assert not (tmp_path / "cache").exists()


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

    cache = Cache(tmp_path / "cache")
    for number in range(KEEP_PER_KIND + 3):
        cache.put("corpus", f"digest{number}", number)
        path = tmp_path / "cache" / "corpus" / f"digest{number}.pickle"
        os.utime(path, (number, number))  # oldest first, whatever the clock's resolution
        cache.put("letters", f"file{number}", number)
    kept = sorted(p.stem for p in (tmp_path / "cache" / "corpus").iterdir())
    assert len(kept) == KEEP_PER_KIND
    assert cache.get("corpus", f"digest{KEEP_PER_KIND + 2}") == KEEP_PER_KIND + 2
    assert len(list((tmp_path / "cache" / "letters").iterdir())) == KEEP_PER_KIND + 3
