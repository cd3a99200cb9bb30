"""Asks on one subject asked of one party: the pairs of asks the ask lineages
(:mod:`compare.trends.lineage`) join although their operative clauses ask it in other terms.

"Hold talks with the neighbouring states on the kidnappings" under a section headed
"Divided families and kidnappings", and "Kidnappings: Send the kidnapped nationals home" two
years later, are one lineage — the same subject asked of the same government —
though talking is not sending home (:mod:`compare.check.meaning` keeps them apart). In: per
ask, its text and the section heading it sits under (:attr:`compare.models.Ask.heading`), and
per letter who it asks. Out: the pairs of asks that share a subject (:func:`subject_pairs`).

1. An ask's *subject* (:func:`ask_subject`) is where its text says what it is about:

   - its *topic label*, the few words before a colon it opens with
     (:func:`compare.check.demands.ask_label`: "Kidnappings" of "Kidnappings: Send …"): every
     meaning term of the label (:func:`compare.check.demands.phrase_terms`), and the label
     itself, folded, as one more key (``label:kidnappings``) — the label belongs to that ask
     alone;
   - its *section heading*, when the letter's asks sit under two or more different headings
     (one heading over all of them is the letter's title, not a section): only the terms of
     the heading that the ask's own clause repeats (heading "Divided families and
     kidnappings", clause "… on the kidnappings …": ``abduct``, the synonyms' meaning). A
     heading is shared by every ask under it; the asks that do not speak of it take nothing
     from it, so the unrelated asks of one section are not one subject.

   The terms of the ask's actions (what is done, not what about) and the ``[asks]
   qualifiers`` of ``data/check.toml`` are never subject terms.
2. A subject term is *distinctive* when at most :data:`RARE_SHARE` of the asks compared (or
   :data:`RARE_MIN`, whichever is more) hold it in their subject or among the meaning terms
   of their whole text (:func:`compare.check.demands.phrase_terms`).
3. Two asks share a subject (:func:`subject_pairs`) when their subjects share a distinctive
   term that no other ask of either's group has in its subject (the one ask of each letter
   on it: a letter with two asks on one subject does not say which one a later ask
   continues), they belong to different groups (letters, or copy groups of letters) and
   their letters ask the same party (rule 4). Asks of one letter are never paired by this
   rule.
4. A letter's *addressee* (:func:`letter_addressee`) is the party its asks are put to: the
   country its paragraphs name most often (counted in paragraphs,
   :func:`compare.reading.countries.countries_named`; all the countries tied first), as a
   letter to an assembly, a minister or a head of state about one country asks that
   country's government; else, when no paragraph names a country, its recipient (case and
   spacing folded); else nobody, who matches no one. Two letters ask the same party when
   their addressees share a name.

Calibration of :data:`RARE_SHARE` and :data:`RARE_MIN`, on the bundled seeds and on the
crafted letters of ``tests/test_subjects.py``. The seeds give 51 asks once copies count once
(the 2018 letter's asks under 6 headings, 7 of the 2020 letter's with a topic label; every
letter names the same country most). The subject terms asks of two letters share are ``right``
(held by 27 asks), ``international`` (12) and ``abduct`` (3: the 2018 ask on the
abductions, under a heading naming them; the 2020 ask whose topic label names them; and a
2020 ask on movement whose clause mentions them). ``abduct`` is the one labelled pair
(``tests/data/seed_asks.toml``, "subject"); it is found, and nothing else, with any cap from
3 to 11 asks — a share up to 0.23 of 51. The crafted letters (two letters of 3-4 asks) share
their subjects between two asks and need a cap of at least 2; :data:`RARE_MIN` 3 also lets a
third ask mention the subject in passing, as the seeds' movement ask does. A share of 0.1 sits
in the middle of the seeds' range and keeps a letter's main subject, held by a tenth of a
corpus's asks, from pairing them. A first version that also read each demand's object
(:attr:`compare.check.demands.Demand.objects`) as its subject paired 2018's fair pay for
workers with 2020's labelled ask on food (``food``, held by 4): objects are found by
position, not a parse, and were left out. A variant letting one ask's named subject meet
the other's clause alone (the other naming no subject; "Storms: Rebuild the classrooms" and
an unlabelled "Repair the classrooms damaged by storms") joined 4 more seed pairs, all
wrong (the 2014 letter's long composite ask with 2018's and 2020's asks on food, among
others): long asks hold many rare words, so both subjects must name the term.

Cost: the meaning terms of every ask, its demands read only for the asks with a label or a
heading, and every letter's paragraphs scanned for country names; then the pairs of the
asks holding each distinctive term. Measured on one core of a loaded machine: 1,000
generated letters (~15,000 asks, none labelled) in about 1.5 s.

Limits: an ask with neither a topic label nor a section heading its words repeat is joined
only by the demand rule (:mod:`compare.check.meaning`): "Restore the night bus routes" and
"Night buses: Run them on weekends" share ``night`` in one's clause only, and stay apart;
so do a later ask and the two asks of one letter that name its subject (which one it
continues is not said).
The addressee is a proxy: a letter to one government about another country's conduct takes
the other country, and letters naming no country compare recipients by name ("Minister of
Housing" and "Housing Minister" are two parties). The subject is stems, not sense.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
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
    """Its subject and the meaning terms of its whole text (rules 1-3 of
    :mod:`compare.check.demands`, label included): what rule 2 counts."""


def ask_subject(text: str, heading: str | None = None) -> AskSubject:
    """The subject of an ask worded ``text`` under section ``heading`` (``None``: no heading,
    or one that heads every ask of its letter: rule 1)."""
    words = frozenset(phrase_terms(text))
    label = ask_label(text)
    if label is None and not heading:
        return AskSubject(frozenset(), words)  # no demand read: most asks, at scale
    meaning = ask_meaning(text)
    clause = set(meaning.terms)
    left_out = meaning_words().qualifiers | {d.action for d in meaning.demands if d.action}
    subject: set[str] = set()
    if label is not None:
        subject.update(phrase_terms(label))
        folded = " ".join(label.casefold().split())
        if folded:
            subject.add(LABEL_KEY + folded)
    if heading:
        subject.update(term for term in phrase_terms(heading) if term in clause)
    subject -= left_out
    return AskSubject(frozenset(subject), frozenset(subject) | words)


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


def held_terms(subjects: Sequence[AskSubject]) -> Counter[str]:
    """How many of ``subjects`` hold each term (in :attr:`AskSubject.terms`): what rule 2
    counts."""
    return Counter(term for subject in subjects for term in subject.terms)


def subject_pairs(
    subjects: Sequence[AskSubject],
    groups: Sequence[int],
    addressees: Sequence[frozenset[str]],
    *,
    held: Mapping[str, int] | None = None,
    total: int | None = None,
) -> dict[tuple[int, int], tuple[str, ...]]:
    """The pairs ``(i, j)``, ``i < j``, of asks that share a subject (rule 3), with the
    distinctive subject terms they share, sorted. ``subjects[n]`` is ask ``n``'s subject,
    ``groups[n]`` its letter's group (asks of one group are never paired) and
    ``addressees[n]`` its letter's addressee. ``held`` and ``total`` are rule 2's counts
    when the asks compared are more than ``subjects`` (a corpus's asks and a draft's, only
    those that may pair passed: every ask holding one of their subject terms in its
    subject, so that rule 3's one ask per group is read right); by default
    :func:`held_terms` of ``subjects`` and their number. Raises ``ValueError`` when the
    three differ in length. Cost: O(a·s) to count, then the pairs of asks holding each
    distinctive term."""
    if not len(subjects) == len(groups) == len(addressees):
        raise ValueError("one group and one addressee are needed per ask subject")
    held = held_terms(subjects) if held is None else held
    cap = distinctive_cap(len(subjects) if total is None else total)
    by_term: dict[str, list[int]] = {}
    for n, subject in enumerate(subjects):
        for term in subject.subject:
            if held.get(term, 0) <= cap:
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
