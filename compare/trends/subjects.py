"""Asks on one subject asked of one party: the pairs of asks the ask lineages
(:mod:`compare.trends.lineage`) join although their operative clauses ask it in other terms.

"Engage in discussions with the neighbouring countries on the abductions" under a section
headed "Separated families and abductions", and "International abductions: Return the foreign
abductees" two years later, are one lineage — the same subject asked of the same government —
though discussing is not returning (:mod:`compare.check.meaning` keeps them apart). In: per
ask, its text and the section heading it sits under (:attr:`compare.models.Ask.heading`), and
per letter who it asks. Out: the pairs of asks that share a subject (:func:`subject_pairs`).

1. An ask's *subject* (:func:`ask_subject`) is where its text says what it is about:

   - its *topic label*, the few words before a colon it opens with
     (:func:`compare.check.demands.ask_label`: "International abductions" of "International
     abductions: Return …"): every meaning term of the label
     (:func:`compare.check.demands.phrase_terms`), and the label itself, folded, as one more
     key (``label:international abductions``) — the label belongs to that ask alone;
   - its *section heading*, when the letter's asks sit under two or more different headings
     (one heading over all of them is the letter's title, not a section): only the terms of
     the heading that the ask's own clause repeats (heading "Separated families and
     abductions", clause "… on the issue of abductions …": ``abduct``). A heading is shared
     by every ask under it; the asks that do not speak of it take nothing from it, so the
     unrelated asks of one section are not one subject.

   The terms of the ask's actions (what is done, not what about) and the ``[asks]
   qualifiers`` of ``data/check.toml`` are never subject terms.
2. A subject term is *distinctive* when at most :data:`RARE_SHARE` of the asks compared (or
   :data:`RARE_MIN`, whichever is more) hold it in their meaning terms or their subject.
3. Two asks share a subject (:func:`subject_pairs`) when their subjects share a distinctive
   term, they belong to different groups (letters, or copy groups of letters) and their
   letters ask the same party (:func:`letter_addressee`). Asks of one letter are never paired
   by this rule.
4. A letter's *addressee* is the party its asks are put to: the country its paragraphs name
   most often (counted in paragraphs, :func:`compare.reading.countries.countries_named`; all
   the countries tied first), as a letter to an assembly, a minister or a head of state about
   one country asks that country's government; else, when no paragraph names a country, its
   recipient (case and spacing folded); else unknown, and an unknown addressee is the same as
   none. Two letters ask the same party when their addressees share a name.

Calibration of :data:`RARE_SHARE` and :data:`RARE_MIN` (tests/test_subjects.py and the
seeds): on the bundled seeds (49 asks once copies count once, 4 numbered sections in the
2018 letter, 7 topic labels in the 2020 letter) the subject terms two asks of different
letters share are ``abduct`` (held by 3 asks: 2018's discussions on abductions, 2020's
"Liberty of movement" ask whose clause mentions abducting escapees, and 2020's "International
abductions" ask), ``movement`` (2), ``prison`` (2) and ``detain`` (5). Only the first pair has
two subjects sharing a term: ``abduct`` (2018 heading and clause, 2020 label), the labelled
same lineage; with every share from 0.02 to 0.3 it is found and no other pair is. The crafted
letters of the tests (two or three letters of 3-5 asks) need a term held by two or three asks
to count: :data:`RARE_MIN` 3. A share of 0.1 keeps a term a tenth of the asks hold (the
letters' main subject, "human rights", "women") from pairing asks.

Limits: the addressee is a proxy — a letter to one government about another country's
conduct (a foreign minister asked to raise a case) takes the other country as its addressee;
a letter naming no country compares recipients by their names, so "Minister of Housing" and
"Housing Minister" are two parties. The subject is stems, not sense: two sections on one
word in two senses meet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from compare.check.demands import ask_label, ask_meaning, meaning_words, phrase_terms
from compare.models import Letter
from compare.reading.countries import countries_named

RARE_SHARE = 0.1
"""A subject term held by at most this share of the asks is distinctive (rule 2; calibration
in the module docstring)…"""
RARE_MIN = 3
"""… or by at most this many asks, whichever is more."""
LABEL_KEY = "label:"
"""Prefix of the key a topic label stands for as a whole (rule 1)."""


@dataclass(frozen=True)
class AskSubject:
    """What one ask is about (rule 1 of the module docstring)."""

    subject: frozenset[str]
    """Its subject terms: from its topic label (and the label's key), and the terms of its
    section heading its clause repeats."""
    terms: frozenset[str]
    """Its subject and its clause's meaning terms: what rule 2 counts."""


def ask_subject(text: str, heading: str | None = None) -> AskSubject:
    """The subject of an ask worded ``text`` under section ``heading`` (``None``: no heading,
    or one that heads every ask of its letter: rule 1)."""
    meaning = ask_meaning(text)
    clause = set(meaning.terms)
    left_out = meaning_words().qualifiers | {d.action for d in meaning.demands if d.action}
    subject: set[str] = set()
    label = ask_label(text)
    if label is not None:
        subject.update(phrase_terms(label))
        folded = " ".join(label.casefold().split())
        if folded:
            subject.add(LABEL_KEY + folded)
    if heading:
        subject.update(term for term in phrase_terms(heading) if term in clause)
    subject -= left_out
    return AskSubject(frozenset(subject), frozenset(subject | clause))


def section_headings(letter: Letter) -> tuple[str | None, ...]:
    """Per ask of ``letter``, the heading its subject reads (rule 1): its own, when the
    letter's asks sit under two or more different headings; else ``None``."""
    headings = [ask.heading for ask in letter.asks]
    if len({h for h in headings if h}) < 2:
        return tuple(None for _ in headings)
    return tuple(headings)


def letter_addressee(letter: Letter) -> frozenset[str]:
    """Who ``letter`` asks (rule 4): the countries its paragraphs name most often, else its
    recipient folded, else nobody (``frozenset()``)."""
    named: Counter[str] = Counter()
    for paragraph in letter.paragraphs:
        named.update(countries_named(paragraph.text))
    if named:
        most = max(named.values())
        return frozenset(country for country, count in named.items() if count == most)
    if letter.recipient and letter.recipient.strip():
        return frozenset({" ".join(letter.recipient.casefold().split())})
    return frozenset()


def distinctive_cap(asks: int) -> int:
    """How many of ``asks`` asks may hold a subject term for it to be distinctive (rule 2)."""
    return max(RARE_MIN, int(RARE_SHARE * asks))


def subject_pairs(
    subjects: Sequence[AskSubject],
    groups: Sequence[int],
    addressees: Sequence[frozenset[str]],
) -> dict[tuple[int, int], tuple[str, ...]]:
    """The pairs ``(i, j)``, ``i < j``, of asks that share a subject (rule 3), with the
    distinctive subject terms they share, sorted. ``subjects[n]`` is ask ``n``'s subject,
    ``groups[n]`` its letter's group (asks of one group are never paired) and
    ``addressees[n]`` its letter's addressee. Raises ``ValueError`` when the three differ
    in length. Cost: O(a·s) to count, then the pairs of asks holding each distinctive term."""
    if not len(subjects) == len(groups) == len(addressees):
        raise ValueError("one group and one addressee are needed per ask subject")
    held = Counter(term for subject in subjects for term in subject.terms)
    cap = distinctive_cap(len(subjects))
    by_term: dict[str, list[int]] = {}
    for n, subject in enumerate(subjects):
        for term in subject.subject:
            if held[term] <= cap:
                by_term.setdefault(term, []).append(n)
    found: dict[tuple[int, int], set[str]] = {}
    for term, asks in by_term.items():
        per_group = Counter(groups[n] for n in asks)
        for k, i in enumerate(asks):
            for j in asks[k + 1 :]:
                if (
                    groups[i] != groups[j]
                    and per_group[groups[i]] == per_group[groups[j]] == 1
                    and addressees[i] & addressees[j]
                ):
                    found.setdefault((min(i, j), max(i, j)), set()).add(term)
    return {pair: tuple(sorted(terms)) for pair, terms in sorted(found.items())}
