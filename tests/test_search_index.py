"""The search index answers as scikit-learn would, without importing it at query time."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.models import Paragraph
from compare.similarity import LetterVectorizer, SearchIndex, normalise_text, strip_accents


def test_vector_equals_scikit_learns_transform(seeds_corpus):
    letters = list(seeds_corpus.letters)
    index = SearchIndex.build(letters[1:])
    fitted = LetterVectorizer().fit(letters[1:])
    for letter in letters:
        matrix = fitted.transform([letter])
        expected = dict(zip(matrix.indices.tolist(), matrix.data.tolist(), strict=True))
        mine = index.vector(letter)
        assert mine.keys() == expected.keys()
        assert all(abs(mine[c] - expected[c]) < 1e-12 for c in mine)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_analysis_equals_scikit_learns_analyzer(seeds_corpus, text):
    index = SearchIndex.build(list(seeds_corpus.letters)[:2])
    sklearn_analyzer = LetterVectorizer()._tfidf().build_analyzer()
    assert index.analyze(text) == sklearn_analyzer(normalise_text(text))


def test_a_copy_of_a_letter_finds_it_first(seeds_corpus):
    letters = list(seeds_corpus.letters)
    index = SearchIndex.build(letters)
    draft = dataclasses.replace(letters[4], key="draft")
    (best,) = index.nearest(draft, top=1)
    assert (best.b, best.score) == (letters[4].key, 1.0)
    assert best.shared_terms


def test_a_letter_is_not_its_own_neighbour_and_unknown_words_score_nothing(seeds_corpus):
    letters = list(seeds_corpus.letters)
    index = SearchIndex.build(letters)
    assert all(pair.b != letters[0].key for pair in index.nearest(letters[0], top=5))
    stranger = dataclasses.replace(
        letters[0], key="x", paragraphs=(Paragraph("body", "Zyxw qvvv plokk."),)
    )
    assert index.nearest(stranger) == []


def test_querying_does_not_import_scikit_learn(seeds_corpus, tmp_path):
    import pickle

    path = tmp_path / "index.pickle"
    path.write_bytes(
        pickle.dumps((SearchIndex.build(list(seeds_corpus.letters)), seeds_corpus.letters[0]))
    )
    code = (
        "import pickle, sys; index, letter = pickle.loads(open(sys.argv[1], 'rb').read()); "
        "index.nearest(letter); print('sklearn' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_strip_accents_matches_decomposition():
    assert strip_accents("Perú café naïve") == "Peru cafe naive"


def test_nearest_ranks_as_a_full_sort_would_for_every_top(seeds_corpus):
    letters = list(seeds_corpus.letters)
    index = SearchIndex.build(letters)
    query = dataclasses.replace(letters[2], key="query")
    everything = index.nearest(query, top=len(letters))
    assert [p.score for p in everything] == sorted((p.score for p in everything), reverse=True)
    for top in range(len(letters) + 1):
        assert index.nearest(query, top=top) == everything[:top]
