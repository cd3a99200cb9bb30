"""Signatory identity: whether two names are one signatory, and why.

The one matcher that ``diff`` and ``check`` (:func:`compare.comparison.signatory_changes`) and
the corpus coalition (:func:`compare.trends.coalition.coalition`) use.

- :mod:`~compare.identity.rules` — the word lists (``data/identity.toml``,
  ``data/distinct_words.toml``) and word tests (plural, spelling variant);
- :mod:`~compare.identity.match` — :func:`match` of two :class:`Identity` records: a
  :class:`Match` with its reasons (``acronym``, ``spelling``, ``spacing``, ``punctuation``,
  ``plural``, ``country``, ``article``, ``and``, ``honorific``) or ``None``;
- :mod:`~compare.identity.blocking` — the candidate pairs, by cheap block keys;
- :mod:`~compare.identity.linking` — :func:`pair_up` (two lists, one to one) and
  :func:`group` (many letters).
"""

from __future__ import annotations

from compare.identity.linking import Link, group, pair_up
from compare.identity.match import REASONS, Identity, Match, Reason, identity_of, match

__all__ = [
    "REASONS",
    "Identity",
    "Link",
    "Match",
    "Reason",
    "group",
    "identity_of",
    "match",
    "pair_up",
]
