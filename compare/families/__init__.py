"""Letter families: near-duplicates grouped around a base letter, and what each variant
changes.

- :mod:`~compare.families.grouping` — which letters form a family and which is its base
  (:func:`find_families`, :func:`group_families`; the rule is documented there);
- :mod:`~compare.families.changes` — each variant's diff against the base or its
  predecessor (:func:`describe_family`);
- :mod:`~compare.families.schema` — the ``families --json`` object.
"""

from __future__ import annotations

from compare.families.changes import (
    FamilyChanges,
    VariantChange,
    compared_with,
    describe_family,
    family_index,
    variant_change,
)
from compare.families.grouping import (
    Families,
    Family,
    components,
    find_families,
    group_families,
    index_scores,
)
from compare.families.schema import families_json

__all__ = [
    "Families",
    "Family",
    "FamilyChanges",
    "VariantChange",
    "compared_with",
    "components",
    "describe_family",
    "families_json",
    "family_index",
    "find_families",
    "group_families",
    "index_scores",
    "variant_change",
]
