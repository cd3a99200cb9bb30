"""How alike letters are: tf-idf vectors of their own words, cosine scores, shared terms.

In: parsed :class:`~compare.models.Letter` objects (only ``paragraphs`` and ``key`` are read).
Out: :class:`SimilarityResult` (every pair of a corpus) or :class:`SimilarPair` (one pair, or a
query against a corpus). This is the only module that imports scikit-learn; it does so inside
functions, so ``import compare.similarity`` stays cheap (scikit-learn costs ~1.5 s to import).

What is compared (:func:`letter_text`): the paragraphs of the letter — body, headings and list
items — but not ``closing`` paragraphs ("Sincerely,"), signatories, footnotes, cc, title,
address or page chrome. Two letters signed by different people but saying the same thing are
the same letter here; two letters signed by the same coalition but saying different things are
not. Asks are sentences of those paragraphs already, so they are not added again (that would
weight asks double and reward letters for the parser's ask detection rather than their words).

How the text becomes a vector (:class:`LetterVectorizer`, scikit-learn's ``TfidfVectorizer``):

* Typography is normalised first (:func:`normalise_text`): NFKC (ligatures and full-width forms
  from PDFs), soft hyphens and zero-width characters removed, curly quotes and the dash family
  mapped to ASCII, so a letter pasted from Word and the same letter typed plainly agree.
* ``lowercase`` and ``strip_accents="unicode"`` (:func:`compare.text.strip_accents`, which
  keeps the vowel marks of Indic and Thai script): "Vis-à-vis"/"vis-a-vis" are one term.
* Tokens (:func:`terms`): the words of :func:`compare.text.tokens`, the tokeniser the word
  diff and the paragraph alignment use, so a word is a word in its script — Arabic with its
  vowel marks, Devanagari with its vowel signs — and a script written without spaces (Han,
  kana, Thai, Lao) gives one term per grapheme cluster, its bigrams standing for its words.
  A term is such a character, or a word of 2+ characters with at least one letter. Pure
  numbers (years, dates, counts of signatories, paragraph numbers) are dropped — they say when
  a letter was written, not what it says — while "75th" or "g20" stay. Hyphens and
  apostrophes split: "COVID-19" gives "covid", "Council's" gives "council".
* ``stop_words="english"``: function words carry no topic; they are removed before bigrams
  are formed, so "crimes against humanity" yields the bigram "crimes humanity".
* ``ngram_range=(1, 2)``: bigrams ("security council", "political prisoners") separate letters
  that share vocabulary but not phrasing, and reward reused sentences, which is what a
  near-duplicate is.
* ``sublinear_tf=True`` (1 + log tf): a letter repeating "human rights" twenty times is not
  twenty times about human rights; long letters do not swamp short ones.
* ``min_df=1``, ``max_df=1.0``: corpora are small (a handful of letters, and :func:`compare_pair`
  fits on two), so no term may be pruned for being rare or common: with two letters
  ``min_df=2`` would keep only shared terms and ``max_df<1`` would drop every shared term.
  Common terms are already damped by idf (smoothed: a term in every letter keeps weight 1).
* Rows are L2-normalised, so the cosine similarity of two letters is the dot product of their
  rows; all pairs are ``X @ X.T`` on the sparse matrix, read back through its non-zeros.

A pair's shared terms are the terms with non-zero weight in both rows ranked by the product of
the two weights — the terms' contributions to the score — ties broken alphabetically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from compare.models import Letter, to_json
from compare.text import fold, is_segmented, is_word, strip_accents, tokens, word_pieces

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from compare.index import CorpusIndex

DEFAULT_THRESHOLD: float = 0.5
"""Cosine score from which a pair is a near-duplicate: the same letter, reworded in places.

Calibrated on the bundled seeds, six letters on one subject (15 pairs, idf fitted on the
six). The one letter sent to two recipients with passages reworded scores 0.8754; the 14
pairs of distinct letters score 0.1460, 0.1434, 0.1399, 0.1353, 0.1331, 0.1330, 0.1303,
0.1249, 0.1228, 0.1104, 0.1063, 0.1032, 0.0984 and 0.0924 — shared subject vocabulary, not
shared text. Midway between 0.8754 and 0.1460 is 0.51, rounded to 0.5: 0.38 of margin below
the near-duplicate, 0.35 above the closest distinct pair. With idf fitted on a pair alone
(:func:`compare_pair` without a corpus) the figures are 0.8696 and at most 0.1996, still
well apart. Checks: each seed letter against itself with its longest paragraph replaced by
an unrelated one scores 0.82-0.95 (short letters lowest), so one rewritten paragraph keeps
a near-duplicate; letters on different subjects score about 0.
"""

DEFAULT_SHARED_TERMS = 8
"""How many shared terms a pair lists by default."""


_SKIPPED_KINDS = frozenset({"closing"})


@dataclass(frozen=True, slots=True)
class SimilarPair:
    """Two letters and how alike their words are."""

    a: str
    """Key of the letter that comes first in the input order (the query for :func:`nearest`,
    the first argument for :func:`compare_pair`)."""
    b: str
    """Key of the letter that comes later in the input order (the corpus letter for
    :func:`nearest`, the second argument for :func:`compare_pair`)."""
    score: float
    """Cosine similarity of the tf-idf vectors, 0.0 (no term in common) to 1.0 (same words),
    rounded to 4 decimals."""
    near_duplicate: bool
    """``score >= threshold`` (the rounded score, so the flag agrees with what is shown)."""
    shared_terms: tuple[str, ...]
    """Terms in both letters ranked by the product of their weights (each term's share of the
    score), ties alphabetical; at most the ``shared_terms`` asked for."""


@dataclass(frozen=True, slots=True)
class SimilarityResult:
    """Every pair of a corpus that has something in common."""

    keys: tuple[str, ...]
    """The letters' keys in input order."""
    pairs: tuple[SimilarPair, ...]
    """Pairs with a (rounded) score above 0 and at least ``min_score``, sorted by
    ``(-score, a, b)``, cut to the ``top`` first when asked; a pair not listed scores 0 (or
    below ``min_score``, or was cut)."""
    threshold: float
    """The near-duplicate threshold the pairs were flagged with."""


def terms(text: str) -> list[str]:
    """The tf-idf tokens of ``text`` (already lower-cased and accent-stripped by the
    vectoriser): each word of :func:`compare.text.tokens` split at inner apostrophes, kept
    when it is one character of a script written without spaces or 2+ characters with a
    letter (``"In 2014 the G20's 人权" → ["in", "the", "g20", "人", "权"]`` before stop
    words)."""
    found: list[str] = []
    for token in tokens(text):
        if not is_word(token):
            continue
        for piece in word_pieces(token) if "'" in token or "’" in token else (token,):
            single = len(piece) == 1
            if is_segmented(piece) if single else not piece.isdigit():
                found.append(piece)
    return found


def normalise_text(text: str) -> str:
    r"""``text`` as the vectoriser reads it: :func:`compare.text.fold` (NFKC, no soft hyphens
    or zero-width characters, ASCII quotes and dashes), then underscores as spaces (so that
    ``\w`` tokens split at them)."""
    return fold(text).replace("_", " ")


def letter_text(letter: Letter) -> str:
    """The letter's own words: its paragraphs except ``closing`` ones, blank-line separated.

    Signatories, footnotes, cc, title, address and chrome are not paragraphs, so they are out;
    asks are not added because they are sentences of these paragraphs already. (The vectoriser
    reads this as one text, so a bigram may join the end of one paragraph to the start of the
    next: one noise term per paragraph, not worth a custom analyser.)
    """
    return "\n\n".join(p.text for p in letter.paragraphs if p.kind not in _SKIPPED_KINDS)


class LetterVectorizer:
    """Letters to L2-normalised tf-idf rows, in scikit-learn style.

    ``__init__`` only stores the parameters (the module docstring says why these defaults);
    ``strip_accents`` is ``"unicode"``, ``"ascii"`` or ``None`` as in scikit-learn.
    :meth:`fit` learns ``vectorizer_`` (the fitted ``TfidfVectorizer``, or ``None`` when the
    letters have no terms at all), ``vocabulary_`` (term → column) and ``terms_`` (column →
    term; columns are in alphabetical order of terms).
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 2),
        sublinear_tf: bool = True,
        stop_words: str | list[str] | None = "english",
        min_df: float | int = 1,
        max_df: float | int = 1.0,
        strip_accents: str | None = "unicode",
        lowercase: bool = True,
    ) -> None:
        self.ngram_range = ngram_range
        self.sublinear_tf = sublinear_tf
        self.stop_words = stop_words
        self.min_df = min_df
        self.max_df = max_df
        self.strip_accents = strip_accents
        self.lowercase = lowercase

    def get_params(self) -> dict[str, Any]:
        """The constructor parameters, by name."""
        names = (
            "ngram_range",
            "sublinear_tf",
            "stop_words",
            "min_df",
            "max_df",
            "strip_accents",
            "lowercase",
        )
        return {name: getattr(self, name) for name in names}

    def fit(self, letters: Sequence[Letter | str]) -> LetterVectorizer:
        """Learn the vocabulary and idf of ``letters`` (letters or texts); returns ``self``."""
        self.fit_counts(letters)
        return self

    def fit_counts(self, letters: Sequence[Letter | str]) -> csr_matrix:
        """:meth:`fit` on ``letters`` (letters or texts) and return their raw term counts:
        CSR, ``int64``, column indices sorted within each row."""
        import numpy as np

        texts = _texts(letters)
        counter = self._counter()
        try:
            counts = _canonical(counter.fit_transform(texts)).astype(np.int64)
        except ValueError:
            if any(counter.build_analyzer()(text) for text in texts):
                raise  # there were terms, so the parameters pruned them all
            self._learn(None, np.zeros(0))
            return _empty_rows(len(texts), "int64")
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        self._learn(counter, np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0)
        return counts

    def fit_transform(self, letters: Sequence[Letter | str]) -> csr_matrix:
        """:meth:`fit` on ``letters`` and return their rows, as :meth:`transform` would."""
        return self._weigh(self.fit_counts(letters))

    def transform(self, letters: Sequence[Letter | str]) -> csr_matrix:
        """One L2-normalised row per letter (or text): CSR, ``float64``, column indices sorted
        within each row. Terms unseen by :meth:`fit` are ignored; a letter without known
        terms gets an all-zero row. Raises scikit-learn's ``NotFittedError`` before
        :meth:`fit`.
        """
        from sklearn.exceptions import NotFittedError

        if not hasattr(self, "counter_"):
            raise NotFittedError("LetterVectorizer is not fitted yet; call fit first")
        if self.counter_ is None:
            return _empty_rows(len(letters))
        return self._weigh(_canonical(self.counter_.transform(_texts(letters))))

    def _weigh(self, counts: csr_matrix) -> csr_matrix:
        from scipy.sparse import csr_matrix

        from compare.index import tfidf_weights

        weights = tfidf_weights(counts.indptr, counts.indices, counts.data, self.idf_)
        return csr_matrix((weights, counts.indices.copy(), counts.indptr.copy()), counts.shape)

    def _params(self) -> dict[str, Any]:
        params = self.get_params()
        if params["strip_accents"] == "unicode":
            # scikit-learn's result for Latin, Greek and Cyrillic, faster, and keeping Indic
            # and Thai vowel signs (compare.text.strip_accents)
            params["strip_accents"] = strip_accents
        return {**params, "tokenizer": terms, "token_pattern": None}

    def _tfidf(self) -> Any:
        """scikit-learn's ``TfidfVectorizer`` with these parameters: the reference that
        :meth:`fit_transform` equals (a test checks it to 1e-12)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer(**self._params(), norm="l2", use_idf=True, smooth_idf=True)

    def _counter(self) -> Any:
        from sklearn.feature_extraction.text import CountVectorizer

        params = self._params()
        del params["sublinear_tf"]
        return CountVectorizer(**params)

    def _learn(self, counter: Any, idf: Any) -> None:
        self.counter_ = counter
        self.idf_ = idf
        self.vocabulary_: dict[str, int] = dict(counter.vocabulary_) if counter else {}
        names = counter.get_feature_names_out() if counter else ()
        self.terms_: tuple[str, ...] = tuple(str(name) for name in names)
        self.stop_words_: frozenset[str] = frozenset(
            (counter.get_stop_words() or ()) if counter else ()
        )


def compare_corpus(
    letters: Sequence[Letter],
    threshold: float = DEFAULT_THRESHOLD,
    shared_terms: int = DEFAULT_SHARED_TERMS,
    *,
    min_score: float = 0.0,
    top: int | None = None,
) -> SimilarityResult:
    """Score every pair of ``letters``, the idf fitted on them all.

    A pair is listed when its rounded score is above 0 and at least ``min_score``; ``top``
    keeps only the first ``top`` pairs of the sorted list. ``a`` is the letter earlier in
    ``letters``. Keys must be unique, as pairs name letters by key. A corpus already fitted
    answers the same through :meth:`compare.index.CorpusIndex.all_pairs`.
    Raises ``ValueError`` on duplicate keys or out-of-range arguments.
    """
    check_options(threshold, shared_terms)
    check_unique([letter.key for letter in letters])
    return fit_letters(letters).all_pairs(
        min_score=min_score, top=top, threshold=threshold, shared_terms=shared_terms
    )


def similarity_json(
    result: SimilarityResult, letters: Sequence[Letter], top: int | None = None
) -> dict[str, Any]:
    """The documented ``similarity --json`` object: the letters (key, source, part, date),
    the threshold and the first ``top`` pairs (all when ``None``)."""
    return {
        "letters": [
            {"key": x.key, "source": x.source, "part": x.part, "date": x.date} for x in letters
        ],
        "threshold": result.threshold,
        "pairs": [to_json(pair) for pair in result.pairs[:top]],
    }


def fit_letters(letters: Sequence[Letter]) -> CorpusIndex:
    """The :class:`~compare.index.CorpusIndex` of ``letters``: their :func:`letter_text`
    fitted once, rows named by key."""
    from compare.index import CorpusIndex

    return CorpusIndex.fit([letter_text(x) for x in letters], [x.key for x in letters])


def compare_pair(
    a: Letter,
    b: Letter,
    corpus: Sequence[Letter] | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    shared_terms: int = DEFAULT_SHARED_TERMS,
) -> SimilarPair:
    """How alike ``a`` and ``b`` are, whatever the score (0 included).

    The idf is fitted on ``corpus`` plus whichever of ``a`` and ``b`` is not in it (so all of
    their own terms count), or on ``a`` and ``b`` alone without a corpus. The score depends
    on that choice: a term found in every letter of the corpus weighs less.
    """
    from compare.index import CorpusIndex

    check_options(threshold, shared_terms)
    fit_on = _with_letters(corpus or (), (a, b))
    index = CorpusIndex.fit([letter_text(x) for x in fit_on], [str(n) for n in range(len(fit_on))])
    row_a, row_b = index.row(fit_on.index(a)), index.row(fit_on.index(b))
    score, shared = index.compare_rows(row_a, row_b, shared_terms)
    return make_pair(a.key, b.key, score, threshold, shared)


def nearest(
    query: Letter,
    letters: Sequence[Letter],
    top: int = 3,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    shared_terms: int = DEFAULT_SHARED_TERMS,
) -> list[SimilarPair]:
    """The ``top`` letters most like ``query`` (a draft, say), best first.

    The idf is fitted on ``letters`` plus ``query``. Letters with the query's key are skipped
    (a letter is not its own neighbour), and so are letters scoring 0. Every pair has
    ``a = query.key``; equal scores are ordered by ``b``. Against a corpus already fitted,
    :meth:`compare.index.CorpusIndex.nearest` answers without refitting.
    """
    check_options(threshold, shared_terms)
    if top < 0:
        raise ValueError(f"top must be >= 0, not {top}")
    others = [letter for letter in letters if letter.key != query.key]
    if top == 0 or not others:
        return []
    from compare.index import CorpusIndex

    texts = [letter_text(letter) for letter in (query, *others)]
    index = CorpusIndex.fit(texts, ["\0query", *(letter.key for letter in others)])
    return index.nearest(
        index.row(0),
        top,
        key=query.key,
        exclude=frozenset({"\0query"}),
        threshold=threshold,
        shared_terms=shared_terms,
    )


def make_pair(
    a: str, b: str, score: float, threshold: float, shared: tuple[str, ...]
) -> SimilarPair:
    """A :class:`SimilarPair`, flagged a near-duplicate at ``threshold``."""
    score = float(score)
    return SimilarPair(
        a=a, b=b, score=score, near_duplicate=score >= threshold, shared_terms=shared
    )


def options(threshold: float | None, shared_terms: int | None) -> tuple[float, int]:
    """``threshold`` and ``shared_terms`` with the defaults filled in, checked."""
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    shared_terms = DEFAULT_SHARED_TERMS if shared_terms is None else shared_terms
    check_options(threshold, shared_terms)
    return threshold, shared_terms


def _texts(letters: Sequence[Letter | str]) -> list[str]:
    return [
        normalise_text(item if isinstance(item, str) else letter_text(item)) for item in letters
    ]


def _canonical(matrix: Any) -> csr_matrix:
    """``matrix`` as CSR with sorted column indices (the shared-terms tie-break needs them)."""
    matrix = matrix.tocsr()
    matrix.sort_indices()
    return matrix


def _empty_rows(count: int, dtype: str = "float64") -> csr_matrix:
    from scipy.sparse import csr_matrix

    return csr_matrix((count, 0), dtype=dtype)


def _with_letters(corpus: Sequence[Letter], extra: Sequence[Letter]) -> list[Letter]:
    """``corpus`` plus the letters of ``extra`` not already in it (by equality), once each."""
    fit_on = list(corpus)
    for letter in extra:
        if letter not in fit_on:
            fit_on.append(letter)
    return fit_on


def check_unique(keys: Sequence[str]) -> None:
    """Raise ``ValueError`` when a key repeats: pairs name letters by key."""
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"duplicate letter key {key!r}: keys must be unique to compare")
        seen.add(key)


def check_options(threshold: float, shared_terms: int) -> None:
    """Raise ``ValueError`` for a threshold outside (0, 1] or negative ``shared_terms``."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be within (0, 1], not {threshold}")
    if shared_terms < 0:
        raise ValueError(f"shared_terms must be >= 0, not {shared_terms}")
