"""The corpus index answers as scikit-learn would, without importing it at query time."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.index import CorpusIndex
from compare.models import Paragraph
from compare.similarity import (
    LetterVectorizer,
    compare_corpus,
    fit_letters,
    letter_text,
    normalise_text,
    strip_accents,
)


def test_fitted_rows_equal_scikit_learns_tfidf_vectorizer(seeds_corpus):
    letters = list(seeds_corpus.letters)
    mine = LetterVectorizer().fit_transform(letters)
    reference = (
        LetterVectorizer()._tfidf().fit_transform([normalise_text(letter_text(x)) for x in letters])
    )
    reference.sort_indices()
    assert (mine.indptr == reference.indptr).all() and (mine.indices == reference.indices).all()
    assert abs(mine.data - reference.data).max() < 1e-12


def test_vector_equals_scikit_learns_transform(seeds_corpus):
    letters = list(seeds_corpus.letters)
    index = fit_letters(letters[1:])
    reference = (
        LetterVectorizer()._tfidf().fit([normalise_text(letter_text(x)) for x in letters[1:]])
    )
    for letter in letters:
        matrix = reference.transform([normalise_text(letter_text(letter))])
        matrix.sort_indices()
        columns, weights = index.vector(letter_text(letter))
        assert columns.tolist() == matrix.indices.tolist()
        assert abs(weights - matrix.data).max(initial=0.0) < 1e-12


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_analysis_equals_scikit_learns_analyzer(seeds_corpus, text):
    index = fit_letters(list(seeds_corpus.letters)[:2])
    sklearn_analyzer = LetterVectorizer()._tfidf().build_analyzer()
    assert index.analyze(text) == sklearn_analyzer(normalise_text(text))


def test_a_copy_of_a_letter_finds_it_first(seeds_corpus):
    letters = list(seeds_corpus.letters)
    index = fit_letters(letters)
    (best,) = index.nearest(index.vector(letter_text(letters[4])), top=1, key="draft")
    assert (best.a, best.b, best.score) == ("draft", letters[4].key, 1.0)
    assert best.shared_terms


def test_excluded_letters_and_unknown_words_score_nothing(seeds_corpus):
    letters = list(seeds_corpus.letters)
    index = fit_letters(letters)
    query = index.row(0)
    assert all(
        pair.b != letters[0].key
        for pair in index.nearest(query, top=5, exclude=frozenset({letters[0].key}))
    )
    assert index.nearest(index.vector("Zyxw qvvv plokk."), top=3) == []


def test_querying_a_stored_index_does_not_import_scikit_learn(seeds_corpus, tmp_path):
    from compare.cache import Cache

    Cache(tmp_path).put("index", "x", fit_letters(list(seeds_corpus.letters)).to_plain())
    code = (
        "import sys; from compare.cache import Cache; from compare.index import CorpusIndex; "
        "index = CorpusIndex.from_plain(Cache(__import__('pathlib').Path(sys.argv[1]))"
        ".get('index', 'x')); "
        "index.nearest(index.vector('political prisoners and abductees')); "
        "print('sklearn' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True
    )
    assert result.stdout.strip() == "False", result.stderr


def test_plain_round_trip_keeps_every_answer(seeds_corpus):
    index = fit_letters(list(seeds_corpus.letters))
    again = CorpusIndex.from_plain(index.to_plain())
    assert again.all_pairs() == index.all_pairs()
    broken = index.to_plain()
    broken["idf"] = broken["idf"][:-1]
    with pytest.raises(ValueError):
        CorpusIndex.from_plain(broken)


def test_an_index_stored_with_another_tokeniser_is_refused_and_refitted(seeds_corpus, tmp_path):
    from compare.cache import Cache
    from compare.pipeline import corpus_index

    letters = list(seeds_corpus.letters)
    stale = fit_letters(letters).to_plain()
    stale["tokenizer"] = "compare.similarity.terms/1"
    with pytest.raises(ValueError, match="tokeniser"):
        CorpusIndex.from_plain(stale)
    cache = Cache(tmp_path)
    cache.put("index", "corpus", stale)
    assert corpus_index(letters, cache, "corpus").tokenizer != "compare.similarity.terms/1"
    assert cache.get("index", "corpus")["tokenizer"] != "compare.similarity.terms/1"


def test_all_pairs_equal_compare_corpus_and_top_cuts_after_sorting(seeds_corpus):
    letters = list(seeds_corpus.letters)
    index = fit_letters(letters)
    everything = index.all_pairs()
    assert everything == compare_corpus(letters)
    assert index.all_pairs(top=3).pairs == everything.pairs[:3]


def test_grouped_rows_equal_fitting_the_concatenated_texts(seeds_corpus):
    letters = list(seeds_corpus.letters)
    index = fit_letters(letters)
    groups = [[0, 1], [2], [3, 4, 5]]
    grouped = index.group_rows(groups)
    texts = ["\n\n".join(letter_text(letters[i]) for i in group) for group in groups]
    refit = CorpusIndex.fit(texts, ["0", "1", "2"])
    for g in range(len(groups)):
        columns, weights = grouped.row(g)
        mine = {
            grouped.terms[c]: w for c, w in zip(columns.tolist(), weights.tolist(), strict=True)
        }
        rc, rw = refit.row(g)
        theirs = {refit.terms[c]: w for c, w in zip(rc.tolist(), rw.tolist(), strict=True)}
        # no bigram crosses the blank line between two letters (or two paragraphs), so the
        # concatenated texts have exactly the summed terms; idf differs by the unused terms
        assert mine.keys() == theirs.keys()
        top_mine = sorted(mine, key=lambda t: (-mine[t], t))[:20]
        top_theirs = sorted(theirs, key=lambda t: (-theirs[t], t))[:20]
        assert len(set(top_mine) & set(top_theirs)) >= 18


def test_strip_accents_matches_decomposition():
    assert strip_accents("Perú café naïve") == "Peru cafe naive"


def test_nearest_ranks_as_a_full_sort_would_for_every_top(seeds_corpus):
    letters = list(seeds_corpus.letters)
    index = fit_letters(letters)
    query = index.vector(
        letter_text(dataclasses.replace(letters[2], paragraphs=letters[2].paragraphs[:4]))
    )
    everything = index.nearest(query, top=len(letters))
    assert [p.score for p in everything] == sorted((p.score for p in everything), reverse=True)
    for top in range(len(letters) + 1):
        assert index.nearest(query, top=top) == everything[:top]


def test_an_empty_text_projects_to_an_empty_row(seeds_corpus):
    index = fit_letters(list(seeds_corpus.letters))
    columns, weights = index.vector("")
    assert len(columns) == len(weights) == 0
    stranger = dataclasses.replace(
        seeds_corpus.letters[0], paragraphs=(Paragraph("body", "1 2 3"),)
    )
    assert len(index.vector(letter_text(stranger))[0]) == 0


def test_texts_read_when_fitted_give_the_index_of_the_list(seeds_corpus):
    from compare.similarity import TextsOf

    letters = list(seeds_corpus.letters)
    seen: list[int] = []

    def text(letter):
        seen.append(1)
        return letter_text(letter)

    lazy = TextsOf(letters, text)
    assert not seen and len(lazy) == len(letters)  # nothing read until asked
    assert lazy[1:3] == [letter_text(x) for x in letters[1:3]] and lazy[-1] == text(letters[-1])
    keys = [x.key for x in letters]
    listed = CorpusIndex.fit([letter_text(x) for x in letters], keys)
    fitted = CorpusIndex.fit(TextsOf(letters, letter_text), keys)
    assert fitted.terms == listed.terms and fitted.all_pairs() == listed.all_pairs()
