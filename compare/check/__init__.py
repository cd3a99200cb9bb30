"""A new draft checked against every earlier letter: where each passage comes from, what the
letter it was made from said that it leaves out, how the asks and signatories moved, and the
slips a copied letter tends to carry (stale dates, the wrong recipient, changed figures).

In: the draft (a parsed :class:`~compare.models.Letter`; it may lack a date, signatories or a
key) and the corpus letters. Out: :class:`CheckResult`, plain data; :func:`check_json` gives
the documented JSON and :mod:`compare.checkview` the terminal text and the report context.

One module per job, each saying what comes in and what goes out:

- :mod:`~compare.check.results` — the result dataclasses and :func:`check_json`;
- :mod:`~compare.check.index` — :class:`ParagraphIndex`, what the check looks up in a corpus
  (built once, cacheable, storable as plain data), and how candidates are found fast;
- :mod:`~compare.check.context` — what the steps of one check share (recency, exclusions:
  letters dated after the draft are no sources);
- :mod:`~compare.check.passages` — where each draft paragraph comes from, and what the base
  letter had that the draft drops;
- :mod:`~compare.check.asks` — the draft's asks against earlier asks (precedents), alike in
  wording or, through :mod:`~compare.check.meaning`, in meaning;
- :mod:`~compare.check.warnings` — the editor's warnings (numbers, dates, stale copy,
  duplicate signatories), with :mod:`~compare.check.recipients` for the recipient mismatch;
- :mod:`~compare.check.text` — text helpers and the word lists of ``data/check.toml``;
- :mod:`~compare.check.draft` — :func:`check_draft`, the steps put together;

None of them knows the cache: :func:`compare.pipeline.check_against` reads the corpus's
indexes from it and calls :func:`check_draft`.

Corpus letters are named by :class:`~compare.models.LetterRef`; the signatories are
:class:`~compare.comparison.SignatoryChanges` of the nearest letter (A) to the draft (B).
"""

from compare.check.asks import ASK_THRESHOLD, CARRIED_THRESHOLD
from compare.check.draft import check_draft
from compare.check.index import (
    PASSAGE_KINDS,
    ParagraphIndex,
    TextTable,
    paragraph_labels,
    passage_paragraphs,
)
from compare.check.meaning import MEANING_THRESHOLD, AskMeaning, ask_meaning
from compare.check.passages import CHANGED_THRESHOLD
from compare.check.recipients import RecipientNames, acronym, greeted_name, names_of
from compare.check.results import (
    AskCheck,
    AskLineage,
    AskStatus,
    CheckResult,
    CheckWarning,
    MissingPassage,
    NearestLetter,
    Passage,
    PassageStatus,
    Precedent,
    PrecedentMatch,
    SourceWindow,
    WarningKind,
    base_key,
    check_json,
)

__all__ = [
    "ASK_THRESHOLD",
    "CARRIED_THRESHOLD",
    "CHANGED_THRESHOLD",
    "MEANING_THRESHOLD",
    "PASSAGE_KINDS",
    "AskCheck",
    "AskLineage",
    "AskMeaning",
    "AskStatus",
    "CheckResult",
    "CheckWarning",
    "MissingPassage",
    "NearestLetter",
    "ParagraphIndex",
    "Passage",
    "PassageStatus",
    "Precedent",
    "PrecedentMatch",
    "RecipientNames",
    "SourceWindow",
    "TextTable",
    "WarningKind",
    "acronym",
    "ask_meaning",
    "base_key",
    "check_draft",
    "check_json",
    "greeted_name",
    "names_of",
    "paragraph_labels",
    "passage_paragraphs",
]
