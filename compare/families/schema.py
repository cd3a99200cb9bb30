"""The documented ``families --json`` object (README, "JSON")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compare.families.changes import FamilyChanges, VariantChange
    from compare.families.grouping import Families
    from compare.models import Letter


def letter_json(letter: Letter) -> dict[str, Any]:
    """``{key, source, part, date, recipient, salutation}``."""
    return {
        "key": letter.key,
        "source": letter.source,
        "part": letter.part,
        "date": letter.date,
        "recipient": letter.recipient,
        "salutation": letter.salutation,
    }


def _variant(letter: Letter, score: float, change: VariantChange) -> dict[str, Any]:
    return {
        **letter_json(letter),
        "score": score,
        "against": change.against,
        "similarity": change.similarity,
        "paragraphs": {
            "equal": change.equal,
            "changed": change.changed,
            "inserted": change.inserted,
            "deleted": change.deleted,
            "moved": change.moved,
        },
        "words_added": change.words_added,
        "words_removed": change.words_removed,
        "metadata": list(change.metadata),
        "signatories_joined": change.signatories_joined,
        "signatories_left": change.signatories_left,
    }


def families_json(
    families: Families,
    changes: Sequence[FamilyChanges],
    letters: Mapping[str, Letter],
    lineage: bool = False,
) -> dict[str, Any]:
    """Every family (with ``changes``, parallel to ``families.families``) and every
    singleton; ``letters`` holds each letter by key."""
    return {
        "threshold": families.threshold,
        "lineage": lineage,
        "letters": sum(len(f) for f in families.families) + len(families.singletons),
        "families": [
            {
                "name": family.name,
                "size": len(family),
                "base": letter_json(letters[family.base]),
                "variants": [
                    _variant(letters[key], score, change)
                    for key, score, change in zip(
                        family.variants, family.scores, described.variants, strict=True
                    )
                ],
            }
            for family, described in zip(families.families, changes, strict=True)
        ],
        "singletons": [letter_json(letters[key]) for key in families.singletons],
    }
