"""What a draft check returns: frozen, plain data, and its JSON.

In: nothing (the other check modules fill these in). Out: :class:`CheckResult` and the
records it holds; :func:`check_json` gives the documented ``check --json`` object, the
fields below as they are. A corpus letter is always named by a
:class:`~compare.models.LetterRef`; signatory changes are
:class:`~compare.comparison.SignatoryChanges`, as in a diff (A the nearest letter, B the
draft; only against a base letter, ``signatories_against``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from compare.comparison import SignatoryChanges
from compare.models import Letter, LetterRef, to_json
from compare.worddiff import DiffOp

PassageStatus = Literal["reused", "changed", "new"]
AskStatus = Literal["carried", "reworded", "new", "dropped"]
PrecedentMatch = Literal["wording", "meaning", "subject", "lineage"]
WarningKind = Literal[
    "changed-number",
    "date-after-draft",
    "stale-copy",
    "recipient-mismatch",
    "duplicate-signatory",
]


@dataclass(frozen=True)
class SourceWindow:
    """Which corpus letters may be the draft's sources (nearest letters, origins of passages,
    precedents of asks): those dated on or before the draft, and undated ones."""

    until: str | None
    """The draft's ISO date: letters dated after it are left out. ``None`` when every letter
    may be a source: the draft is undated, or ``any_date`` was asked for."""
    later_left_out: int
    """How many corpus letters are dated after ``until`` and so left out (0 when ``until``
    is ``None``)."""
    any_date: bool
    """Letters of any date were used on request (``check --any-date``)."""


@dataclass(frozen=True)
class NearestLetter:
    """A corpus letter among the most like the draft (tf-idf cosine)."""

    letter: LetterRef
    """The letter."""
    score: float
    """Cosine similarity to the draft, 0..1 (:func:`compare.similarity.nearest`)."""
    shared_terms: tuple[str, ...]
    """The distinctive terms both share, strongest first."""


@dataclass(frozen=True)
class Passage:
    """One draft paragraph (not a closing line) and where it comes from."""

    text: str
    """The draft's paragraph as written."""
    status: PassageStatus
    """``reused`` (same text), ``changed`` (a similar paragraph) or ``new``."""
    origin: LetterRef | None
    """The most recent letter holding the paragraph the passage was made from; ``None`` for
    ``new``."""
    origin_text: str | None
    """That paragraph as written there; ``None`` for ``new``."""
    diff: tuple[tuple[DiffOp, str], ...]
    """Word diff of ``origin_text`` to ``text`` (``-`` only in the origin, ``+`` only in the
    draft); ``(("=", text),)`` when reused, ``()`` when new."""
    also_in: tuple[LetterRef, ...]
    """Other letters holding the same origin text, most recent first."""


@dataclass(frozen=True)
class MissingPassage:
    """A paragraph of the base letter (the nearest, when a near-duplicate) that the draft no
    longer has."""

    letter: LetterRef
    """The base letter."""
    text: str
    """Its paragraph as written there."""


@dataclass(frozen=True)
class Precedent:
    """An earlier ask like a draft ask."""

    letter: LetterRef
    """The letter that made it."""
    text: str
    """The ask as written there."""
    verb: str | None
    """Its operative verb on the ladder (``urge``, ``call on``, …), if any."""
    match: PrecedentMatch = "wording"
    """How it is linked to the draft's ask: ``wording`` when the two are alike word for word
    (word similarity at least :data:`~compare.check.asks.ASK_THRESHOLD`), ``meaning`` when
    they ask the same thing in other words (:mod:`compare.check.meaning`), ``subject`` when
    they share a subject (:mod:`compare.trends.subjects`), ``lineage`` when it is only in
    the same lineage (an ask of the lineage the draft's joins); a base letter's dropped ask
    is ``wording``."""


@dataclass(frozen=True)
class AskLineage:
    """The corpus's ask lineage a draft ask joins (:mod:`compare.trends.lineage`), read over
    the whole corpus (letters dated after the draft included)."""

    label: str
    """What the lineage asks (:attr:`compare.trends.lineage.AskFamily.label`)."""
    status: Literal["persisting", "dropped", "new", "returned", "undated"]
    """Its status over the corpus's years (:attr:`compare.trends.lineage.AskFamily.status`)."""
    status_year: int | None
    """The year the status speaks of; ``None`` when ``undated``."""
    status_text: str
    """The status in words ("dropped after 2018", :func:`compare.trends.status_text`)."""
    first: int | None
    """The first year the corpus asked it, ``None`` when undated."""
    last: int | None
    """The last year the corpus asked it, ``None`` when undated."""
    asks: int
    """How many corpus asks it holds, copies in near-duplicate letters of a year included."""


@dataclass(frozen=True)
class AskCheck:
    """A draft ask against the corpus's asks, or an ask of the base letter now dropped."""

    text: str
    """The draft's ask; for ``dropped``, the base letter's ask."""
    status: AskStatus
    """``carried``, ``reworded``, ``new`` or ``dropped``."""
    verb_change: Literal["escalated", "softened"] | None
    """The draft's verb against the closest precedent's, ``None`` when equal or unknown."""
    precedents: tuple[Precedent, ...]
    """The asks of ``lineage`` in letters that may be sources, in date order (oldest first,
    undated last); for ``dropped``, the base letter's ask."""
    lineage: AskLineage | None = None
    """The corpus's ask lineage it joins; ``None`` when it joins none, and for ``dropped``."""
    verb: str | None = None
    """The ask's operative verb on the ladder (``urge``, ``call on``, …; the draft's ask's, for
    ``dropped`` the base letter's), ``None`` when it has none."""


@dataclass(frozen=True)
class CheckWarning:
    """Something in the draft that looks like a slip."""

    kind: WarningKind
    """``changed-number``, ``date-after-draft``, ``stale-copy``, ``recipient-mismatch`` or
    ``duplicate-signatory``."""
    text: str
    """One line saying what and where ("¶2 keeps "next year" from …")."""
    detail: str
    """The draft sentence where it was found (the name, for ``duplicate-signatory``)."""


@dataclass(frozen=True)
class CheckResult:
    """Everything the draft check found (see :mod:`compare.check`)."""

    draft: Letter
    """The draft as parsed."""
    sources: SourceWindow
    """Which corpus letters were the draft's possible sources (by date)."""
    nearest: tuple[NearestLetter, ...]
    """The corpus letters most like the draft, best first."""
    passages: tuple[Passage, ...]
    """The draft's paragraphs except closing lines, in reading order."""
    missing: tuple[MissingPassage, ...]
    """Paragraphs of the base letter the draft does not have (none without a base)."""
    asks: tuple[AskCheck, ...]
    """The draft's asks in order, then the base letter's dropped asks."""
    signatories: SignatoryChanges
    """The base letter's signatories (A) against the draft's (B); all empty without a base
    letter (``signatories_against`` ``None``)."""
    warnings: tuple[CheckWarning, ...]
    """Likely slips, by kind in the order of :mod:`compare.check.warnings`, then reading
    order."""
    signatories_against: LetterRef | None = None
    """The letter ``signatories`` compares the draft with: the base letter (the nearest,
    when a near-duplicate, :func:`base_key`); ``None`` when no earlier letter is close
    enough, since the signatories of an unrelated letter say nothing of the draft's."""


def base_key(result: CheckResult) -> str | None:
    """Key of the base letter (the nearest, when a near-duplicate), ``None`` without one."""
    from compare.similarity import DEFAULT_THRESHOLD

    if result.nearest and result.nearest[0].score >= DEFAULT_THRESHOLD:
        return result.nearest[0].letter.key
    return None


def check_json(result: CheckResult) -> dict[str, Any]:
    """The documented ``check --json`` object: the result's fields as they are, diffs as
    ``[op, text]`` lists (``compare.models.to_json``)."""
    document: dict[str, Any] = to_json(result)  # a dataclass becomes a dict
    return document
