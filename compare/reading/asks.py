"""Asks: the recommendations a letter makes, found in its paragraphs.

In: the letter's paragraphs in reading order and a theme taxonomy. Out: ``Ask``s in reading
order. The vocabulary (ladder verbs, modal forms, subjects, adverbs, reporting verbs,
abbreviations) lives in ``compare/data/verbs.toml``; this module only knows the rules.

Rules
-----
1. **List items.** Each ``list-item`` paragraph is one ask, semicolons and all. Its text loses a
   leading marker ("1.", "•", "a)"). Its verb is that of the *lead-in*: the last sentence of
   the nearest preceding ``body`` paragraph, when that paragraph ends with ":" ("We urge you
   to:"). ``heading`` paragraphs in between keep the lead-in; any other ``body`` paragraph or
   a ``closing`` ends it. The lead-in's verb is its first-person ladder verb (rule 2), else
   the first ladder form anywhere in it, else a modal (rule 3), else ``None``.
2. **Prose asks.** ``body`` paragraphs (never ``heading``/``closing``) are split into
   sentences (:func:`compare.text.sentences`). A sentence is an ask when a first-person subject
   ("we", "I", "the undersigned [organisations …]", "our organisations", …), optionally
   followed by a comma-delimited aside ("We, the undersigned, …"), adverbs and auxiliaries
   ("strongly", "therefore", "would like to", "are") and a writing frame ("we write to",
   "we are writing on behalf of N groups to"), is followed by a present-tense ladder form
   and an object (not "whether", "is", … : "the measures we recommend are …"). A second
   verb joined by "and" counts too ("We welcome X and urge Y to …") when it is a base form
   and nothing in between starts a clause ("that", "which", "it", …). A subject right after
   "as", "if", "because", … is in a subordinate clause and does not count; nor does one
   inside a quotation. Past tense ("we urged") and third-person subjects ("The report called
   on …", "The committee strongly urges …") are never asks: the form list holds
   present forms only and the subject must be the writers.
3. **Modal asks.** Otherwise a sentence is an ask with verb "must"/"should" when a modal form
   has a subject that is not a pronoun or determiner (we, I, it, this, that, there, they,
   …): "The Council must act …", "States should ratify …". The modal must head
   its clause: one after a subordinator ("how the Assembly should react", "that it should
   not") does not count, except after the writers' own view ("we believe that X should").
   A comma-delimited aside before the modal is skipped ("States, including X, should").
   Modals inside quotations, in questions, or after a reporting verb in the same sentence
   ("as the Rapporteur observed, …", "the inquiry concluded that …") do not count.
4. **Dangling lead-ins.** A sentence ending with ":" whose ask has at most three words
   after the verb ("We urge you to:") is no ask on its own; if list items follow it is the
   lead-in of rule 1.
5. **Semicolon series.** A prose ask whose ";"-separated parts after the first all start
   with "to …" ("We request the resolution to call upon …; to investigate …; and to …") is
   split into one ask per part, each with the sentence's verb; a leading "and"/"or" is
   dropped from a part.

6. **Other kinds** (vocabulary in ``[other_asks]``). An own ask may also be a frame that is the
   writers whatever its subject ("X and its members take this opportunity to call on …"), a
   sentence opening with a proper name or acronym and a present ladder form ("EXA also ask",
   "Acme Network urges" — a writer naming itself; "The …" never), "I join X in demanding",
   "asking if you would …", a pro-drop form in another language ("Exigimos …", "Les
   solicitamos …", "2 – Llamamos a …"), a writing frame with its own subject ("nos dirigimos a
   ustedes para solicitarles …") or a verb-second inversion ("Deshalb fordern wir …"). Object
   pronouns may stand between subject and verb ("nous vous demandons"). An
   impersonal obligation ("It is imperative that …") is a "must" ask. A question to the
   recipient ("Will you …?", "can you explain …?") is a "request" ask; in a letter that puts
   one, its wh-questions without a first-person subject count too. An imperative sentence (an
   action verb after adverbs, or "please" + a verb other than "find", "note", …; no
   main-clause auxiliary) is an ask with verb ``None``.
7. **Which list items ask.** An item is an ask when its lead-in lends a verb or names its
   items ("Our demands are:"), when it is an imperative or a question; otherwise (reasons,
   facts, attachments) only the asks inside it count (rules 2, 3, 6). A lead-in may also end
   in a dangling "to" / "to," or a dash.

``Ask.verb`` is the ladder lemma: "ask" is filed under "request" (same rank, one name to
compare across letters), "call for"/"appeal to" under "call on", "suggest"/"propose" under
"recommend", "implore" under "urge", "insist" under "demand" (all editable in the data file);
"must"/"should" for modal asks; ``None`` for list items without a lead-in verb.
``Ask.themes`` is ``tag_themes(ask.text, taxonomy)``; ``Ask.heading`` the text of the last
``heading`` paragraph before the ask (``None`` before the first). A malformed ``verbs.toml`` raises
:class:`~compare.errors.DataFileError` naming the file and the entry.

Known limits: an ask phrased without a ladder verb, modal or imperative ("it is crucial that
governments …", "we hope that you will …", "we join X in
calling on …") is missed; a pronoun-subject modal ask ("They must release …") and a modal
after a "that"/"who" relative clause in its subject ("Governments that have not yet done so
should sign") are missed; a reporting verb anywhere before a modal silences it even in a
separate clause; a relative clause without "which"/"that" can make a descriptive modal look
like an ask; the verb of a list item is the lead-in's, so a numbered section title given as
a list item takes the verb of the previous lead-in; sentence splitting is heuristic (see
:func:`compare.text.sentences`); imperatives are found only for the verbs listed in the data
file, and a named subject quoting a third party in the present ("Acme urges …") is taken as
the writers'.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from compare.datafiles import DataTable, load_data, number, table, tables, text, words
from compare.models import Ask, Paragraph
from compare.text import sentences
from compare.themes import Taxonomy, tag_themes

_START = r"(?<![\w'’-])"
_END = r"(?![\w'’-])"
_ITEM_MARKER = re.compile(
    r"^\s*(?:[•●▪◦·‣∙○■□➢➤►✓*\-–—]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxlcIVXLC]{1,5}[.)])"
    r"\s+"
)
_WORD = re.compile(r"[\w'’-]+")
_TO_PART = re.compile(r"^(?:(?:and|or)\s+)?(to\s+\S.*)$", re.IGNORECASE | re.DOTALL)
_DANGLING_WORDS = 3


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class _Vocabulary:
    """The compiled ask vocabulary from ``verbs.toml``."""

    ranks: dict[str, int]
    form_lemma: dict[str, str]
    ladder_hint: re.Pattern[str]
    prose: re.Pattern[str]
    coordinated: re.Pattern[str]
    coordination_stops: re.Pattern[str]
    any_form: re.Pattern[str]
    modal: re.Pattern[str]
    after_modal: re.Pattern[str]
    clause_break: re.Pattern[str]
    own_view: re.Pattern[str]
    reporting: re.Pattern[str]
    not_after: frozenset[str]
    non_subjects: frozenset[str]
    adverbs: frozenset[str]
    framed: re.Pattern[str]
    written: re.Pattern[str]
    inverted: re.Pattern[str]
    named: re.Pattern[str]
    subjectless: re.Pattern[str]
    impersonal: re.Pattern[str]
    imperatives: frozenset[str]
    please: frozenset[str]
    please_not: re.Pattern[str]
    statement_aux: re.Pattern[str]
    relatives: frozenset[str]
    addressed: re.Pattern[str]
    wh: frozenset[str]
    first_person: re.Pattern[str]
    lead_in_nouns: re.Pattern[str]


def _norm(phrase: str) -> str:
    """Lower case, inner whitespace collapsed: the key forms are looked up by."""
    return " ".join(phrase.lower().split())


def _alternation(phrases: Iterable[str]) -> str:
    """Regex alternation of whole phrases, longest first; spaces match any whitespace."""
    sources = {r"\s+".join(re.escape(w) for w in p.split()) for p in phrases if p.split()}
    return "(?:" + "|".join(sorted(sources, key=len, reverse=True)) + ")"


def _ladder(raw: DataTable, name: str) -> tuple[dict[str, int], dict[str, str]]:
    """Ranks by lemma and lemmas by form from ``[[verb]]`` or ``[[modal]]`` tables."""
    ranks: dict[str, int] = {}
    form_lemma: dict[str, str] = {}
    for entry in tables(raw, name):
        lemma = _norm(text(entry, "lemma") or "")
        entry = entry.named(f"[[{name}]] {lemma!r}")
        ranks[lemma] = number(entry, "rank")
        for form in [lemma, *words(entry, "forms")]:
            form_lemma[_norm(form)] = lemma
    return ranks, form_lemma


def _base_forms(form_lemma: dict[str, str]) -> list[str]:
    """The forms whose first word is not an -s or -ing form ("urge", "call on", "ask")."""
    first_words = {form: form.split()[0] for form in form_lemma}
    return [
        form
        for form, word in first_words.items()
        if not word.endswith("ing") and not (word.endswith("s") and not word.endswith("ss"))
    ]


def _word_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Case-insensitive whole-word search for any of ``phrases``."""
    return re.compile(rf"{_START}{_alternation(phrases)}{_END}", re.IGNORECASE)


def _prose_patterns(
    prose: DataTable, verb_forms: dict[str, str]
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The direct ("we strongly urge …"), coordinated ("we welcome X and urge …"), framed
    ("take this opportunity to urge …") and written ("nos dirigimos a ustedes para
    solicitarles …") patterns."""
    adverb = rf"{_alternation(words(prose, 'adverbs'))}{_END}"
    auxiliary = rf"{_alternation(words(prose, 'auxiliaries'))}{_END}"
    clitic = rf"(?:\s+{_alternation(words(prose, 'clitics'))}{_END}){{0,2}}"
    purpose = rf"\s+{_alternation(words(prose, 'purpose'))}{_END}"
    subject = (
        rf"{_START}(?P<subject>{_alternation(words(prose, 'group_subjects'))}{_END}"
        rf"(?:\s+[\w'’&-]+){{0,4}}?|{_alternation(words(prose, 'subjects'))}{_END})"
    )
    direct = (
        subject
        + r"(?:\s*,[^,;:!?]{1,200}?,)?"  # "We, the undersigned organisations, …"
        + clitic  # "nous vous demandons", "wir bitten Sie" has it after the verb
        + rf"(?:\s+(?:{adverb}|{auxiliary})){{0,6}}"
        + rf"(?:\s+{_alternation(words(prose, 'writing'))}{_END}[^;:!?]{{0,250}}?"
        + rf"{purpose}(?:\s+{adverb}){{0,3}}{clitic}"
        + rf"|\s+{_alternation(words(prose, 'joining'))}{_END}[^;:!?]{{0,250}}?"
        + rf"\s+in{_END}(?:\s+{adverb}){{0,3}})?"
        + rf"\s+(?P<verb>{_alternation(verb_forms)}){_END}"
        + _object(prose)
    )
    written = (
        rf"{_START}(?P<subject>{_alternation(words(prose, 'written'))}){_END}"
        + rf"[^;:!?]{{0,250}}?{purpose}(?:\s+{adverb}){{0,3}}{clitic}"
        + rf"\s+(?P<verb>{_alternation(verb_forms)}){_END}"
        + _object(prose)
    )
    framed = (
        rf"{_START}(?P<subject>{_alternation(words(prose, 'self_frames'))}){_END}"
        + rf"(?:\s+{adverb}){{0,3}}\s+(?P<verb>{_alternation(verb_forms)}){_END}"
        + _object(prose)
    )
    obj = _object(prose)
    coordinated = (
        subject
        + r"(?P<middle>\s[^,;:!?]{1,150}?)\s+and"
        + rf"(?:\s+{adverb}){{0,3}}\s+(?P<verb>{_alternation(_base_forms(verb_forms))}){_END}"
        + obj
    )
    return (
        re.compile(direct, re.IGNORECASE),
        re.compile(coordinated, re.IGNORECASE),
        re.compile(framed, re.IGNORECASE),
        re.compile(written, re.IGNORECASE),
    )


def _object(prose: DataTable) -> str:
    """An object after a ladder verb: a word, not "whether"/"is"/… (but "if you" asks)."""
    return (
        r"(?=\s+[\w\"“‘(])(?!\s+(?!(?:if|whether)\s+you\b)"
        rf"{_alternation(words(prose, 'not_objects'))}{_END})"
    )


def _named_pattern(prose: DataTable, verb_forms: dict[str, str]) -> re.Pattern[str]:
    """A sentence opening with a proper name or acronym as subject, then a present-tense
    ladder form: "CCI also ask X to …", "Acme Network urges X to …" (a writer naming itself).
    """
    adverb = rf"{_alternation(words(prose, 'adverbs'))}{_END}"
    forms = [f for f in verb_forms if not f.split()[0].endswith("ing")]
    name = r"[A-Z][\w&'’.-]*"
    return re.compile(
        rf"^\s*(?P<subject>{name}(?:\s+(?:(?:of|for|and|on|the|&)\s+)?{name}){{0,6}}"
        r"(?:\s*\([A-Z][\w&.-]*\))?)"
        rf"(?:\s+{adverb}){{0,3}}\s+(?P<verb>{_alternation(forms)}){_END}" + _object(prose)
    )


def _own_view_pattern(prose: DataTable, context: DataTable) -> re.Pattern[str]:
    """Text ending in the writers' view: "we (would like to) stress / believe" (then "that")."""
    fillers = words(prose, "adverbs") + words(prose, "auxiliaries")
    return re.compile(
        rf"{_START}(?:we|i)(?:\s+{_alternation(fillers)}{_END}){{0,6}}\s+"
        rf"{_alternation(words(context, 'own_view'))}\s*$",
        re.IGNORECASE,
    )


def _build_vocabulary(raw: DataTable) -> _Vocabulary:
    """Compile the patterns of the ask rules from the parsed ``verbs.toml``."""
    ranks, verb_forms = _ladder(raw, "verb")
    modal_ranks, modal_forms = _ladder(raw, "modal")
    prose = table(raw, "prose")
    context = table(raw, "modal_context")
    direct, coordinated, framed, written = _prose_patterns(prose, verb_forms)
    clitics = _alternation(words(prose, "clitics"))
    subordinators = _alternation(words(context, "subordinators"))
    other = table(raw, "other_asks")
    lead_nouns = words(other, "lead_in_nouns")
    return _Vocabulary(
        ranks={**ranks, **modal_ranks},
        form_lemma={**verb_forms, **modal_forms},
        ladder_hint=re.compile(rf"\b{_alternation(verb_forms)}\b"),
        prose=direct,
        coordinated=coordinated,
        coordination_stops=_word_pattern(words(prose, "coordination_stops")),
        any_form=_word_pattern(verb_forms),
        modal=_word_pattern(modal_forms),
        after_modal=re.compile(r"(?:\s*,[^,;:!?]{1,80},)?\s+[^\W\d_]"),
        clause_break=re.compile(
            rf"(?P<punct>[,;:()\[\]—–])|{_START}(?P<sub>{subordinators}){_END}", re.IGNORECASE
        ),
        own_view=_own_view_pattern(prose, context),
        reporting=_word_pattern(words(context, "reporting")),
        not_after=frozenset(_norm(w) for w in words(prose, "not_after")),
        non_subjects=frozenset(_norm(w) for w in words(context, "non_subjects")),
        adverbs=frozenset(_norm(a) for a in words(prose, "adverbs") if " " not in a),
        framed=framed,
        written=written,
        inverted=re.compile(
            r"(?:^|[;:]\s*)(?:[\w'’-]+,?\s+){1,4}?"
            rf"(?P<verb>{_alternation(verb_forms)})\s+(?P<subject>"
            rf"{_alternation(words(prose, 'inverted'))}){_END}" + _object(prose),
            re.IGNORECASE,
        ),
        named=_named_pattern(prose, verb_forms),
        subjectless=re.compile(
            r"(?:^\s*(?:\d{1,3}\s*[.)–—-]\s*)?|[,;:]\s*)"  # "2 – Llamamos a …"
            rf"(?:{clitics}\s+){{0,2}}"  # "Les solicitamos …"
            rf"(?P<verb>{_alternation(words(prose, 'subjectless'))}){_END}" + _object(prose),
            re.IGNORECASE,
        ),
        impersonal=_word_pattern(words(other, "impersonal_must")),
        imperatives=frozenset(_norm(v) for v in words(other, "imperative_verbs")),
        please=frozenset(_norm(v) for v in words(other, "please")),
        please_not=re.compile(
            rf"^\s*{_alternation(words(other, 'please_not'))}{_END}", re.IGNORECASE
        ),
        statement_aux=_word_pattern(words(other, "statement_auxiliaries")),
        relatives=frozenset(_norm(v) for v in words(other, "relatives")),
        addressed=_word_pattern(words(other, "addressed")),
        wh=frozenset(_norm(v) for v in words(other, "wh")),
        first_person=_word_pattern(words(other, "first_person")),
        lead_in_nouns=_word_pattern(lead_nouns),
    )


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    """The packaged ask vocabulary, read and compiled once."""
    return _build_vocabulary(load_data("verbs"))


def verb_strength(verb: str | None) -> int | None:
    """Rank of a ladder lemma or form on the request ladder, ``None`` for ``None``/unknown.

    demand 7 > call on 6 > urge 5 > request (and "ask") 4 > recommend 3 > encourage 2 >
    invite 1; the modal "must" ranks with urge (5) and "should" with recommend (3). The
    numbers come from ``verbs.toml``.
    """
    if verb is None:
        return None
    ranks, form_lemma = _ladders()
    lemma = form_lemma.get(_norm(verb))
    return ranks.get(lemma) if lemma else None


@lru_cache(maxsize=1)
def _ladders() -> tuple[dict[str, int], dict[str, str]]:
    """The packaged ladders' ranks by lemma and lemmas by form (verbs and modals), as
    :func:`_vocabulary` has them, without compiling the ask patterns: comparing two parsed
    letters ranks verbs but finds no asks."""
    raw = load_data("verbs")
    ranks, verb_forms = _ladder(raw, "verb")
    modal_ranks, modal_forms = _ladder(raw, "modal")
    return {**ranks, **modal_ranks}, {**verb_forms, **modal_forms}


def verb_ladder() -> dict[str, int]:
    """Every lemma (ladder verbs and modals) with its rank, strongest first."""
    ranks = _vocabulary().ranks
    return dict(sorted(ranks.items(), key=lambda item: -item[1]))


# --------------------------------------------------------------------------- asks


def extract_asks(paragraphs: Sequence[Paragraph], taxonomy: Taxonomy) -> list[Ask]:
    """The asks of a letter's paragraphs, in reading order (rules in the module docstring)."""
    vocab = _vocabulary()
    asks: list[Ask] = []
    lead: _LeadIn | None = None
    split = [sentences(p.text) if p.kind in ("body", "list-item") else [] for p in paragraphs]
    questioning = _puts_questions(split, vocab)
    heading: str | None = None

    def add(text: str, verb: str | None) -> None:
        themes = tag_themes(text, taxonomy)
        asks.append(Ask(text=text, verb=verb, themes=themes, heading=heading))

    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind == "heading":
            heading = " ".join(paragraph.text.split()) or None
        elif paragraph.kind == "list-item":
            text = _item_text(paragraph.text)
            if not text:
                continue
            if lead is not None and (lead.verb is not None or lead.names_asks):
                add(text, lead.verb)
            elif _imperative(text, vocab):
                add(text, None)
            elif text.rstrip().endswith("?"):
                add(text, _QUESTION_VERB)
            else:  # a reason, fact or attachment: only the asks inside it count
                for sentence in sentences(text):
                    for part, verb in _sentence_asks(sentence, vocab, questioning):
                        add(part, verb)
        elif paragraph.kind == "body":
            found = split[index]
            lead = None
            if found and _introduces_list(paragraphs, index):
                lead = _lead_in(found.pop(), vocab)
            for sentence in found:
                for text, verb in _sentence_asks(sentence, vocab, questioning):
                    add(text, verb)
        elif paragraph.kind == "closing":
            lead = None
    return asks


_QUESTION_VERB = "request"
_LEAD_END = re.compile(r"(?::|\bto\s*[,:]?|—|–)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _LeadIn:
    """The sentence introducing a list: the verb it lends, and whether it names asks."""

    verb: str | None
    names_asks: bool


def _lead_in(sentence: str, vocab: _Vocabulary) -> _LeadIn:
    """A lead-in's verb, and whether it calls its items recommendations/demands/…"""
    return _LeadIn(_lead_in_verb(sentence, vocab), bool(vocab.lead_in_nouns.search(sentence)))


def _item_text(text: str) -> str:
    """A list item's text without its leading marker, whitespace collapsed."""
    return " ".join(_ITEM_MARKER.sub("", text, count=1).split())


def _introduces_list(paragraphs: Sequence[Paragraph], index: int) -> bool:
    """Whether body paragraph ``index`` ends with ":" (or a dangling "to", "to,", a dash) and
    list items follow (headings skipped)."""
    if not _LEAD_END.search(paragraphs[index].text):
        return False
    for following in paragraphs[index + 1 :]:
        if following.kind != "heading":
            return following.kind == "list-item"
    return False


def _lead_in_verb(sentence: str, vocab: _Vocabulary) -> str | None:
    """The verb a lead-in lends its list items: first-person ladder verb, any form, modal."""
    own = _own_ask(sentence, vocab)
    if own is not None:
        return vocab.form_lemma[_norm(own.group("verb"))]
    for match in vocab.any_form.finditer(sentence):
        if not _inside_quote(sentence, match.start()):
            return vocab.form_lemma[_norm(match.group())]
    return _modal_ask(sentence, vocab, require_verb=False)


def _sentence_asks(
    sentence: str, vocab: _Vocabulary, questioning: bool = False
) -> list[tuple[str, str | None]]:
    """(text, verb) for each ask in one prose sentence: none, one, or a semicolon series."""
    own = _own_ask(sentence, vocab)
    if own is not None and _dangling(sentence, own.end()):
        return []
    verb: str | None
    if own is not None:
        verb = vocab.form_lemma[_norm(own.group("verb"))]
    else:
        verb = _modal_ask(sentence, vocab) or _impersonal_ask(sentence, vocab)
    if verb is None:
        if _question_ask(sentence, vocab, questioning):
            return [(sentence, _QUESTION_VERB)]
        if _imperative(sentence, vocab):
            return [(sentence, None)]
        return []
    return [(part, verb) for part in _series_parts(sentence)]


def _impersonal_ask(sentence: str, vocab: _Vocabulary) -> str | None:
    """ "must" for an impersonal obligation ("It is imperative that X …"), else None."""
    match = vocab.impersonal.search(sentence)
    if match is None or _inside_quote(sentence, match.start()):
        return None
    return "must"


def _imperative(text: str, vocab: _Vocabulary) -> bool:
    """Whether ``text`` opens with an imperative: an action verb (after adverbs, "and",
    "please") or "please" + any verb, with no main-clause auxiliary ("Stop the raids",
    "Immediately and unconditionally release …", "Please forward this").
    """
    if text.rstrip().endswith("?"):
        return False
    pleased = False
    first = None
    for token in _WORD.finditer(text):  # the words are read only up to the first verb
        word = _norm(token.group())
        if word in vocab.please:
            pleased = True
        elif not (word in vocab.adverbs or word == "and" or word.endswith("ly")):
            first = token
            break
    if first is None:
        return False
    rest = text[first.end() :]
    if pleased:
        return not vocab.please_not.match(text[first.start() :])
    if _norm(first.group()) not in vocab.imperatives:
        return False
    return not _statement(rest, vocab)


def _statement(rest: str, vocab: _Vocabulary) -> bool:
    """Whether an auxiliary ("is", "will", …) follows in the main clause (before a relative)."""
    for token in _WORD.finditer(rest):
        word = _norm(token.group())
        if word in vocab.relatives:
            return False
        if vocab.statement_aux.fullmatch(word):
            return True
    return False


def _puts_questions(split: Sequence[Sequence[str]], vocab: _Vocabulary) -> bool:
    """Whether the letter puts a question to its recipient ("Will you …?") in its body:
    ``split`` holds the sentences of each of its body and list-item paragraphs."""
    return any(_addressed_question(sentence, vocab) for found in split for sentence in found)


def _addressed_question(sentence: str, vocab: _Vocabulary) -> bool:
    """A question to "you": ends in "?" and holds "will you", "can you", …"""
    if not sentence.rstrip().endswith("?"):
        return False
    match = vocab.addressed.search(sentence)
    return match is not None and not _inside_quote(sentence, match.start())


def _question_ask(sentence: str, vocab: _Vocabulary, questioning: bool) -> bool:
    """A question put to the recipient, or (in a letter that puts one) a wh-question with
    no first-person subject."""
    if _addressed_question(sentence, vocab):
        return True
    if not questioning or not sentence.rstrip().endswith("?"):
        return False
    opening = re.sub(r"^[^,?]{0,40},\s*", "", sentence.strip())
    first = _WORD.match(opening)
    return (
        first is not None
        and _norm(first.group()) in vocab.wh
        and not vocab.first_person.search(sentence)
        and not _inside_quote(sentence, 0)
    )


def _own_ask(sentence: str, vocab: _Vocabulary) -> re.Match[str] | None:
    """The first match of a first-person subject + ladder verb heading its clause, if any:
    directly ("we strongly urge") or as a second verb joined by "and" ("we welcome X and
    urge")."""
    if not vocab.ladder_hint.search(sentence.lower()):
        return None  # a cheap necessary condition: no ladder form at all
    for match in vocab.prose.finditer(sentence):
        if _heads_clause(sentence, match, vocab):
            return match
    for pattern in (vocab.framed, vocab.written, vocab.subjectless, vocab.inverted):
        for match in pattern.finditer(sentence):
            if not _inside_quote(sentence, match.start()):
                return match
    named = vocab.named.match(sentence)
    if named is not None:
        first = _WORD.match(named.group("subject"))
        if first is not None and _norm(first.group()) not in vocab.non_subjects:
            return named
    for match in vocab.coordinated.finditer(sentence):
        if _heads_clause(sentence, match, vocab) and not vocab.coordination_stops.search(
            match.group("middle")
        ):
            return match
    return None


def _heads_clause(sentence: str, match: re.Match[str], vocab: _Vocabulary) -> bool:
    """Whether an ask match's subject is outside quotes and not after "as", "if", …"""
    if _inside_quote(sentence, match.start()):
        return False
    before = _WORD.findall(sentence[: match.start("subject")][-40:])
    return not (before and _norm(before[-1]) in vocab.not_after)


def _dangling(sentence: str, verb_end: int) -> bool:
    """A sentence ending in ":" with at most a few words after its verb ("We urge you to:")."""
    return sentence.rstrip().endswith(":") and len(sentence[verb_end:].split()) <= _DANGLING_WORDS


def _series_parts(sentence: str) -> list[str]:
    """The sentence, or its ";"-parts when every part after the first starts with "to …"."""
    parts = [part.strip() for part in sentence.split(";")]
    if len(parts) < 2 or not all(parts):
        return [sentence]
    tails = [_TO_PART.match(part) for part in parts[1:]]
    if not all(tails):
        return [sentence]
    return [parts[0], *(tail.group(1) for tail in tails if tail)]


def _modal_ask(sentence: str, vocab: _Vocabulary, require_verb: bool = True) -> str | None:
    """The modal lemma ("must"/"should") when a modal heads a main clause (rule 3), else None."""
    if sentence.rstrip().endswith("?"):
        return None
    for match in vocab.modal.finditer(sentence):
        if _inside_quote(sentence, match.start()):
            continue
        before = sentence[: match.start()]
        if vocab.reporting.search(before):
            return None
        if require_verb and not vocab.after_modal.match(sentence, match.end()):
            continue
        if _modal_subject_ok(before, vocab):
            return vocab.form_lemma[_norm(match.group())]
    return None


def _modal_subject_ok(before: str, vocab: _Vocabulary) -> bool:
    """Whether the text before a modal ends in a main-clause subject (see rule 3)."""
    while True:
        breaks = [b for b in vocab.clause_break.finditer(before) if not _is_such_as(before, b)]
        last = breaks[-1] if breaks else None
        if last is not None and last.group("sub") and not _own_view_that(before, last, vocab):
            return False
        words = _WORD.findall(before[last.end() if last else 0 :])
        while words and _norm(words[-1]) in vocab.adverbs:
            words.pop()
        if words:
            return _norm(words[-1]) not in vocab.non_subjects
        if last is None or last.group() != ",":
            return False
        shorter = re.sub(r",[^,;:()]*,\s*$", " ", before)
        if shorter == before:
            return False
        before = shorter  # drop a comma-delimited aside and look again


def _own_view_that(text: str, sub: re.Match[str], vocab: _Vocabulary) -> bool:
    """Whether subordinator ``sub`` is the "that" of the writers' view ("we believe that")."""
    return _norm(sub.group("sub")) == "that" and bool(vocab.own_view.search(text[: sub.start()]))


def _is_such_as(text: str, match: re.Match[str]) -> bool:
    """Whether a clause-break match is the "as" of "such as" (a list, not a clause)."""
    return _norm(match.group()) == "as" and text[: match.start()].rstrip().lower().endswith("such")


def _inside_quote(text: str, position: int) -> bool:
    """Whether ``position`` lies inside a quotation (curly quotes balanced, straight odd)."""
    before = text[:position]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1
