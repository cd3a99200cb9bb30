"""How alike letters are: tf-idf vectors of their own words, cosine scores, shared terms.

In: parsed :class:`~compare.models.Letter` objects (only ``paragraphs`` and ``key`` are read).
Out: :class:`SimilarityResult` (every pair of a corpus) or :class:`SimilarPair` (one pair, or a
query against a corpus). Nothing here imports scikit-learn (about 1.2 s and 120 MB): the
vectoriser follows scikit-learn's rules in numpy (:mod:`compare.counting`), and a test checks
it against scikit-learn itself; numpy and scipy are imported inside functions, so
``import compare.similarity`` stays cheap.

What is compared (:func:`letter_text`): the paragraphs of the letter — body, headings and list
items — but not ``closing`` paragraphs ("Sincerely,"), signatories, footnotes, cc, title,
address or page chrome. Two letters signed by different people but saying the same thing are
the same letter here; two letters signed by the same coalition but saying different things are
not. Asks are sentences of those paragraphs already, so they are not added again (that would
weight asks double and reward letters for the parser's ask detection rather than their words).

How the text becomes a vector (:class:`LetterVectorizer`, scikit-learn's ``TfidfVectorizer`` with
these parameters, to 1e-12):

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
* Paragraph by paragraph (:class:`ParagraphAnalyzer`): the text is cut at blank lines
  (:data:`PARAGRAPH_BREAK`, how :func:`letter_text` joins paragraphs) and each paragraph is
  analysed on its own, so no bigram joins the last word of one paragraph to the first of the
  next ("rights" ending one and "north" opening the next never make "rights north"): such a
  term is no phrase of the letter, yet it would count towards a score and could be listed as
  a shared term. The words themselves are untouched: only the n-grams stop at the break.
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

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, overload

from compare.models import Letter
from compare.text import fold, is_segmented, is_word, strip_accents, tokens, word_pieces

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from compare.counting import Analyzer, TermCounts
    from compare.index import CorpusIndex

DEFAULT_THRESHOLD: float = 0.5
"""Cosine score from which a pair is a near-duplicate: the same letter, reworded in places.

Calibrated on the bundled seeds, six letters on one subject (15 pairs, idf fitted on the
six). The one letter sent to two recipients with passages reworded scores 0.8822; the 14
pairs of distinct letters score 0.1480, 0.1454, 0.1424, 0.1374, 0.1364, 0.1353, 0.1334,
0.1269, 0.1248, 0.1126, 0.1087, 0.1051, 0.1002 and 0.0944 — shared subject vocabulary, not
shared text. Midway between 0.8822 and 0.1480 is 0.52, rounded to 0.5: 0.38 of margin below
the near-duplicate, 0.35 above the closest distinct pair. With idf fitted on a pair alone
(:func:`compare_pair` without a corpus) the figures are 0.8765 and at most 0.2018, still
well apart. Checks: each seed letter against itself with its longest paragraph replaced by
an unrelated one scores 0.84-0.95 (short letters lowest), so one rewritten paragraph keeps
a near-duplicate; letters on different subjects score about 0. (Figures with bigrams kept
within paragraphs; with the bridging bigrams of earlier versions they were 0.8754, 0.1460,
0.8696 and 0.1996.)
"""

DEFAULT_SHARED_TERMS = 8
"""How many shared terms a pair lists by default."""


PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\u2029")
"""Where one paragraph of a text ends and the next begins: a blank line (white space
between two line ends) or U+2029 PARAGRAPH SEPARATOR. No n-gram spans it."""

_SKIPPED_KINDS = frozenset({"closing"})

_ASCII_TERM = re.compile(r"\b(?!\d+\b)\w\w+", re.ASCII)
r"""The terms of ASCII text: :func:`compare.text.tokens` cuts its words as runs of ``\w``
joined by inner apostrophes, and :func:`terms` splits them at the apostrophes and keeps the
pieces of 2+ characters that are not all digits: so, every whole run of ``\w`` that is."""


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
    total: int | None = None
    """How many pairs scored above 0 and at least ``min_score`` before the ``top`` cut
    (``None`` when not counted: then ``pairs`` is all of them)."""


def terms(text: str) -> list[str]:
    """The tf-idf tokens of ``text`` (already lower-cased and accent-stripped by the
    vectoriser): each word of :func:`compare.text.tokens` split at inner apostrophes, kept
    when it is one character of a script written without spaces or 2+ characters with a
    letter (``"In 2014 the G20's 人权" → ["in", "the", "g20", "人", "权"]`` before stop
    words)."""
    if text.isascii():  # the same terms, by one regular expression (a test checks it)
        return _ASCII_TERM.findall(text)
    return token_terms(text)


def token_terms(text: str) -> list[str]:
    """:func:`terms` token by token, for any script (what the ASCII shortcut must equal)."""
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
    asks are not added because they are sentences of these paragraphs already. The blank line
    is a :data:`PARAGRAPH_BREAK`: the vectoriser forms no bigram across it.
    """
    return "\n\n".join(p.text for p in letter.paragraphs if p.kind not in _SKIPPED_KINDS)


def paragraphs_of(text: str) -> list[str]:
    """``text`` cut at each :data:`PARAGRAPH_BREAK` (empty pieces kept: they hold no term)."""
    return PARAGRAPH_BREAK.split(text)


class ParagraphAnalyzer:
    """A word analyser applied to each paragraph of a text on its own (see the module
    docstring): ``words`` is scikit-learn's word analyser (lower case, accents, tokens, stop
    words, n-grams); the terms are each paragraph's in turn, so no n-gram crosses a
    :data:`PARAGRAPH_BREAK`."""

    def __init__(self, words: Callable[[str], list[str]]) -> None:
        self.words = words

    def __call__(self, text: str) -> list[str]:
        return [term for part in paragraphs_of(text) for term in self.words(part)]

    def word_runs(self, text: str) -> list[list[str]]:
        """Each paragraph's unigrams (``words`` must be an :class:`~compare.counting.Analyzer`):
        what :func:`compare.counting.count_terms` counts as word pairs."""
        from compare.counting import Analyzer

        if not isinstance(self.words, Analyzer):
            raise TypeError("word runs need the package's own word analyser")
        return [self.words.words(part) for part in paragraphs_of(text)]


class NotFittedError(ValueError, AttributeError):
    """:meth:`LetterVectorizer.transform` before :meth:`LetterVectorizer.fit` (a
    ``ValueError`` and an ``AttributeError``, as scikit-learn's error of that name)."""


class LetterVectorizer:
    """Letters to L2-normalised tf-idf rows, in scikit-learn style, in numpy alone
    (:mod:`compare.counting`: scikit-learn's ``TfidfVectorizer`` with these parameters, which
    a test checks it equals to 1e-12).

    ``__init__`` only stores the parameters (the module docstring says why these defaults);
    ``strip_accents`` is ``"unicode"``, ``"ascii"``, ``None`` or a function, and
    ``stop_words`` ``"english"`` (``data/stopwords.toml``, scikit-learn's list), a list or
    ``None``, as in scikit-learn. :meth:`fit` learns ``analyzer_`` (the
    :class:`ParagraphAnalyzer` of a :class:`~compare.counting.Analyzer`, or ``None`` when the
    letters have no terms at all), ``vocabulary_`` (term → column), ``terms_`` (column →
    term; columns are in alphabetical order; a :class:`~compare.termtable.TermTable`, equal
    to the tuple of the terms), ``stop_words_`` and ``idf_``.
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 2),
        sublinear_tf: bool = True,
        stop_words: str | list[str] | None = "english",
        min_df: float | int = 1,
        max_df: float | int = 1.0,
        strip_accents: str | Callable[[str], str] | None = "unicode",
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
        self.fit_term_counts(letters)
        return self

    def fit_term_counts(self, letters: Sequence[Letter | str]) -> TermCounts:
        """:meth:`fit` on ``letters`` (letters or texts) and return their raw term counts as
        numpy arrays (:class:`~compare.counting.TermCounts`; imports neither scikit-learn nor
        scipy). Raises ``ValueError`` for parameters out of range, or when ``min_df`` and
        ``max_df`` prune every term."""
        import numpy as np

        from compare.counting import TermCounts, check_ngram_range, count_terms, document_bound

        check_ngram_range(self.ngram_range)
        texts = _texts(letters)
        document_bound(self.min_df, len(texts), "min_df")  # out of range: raise now
        document_bound(self.max_df, len(texts), "max_df")
        words = self._analyzer()
        analyzer = ParagraphAnalyzer(words)
        try:
            as_pairs = self.ngram_range in ((1, 1), (1, 2))
            terms, counts = count_terms(
                texts,
                analyzer,
                self.min_df,
                self.max_df,
                runs=analyzer.word_runs if as_pairs else None,
                bigrams=self.ngram_range == (1, 2),
            )
        except ValueError:
            if any(analyzer(text) for text in texts):
                raise  # there were terms, so the parameters pruned them all (or are wrong)
            self._learn(None, (), np.zeros(0), words)
            empty = np.zeros(0, dtype=np.int64)
            return TermCounts(np.zeros(len(texts) + 1, dtype=np.int64), empty, empty, 0)
        df = np.bincount(counts.indices, minlength=len(terms))
        self._learn(analyzer, terms, np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0, words)
        return counts

    def fit_counts(self, letters: Sequence[Letter | str]) -> csr_matrix:
        """:meth:`fit_term_counts` as a scipy CSR matrix: ``int64``, column indices sorted
        within each row."""
        return _csr(self.fit_term_counts(letters), "int64")

    def fit_transform(self, letters: Sequence[Letter | str]) -> csr_matrix:
        """:meth:`fit` on ``letters`` and return their rows, as :meth:`transform` would."""
        return self._weigh(self.fit_term_counts(letters))

    def transform(self, letters: Sequence[Letter | str]) -> csr_matrix:
        """One L2-normalised row per letter (or text): CSR, ``float64``, column indices sorted
        within each row. Terms unseen by :meth:`fit` are ignored; a letter without known
        terms gets an all-zero row. Raises :class:`NotFittedError` before :meth:`fit`.
        """
        from compare.counting import count_known

        if not hasattr(self, "analyzer_"):
            raise NotFittedError("LetterVectorizer is not fitted yet; call fit first")
        if self.analyzer_ is None:
            return _empty_rows(len(letters))
        return self._weigh(count_known(_texts(letters), self.analyzer_, self.vocabulary_))

    def _weigh(self, counts: TermCounts) -> csr_matrix:
        from scipy.sparse import csr_matrix

        from compare.index import tfidf_weights

        weights = tfidf_weights(counts.indptr, counts.indices, counts.data, self.idf_)
        return csr_matrix((weights, counts.indices, counts.indptr), counts.shape)

    def _analyzer(self) -> Analyzer:
        """The :class:`~compare.counting.Analyzer` of one paragraph these parameters
        describe (the texts' is :class:`ParagraphAnalyzer` of it). Raises ``ValueError`` for
        an unknown ``strip_accents`` or ``stop_words`` name."""
        from compare.counting import Analyzer, strip_accents_ascii

        accents = self.strip_accents
        if accents == "unicode":
            # scikit-learn's result for Latin, Greek and Cyrillic, faster, and keeping Indic
            # and Thai vowel signs (compare.text.strip_accents)
            accents = strip_accents
        elif accents == "ascii":
            accents = strip_accents_ascii
        elif isinstance(accents, str):
            raise ValueError(f"strip_accents must be 'unicode', 'ascii' or None, not {accents!r}")
        stop = self.stop_words
        if stop == "english":
            stop_words = english_stop_words()
        elif isinstance(stop, str):
            raise ValueError(f"not a built-in stop list: {stop}")
        else:
            stop_words = frozenset(stop or ())
        return Analyzer(
            tokenizer=terms,
            lowercase=self.lowercase,
            strip_accents=accents,
            stop_words=stop_words,
            ngram_range=self.ngram_range,
        )

    def _tfidf(self) -> Any:
        """scikit-learn's ``TfidfVectorizer`` with these parameters, reading each paragraph on
        its own (:class:`ParagraphAnalyzer`): the reference that :meth:`fit_transform` equals
        (a test checks it to 1e-12). Only the tests call it: scikit-learn is in the ``test``
        extra, not a dependency."""
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

        params = self.get_params()
        del params["sublinear_tf"]
        if params["strip_accents"] == "unicode":
            params["strip_accents"] = strip_accents
        words = CountVectorizer(**params, tokenizer=terms, token_pattern=None)
        return TfidfVectorizer(
            analyzer=ParagraphAnalyzer(words.build_analyzer()),
            min_df=self.min_df,
            max_df=self.max_df,
            sublinear_tf=self.sublinear_tf,
            norm="l2",
            use_idf=True,
            smooth_idf=True,
        )

    def _learn(
        self, analyzer: ParagraphAnalyzer | None, found: Sequence[str], idf: Any, words: Analyzer
    ) -> None:
        self.analyzer_ = analyzer
        self.idf_ = idf
        from compare.termtable import TermTable

        self.terms_: Sequence[str] = found if isinstance(found, TermTable) else tuple(found)
        self._vocabulary: dict[str, int] | None = None
        self.stop_words_: frozenset[str] = words.stop_words

    @property
    def vocabulary_(self) -> dict[str, int]:
        """Term → column, made on first use (a large corpus's fit does not need it, and it
        would hold a Python int and a dict entry per term). Raises :class:`NotFittedError`
        before :meth:`fit`."""
        if not hasattr(self, "terms_"):
            raise NotFittedError("LetterVectorizer is not fitted yet; call fit first")
        if self._vocabulary is None:
            self._vocabulary = {term: n for n, term in enumerate(self.terms_)}
        return self._vocabulary


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset[str]:
    """The English stop words of ``data/stopwords.toml``: scikit-learn's
    ``ENGLISH_STOP_WORDS`` (a test checks they are the same 318 words)."""
    from compare.datafiles import load_data, word_lists

    return frozenset(word_lists(load_data("stopwords"), "stop_words")["en"])


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
    result: SimilarityResult, letters: Sequence[Letter], min_score: float = 0.0
) -> dict[str, Any]:
    """The documented ``similarity --json`` object: the letters (key, source, part, date),
    the threshold, the score floor, how many pairs scored (``pairs_total``) and how many are
    listed (``pairs_shown``), and the listed pairs, best first."""
    total = result.total if result.total is not None else len(result.pairs)
    head = _json_head(letters, result.threshold, min_score, total, len(result.pairs))
    return {**head, "pairs": [pair_json(pair) for pair in result.pairs]}


def similarity_json_text(
    letters: Sequence[Letter],
    threshold: float,
    min_score: float,
    total: int,
    shown: int,
    pairs: Iterable[SimilarPair],
) -> Iterator[str]:
    """The ``similarity --json`` document, as :func:`similarity_json` gives it and
    ``json.dumps(..., indent=2, ensure_ascii=False)`` writes it, in pieces: the pairs are
    written as ``pairs`` yields them (see :meth:`~compare.index.CorpusIndex.ranked_pairs`),
    so a document of every pair of a large corpus is never held whole. ``shown`` is how
    many ``pairs`` will yield."""
    head = _json_head(letters, threshold, min_score, total, shown)
    text = json.dumps({**head, "pairs": []}, ensure_ascii=False, indent=2)
    yield text.removesuffix("[]\n}") + "["
    first = True
    for pair in pairs:
        yield ("\n" if first else ",\n") + _pair_text(pair)
        first = False
    yield "]\n}" if first else "\n  ]\n}"


def _pair_text(pair: SimilarPair) -> str:
    """``json.dumps(pair_json(pair), indent=2)`` indented 4 more, as a pair stands in the
    ``pairs`` array; built from scalars because the json module's C encoder does not indent
    (a test checks the two agree)."""

    def text(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    terms = (
        "[\n" + ",\n".join(f"        {text(t)}" for t in pair.shared_terms) + "\n      ]"
        if pair.shared_terms
        else "[]"
    )
    return (
        f'    {{\n      "a": {text(pair.a)},\n      "b": {text(pair.b)},\n'
        f'      "score": {text(pair.score)},\n'
        f'      "near_duplicate": {text(pair.near_duplicate)},\n'
        f'      "shared_terms": {terms}\n    }}'
    )


def _json_head(
    letters: Sequence[Letter], threshold: float, min_score: float, total: int, shown: int
) -> dict[str, Any]:
    return {
        "letters": [
            {"key": x.key, "source": x.source, "part": x.part, "date": x.date} for x in letters
        ],
        "threshold": threshold,
        "min_score": min_score,
        "pairs_total": total,
        "pairs_shown": shown,
    }


def pair_json(pair: SimilarPair) -> dict[str, Any]:
    """One pair as ``similarity --json`` and ``--jsonl`` print it: what
    :func:`~compare.models.to_json` gives, built directly (this runs once per pair, and a
    large corpus has hundreds of thousands)."""
    return {
        "a": pair.a,
        "b": pair.b,
        "score": pair.score,
        "near_duplicate": pair.near_duplicate,
        "shared_terms": list(pair.shared_terms),
    }


def fit_letters(letters: Sequence[Letter]) -> CorpusIndex:
    """The :class:`~compare.index.CorpusIndex` of ``letters``: their :func:`letter_text`
    fitted once, rows named by key."""
    from compare.index import CorpusIndex

    return CorpusIndex.fit(TextsOf(letters, letter_text), [x.key for x in letters])


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
    exclude: frozenset[str] = frozenset(),
) -> list[SimilarPair]:
    """The ``top`` letters most like ``query`` (a draft, say), best first.

    The idf is fitted on ``letters`` plus ``query``. Letters with the query's key are skipped
    (a letter is not its own neighbour), and so are letters scoring 0 and those whose key is
    in ``exclude`` (their words still count in the idf). Every pair has
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
        exclude=frozenset({"\0query"}) | exclude,
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


class TextsOf(Sequence[str]):
    """``items`` seen through ``text`` (a text per item), each text made when read: a corpus's
    text is not held a second time while it is fitted. Indexing, slicing, iteration and
    ``len`` as the list ``[text(x) for x in items]``."""

    def __init__(self, items: Sequence[Any], text: Callable[[Any], str]) -> None:
        self.items = items
        self.text = text

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[str]:
        return map(self.text, self.items)

    @overload
    def __getitem__(self, n: int) -> str: ...

    @overload
    def __getitem__(self, n: slice) -> Sequence[str]: ...

    def __getitem__(self, n: int | slice) -> str | Sequence[str]:
        if isinstance(n, slice):
            return [self.text(x) for x in self.items[n]]
        return self.text(self.items[n])


def _normalised(item: Letter | str) -> str:
    return normalise_text(item if isinstance(item, str) else letter_text(item))


def _texts(letters: Sequence[Letter | str]) -> Sequence[str]:
    return TextsOf(letters, _normalised)


def _csr(counts: TermCounts, dtype: str) -> csr_matrix:
    from scipy.sparse import csr_matrix

    return csr_matrix((counts.data.astype(dtype), counts.indices, counts.indptr), counts.shape)


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
