"""Two letters compared: paragraphs aligned, metadata, signatories and asks side by side.

In: two :class:`Letter`s (and, optionally, the corpus they belong to, so that the similarity
score weighs words as the corpus does). Out: :class:`LetterDiff`, plain data that the
terminal view, the JSON output and the reports all read.

Everything is compared under one :class:`~compare.normalizing.NormalizeOptions` (what counts
as no difference: case, punctuation, equivalent phrases), which the result keeps
(``LetterDiff.options``) so that every view can say what was ignored.

- Paragraphs: :func:`compare.alignment.align_paragraphs`, closing lines pinned; each block's
  word diff, and so the words added and removed, under the same options.
- Metadata: title, subject, date, recipient, salutation and closing that differ.
- Signatories: matched by normalised key; what is left on both sides is matched by
  :mod:`compare.identity` (names that differ only by a reason it names: plural, spacing,
  spelling, acronym, …), so "River Guardian" / "River Guardians" is a rename, not one leaving
  and one joining, while "… Austria" / "… Australia" is one leaving and one joining. A
  relayout of the same list shows no change.
- Asks: equal asks pair first, then the rest by word similarity (at least
  ``ASK_MATCH_THRESHOLD``), most alike first, refusing pairs that are two items of one list
  or that address different countries (:func:`ask_changes`); a matched ask is ``same`` or
  ``reworded`` and its verb change ``escalated`` or ``softened`` on the ladder (demand >
  call on > urge > request > recommend > encourage > invite); the rest are ``new`` (only in
  B) or ``dropped`` (only in A).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from compare.alignment import (
    DEFAULT_OPTIONS,
    Alignment,
    NormalizeOptions,
    align_paragraphs,
    exact_pairs,
    explained_by_exact,
    normalize,
    sibling_scores,
    similarity_matrix,
)
from compare.models import Ask, Letter, LetterRef, Signatory
from compare.reading.asks import verb_strength
from compare.reading.countries import countries_named
from compare.worddiff import count_words

if TYPE_CHECKING:
    from compare.index import CorpusIndex

ASK_MATCH_THRESHOLD = 0.5
AskStatus = Literal["same", "reworded", "new", "dropped"]
VerbChange = Literal["escalated", "softened"]
METADATA_FIELDS = ("title", "subject", "date", "recipient", "salutation", "closing")


@dataclass(frozen=True)
class MetadataChange:
    field: str
    a: str | None
    b: str | None


@dataclass(frozen=True)
class Rename:
    """A signatory whose name changed slightly (:func:`compare.identity.match`)."""

    a: str
    """The name in A."""
    b: str
    """The name in B."""
    score: float
    """rapidfuzz ratio of the two keys, 0..100 (how alike they look; the reason decides)."""
    reason: str
    """Why the two names are one signatory: :data:`compare.identity.REASONS` joined by ", "
    (``"plural"``, ``"acronym"``, ``"spacing, plural"``)."""


@dataclass(frozen=True)
class SignatoryChanges:
    """Signatories of letter A against letter B: a diff's two letters, or a draft check's
    nearest letter (A) and draft (B)."""

    common: tuple[str, ...]
    """Names (as in B) of signatories in both letters."""
    only_a: tuple[str, ...]
    """Names only in A (left)."""
    only_b: tuple[str, ...]
    """Names only in B (joined)."""
    renamed: tuple[Rename, ...]
    """Names changed slightly, matched across A and B."""

    @property
    def changed(self) -> bool:
        return bool(self.only_a or self.only_b or self.renamed)


@dataclass(frozen=True)
class AskChange:
    status: AskStatus
    a: str | None
    b: str | None
    a_verb: str | None
    b_verb: str | None
    verb_change: VerbChange | None
    ratio: float
    """Word similarity of the two asks, 0..1 (0 for new and dropped)."""


@dataclass(frozen=True)
class LetterDiff:
    a: LetterRef
    b: LetterRef
    similarity: float | None
    """TF-IDF cosine similarity of the two letters (``None`` if not computed)."""
    shared_terms: tuple[str, ...]
    """The distinctive terms both letters share, strongest first."""
    alignment: Alignment
    metadata: tuple[MetadataChange, ...]
    signatories: SignatoryChanges
    asks: tuple[AskChange, ...]
    words_added: int
    words_removed: int
    options: NormalizeOptions = DEFAULT_OPTIONS
    """What the comparison ignored (case, punctuation, equivalent phrases): every layer above
    — alignment, word diff, word counts, metadata, asks — was compared under it."""

    def ask_counts(self) -> dict[str, int]:
        """Asks per status (same, reworded, new, dropped) and verb change (escalated,
        softened), every name present."""
        counts = dict.fromkeys(("same", "reworded", "new", "dropped", "escalated", "softened"), 0)
        for change in self.asks:
            counts[change.status] += 1
            if change.verb_change:
                counts[change.verb_change] += 1
        return counts

    @property
    def differs(self) -> bool:
        """True when anything a reader would call a difference was found."""
        counts = self.alignment.counts()
        return bool(
            sum(counts.values()) - counts["equal"]
            or self.metadata
            or self.signatories.changed
            or any(change.status != "same" or change.verb_change for change in self.asks)
        )


def compare_letters(
    a: Letter,
    b: Letter,
    options: NormalizeOptions = DEFAULT_OPTIONS,
    corpus: Sequence[Letter] | None = None,
    index: CorpusIndex | None = None,
) -> LetterDiff:
    """Everything that differs between ``a`` and ``b`` (see the module docstring).

    ``index`` (the corpus fitted once, :class:`~compare.index.CorpusIndex`) scores the pair
    without refitting when both letters are in it; otherwise the idf is fitted on ``corpus``.
    """
    from compare.similarity import compare_pair

    alignment = align_paragraphs(
        [p.text for p in a.paragraphs],
        [p.text for p in b.paragraphs],
        options,
        a_pins=[i for i, p in enumerate(a.paragraphs) if p.kind == "closing"],
        b_pins=[i for i, p in enumerate(b.paragraphs) if p.kind == "closing"],
    )
    pair = (index.pair(a.key, b.key) if index else None) or compare_pair(a, b, corpus)
    added = removed = 0
    for block in alignment.blocks:
        block_added, block_removed = count_words(list(block.diff))
        added, removed = added + block_added, removed + block_removed
    return LetterDiff(
        a=LetterRef.of(a),
        b=LetterRef.of(b),
        similarity=pair.score,
        shared_terms=pair.shared_terms,
        alignment=alignment,
        metadata=metadata_changes(a, b, options),
        signatories=signatory_changes(a.signatories, b.signatories),
        asks=tuple(ask_changes(a.asks, b.asks, options)),
        words_added=added,
        words_removed=removed,
        options=options,
    )


def metadata_changes(
    a: Letter, b: Letter, options: NormalizeOptions = DEFAULT_OPTIONS
) -> tuple[MetadataChange, ...]:
    """The header fields whose values differ (:func:`compare.alignment.normalize`: invisible
    characters, ligatures, quote and dash variants and spacing ignored, and what ``options``
    ignore)."""
    changes = []
    for name in METADATA_FIELDS:
        old, new = getattr(a, name), getattr(b, name)
        if normalize(old or "", options) != normalize(new or "", options):
            changes.append(MetadataChange(field=name, a=old, b=new))
    return tuple(changes)


def signatory_changes(a: Sequence[Signatory], b: Sequence[Signatory]) -> SignatoryChanges:
    """Common (equal keys), only in A, only in B, and renamed signatories: of those left on
    both sides, the pairs :func:`compare.identity.pair_up` matches, closest first."""
    from compare.identity import identity_of, pair_up

    a_keys = {s.key: s for s in a}
    b_keys = {s.key: s for s in b}
    common = tuple(s.name for s in b if s.key in a_keys)
    left = [s for s in a if s.key not in b_keys]
    joined = [s for s in b if s.key not in a_keys]
    links = pair_up([identity_of(s) for s in left], [identity_of(s) for s in joined])
    renamed = [
        Rename(
            a=left[link.i].name, b=joined[link.j].name, score=link.ratio, reason=link.match.reason
        )
        for link in links
    ]
    used_a = {link.i for link in links}
    used_b = {link.j for link in links}
    return SignatoryChanges(
        common=common,
        only_a=tuple(s.name for i, s in enumerate(left) if i not in used_a),
        only_b=tuple(s.name for j, s in enumerate(joined) if j not in used_b),
        renamed=tuple(renamed),
    )


def verb_change(old: str | None, new: str | None) -> VerbChange | None:
    """``escalated`` when ``new`` stands higher on the ladder than ``old``, ``softened``
    when lower, ``None`` when equal or either is off the ladder."""
    old_rank, new_rank = verb_strength(old), verb_strength(new)
    if old_rank is None or new_rank is None or old_rank == new_rank:
        return None
    return "escalated" if new_rank > old_rank else "softened"


def ask_changes(
    a: Sequence[Ask], b: Sequence[Ask], options: NormalizeOptions = DEFAULT_OPTIONS
) -> list[AskChange]:
    """Asks of B in order (same / reworded / new), then asks of A no longer made (dropped).

    Matching (asks have no order that matters, so this is the alignment's rule without the
    positions):

    1. Asks equal after normalisation (:func:`compare.alignment.normalize` with ``options``)
       pair first, in order of occurrence: ``same``.
    2. The rest pair most alike first (word similarity at least ``ASK_MATCH_THRESHOLD``), so
       each pair is the mutual best match among the asks still free, leaving out refused
       pairs: ``reworded``. A pair is refused, both asks staying free for other pairs, when
       - it is explained by exact matches (:func:`compare.alignment.explained_by_exact`):
         both asks are as alike to asks kept word for word as to each other — one item of a
         list of asks to several parties dropped and another added, or
       - the asks address different countries: each names a country the other does not
         (:func:`compare.reading.countries.countries_named`) — "the Government of X to
         ratify …" and "the Government of Y to ratify …" are two asks, however alike.
    3. What is left is ``new`` (only in B) or ``dropped`` (only in A).
    """
    a_texts = [normalize(ask.text, options) for ask in a]
    b_texts = [normalize(ask.text, options) for ask in b]
    scores = similarity_matrix(a_texts, b_texts)
    exact = exact_pairs(a_texts, b_texts)
    near_a, near_b = sibling_scores(a_texts, b_texts, scores, exact)
    match_for_b: dict[int, tuple[int, float]] = {j: (i, 1.0) for i, j in exact}
    used_a = {i for i, _ in exact}
    candidates = sorted(
        (
            (scores[i][j], i, j)
            for i in range(len(a))
            for j in range(len(b))
            if i not in used_a and j not in match_for_b and scores[i][j] >= ASK_MATCH_THRESHOLD
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    named_a: dict[int, frozenset[str]] = {}
    named_b: dict[int, frozenset[str]] = {}
    for score, i, j in candidates:
        if i in used_a or j in match_for_b:
            continue
        if explained_by_exact(score, near_a[i], near_b[j]):
            continue
        if i not in named_a:
            named_a[i] = countries_named(a[i].text)
        if j not in named_b:
            named_b[j] = countries_named(b[j].text)
        if named_a[i] - named_b[j] and named_b[j] - named_a[i]:
            continue
        match_for_b[j] = (i, score)
        used_a.add(i)
    changes = []
    for j, ask in enumerate(b):
        if j in match_for_b:
            i, score = match_for_b[j]
            same = a_texts[i] == b_texts[j]
            changes.append(
                AskChange(
                    status="same" if same else "reworded",
                    a=a[i].text,
                    b=ask.text,
                    a_verb=a[i].verb,
                    b_verb=ask.verb,
                    verb_change=verb_change(a[i].verb, ask.verb),
                    ratio=round(score, 4),
                )
            )
        else:
            changes.append(AskChange("new", None, ask.text, None, ask.verb, None, 0.0))
    for i, ask in enumerate(a):
        if i not in used_a:
            changes.append(AskChange("dropped", ask.text, None, ask.verb, None, None, 0.0))
    return changes


def letter_diff_json(diff: LetterDiff) -> dict[str, Any]:
    """The documented ``diff --json`` object (README, "JSON")."""
    return {
        "a": {"key": diff.a.key, "source": diff.a.source, "part": diff.a.part},
        "b": {"key": diff.b.key, "source": diff.b.source, "part": diff.b.part},
        "options": diff.options.to_json(),
        "similarity": diff.similarity,
        "shared_terms": list(diff.shared_terms),
        "counts": diff.alignment.counts(),
        "words_added": diff.words_added,
        "words_removed": diff.words_removed,
        "blocks": [
            {
                "op": block.op,
                "a": block.a,
                "b": block.b,
                "a_index": block.a_index,
                "b_index": block.b_index,
                "a_count": block.a_count,
                "b_count": block.b_count,
                "ratio": block.ratio,
                "diff": [[op, text] for op, text in block.diff],
            }
            for block in diff.alignment.blocks
        ],
        "metadata": {change.field: {"a": change.a, "b": change.b} for change in diff.metadata},
        "signatories": {
            "common": list(diff.signatories.common),
            "only_a": list(diff.signatories.only_a),
            "only_b": list(diff.signatories.only_b),
            "renamed": [vars(rename) for rename in diff.signatories.renamed],
        },
        "asks": [
            {
                "status": change.status,
                "a": change.a,
                "b": change.b,
                "a_verb": change.a_verb,
                "b_verb": change.b_verb,
                "verb_change": change.verb_change,
            }
            for change in diff.asks
        ],
    }
