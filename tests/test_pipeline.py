"""The pipeline: one fitted corpus per version, reused by every job; the cache behind it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import cli
from compare.pipeline import Pipeline
from compare.similarity import LetterVectorizer

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def fits(monkeypatch) -> list[int]:
    """Every fit of the vectoriser, by number of texts."""
    calls: list[int] = []
    real = LetterVectorizer.fit_term_counts

    def counting(self, letters):
        calls.append(len(letters))
        return real(self, letters)

    monkeypatch.setattr(LetterVectorizer, "fit_term_counts", counting)
    return calls


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_one_corpus_report_fits_the_vectoriser_once(fits, corpus_dir, tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "--corpus",
            str(corpus_dir),
            "--no-cache",
            "report",
            "corpus",
            "--format",
            "html",
            "-o",
            str(tmp_path / "corpus.html"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert fits == [6]


def test_a_warm_cache_serves_every_job_without_fitting(fits, corpus_dir, tmp_path):
    cold = Pipeline(corpus_dir, cache_dir=tmp_path / "cache")
    cold.similarity()
    assert fits == [6]
    draft = cold.read_draft(str(SEEDS / "000_478dbd4e249306b7.txt"))
    cold.check(draft)
    assert fits == [6, 6, 1]  # the letter store counts its letters' terms, then the draft's
    warm = Pipeline(corpus_dir, cache_dir=tmp_path / "cache")
    keys = [letter.key for letter in warm.corpus.letters]
    warm.similarity()
    warm.diff(keys[0], keys[1])
    warm.check(draft)
    assert fits == [6, 6, 1, 1]  # only the draft's terms: nothing of the corpus again


def test_diff_scores_from_the_corpus_index(corpus_dir, tmp_path):
    pipeline = Pipeline(corpus_dir, cache_dir=tmp_path / "cache")
    pair = pipeline.similarity().pairs[0]
    assert pipeline.diff(pair.a, pair.b).similarity == pair.score


def test_the_check_reads_a_known_corpus_from_the_cache_without_loading_it(corpus_dir, tmp_path):
    cache = tmp_path / "cache"
    first = Pipeline(corpus_dir, cache_dir=cache)
    draft = first.read_draft(str(SEEDS / "001_1deb3327b10af269.txt"))
    expected = first.check(draft)
    assert "corpus" not in first.__dict__  # the first check builds the letter store instead
    second = Pipeline(corpus_dir, cache_dir=cache)
    assert second.check(draft) == expected
    assert "corpus" not in second.__dict__


def test_a_corpus_file_that_fails_is_told_and_skipped(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    (folder / "broken.docx").write_bytes(b"not a zip")
    told = []
    pipeline = Pipeline(folder, on_failure=told.append)
    assert len(pipeline.corpus.letters) == 6
    assert [failure.source for failure in told] == ["broken.docx"]
