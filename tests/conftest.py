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
