"""The numpy-only vectoriser counts, weighs and scores as scikit-learn does (scikit-learn is
the reference here, in the tests only)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from compare import counting
from compare.index import CorpusIndex
from compare.similarity import (
    LetterVectorizer,
    ParagraphAnalyzer,
    compare_pair,
    english_stop_words,
    fit_letters,
    letter_text,
    nearest,
    normalise_text,
    strip_accents,
    terms,
)

WORDS = ["Council", "council's", "human", "rights", "the", "of", "and", "Perú", "naïve", "人权"]
WORDS += ["COVID-19", "2014", "g20", "camps", "prison", "we", "urge", "ﬁnal", "don't", "x"]
WORDS += ["\n\n", "\n \n", "\u2029"]  # paragraph breaks: no n-gram crosses them
texts = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
corpora = st.lists(texts, min_size=1, max_size=6)
PARAMETERS = [
    {},
    {"ngram_range": (1, 1)},
    {"ngram_range": (2, 3)},
    {"stop_words": None, "lowercase": False},
    {"stop_words": ["council", "human"], "strip_accents": "ascii"},
    {"strip_accents": None, "min_df": 2},
    {"max_df": 0.5},
    {"min_df": 0.3, "max_df": 3},
]


def reference(**parameters: object) -> CountVectorizer:
    """scikit-learn's CountVectorizer with LetterVectorizer's analysis and ``parameters``: its
    word analysis applied to each paragraph (ParagraphAnalyzer), as the package does."""
    params = LetterVectorizer(**parameters).get_params()  # type: ignore[arg-type]
    del params["sublinear_tf"]
    if params["strip_accents"] == "unicode":
        params["strip_accents"] = strip_accents
    words = CountVectorizer(**params, tokenizer=terms, token_pattern=None).build_analyzer()
    return CountVectorizer(
        analyzer=ParagraphAnalyzer(words), min_df=params["min_df"], max_df=params["max_df"]
    )


def test_the_english_stop_words_are_scikit_learns():
    assert english_stop_words() == ENGLISH_STOP_WORDS


@settings(max_examples=200, deadline=None)
@given(st.one_of(texts, st.text(max_size=200)), st.sampled_from(PARAMETERS))
def test_analysis_equals_scikit_learns_analyzer(text, parameters):
    mine = ParagraphAnalyzer(LetterVectorizer(**parameters)._analyzer())  # type: ignore[arg-type]
    assert mine(text) == reference(**parameters).build_analyzer()(text)


@settings(max_examples=200, deadline=None)
@given(corpora, st.sampled_from(PARAMETERS))
def test_vocabulary_and_counts_equal_count_vectorizers(docs, parameters):
    vectorizer = LetterVectorizer(**parameters)  # type: ignore[arg-type]
    normalised = [normalise_text(d) for d in docs]  # as LetterVectorizer reads its texts
    try:
        expected = reference(**parameters).fit(normalised)
    except ValueError:
        try:
            vectorizer.fit_counts(docs)
        except ValueError:
            return  # refused by both
        assert not vectorizer.terms_  # no term at all: an empty fit here, an error there
        return
    counts = vectorizer.fit_counts(docs)
    matrix = expected.transform(normalised)
    matrix.sort_indices()
    assert vectorizer.terms_ == tuple(expected.get_feature_names_out())
    assert vectorizer.vocabulary_ == {t: int(c) for t, c in expected.vocabulary_.items()}
    assert counts.shape == matrix.shape
    assert counts.indptr.tolist() == matrix.indptr.tolist()
    assert counts.indices.tolist() == matrix.indices.tolist()
    assert counts.data.tolist() == matrix.data.tolist()


def test_the_seeds_count_as_with_scikit_learn(seeds_corpus):
    docs = [letter_text(x) for x in seeds_corpus.letters]
    matrix = reference().fit_transform([normalise_text(d) for d in docs])
    matrix.sort_indices()
    counts = LetterVectorizer().fit_counts(docs)
    assert counts.indices.tolist() == matrix.indices.tolist()
    assert counts.data.tolist() == matrix.data.tolist()


def test_every_pair_score_of_the_seeds_equals_scikit_learns(seeds_corpus):
    letters = list(seeds_corpus.letters)
    tfidf = LetterVectorizer()._tfidf()
    reference_rows = tfidf.fit_transform([normalise_text(letter_text(x)) for x in letters])
    expected = (reference_rows @ reference_rows.T).toarray()
    index = fit_letters(letters)
    for i, j in itertools.combinations(range(len(letters)), 2):
        columns, in_i, in_j = np.intersect1d(index.row(i)[0], index.row(j)[0], return_indices=True)
        score = float((index.row(i)[1][in_i] * index.row(j)[1][in_j]).sum())
        assert abs(score - expected[i, j]) < 1e-12
        assert index.pair(letters[i].key, letters[j].key).score == round(expected[i, j], 4)


def test_pair_scores_fitted_on_the_pair_alone_equal_scikit_learns(seeds_corpus):
    letters = list(seeds_corpus.letters)
    for a, b in itertools.combinations(letters, 2):
        rows = (
            LetterVectorizer()
            ._tfidf()
            .fit_transform([normalise_text(letter_text(x)) for x in (a, b)])
        )
        expected = float((rows[0] @ rows[1].T).toarray()[0, 0])
        assert compare_pair(a, b).score == round(expected, 4)


def test_draft_search_scores_equal_scikit_learns(seeds_corpus):
    letters = list(seeds_corpus.letters)
    draft = letters[3]
    others = [x for x in letters if x.key != draft.key]
    tfidf = LetterVectorizer()._tfidf()
    rows = tfidf.fit_transform([normalise_text(letter_text(x)) for x in (draft, *others)])
    expected = sorted(
        ((round(float((rows[0] @ rows[n].T).toarray()[0, 0]), 4), x.key) for n, x in
         enumerate(others, start=1)),
        key=lambda pair: (-pair[0], pair[1]),
    )  # fmt: skip
    found = nearest(draft, letters, top=len(letters))
    assert [(p.score, p.b) for p in found] == [e for e in expected if e[0] > 0]


def test_transform_ignores_unknown_terms_and_equals_scikit_learns(seeds_corpus):
    letters = list(seeds_corpus.letters)
    vectorizer = LetterVectorizer().fit(letters[:3])
    tfidf = LetterVectorizer()._tfidf().fit([normalise_text(letter_text(x)) for x in letters[:3]])
    mine = vectorizer.transform([*letters[3:], "zzz qqq"])
    theirs = tfidf.transform([normalise_text(letter_text(x)) for x in letters[3:]] + ["zzz qqq"])
    theirs.sort_indices()
    assert mine.indices.tolist() == theirs.indices.tolist()
    assert abs(mine.data - theirs.data).max() < 1e-12
    assert mine[len(letters) - 3].nnz == 0


def test_batches_count_as_one_pass(monkeypatch, seeds_corpus):
    docs = [letter_text(x) for x in seeds_corpus.letters]
    whole = LetterVectorizer().fit_term_counts(docs)
    monkeypatch.setattr(counting, "BATCH", 2)
    batched_vectorizer = LetterVectorizer()
    batched = batched_vectorizer.fit_term_counts(docs)
    assert whole.indptr.tolist() == batched.indptr.tolist()
    assert whole.indices.tolist() == batched.indices.tolist()
    assert whole.data.tolist() == batched.data.tolist()
    known = counting.count_known(
        [normalise_text(d) for d in docs],
        batched_vectorizer._analyzer(),
        batched_vectorizer.vocabulary_,
    )
    assert known.indices.tolist() == whole.indices.tolist()


def test_a_fit_without_any_term_is_empty_and_a_pruned_one_an_error():
    empty = LetterVectorizer().fit_term_counts(["the and of", "2014"])
    assert empty.shape == (2, 0) and LetterVectorizer().fit([]).terms_ == ()
    with pytest.raises(ValueError, match="no terms remain"):
        LetterVectorizer(min_df=2).fit(["camps prison", "council rights"])
    with pytest.raises(ValueError, match="max_df corresponds to < documents than min_df"):
        LetterVectorizer(min_df=3, max_df=2).fit(["camps", "prison", "camps"])


@pytest.mark.parametrize(
    "parameters",
    [{"min_df": 0}, {"max_df": 1.5}, {"min_df": "2"}, {"ngram_range": (2, 1)},
     {"stop_words": "french"}, {"strip_accents": "latin"}],
)  # fmt: skip
def test_parameters_out_of_range_are_refused(parameters):
    with pytest.raises(ValueError):
        LetterVectorizer(**parameters).fit(["camps prison"])


def test_the_index_fit_imports_neither_scikit_learn_nor_scipy(seeds_corpus):
    import subprocess
    import sys

    code = (
        "import sys; from compare.index import CorpusIndex; "
        "CorpusIndex.fit(['Political prisoners in camps.', 'Prison camps closed.'], ['a', 'b'])"
        "; print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert isinstance(fit_letters(list(seeds_corpus.letters)[:2]), CorpusIndex)


def pair_and_string_counts(docs, tokenizer=terms):
    analyzer = ParagraphAnalyzer(
        counting.Analyzer(tokenizer, stop_words=english_stop_words(), ngram_range=(1, 2))
    )
    by_string = counting.count_terms(docs, analyzer)
    by_pairs = counting.count_terms(docs, analyzer, runs=analyzer.word_runs, bigrams=True)
    return by_string, by_pairs


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(texts, st.text(max_size=80)), min_size=1, max_size=8))
def test_counting_word_pairs_gives_the_terms_and_counts_of_counting_strings(docs):
    try:
        (terms_a, a), (terms_b, b) = pair_and_string_counts(docs)
    except ValueError as error:  # no term at all: both say so
        assert "empty vocabulary" in str(error)
        return
    assert list(terms_a) == list(terms_b)
    assert (a.indptr == b.indptr).all() and (a.indices == b.indices).all()
    assert (a.data == b.data).all() and a.columns == b.columns


def test_words_that_would_not_sort_as_pairs_are_counted_as_strings():
    def split_at_spaces(text):  # keeps control characters inside words
        return text.split(" ")

    docs = ["ab\x01c ab", "ab ab\x01c abc", "a\tb ab"]
    (terms_a, a), (terms_b, b) = pair_and_string_counts(docs, split_at_spaces)
    assert list(terms_a) == list(terms_b) == sorted(terms_a)
    assert (a.indices == b.indices).all() and (a.data == b.data).all()
