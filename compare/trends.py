"""What a corpus shows about change over time: themes by year, recurring asks, rising and
falling terms, each letter's distinctive terms, and who keeps signing.

In: parsed :class:`~compare.models.Letter` objects (any order; keys unique) and, for the theme
grid, the :class:`~compare.themes.Taxonomy` they were tagged with. Out: frozen dataclasses
below, one per section of the corpus report, and :class:`CorpusTrends` bundling them. The
functions are pure: nothing is read from disk and nothing is cached, so they can run on any
slice of a corpus. A letter's year is the first four digits of its ISO ``date``; a letter
without a date is *undated*. "Date order" is ``(date, key)`` with undated letters last
(ordered by key). The section functions and :func:`corpus_trends` raise ``ValueError`` on
duplicate letter keys.

Theme grid (:func:`theme_year_grid`)
    One column per year that has a dated letter (years without letters are not filled in),
    one row per theme that occurs in a dated letter's asks or ``themes``. Rows follow the
    taxonomy; a slug the taxonomy does not know (letters tagged with another taxonomy) comes
    after them, alphabetically, labelled with its slug. ``counts`` counts asks (an ask tagged
    with three themes counts once in each row), ``letters_with_theme`` counts letters.

Ask lineage (:func:`ask_lineage`)
    1. Every ask of every letter is compared in its normalised form (:func:`compare.alignment.
       normalize`, case and punctuation ignored); asks with the same normalised text are one
       *wording*. An ask repeated verbatim within one letter counts once.
    2. Candidate pairs of wordings are *blocked*. A wording's keys are its content words
       (3+ letters, not in a short list of function words) and the bigrams of consecutive
       content words; its *signature* is its :data:`SIGNATURE_KEYS` rarest bigrams plus its
       :data:`SIGNATURE_KEYS` rarest words, counting only keys that another wording shares
       and that at most :data:`BLOCK_CAP_SHARE` of the wordings (or :data:`BLOCK_MIN_CAP`)
       use. A pair is a candidate when the signature of either holds a key of the other.
       Bigrams first, because a reworded ask keeps most of its bigrams while the words it
       gained are rare and would crowd out its own in a signature of words alone.
       Candidates are scored with the measure of :func:`compare.alignment.similarity_matrix`
       (word-level normalised Indel similarity, 0..1, 4 decimals — the same numbers, a test
       checks; the words are spelt one character each so that rapidfuzz reads every ask
       once and skips pairs below the cut-off by their lengths).
    3. Average-link clustering: starting from the wordings, the two clusters with the
       highest mean pairwise similarity of their asks are merged while that mean is at least
       ``threshold``, never merging two clusters that hold asks of the same letter (so a
       thread has at most one ask per letter; when two asks of a letter match, the more
       similar pair merges first and the other is kept out). In the means, pairs never
       compared and pairs scoring under half the threshold count as 0, so a thread can
       drift (A like B, B like C, A less like C) but not chain through one shared ask.
    4. A thread is a cluster with asks of at least two letters; its appearances are in date
       order. ``wording`` is ``same`` when an appearance's text equals the previous one's
       after dropping case, punctuation and spaces (which also forgives words run together
       by PDF extraction), else ``reworded``; the first is ``first``. ``verb_trend`` reads
       the ladder ranks (:func:`compare.reading.asks.verb_strength`) of the appearances that have
       one: all equal ``steady``, never falling ``escalated``, never rising ``softened``,
       both ``mixed``; fewer than two ranks ``None``. ``dropped`` is true when the thread's
       last dated appearance is older than the corpus's latest dated letter, whoever that
       letter was written to (undated appearances prove nothing either way).

    Limits: a reworded ask sharing no signature key with its earlier wording is never
    compared (a paraphrase; on a generated corpus every pair scoring 0.6 or more was found,
    and 99 % of those scoring 0.45 or more, the misses being pairs alike mostly by a shared
    opening frame); the threshold is on surface wording, so the same demand phrased anew is
    a new thread, and two different short asks inside one long opening formula (the same
    twenty words of who the writers are, then a different request) can meet.
    Cost, for *n* asks of *w* words and *u* distinct wordings: tokenising O(n·w); blocking
    O(u·k·log) plus the postings it visits, bounded by the cap; scoring O(c·w²/64) for *c*
    candidate pairs (rapidfuzz's bit-parallel Indel, in C); clustering O(e·log e) heap
    operations for the *e* pairs kept, plus the neighbours of each merged cluster, after
    dropping pairs between components of the graph of pairs over the threshold (no merge can
    cross them). Identical wordings are one node, so a corpus repeating one boilerplate ask
    costs one wording, not n² pairs; many distinct rewordings of one popular ask are
    inherently quadratic in their number. Measured (one core): the seeds' 60 asks take
    milliseconds; 1,000 generated letters (~15,000 asks, 195,000 pairs over the threshold)
    take ~4-5 s to block and score and ~3.5 s to cluster.

Term trends (:func:`term_trends`)
    One document per year (the :func:`compare.similarity.letter_text` of that year's letters,
    concatenated) is vectorised with :class:`compare.similarity.LetterVectorizer` (tf-idf,
    idf over years, rows L2-normalised). A term's ``change`` is the least-squares slope of its
    weight over the calendar years times the span of years: the fitted rise (or fall) from
    the first year to the last. Only terms used by at least :data:`MIN_TERM_LETTERS` dated
    letters take part — a term of a single letter tells about that letter, not the corpus
    (near-duplicate letters still count twice) — and only when ``change`` is at least
    :data:`MIN_RELATIVE_CHANGE` of the term's largest yearly weight (a steady term's weight
    wobbles with the length of each year's document). A unigram is skipped when a bigram listed
    above it contains it, and a bigram when both its words are listed above it. Fewer
    than two dated years give empty lists.

Distinctive terms (:func:`distinctive_terms`)
    Each letter's highest tf-idf terms, the vectoriser fitted on all the letters given (so
    terms of every letter weigh least); ties alphabetical; the same unigram/bigram rule.

Coalition (:func:`coalition`)
    Signatories are matched by :attr:`~compare.models.Signatory.key` (empty keys ignored);
    ``name`` and ``kind`` are those of the most recent letter they signed, ``country`` the
    most recent one given. ``core`` signed at least half the letters and at least two.
    The *latest* letters are the dated letters of the latest date (a letter sent on one day
    to several recipients is one step in time); *earlier* letters are the other dated ones.
    ``newcomers`` signed a latest letter and no earlier one, ``leavers`` an earlier letter
    and no latest one; both are empty without an earlier letter. Undated letters count for
    ``signed``, ``count`` and ``core`` only.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from compare.alignment import NormalizeOptions, normalize, similarity_matrix
from compare.models import Letter, Paragraph, SignatoryKind
from compare.reading.asks import verb_strength
from compare.similarity import LetterVectorizer, letter_text
from compare.themes import Taxonomy

DEFAULT_LINEAGE_THRESHOLD = 0.45
"""Mean word similarity from which asks of different letters are one thread."""
SIGNATURE_KEYS = 4
"""How many of its rarest bigrams, and as many of its rarest words, a wording probes with."""
BLOCK_CAP_SHARE = 0.05
"""A blocking key used by more than this share of the wordings is too common to probe…"""
BLOCK_MIN_CAP = 200
"""… unless it is used by at most this many."""
MIN_TERM_LETTERS = 2
"""How many dated letters must use a term for it to rise or fall."""
MIN_RELATIVE_CHANGE = 0.25
"""A term rises or falls only when its ``change`` is at least this share of its largest
yearly weight: a term used alike every year still wobbles as the years' documents differ in
length and vocabulary (L2 normalisation), by about a tenth of its weight."""
LABEL_CHARS = 120
"""A thread's label is its earliest wording cut to about this many characters."""

Wording = Literal["first", "same", "reworded"]
VerbTrend = Literal["escalated", "softened", "steady", "mixed"]

_COMPARE = NormalizeOptions(ignore_case=True, ignore_punctuation=True)
_TOKEN = re.compile(r"\w+|[^\w\s]")
"""A word as :mod:`compare.alignment` splits text for its similarity."""
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_YEAR = re.compile(r"\d{4}")
_FUNCTION_WORDS = frozenset(
    {
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "among",
        "and",
        "any",
        "are",
        "as",
        "because",
        "been",
        "before",
        "being",
        "both",
        "but",
        "can",
        "could",
        "did",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "either",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "including",
        "into",
        "its",
        "itself",
        "may",
        "more",
        "most",
        "must",
        "not",
        "now",
        "off",
        "once",
        "only",
        "other",
        "ought",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "shall",
        "she",
        "should",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "too",
        "under",
        "until",
        "upon",
        "very",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "you",
        "your",
        "yours",
    }
)
_EPSILON = 1e-9
_ROUNDING = 1e-4


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class ThemeRow:
    """One theme across the years of a :class:`ThemeGrid`."""

    slug: str
    """The theme's slug."""
    label: str
    """The taxonomy's label for it (the slug itself when the taxonomy lacks it)."""
    counts: tuple[int, ...]
    """Asks tagged with the theme in the letters of each year, aligned with ``years``."""
    letters_with_theme: tuple[int, ...]
    """Letters of each year whose ``themes`` include it, aligned with ``years``."""


@dataclass(frozen=True)
class ThemeGrid:
    """Themes by year: how the asks changed over the years."""

    years: tuple[int, ...]
    """Years that have at least one dated letter, ascending."""
    letters: tuple[int, ...]
    """Dated letters of each year, aligned with ``years``."""
    asks: tuple[int, ...]
    """Asks of those letters, aligned with ``years`` (the denominators of ``counts``)."""
    rows: tuple[ThemeRow, ...]
    """One row per theme that occurs, taxonomy order, unknown slugs after them A-Z."""
    undated: int
    """Letters left out for having no date."""


@dataclass(frozen=True)
class AskAppearance:
    """One ask of one letter in an :class:`AskThread`."""

    key: str
    """The letter's key."""
    date: str | None
    """The letter's ISO date, ``None`` when undated."""
    index: int
    """Position of the ask in the letter's ``asks`` (0-based)."""
    text: str
    """The ask as the letter words it."""
    verb: str | None
    """The ask's verb (ladder lemma or modal), as parsed."""
    strength: int | None
    """The verb's rank on the request ladder, ``None`` when it has none."""
    wording: Wording
    """``first`` for the thread's first appearance; ``same`` when the text equals the previous
    appearance's once case, punctuation and spaces are dropped; else ``reworded``."""
    similarity: float
    """Word similarity (0..1) to the previous appearance's text; 1.0 for the first."""


@dataclass(frozen=True)
class AskThread:
    """An ask that recurs across letters."""

    label: str
    """The earliest wording, cut to about :data:`LABEL_CHARS` characters on a word boundary
    ("…" marks a cut)."""
    appearances: tuple[AskAppearance, ...]
    """At least two, one per letter, in date order (undated last)."""
    first_seen: str | None
    """Date of the earliest dated appearance, ``None`` when all are undated."""
    last_seen: str | None
    """Date of the latest dated appearance, ``None`` when all are undated."""
    dropped: bool
    """``last_seen`` is before the latest date of any letter in the corpus."""
    verb_trend: VerbTrend | None
    """How the verb's ladder rank moved along the appearances (see the module docstring);
    ``None`` when fewer than two appearances have a ranked verb."""


@dataclass(frozen=True)
class TermTrend:
    """One term's weight across the years."""

    term: str
    """The term (a word or a two-word phrase, as the vectoriser writes it)."""
    first_year: int
    """First year in which it is used."""
    last_year: int
    """Last year in which it is used."""
    weights: tuple[float, ...]
    """Its tf-idf weight in each year's document, aligned with ``TermTrends.years``
    (4 decimals)."""
    change: float
    """Least-squares slope of ``weights`` per calendar year times the span of the years:
    positive rising, negative falling (4 decimals)."""
    letters: int
    """Dated letters that use it."""


@dataclass(frozen=True)
class TermTrends:
    """Terms rising and falling across the years: how the language changed."""

    years: tuple[int, ...]
    """Years that have at least one dated letter, ascending."""
    rising: tuple[TermTrend, ...]
    """Largest positive ``change`` first, ties alphabetical; at most ``top``."""
    falling: tuple[TermTrend, ...]
    """Largest negative ``change`` first, ties alphabetical; at most ``top``."""


@dataclass(frozen=True)
class Member:
    """One signatory across the letters of a :class:`Coalition`."""

    key: str
    """The signatory key that matches them across letters."""
    name: str
    """Their name as the most recent letter they signed spells it."""
    kind: SignatoryKind
    """``organization`` or ``individual``, from that same letter."""
    country: str | None
    """The most recent country given for them, ``None`` if never given."""
    signed: tuple[bool, ...]
    """Whether they signed each letter, aligned with ``Coalition.letters``."""
    count: int
    """How many of the letters they signed."""


@dataclass(frozen=True)
class Coalition:
    """Who signed what: the coalition over time."""

    letters: tuple[str, ...]
    """Letter keys in date order, undated last."""
    members: tuple[Member, ...]
    """Every signatory, sorted by ``(-count, name)`` (case-insensitive, then key)."""
    core: tuple[str, ...]
    """Keys of members who signed at least half the letters and at least two, in
    ``members`` order."""
    newcomers: tuple[str, ...]
    """Keys of members who signed a letter of the latest date and no earlier dated letter."""
    leavers: tuple[str, ...]
    """Keys of members who signed an earlier dated letter and no letter of the latest date."""


@dataclass(frozen=True)
class CorpusTrends:
    """Everything the corpus report's trend sections show, from one call."""

    themes: ThemeGrid
    """:func:`theme_year_grid`."""
    lineage: tuple[AskThread, ...]
    """:func:`ask_lineage` with the default threshold."""
    terms: TermTrends
    """:func:`term_trends` with the default ``top``."""
    distinctive: dict[str, tuple[str, ...]]
    """:func:`distinctive_terms` with the default ``top``."""
    coalition: Coalition
    """:func:`coalition`."""


# --------------------------------------------------------------------------- shared


def _check_unique(letters: Sequence[Letter]) -> None:
    seen: set[str] = set()
    for letter in letters:
        if letter.key in seen:
            raise ValueError(f"duplicate letter key {letter.key!r}: keys must be unique")
        seen.add(letter.key)


def letter_year(letter: Letter) -> int | None:
    """The year of ``letter.date`` (its first four digits), ``None`` when undated."""
    match = _YEAR.match(letter.date or "")
    return int(match.group()) if match else None


def date_order(letters: Iterable[Letter]) -> list[Letter]:
    """``letters`` sorted by ``(date, key)``, undated letters last by key."""
    return sorted(letters, key=lambda letter: (letter.date is None, letter.date or "", letter.key))


def _dated_by_year(letters: Sequence[Letter]) -> dict[int, list[Letter]]:
    by_year: dict[int, list[Letter]] = defaultdict(list)
    for letter in date_order(letters):
        year = letter_year(letter)
        if year is not None:
            by_year[year].append(letter)
    return dict(sorted(by_year.items()))


# --------------------------------------------------------------------------- theme grid


def theme_year_grid(letters: Sequence[Letter], taxonomy: Taxonomy) -> ThemeGrid:
    """Asks and letters per theme and year (rules in the module docstring).

    Undated letters are left out and counted in ``undated``; no dated letter gives a grid
    without years or rows.
    """
    _check_unique(letters)
    by_year = _dated_by_year(letters)
    years = tuple(by_year)
    ask_counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(years))
    letter_counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(years))
    for column, year in enumerate(years):
        for letter in by_year[year]:
            for ask in letter.asks:
                for slug in dict.fromkeys(ask.themes):
                    ask_counts[slug][column] += 1
            for slug in dict.fromkeys(letter.themes):
                letter_counts[slug][column] += 1
    found = set(ask_counts) | set(letter_counts)
    known = [slug for slug in taxonomy.slugs if slug in found]
    slugs = known + sorted(found - set(known))
    rows = tuple(
        ThemeRow(
            slug=slug,
            label=taxonomy.label(slug) or slug,
            counts=tuple(ask_counts[slug]) if slug in ask_counts else (0,) * len(years),
            letters_with_theme=(
                tuple(letter_counts[slug]) if slug in letter_counts else (0,) * len(years)
            ),
        )
        for slug in slugs
    )
    return ThemeGrid(
        years=years,
        letters=tuple(len(by_year[year]) for year in years),
        asks=tuple(sum(len(letter.asks) for letter in by_year[year]) for year in years),
        rows=rows,
        undated=sum(1 for letter in letters if letter_year(letter) is None),
    )


# --------------------------------------------------------------------------- ask lineage


def ask_lineage(
    letters: Sequence[Letter], threshold: float = DEFAULT_LINEAGE_THRESHOLD
) -> tuple[AskThread, ...]:
    """Asks that recur across letters, as threads (rules and cost in the module docstring).

    Only threads with appearances in at least two letters are returned, sorted by number of
    appearances (most first), then ``first_seen`` (undated last), then the first appearance's
    letter key and ask position. Raises ``ValueError`` for a threshold outside (0, 1].
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be within (0, 1], not {threshold}")
    _check_unique(letters)
    ordered = date_order(letters)
    wordings: dict[str, int] = {}
    members: list[list[tuple[int, int]]] = []  # per wording: (letter number, ask index)
    for number, letter in enumerate(ordered):
        seen: set[str] = set()
        for index, ask in enumerate(letter.asks):
            text = normalize(ask.text, _COMPARE)
            if not text or text in seen:
                continue
            seen.add(text)
            wording = wordings.setdefault(text, len(wordings))
            if wording == len(members):
                members.append([])
            members[wording].append((number, index))
    texts = list(wordings)
    clusters = _average_link(members, _similar_pairs(texts, threshold), threshold)
    latest = max((letter.date for letter in ordered if letter.date), default=None)
    threads = [
        _thread(sorted(cluster), ordered, latest) for cluster in clusters if len(cluster) > 1
    ]
    threads.sort(
        key=lambda thread: (
            -len(thread.appearances),
            thread.first_seen is None,
            thread.first_seen or "",
            thread.appearances[0].key,
            thread.appearances[0].index,
        )
    )
    return tuple(threads)


def _blocking_keys(text: str) -> tuple[set[str], set[str]]:
    """The content-word bigrams and the content words of a normalised ask text."""
    words = [word for word in _CONTENT_WORD.findall(text) if word not in _FUNCTION_WORDS]
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}, set(words)


def similar_wordings(texts: Sequence[str], threshold: float) -> dict[tuple[int, int], float]:
    """Word similarity of the pairs ``(i, j)``, ``i < j``, of ``texts`` (normalised: lower
    case, no punctuation) that blocking proposes and that score at least ``threshold / 2``.

    Scores equal :func:`compare.alignment.similarity_matrix`'s (word-level normalised Indel,
    4 decimals): each text is tokenised once and its words are spelt one character per
    distinct word, so rapidfuzz compares word sequences as strings, skipping pairs that
    cannot reach the cut-off. Blocking: rule 2 of the module docstring.
    """
    rows, cols, scores = _similar_pairs(texts, threshold)
    return dict(zip(zip(rows.tolist(), cols.tolist(), strict=True), scores.tolist(), strict=True))


def _similar_pairs(texts: Sequence[str], threshold: float) -> tuple[Any, Any, Any]:
    """:func:`similar_wordings` as arrays ``(rows, cols, scores)``, sorted by pair: each
    wording ``i`` probes the later wordings that hold a key of its signature or whose
    signature holds one of its keys, so every candidate pair is scored once."""
    import numpy as np
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    floor = threshold / 2
    encoded = _encode_words(texts)
    keys = [_blocking_keys(text) for text in texts]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, (bigrams, words) in enumerate(keys):
        for key in bigrams | words:
            postings[key].append(number)
    cap = max(BLOCK_MIN_CAP, int(BLOCK_CAP_SHARE * len(texts)))

    def rarest(found: Iterable[str]) -> list[str]:
        usable = [key for key in found if 2 <= len(postings[key]) <= cap]
        return sorted(usable, key=lambda key: (len(postings[key]), key))[:SIGNATURE_KEYS]

    signatures = [rarest(bigrams) + rarest(words) for bigrams, words in keys]
    probed: dict[str, list[int]] = defaultdict(list)  # key -> wordings probing with it
    for number, signature in enumerate(signatures):
        for key in signature:
            probed[key].append(number)
    found_rows, found_cols, found_scores = [], [], []
    for i, (bigrams, words) in enumerate(keys):
        # later wordings holding a key of i's signature, or probing with a key i holds
        later = [postings[key] for key in signatures[i]]
        later += [probed[key] for key in bigrams | words if key in probed]
        others = sorted(set().union(*(ids[bisect_right(ids, i) :] for ids in later)))
        if not others:
            continue
        row = cdist(
            [encoded[i]],
            [encoded[j] for j in others],
            scorer=Indel.normalized_similarity,
            score_cutoff=floor - _ROUNDING,
        )[0]
        near = row.nonzero()[0]
        # rounded as similarity_matrix rounds (Python's round of the float32 score)
        rounded = np.array([round(float(score), 4) for score in row[near].tolist()])
        kept = rounded >= floor
        if kept.any():
            found_cols.append(np.asarray(others)[near[kept]])
            found_rows.append(np.full(len(found_cols[-1]), i))
            found_scores.append(rounded[kept])
    if not found_rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(found_rows), np.concatenate(found_cols), np.concatenate(found_scores)


def _encode_words(texts: Sequence[str]) -> list[str]:
    """Each text's words (as :func:`compare.alignment.similarity_matrix` splits them) spelt
    one character per distinct word, outside the surrogate range."""
    ids: dict[str, int] = {}
    encoded = [
        "".join(
            chr(0x10000 + ids.setdefault(word, len(ids)))
            for word in _TOKEN.findall(text.casefold())
        )
        for text in texts
    ]
    if len(ids) > 0x100000:
        raise ValueError(f"{len(ids)} distinct words in the asks: at most 1,048,576 supported")
    return encoded


def _components(count: int, rows: Any, cols: Any) -> list[int]:
    """Connected-component label of each of ``count`` nodes joined by the edges
    ``rows[n]``–``cols[n]``."""
    parent = list(range(count))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        root_i, root_j = find(i), find(j)
        if root_i != root_j:
            parent[root_i] = root_j
    return [find(node) for node in range(count)]


def _average_link(
    members: Sequence[Sequence[tuple[int, int]]],
    pairs: tuple[Any, Any, Any],
    threshold: float,
) -> list[list[tuple[int, int]]]:
    """Clusters of asks (``(letter number, ask index)``) by constrained average link over the
    wordings ``members``; ``pairs`` holds the similarity of wording pairs (absent: 0).

    Two clusters merge only when some pair of theirs reaches the threshold (a mean cannot
    exceed its largest term), so the edges between the components of the graph of such
    pairs are dropped first.
    """
    rows, cols, scores = pairs
    cut = threshold - _EPSILON
    strong = scores >= cut
    component = _components(len(members), rows[strong], cols[strong])
    clusters = [list(asks) for asks in members]
    letters = [{number for number, _ in asks} for asks in members]
    size = [len(asks) for asks in members]
    alive = [True] * len(members)
    links: list[dict[int, float]] = [{} for _ in members]  # neighbour -> sum of similarities
    for i, j, score in zip(rows.tolist(), cols.tolist(), scores.tolist(), strict=True):
        if component[i] == component[j]:
            links[i][j] = links[j][i] = score * size[i] * size[j]
    heap = [
        (-score, i, j)
        for i, j, score in zip(
            rows[strong].tolist(), cols[strong].tolist(), scores[strong].tolist(), strict=True
        )
        if letters[i].isdisjoint(letters[j])
    ]
    heapq.heapify(heap)
    while heap:
        _, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue  # one of them has been merged since
        merged = len(clusters)
        big, small = (a, b) if len(links[a]) >= len(links[b]) else (b, a)
        neighbours = links[big]  # reused for the merged cluster, as are its members, letters
        del neighbours[small]
        for other, total in links[small].items():
            if other != big:
                neighbours[other] = neighbours.get(other, 0.0) + total
        clusters[big].extend(clusters[small])
        letters[big] |= letters[small]
        clusters.append(clusters[big])
        letters.append(letters[big])
        links.append(neighbours)
        size.append(size[a] + size[b])
        alive.append(True)
        alive[a] = alive[b] = False
        clusters[a] = clusters[b] = []
        links[a] = links[b] = {}
        for other, total in neighbours.items():
            around = links[other]
            around.pop(a, None)
            around.pop(b, None)
            around[merged] = total
            if total >= cut * size[merged] * size[other] and letters[merged].isdisjoint(
                letters[other]
            ):
                heapq.heappush(heap, (-total / (size[merged] * size[other]), other, merged))
    return [cluster for cluster, live in zip(clusters, alive, strict=True) if live]


def _thread(
    asks: Sequence[tuple[int, int]], ordered: Sequence[Letter], latest: str | None
) -> AskThread:
    """The thread of ``asks`` (``(letter number, ask index)`` in date order)."""
    appearances: list[AskAppearance] = []
    previous: str | None = None
    for number, index in asks:
        letter = ordered[number]
        ask = letter.asks[index]
        if previous is None:
            wording: Wording = "first"
            similarity = 1.0
        else:
            wording = "same" if _squashed(ask.text) == _squashed(previous) else "reworded"
            similarity = similarity_matrix(
                [normalize(previous, _COMPARE)], [normalize(ask.text, _COMPARE)]
            )[0][0]
        appearances.append(
            AskAppearance(
                key=letter.key,
                date=letter.date,
                index=index,
                text=ask.text,
                verb=ask.verb,
                strength=verb_strength(ask.verb),
                wording=wording,
                similarity=similarity,
            )
        )
        previous = ask.text
    dates = [appearance.date for appearance in appearances if appearance.date]
    last_seen = max(dates, default=None)
    return AskThread(
        label=shorten(appearances[0].text, LABEL_CHARS),
        appearances=tuple(appearances),
        first_seen=min(dates, default=None),
        last_seen=last_seen,
        dropped=last_seen is not None and latest is not None and last_seen < latest,
        verb_trend=verb_trend([appearance.strength for appearance in appearances]),
    )


def _squashed(text: str) -> str:
    return "".join(normalize(text, _COMPARE).split())


def verb_trend(strengths: Sequence[int | None]) -> VerbTrend | None:
    """How a sequence of ladder ranks moved, ``None`` ranks skipped: ``steady`` (all equal),
    ``escalated`` (never falling), ``softened`` (never rising), ``mixed``; ``None`` with
    fewer than two ranks."""
    ranks = [rank for rank in strengths if rank is not None]
    if len(ranks) < 2:
        return None
    steps = [later - earlier for earlier, later in zip(ranks, ranks[1:], strict=False)]
    if all(step == 0 for step in steps):
        return "steady"
    if all(step >= 0 for step in steps):
        return "escalated"
    if all(step <= 0 for step in steps):
        return "softened"
    return "mixed"


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` with whitespace collapsed, cut on a word boundary to at most ``limit``
    characters with "…" appended when it was longer (a single overlong word is cut)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


# --------------------------------------------------------------------------- terms


class _LetterTerms:
    """Letters fitted by one :class:`LetterVectorizer`: rows, terms and per-term letter
    counts, shared by :func:`term_trends` and :func:`distinctive_terms`."""

    def __init__(self, letters: Sequence[Letter]) -> None:
        vectorizer = LetterVectorizer()
        self.keys = [letter.key for letter in letters]
        self.matrix = vectorizer.fit_transform(letters)
        self.terms = vectorizer.terms_

    def letters_using(self, rows: Sequence[int]) -> dict[str, int]:
        """How many of the letters ``rows`` use each term (terms used by none left out)."""
        import numpy as np

        if not rows or not self.terms:
            return {}
        counts = np.diff(self.matrix[list(rows)].tocsc().indptr)
        return {self.terms[col]: int(counts[col]) for col in counts.nonzero()[0].tolist()}


def term_trends(letters: Sequence[Letter], top: int = 10) -> TermTrends:
    """Terms rising and falling across the years of the dated letters (rules in the module
    docstring); at most ``top`` of each. Raises ``ValueError`` for a negative ``top``."""
    _check_unique(letters)
    return _term_trends(letters, top, None)


def _term_trends(letters: Sequence[Letter], top: int, fitted: _LetterTerms | None) -> TermTrends:
    import numpy as np

    if top < 0:
        raise ValueError(f"top must be >= 0, not {top}")
    by_year = _dated_by_year(letters)
    years = tuple(by_year)
    if len(years) < 2 or top == 0:
        return TermTrends(years=years, rising=(), falling=())
    fitted = fitted or _LetterTerms(letters)
    row_of = {key: row for row, key in enumerate(fitted.keys)}
    used = fitted.letters_using(
        [row_of[letter.key] for group in by_year.values() for letter in group]
    )
    documents = [_year_document(year, group) for year, group in by_year.items()]
    vectorizer = LetterVectorizer()
    matrix = vectorizer.fit_transform(documents).tocsc()
    if not vectorizer.terms_:
        return TermTrends(years=years, rising=(), falling=())
    x = np.array(years, dtype=float)
    centred = x - x.mean()
    slopes = (matrix.T @ centred) / float(centred @ centred)
    changes = np.round(slopes * (x[-1] - x[0]), 4)
    peaks = matrix.max(axis=0).toarray().ravel()
    eligible = [
        col
        for col, term in enumerate(vectorizer.terms_)
        if used.get(term, 0) >= MIN_TERM_LETTERS
        and changes[col] != 0
        and abs(changes[col]) >= MIN_RELATIVE_CHANGE * peaks[col]
    ]
    rising = sorted(
        (col for col in eligible if changes[col] > 0),
        key=lambda col: (-changes[col], vectorizer.terms_[col]),
    )
    falling = sorted(
        (col for col in eligible if changes[col] < 0),
        key=lambda col: (changes[col], vectorizer.terms_[col]),
    )

    def trends(columns: list[int]) -> tuple[TermTrend, ...]:
        terms = {vectorizer.terms_[col]: col for col in columns}
        picked = pick_terms(terms, top)
        result = []
        for term in picked:
            col = terms[term]
            weights = matrix[:, col].toarray().ravel()
            present = weights.nonzero()[0]
            result.append(
                TermTrend(
                    term=term,
                    first_year=years[int(present[0])],
                    last_year=years[int(present[-1])],
                    weights=tuple(round(float(w), 4) for w in weights),
                    change=float(changes[col]),
                    letters=used[term],
                )
            )
        return tuple(result)

    return TermTrends(years=years, rising=trends(rising), falling=trends(falling))


def _year_document(year: int, letters: Sequence[Letter]) -> Letter:
    """A pseudo-letter whose text is the texts of ``letters`` (one paragraph each)."""
    return Letter(
        key=str(year),
        source="",
        part=1,
        title=None,
        subject=None,
        date=None,
        recipient=None,
        recipient_block=(),
        salutation=None,
        paragraphs=tuple(Paragraph("body", letter_text(letter)) for letter in letters),
        asks=(),
        themes=(),
        signatories=(),
        claimed_signatories=None,
        footnotes=(),
        cc=(),
        source_url=None,
    )


def pick_terms(ranked: Iterable[str], top: int) -> tuple[str, ...]:
    """The first ``top`` of ``ranked`` terms, skipping a unigram that is a word of a bigram
    already picked and a bigram whose words are both unigrams already picked."""
    picked: list[str] = []
    in_phrases: set[str] = set()
    single: set[str] = set()
    for term in ranked:
        if len(picked) >= top:
            break
        words = term.split()
        if len(words) == 1 and term in in_phrases:
            continue
        if len(words) > 1 and all(word in single for word in words):
            continue
        picked.append(term)
        if len(words) == 1:
            single.add(term)
        else:
            in_phrases.update(words)
    return tuple(picked)


def distinctive_terms(letters: Sequence[Letter], top: int = 8) -> dict[str, tuple[str, ...]]:
    """Each letter's ``top`` highest tf-idf terms, the vectoriser fitted on ``letters``
    (rules in the module docstring), by key in input order; ``()`` for a letter without
    terms. Raises ``ValueError`` for a negative ``top``."""
    _check_unique(letters)
    return _distinctive_terms(letters, top, None)


def _distinctive_terms(
    letters: Sequence[Letter], top: int, fitted: _LetterTerms | None
) -> dict[str, tuple[str, ...]]:
    if top < 0:
        raise ValueError(f"top must be >= 0, not {top}")
    if not letters:
        return {}
    fitted = fitted or _LetterTerms(letters)
    matrix = fitted.matrix
    result: dict[str, tuple[str, ...]] = {}
    for row, key in enumerate(fitted.keys):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        columns = matrix.indices[start:end].tolist()
        weights = matrix.data[start:end].tolist()
        ranked = sorted(zip(weights, columns, strict=True), key=lambda pair: (-pair[0], pair[1]))
        result[key] = pick_terms((fitted.terms[col] for _, col in ranked), top)
    return result


# --------------------------------------------------------------------------- coalition


def coalition(letters: Sequence[Letter]) -> Coalition:
    """Who signed which letters, matched by signatory key (rules in the module docstring)."""
    _check_unique(letters)
    ordered = date_order(letters)
    latest = max((letter.date for letter in ordered if letter.date), default=None)
    signed: dict[str, list[bool]] = {}
    names: dict[str, tuple[str, SignatoryKind]] = {}
    countries: dict[str, str] = {}
    for column, letter in enumerate(ordered):
        for signatory in letter.signatories:
            if not signatory.key:
                continue
            row = signed.setdefault(signatory.key, [False] * len(ordered))
            row[column] = True
            names[signatory.key] = (signatory.name, signatory.kind)  # later letters win
            if signatory.country:
                countries[signatory.key] = signatory.country
    members = sorted(
        (
            Member(
                key=key,
                name=names[key][0],
                kind=names[key][1],
                country=countries.get(key),
                signed=tuple(row),
                count=sum(row),
            )
            for key, row in signed.items()
        ),
        key=lambda member: (-member.count, member.name.casefold(), member.key),
    )
    is_latest = [letter.date is not None and letter.date == latest for letter in ordered]
    is_earlier = [letter.date is not None and letter.date != latest for letter in ordered]
    has_earlier = any(is_earlier)

    def signed_any(member: Member, which: Sequence[bool]) -> bool:
        return any(s and w for s, w in zip(member.signed, which, strict=True))

    return Coalition(
        letters=tuple(letter.key for letter in ordered),
        members=tuple(members),
        core=tuple(m.key for m in members if m.count >= 2 and 2 * m.count >= len(ordered)),
        newcomers=tuple(
            m.key
            for m in members
            if has_earlier and signed_any(m, is_latest) and not signed_any(m, is_earlier)
        ),
        leavers=tuple(
            m.key
            for m in members
            if has_earlier and signed_any(m, is_earlier) and not signed_any(m, is_latest)
        ),
    )


# --------------------------------------------------------------------------- bundle


def corpus_trends(letters: Sequence[Letter], taxonomy: Taxonomy) -> CorpusTrends:
    """The five trend results for ``letters`` with default parameters, the letters'
    tf-idf fitted once for the terms sections."""
    _check_unique(letters)
    fitted = _LetterTerms(letters) if letters else None
    return CorpusTrends(
        themes=theme_year_grid(letters, taxonomy),
        lineage=ask_lineage(letters),
        terms=_term_trends(letters, 10, fitted),
        distinctive=_distinctive_terms(letters, 8, fitted),
        coalition=coalition(letters),
    )
