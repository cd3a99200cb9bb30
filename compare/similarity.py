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
* ``lowercase`` and ``strip_accents="unicode"``: "Vis-à-vis"/"vis-a-vis" are one term.
* Token pattern :data:`TOKEN_PATTERN`: runs of letters and digits of 2+ characters with at
  least one letter. Pure numbers (years, dates, counts of signatories, paragraph numbers) are
  dropped — they say when a letter was written, not what it says — while "75th" or "g20"
  stay. Hyphens and apostrophes split: "COVID-19" gives "covid", "Council's" gives "council".
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

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from compare.models import Letter

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

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

TOKEN_PATTERN = r"(?u)\b(?=\d*[^\W\d_])[^\W_]{2,}\b"
"""A word of 2+ letters or digits containing a letter (underscores are spaces by then)."""

_TYPOGRAPHY = {
    "\u00ad": "",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "_": " ",
}
"""Invisible characters removed; quote and dash variants to ASCII; underscores to spaces."""
_TYPOGRAPHY_RE = re.compile("|".join(map(re.escape, _TYPOGRAPHY)))
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_SKIPPED_KINDS = frozenset({"closing"})
_CHUNK = 65_536


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


def normalise_text(text: str) -> str:
    """``text`` with typographic variants made plain: NFKC, no soft hyphens or zero-width
    characters, ASCII quotes and hyphens, underscores as spaces."""
    text = unicodedata.normalize("NFKC", text)
    return _TYPOGRAPHY_RE.sub(lambda match: _TYPOGRAPHY[match.group()], text)


def strip_accents(text: str) -> str:
    """``text`` without combining marks after NFKD: the result of scikit-learn's
    ``strip_accents_unicode``, but decomposing only the non-ASCII runs (much faster on
    mostly-ASCII letters)."""
    return _NON_ASCII_RUN.sub(_strip_run, text)


def _strip_run(match: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFKD", match.group())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


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
        token_pattern: str = TOKEN_PATTERN,
        strip_accents: str | None = "unicode",
        lowercase: bool = True,
    ) -> None:
        self.ngram_range = ngram_range
        self.sublinear_tf = sublinear_tf
        self.stop_words = stop_words
        self.min_df = min_df
        self.max_df = max_df
        self.token_pattern = token_pattern
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
            "token_pattern",
            "strip_accents",
            "lowercase",
        )
        return {name: getattr(self, name) for name in names}

    def fit(self, letters: Sequence[Letter]) -> LetterVectorizer:
        """Learn the vocabulary and idf of ``letters``; returns ``self``."""
        self.fit_transform(letters)
        return self

    def fit_transform(self, letters: Sequence[Letter]) -> csr_matrix:
        """:meth:`fit` on ``letters`` and return their rows, as :meth:`transform` would."""
        texts = _texts(letters)
        vectorizer = self._tfidf()
        try:
            matrix = vectorizer.fit_transform(texts)
        except ValueError:
            if any(vectorizer.build_analyzer()(text) for text in texts):
                raise  # there were terms, so the parameters pruned them all
            self._learn(None)
            return _empty_rows(len(texts))
        self._learn(vectorizer)
        return _canonical(matrix)

    def transform(self, letters: Sequence[Letter]) -> csr_matrix:
        """One L2-normalised row per letter: CSR, ``float64``, column indices sorted within each
        row. Terms unseen by :meth:`fit` are ignored; a letter without known terms gets an
        all-zero row. Raises scikit-learn's ``NotFittedError`` before :meth:`fit`.
        """
        from sklearn.exceptions import NotFittedError

        if not hasattr(self, "vectorizer_"):
            raise NotFittedError("LetterVectorizer is not fitted yet; call fit first")
        if self.vectorizer_ is None:
            return _empty_rows(len(letters))
        return _canonical(self.vectorizer_.transform(_texts(letters)))

    def _tfidf(self) -> Any:
        from sklearn.feature_extraction.text import TfidfVectorizer

        params = self.get_params()
        if params["strip_accents"] == "unicode":
            params["strip_accents"] = strip_accents  # same result, faster
        return TfidfVectorizer(**params, norm="l2", use_idf=True, smooth_idf=True)

    def _learn(self, vectorizer: Any) -> None:
        self.vectorizer_ = vectorizer
        self.vocabulary_: dict[str, int] = dict(vectorizer.vocabulary_) if vectorizer else {}
        names = vectorizer.get_feature_names_out() if vectorizer else ()
        self.terms_: tuple[str, ...] = tuple(str(name) for name in names)


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
    ``letters``. Keys must be unique, as pairs name letters by key. The work after the
    scores grows with the pairs listed: n letters on one subject give ~n²/2 pairs, so large
    corpora want ``min_score`` or ``top``.
    Raises ``ValueError`` on duplicate keys or out-of-range arguments.
    """
    _check_options(threshold, shared_terms)
    if not 0.0 <= min_score <= 1.0:
        raise ValueError(f"min_score must be within 0..1, not {min_score}")
    if top is not None and top < 0:
        raise ValueError(f"top must be >= 0, not {top}")
    keys = tuple(letter.key for letter in letters)
    _check_unique(keys)
    if len(letters) < 2:
        return SimilarityResult(keys=keys, pairs=(), threshold=threshold)
    vectorizer = LetterVectorizer()
    matrix = vectorizer.fit_transform(letters)
    rows, cols, scores = _scored_pairs(matrix, min_score)
    order = _pair_order(keys, rows, cols, scores)[:top]
    shared = _shared_in_order(
        _SharedTerms(matrix, vectorizer.terms_, shared_terms), rows, cols, order
    )
    pairs = tuple(_pairs(keys, rows[order], cols[order], scores[order], shared, threshold))
    return SimilarityResult(keys=keys, pairs=pairs, threshold=threshold)


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
    _check_options(threshold, shared_terms)
    vectorizer = LetterVectorizer().fit(_with_letters(corpus or (), (a, b)))
    matrix = vectorizer.transform([a, b])
    score = float(_rounded(matrix[0].multiply(matrix[1]).sum()))
    shared = _SharedTerms(matrix, vectorizer.terms_, shared_terms).between(0, 1)
    return _make_pair(a.key, b.key, score, threshold, shared)


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
    ``a = query.key``; equal scores are ordered by ``b``.
    """
    _check_options(threshold, shared_terms)
    if top < 0:
        raise ValueError(f"top must be >= 0, not {top}")
    others = [letter for letter in letters if letter.key != query.key]
    if top == 0 or not others:
        return []
    vectorizer = LetterVectorizer()
    matrix = vectorizer.fit_transform([query, *others])
    scores = _rounded((matrix[1:] @ matrix[0].T).toarray().ravel()).tolist()
    ranked = sorted((-scores[n], others[n].key, n + 1) for n in range(len(others)) if scores[n])
    ranked = ranked[:top]
    explain = _SharedTerms(matrix, vectorizer.terms_, shared_terms)
    return [
        _make_pair(query.key, key, -negative, threshold, explain.between(0, row))
        for negative, key, row in ranked
    ]


class _SharedTerms:
    """The top shared terms of row pairs of one tf-idf matrix (rows with sorted indices).

    A term's product of weights is its share of the pair's cosine; the top ``limit`` products
    win, equal ones in column order, which is alphabetical as the vectoriser sorts its
    vocabulary. One row at a time is spread into a dense buffer, so each pair costs one
    gather over the other row: pass pairs grouped by their first row.
    """

    def __init__(self, matrix: csr_matrix, terms: Sequence[str], limit: int) -> None:
        import numpy as np

        self._indptr = matrix.indptr.tolist()
        self._indices, self._data = matrix.indices, matrix.data
        self._terms = terms
        self._limit = limit
        self._dense = np.zeros(matrix.shape[1])
        self._loaded: int | None = None

    def between(self, i: int, j: int) -> tuple[str, ...]:
        """The top shared terms of rows ``i`` and ``j``."""
        return self.for_pairs([i], [j])[0]

    def for_pairs(self, rows: Any, cols: Any) -> list[tuple[str, ...]]:
        """The top shared terms of each ``(rows[n], cols[n])`` (sequences or arrays of ints)."""
        if self._limit == 0:
            return [()] * len(rows)
        shared = []
        for i, j in zip(_ints(rows), _ints(cols), strict=True):
            self._load(i)
            shared.append(self._top_with(j))
        self._load(None)
        return shared

    def _row(self, i: int) -> tuple[Any, Any]:
        start, end = self._indptr[i], self._indptr[i + 1]
        return self._indices[start:end], self._data[start:end]

    def _load(self, i: int | None) -> None:
        """Make row ``i`` the dense buffer's content (``None``: all zeros)."""
        if i == self._loaded:
            return
        if self._loaded is not None:
            self._dense[self._row(self._loaded)[0]] = 0.0
        if i is not None:
            columns, weights = self._row(i)
            self._dense[columns] = weights
        self._loaded = i

    def _top_with(self, j: int) -> tuple[str, ...]:
        """The top shared terms of the loaded row and row ``j``."""
        import numpy as np

        columns, weights = self._row(j)
        products = weights * self._dense[columns]
        cut = 0.0
        if len(products) > self._limit:  # the limit-th largest product: keep it and all above
            cut = np.partition(products, -self._limit)[-self._limit]
        candidates = (products >= cut).nonzero()[0] if cut > 0 else products.nonzero()[0]
        ranked = (-products[candidates]).argsort(kind="stable")[: self._limit]
        return tuple([self._terms[column] for column in columns[candidates[ranked]].tolist()])


def _scored_pairs(matrix: csr_matrix, min_score: float) -> tuple[Any, Any, Any]:
    """Row, column and rounded score of the upper-triangle pairs kept by ``min_score``,
    grouped by row: the non-zeros of the sparse ``matrix @ matrix.T``."""
    gram = (matrix @ matrix.T).tocoo()
    upper = gram.row < gram.col
    rows, cols, scores = gram.row[upper], gram.col[upper], _rounded(gram.data[upper])
    keep = (scores > 0) & (scores >= min_score)
    return rows[keep], cols[keep], scores[keep]


def _shared_in_order(explain: _SharedTerms, rows: Any, cols: Any, order: Any) -> list[Any]:
    """Shared terms of the pairs ``order`` picks, in that order, computed in row order (the
    order of ``rows``) so that each row is loaded once."""
    import numpy as np

    by_row = np.sort(order)
    shared = explain.for_pairs(rows[by_row], cols[by_row])
    position = np.empty(len(rows), dtype=np.int64)
    position[by_row] = np.arange(len(by_row))
    return [shared[n] for n in position[order].tolist()]


def _pair_order(keys: Sequence[str], rows: Any, cols: Any, scores: Any) -> Any:
    """Indices of the pairs sorted by ``(-score, key of a, key of b)``."""
    import numpy as np

    rank = np.empty(len(keys), dtype=np.int64)
    rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    return np.lexsort((rank[cols], rank[rows], -scores))


def _rounded(values: Any) -> Any:
    """Cosine scores rounded to 4 decimals and clipped to 0..1 (float error can overshoot)."""
    import numpy as np

    return np.clip(np.round(values, 4), 0.0, 1.0)


def _pairs(
    keys: Sequence[str],
    rows: Any,
    cols: Any,
    scores: Any,
    shared: list[tuple[str, ...]],
    threshold: float,
) -> Iterator[SimilarPair]:
    """The pairs, made a chunk at a time so that only one chunk of the row, column and score
    arrays exists as Python objects at once (a corpus may have millions of pairs)."""
    for start in range(0, len(rows), _CHUNK):
        window = slice(start, start + _CHUNK)
        for i, j, score, terms in zip(
            rows[window].tolist(),
            cols[window].tolist(),
            scores[window].tolist(),
            shared[window],
            strict=True,
        ):
            yield _make_pair(keys[i], keys[j], score, threshold, terms)


def _make_pair(
    a: str, b: str, score: float, threshold: float, shared: tuple[str, ...]
) -> SimilarPair:
    score = float(score)
    return SimilarPair(
        a=a, b=b, score=score, near_duplicate=score >= threshold, shared_terms=shared
    )


def _texts(letters: Sequence[Letter]) -> list[str]:
    return [normalise_text(letter_text(letter)) for letter in letters]


def _canonical(matrix: Any) -> csr_matrix:
    """``matrix`` as CSR with sorted column indices (the shared-terms tie-break needs them)."""
    matrix = matrix.tocsr()
    matrix.sort_indices()
    return matrix


def _empty_rows(count: int) -> csr_matrix:
    from scipy.sparse import csr_matrix

    return csr_matrix((count, 0), dtype="float64")


def _ints(values: Sequence[int] | Any) -> list[int]:
    return values.tolist() if hasattr(values, "tolist") else list(values)


def _with_letters(corpus: Sequence[Letter], extra: Sequence[Letter]) -> list[Letter]:
    """``corpus`` plus the letters of ``extra`` not already in it (by equality), once each."""
    fit_on = list(corpus)
    for letter in extra:
        if letter not in fit_on:
            fit_on.append(letter)
    return fit_on


def _check_unique(keys: Sequence[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"duplicate letter key {key!r}: keys must be unique to compare")
        seen.add(key)


def _check_options(threshold: float, shared_terms: int) -> None:
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be within (0, 1], not {threshold}")
    if shared_terms < 0:
        raise ValueError(f"shared_terms must be >= 0, not {shared_terms}")


@dataclass(frozen=True)
class LetterVectors:
    """A corpus's fitted tf-idf rows as plain data, for the cache.

    Scoring two letters of the corpus from these needs no scikit-learn (whose import costs
    ~1.5 s): the dot product of two stored rows is their cosine, exactly as
    :func:`compare_pair` computes it with the idf fitted on the same corpus.
    """

    keys: tuple[str, ...]
    """Letter keys, one per row."""
    terms: tuple[str, ...]
    """Column → term."""
    rows: tuple[dict[int, float], ...]
    """Per letter: column → L2-normalised weight (non-zeros only)."""

    def pair(
        self,
        a: str,
        b: str,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        shared_terms: int = DEFAULT_SHARED_TERMS,
    ) -> SimilarPair | None:
        """The pair of letters ``a`` and ``b`` scored from the stored rows (``None`` if either
        key is not in the corpus)."""
        position = {key: index for index, key in enumerate(self.keys)}
        if a not in position or b not in position:
            return None
        row_a, row_b = self.rows[position[a]], self.rows[position[b]]
        if len(row_b) < len(row_a):
            row_a, row_b = row_b, row_a
        products = {c: w * row_b[c] for c, w in row_a.items() if c in row_b}
        score = min(max(round(sum(products.values()), 4), 0.0), 1.0)
        ranked = sorted(products, key=lambda column: (-products[column], column))
        terms = tuple(self.terms[column] for column in ranked[:shared_terms])
        return _make_pair(a, b, score, threshold, terms)


def letter_vectors(letters: Sequence[Letter]) -> LetterVectors:
    """Fit the vectoriser on ``letters`` and keep their rows as :class:`LetterVectors`."""
    vectorizer = LetterVectorizer()
    matrix = vectorizer.fit_transform(letters)
    rows = []
    for i in range(matrix.shape[0]):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        rows.append(
            dict(
                zip(
                    matrix.indices[start:end].tolist(), matrix.data[start:end].tolist(), strict=True
                )
            )
        )
    return LetterVectors(
        keys=tuple(letter.key for letter in letters), terms=vectorizer.terms_, rows=tuple(rows)
    )


@dataclass(frozen=True)
class SearchIndex:
    """A corpus's fitted tf-idf as plain arrays, to find the letters nearest a new one
    (a draft) without importing scikit-learn, whose import alone takes ~1.5 s.

    :meth:`build` fits :class:`LetterVectorizer` on the corpus (scikit-learn does the work)
    and keeps what transforming a new letter needs: the vocabulary, the idf, the stop words
    and the token pattern. :meth:`vector` then repeats scikit-learn's analysis (lowercase,
    accents stripped, tokens, stop words removed, unigrams then bigrams; sublinear tf × idf,
    L2-normalised) — a test checks it gives scikit-learn's own ``transform`` numbers. Postings
    (term → letters and weights) make a query cost the draft's terms, not the corpus's size.
    The idf is the corpus's: unlike :func:`nearest`, the query does not refit it.
    """

    keys: tuple[str, ...]
    vocabulary: dict[str, int]
    terms: tuple[str, ...]
    idf: Any
    """numpy float64 array, one per term."""
    stop_words: frozenset[str]
    token_pattern: str
    ngram_range: tuple[int, int]
    starts: Any
    """numpy int64 array: term t's postings are ``rows[starts[t]:starts[t+1]]``."""
    rows: Any
    """numpy int32 array of letter positions, ascending within each term."""
    weights: Any
    """numpy float64 array: the letter's L2-normalised weight for the term."""

    @classmethod
    def build(cls, letters: Sequence[Letter]) -> SearchIndex:
        """Fit on ``letters`` and keep the index (see the class docstring)."""
        import numpy as np

        vectorizer = LetterVectorizer()
        matrix = vectorizer.fit_transform(letters).tocsc()
        fitted = vectorizer.vectorizer_
        return cls(
            keys=tuple(letter.key for letter in letters),
            vocabulary=dict(vectorizer.vocabulary_),
            terms=vectorizer.terms_,
            idf=np.asarray(fitted.idf_ if fitted else [], dtype=np.float64),
            stop_words=frozenset(fitted.get_stop_words() or ()) if fitted else frozenset(),
            token_pattern=vectorizer.token_pattern,
            ngram_range=vectorizer.ngram_range,
            starts=matrix.indptr.astype(np.int64),
            rows=matrix.indices.astype(np.int32),
            weights=matrix.data.astype(np.float64),
        )

    def analyze(self, text: str) -> list[str]:
        """The terms of ``text`` as the fitted vectoriser sees them."""
        tokens = re.findall(self.token_pattern, strip_accents(normalise_text(text).lower()))
        tokens = [token for token in tokens if token not in self.stop_words]
        low, high = self.ngram_range
        terms = list(tokens) if low == 1 else []
        for n in range(max(low, 2), min(high, len(tokens)) + 1):
            terms += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        return terms

    def vector(self, letter: Letter) -> dict[int, float]:
        """The letter's L2-normalised tf-idf row over the corpus's vocabulary."""
        import math

        counts: dict[int, int] = {}
        for term in self.analyze(letter_text(letter)):
            column = self.vocabulary.get(term)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        row = {c: (1.0 + math.log(n)) * float(self.idf[c]) for c, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in row.values()))
        return {c: w / norm for c, w in row.items()} if norm else {}

    def nearest(
        self,
        query: Letter,
        top: int = 3,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        shared_terms: int = DEFAULT_SHARED_TERMS,
    ) -> list[SimilarPair]:
        """The ``top`` letters most like ``query``, best first (ties by key), as
        :func:`nearest` returns them; letters with the query's key are skipped."""
        import numpy as np

        row = self.vector(query)
        scores = np.zeros(len(self.keys))
        for column, weight in row.items():
            start, end = self.starts[column], self.starts[column + 1]
            scores[self.rows[start:end]] += weight * self.weights[start:end]
        scores = _rounded(scores)
        scores[[n for n, key in enumerate(self.keys) if key == query.key]] = 0.0
        positive = np.flatnonzero(scores > 0)
        if 0 < top < len(positive):  # keep the top scores and every tie with the last of them
            cut = np.partition(scores[positive], len(positive) - top)[len(positive) - top]
            positive = positive[scores[positive] >= cut]
        order = sorted((-float(scores[n]), self.keys[n], int(n)) for n in positive)[:top]
        return [
            _make_pair(query.key, key, -negative, threshold, self._shared(row, n, shared_terms))
            for negative, key, n in order
        ]

    def _shared(self, row: dict[int, float], letter: int, limit: int) -> tuple[str, ...]:
        import numpy as np

        products = {}
        for column, weight in row.items():
            start, end = self.starts[column], self.starts[column + 1]
            found = int(np.searchsorted(self.rows[start:end], letter))
            if found < end - start and self.rows[start + found] == letter:
                products[column] = weight * float(self.weights[start + found])
        ranked = sorted(products, key=lambda column: (-products[column], column))
        return tuple(self.terms[column] for column in ranked[:limit])
