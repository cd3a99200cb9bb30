"""Shared fixtures: the bundled seeds, parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.corpus import Corpus, load_corpus
from compare.themes import Taxonomy, load_taxonomy

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="session")
def seeds_corpus(taxonomy: Taxonomy) -> Corpus:
    return load_corpus(SEEDS, taxonomy)


@pytest.fixture(scope="session")
def seed_letters(seeds_corpus: Corpus) -> dict[str, object]:
    """Letters by ``FILE#PART`` with FILE shortened to its number: ``"002#2"``."""
    return {f"{letter.source[:3]}#{letter.part}": letter for letter in seeds_corpus.letters}


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory) -> Path:
    """CLI runs in the tests cache under a temporary folder, never the user's cache."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    os.environ["COMPARE_LETTERS_CACHE"] = str(folder)
    return folder


@pytest.fixture
def dask_scheduler():
    """The address of a Dask LocalCluster of two single-threaded workers: threads of this
    process (quick to start), reached over TCP as a remote cluster would be. One per test,
    stopped after it: its threads draw from the ``random`` module, which Hypothesis forbids
    while it generates examples in other tests."""
    distributed = pytest.importorskip("distributed")
    from compare.engines.cluster import QUIET_HTTP

    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        dashboard_address=QUIET_HTTP,
        scheduler_kwargs={"dashboard": False},
    )
    yield cluster.scheduler_address
    cluster.close()
