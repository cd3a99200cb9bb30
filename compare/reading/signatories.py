"""Turn a letter's signature block into ``Signatory`` records.

The parser hands over the raw lines between the closing ("Sincerely,") and whatever follows the
list (footnotes, cc, page chrome). This module knows the layouts such lists take:

* one signatory a line: ``Org``, ``Org, Country``, ``Org – Country``, ``Org / Country``,
  ``Name, Title, Institution / Country``, ``Name, on behalf of Org``, and org or name glued to
  what follows it (``Harbour LightSouth Korea``, ``Jane DoeFormer Director of …``);
* a signatory over several lines: an org line followed by a country line, or a person's name
  followed by title and institution lines;
* headings ("Organizations", "Individuals:") that set the kind of what follows.

Every word list lives in ``data/signatories.toml``; country names come from ``countries``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from compare.datafiles import DataTable, load_data, number, table, word_lists, words
from compare.models import Signatory
from compare.reading.countries import match_country, split_country_suffix
from compare.reading.lexicon import key as lexicon_key
from compare.text import ends_sentence, normalize, strip_accents

Section = str
"""``organization``, ``individual`` or ``any``: what a heading says the lines below are."""

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_BULLET = re.compile(r"^(?:[•·▪◦●○■□\-–—*]|\(?\d{1,3}[.),])\s+")
_URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b", re.I)
_ORG_ACRONYM = re.compile(r"\([A-Z][A-Za-z0-9&.-]*[A-Z]\)")
_ACRONYM = re.compile(r"(?:^|(?<=\s))\((?=[^()]*[A-Z])[^()\s]{2,15}\)")
_PARENTHESISED = re.compile(r"\([^()]*\)")
_EMPHASIS = re.compile(r"^[_*]+(?=\S)|(?<=\S)[_*]+$")
_NICKNAME = re.compile(r"\s\([A-Z][a-z]+\)(?=\s|,|$)")
_NON_LATIN_LETTER = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_COUNTRY_SEPARATORS = (
    re.compile(r"\s+/\s*|\s*/\s+|\s*\|\s*"),
    re.compile(r",\s*"),
    re.compile(r"\s+[-–—]+\s+"),
)
_BEHALF = re.compile(r"^(?P<name>.+?),?\s+on behalf of\s+(?P<org>.+)$", re.I)
_POSTCODE = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?$|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}$")
_INITIAL = re.compile(r"^[A-Z]\.?$")
_INFERRED_COUNTRY = re.compile(r"\b(?P<word>[A-Z][\w-]*)\s+in\s+(?P<place>[A-Z][\w .'’-]*)$")


@dataclass(frozen=True)
class _Words:
    """The word lists of ``data/signatories.toml``, lowercased."""

    headings: dict[str, str]
    heading_keywords: dict[str, tuple[str, ...]]
    organization: frozenset[str]
    title: frozenset[str]
    title_modifiers: frozenset[str]
    prefixes: frozenset[str]
    suffixes: frozenset[str]
    particles: frozenset[str]
    glue_prefixes: frozenset[str]
    not_name: frozenset[str]
    institution: frozenset[str]
    contact: re.Pattern[str]
    leading: frozenset[str]
    address: frozenset[str]
    prose_words: int
    prose_markers: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    """The packaged word lists (read once)."""
    return words_from(load_data("signatories"))


def words_from(raw: DataTable) -> _Words:
    """The word lists of a parsed ``signatories.toml``; :class:`~compare.errors.DataFileError`
    names a missing or malformed entry."""
    lists, junk = table(raw, "words"), table(raw, "junk")

    def lower(key: str, source: DataTable = lists) -> frozenset[str]:
        return frozenset(item.lower() for item in words(source, key))

    headings = {
        phrase.lower(): kind
        for kind, phrases in word_lists(raw, "headings").items()
        for phrase in phrases
    }
    keywords: dict[str, tuple[str, ...]] = {}
    for kind, items in word_lists(raw, "heading_keywords").items():
        for word in items:
            keywords[word.lower()] = (*keywords.get(word.lower(), ()), kind)
    return _Words(
        headings=headings,
        heading_keywords=keywords,
        organization=lower("organization"),
        title=lower("title"),
        title_modifiers=lower("title_modifiers"),
        prefixes=lower("prefixes"),
        suffixes=frozenset(_squeeze(s) for s in words(lists, "suffixes")),
        particles=lower("particles"),
        glue_prefixes=lower("glue_prefixes"),
        not_name=lower("not_name"),
        institution=lower("institution"),
        contact=_contact_pattern(words(junk, "contact_words")),
        leading=frozenset(words(junk, "leading_words")),
        address=lower("address_words", junk),
        prose_words=number(junk, "prose_words"),
        prose_markers=lower("prose_markers", junk),
    )


def _contact_pattern(words: list[str]) -> re.Pattern[str]:
    """Matches a line that starts with a contact word followed by ":" or a number."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})\.?\s*(?::|[+(]?\d)", re.I)


# --- small text helpers ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _feed() -> tuple[re.Pattern[str], int]:
    """The ``[feed]`` verbs of ``signatories.toml`` as one pattern, and the most words after."""
    feed = table(load_data("signatories"), "feed")
    verbs = "|".join(re.escape(v) for v in sorted(words(feed, "verbs"), key=len, reverse=True))
    name = r"[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}"
    return re.compile(rf"^(?P<name>{name})\s+(?:{verbs})(?!\w)(?P<rest>.*)$", re.I), number(
        feed, "max_words_after"
    )


@lru_cache(maxsize=8192)
def signed_entry(line: str) -> str | None:
    """The signer a petition page's feed line names ("Jane R. signed just now" -> "Jane
    R."; the ``[feed]`` words of ``signatories.toml``), ``None`` for any other line: the name
    must start with a capital and at most ``max_words_after`` words may follow the verb."""
    from compare.reading.features import stop_words

    pattern, most = _feed()
    found = pattern.match(_clean(line))
    if not found or not found.group("name")[:1].isupper():
        return None
    if found.group("name").split()[0].lower() in stop_words():  # "We signed the letter."
        return None
    return found.group("name") if len(found.group("rest").split()) <= most else None


@lru_cache(maxsize=8192)
def _clean(line: str) -> str:
    """One line with every kind of space collapsed, a leading bullet or number and trailing
    list punctuation dropped."""
    text = _SPACES.sub(" ", line).strip()
    text = _BULLET.sub("", text)
    text = _EMPHASIS.sub("", text)
    return text.rstrip(" ,;").strip()


def _squeeze(text: str) -> str:
    """Lowercase without dots or spaces: how honorific suffixes compare (``Ph.D.`` = ``phd``)."""
    return re.sub(r"[.\s]", "", text).lower()


def _letters_words(text: str) -> list[str]:
    """The words of ``text``, lowercased, split at anything that is not a letter."""
    return _LETTER_RUN.findall(text.lower())


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_ASCII_DIGIT = re.compile("[0-9]")


# --- line classes ------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def is_signatory_heading(line: str) -> str | None:
    """The kind a heading line announces, or ``None`` when the line is not such a heading.

    ``"Groups"``, ``"Organizations:"`` -> ``"organization"``; ``"Individuals"``,
    ``"Individual signatories (in alphabetical order):"`` -> ``"individual"``;
    ``"Signatories"``, ``"Signed by"`` -> ``"any"``. Compared case- and accent-folded like
    :func:`compare.reading.lexicon.key` ("SIGNATÁRIOS", "Signatarios:"); the phrases are
    listed in ``data/signatories.toml``.
    """
    text = _PARENTHESISED.sub(" ", _clean(line))
    text = " ".join(text.strip(" :.-–—*#").split())
    return _folded_headings().get(lexicon_key(text))


@lru_cache(maxsize=1)
def _folded_headings() -> dict[str, str]:
    """The heading phrases by their :func:`~compare.reading.lexicon.key` form."""
    return {lexicon_key(phrase): kind for phrase, kind in _words().headings.items()}


def _heading_and_rest(line: str) -> tuple[str, list[str]] | None:
    """``(kind, rest)`` for a heading line, ``rest`` being the ``;``-separated names after
    ``Signed by:`` on the same line (often none); ``None`` for any other line.

    Inside a signature block a line of at most :data:`_ANNOUNCING_WORDS` words ending in ":"
    that names its list ("On behalf of the undersigned organisations:") is a heading too.
    """
    kind = is_signatory_heading(line) or announced_kind(line, _ANNOUNCING_WORDS)
    if kind:
        return kind, []
    head, colon, rest = line.partition(":")
    kind = is_signatory_heading(head) if colon and rest.strip() else None
    return (kind, [p.strip() for p in rest.split(";") if p.strip()]) if kind else None


def announced_kind(line: str, most_words: int = 8) -> str | None:
    """The kind a short line (at most ``most_words`` words) ending in ":" announces with a
    heading keyword, else ``None``."""
    if not line.endswith(":"):
        return None
    words = _letters_words(line)
    if len(words) > most_words:
        return None
    kinds = {kind for word in words for kind in _words().heading_keywords.get(word, ())}
    specific = kinds - {"any"}
    return specific.pop() if len(specific) == 1 else ("any" if kinds == {"any"} else None)


_ANNOUNCING_WORDS = 14
"""The most words of a line announcing a list of signers below it (:func:`announces_signers`,
:func:`_heading_and_rest`; the line labeller's feature counts at most 8)."""


def announces_signers(line: str) -> bool:
    """Whether ``line`` announces a list of signers below it: a line ending in ":" of at most
    :data:`_ANNOUNCING_WORDS` words with a heading keyword ("List of the organisations that
    have already endorsed this letter:")."""
    return announced_kind(line.strip(), _ANNOUNCING_WORDS) is not None


def _is_prose(text: str) -> bool:
    """A sentence of the letter, not a name: long, ends like a sentence, has a pronoun or verb
    such as "we", "would", "thank"."""
    words = text.split()
    if len(words) <= _words().prose_words or not ends_sentence(text):
        return False
    return any(w.strip(".,;:!?\"'()").lower() in _words().prose_markers for w in words)


def _is_junk(text: str) -> bool:
    """Lines that are clearly no signatory: no letters once URLs and emails are taken out,
    contact details ("Fax: …"), postal addresses, "… and 12 others", prose."""
    if not any(ch.isalpha() for ch in _URL_OR_EMAIL.sub("", text)):
        return True
    first = re.sub(r"^\W+", "", text).split(maxsplit=1)[0]
    if first in _words().leading:
        return True
    return bool(_words().contact.match(text)) or _is_address(text) or _is_prose(text)


def _is_address(text: str) -> bool:
    """A postal address line: a number and a street word ("350 Fifth Avenue", "Suite 4"), or a
    US ZIP or UK postcode ("New York, NY 10118", "London EC1A 4HD")."""
    if _POSTCODE.search(text):
        return True
    tokens = [t.strip(".,").lower() for t in text.split()]
    return any(t[:1].isdigit() for t in tokens) and any(t in _words().address for t in tokens)


@lru_cache(maxsize=8192)
def _has_org_word(text: str) -> bool:
    """Whether a word of ``text`` (or its singular) is an organisation word (memoised)."""
    return not _org_forms(_words().organization).isdisjoint(_letters_words(text))


@lru_cache(maxsize=2)
def _org_forms(org: frozenset[str]) -> frozenset[str]:
    """The organisation words and their plurals (each with an "s")."""
    return org | {word + "s" for word in org}


@lru_cache(maxsize=8192)
def _looks_like_org(text: str) -> bool:
    """Positive evidence of an organisation: an organisation word, an acronym in parentheses,
    a single word, all capitals, a digit or an ampersand."""
    core = _PARENTHESISED.sub("", text).strip()
    return (
        len(core.split(maxsplit=1)) == 1
        or "&" in core
        or _all_capitals(core)
        or (bool(_ASCII_DIGIT.search(core)) if core.isascii() else any(map(str.isdigit, core)))
        or bool(_ORG_ACRONYM.search(text))
        or _has_org_word(text)
    )


def _is_role(text: str) -> bool:
    """A line that is a person's role and nothing else: title words and their qualifiers
    ("General Secretary", "Executive Director"), the last a title word."""
    words = _words()
    tokens = [t.strip(",.;:").lower() for t in text.split()]
    allowed = words.title | words.title_modifiers
    return (
        0 < len(tokens) <= 4
        and tokens[-1] in words.title
        and all(t in allowed or t.split("-")[0] in allowed for t in tokens)
    )


def _all_capitals(text: str) -> bool:
    """Whether ``text`` has letters and every one is a capital (stops at the first that is
    not: a paragraph is decided by its second letter)."""
    seen = False
    for ch in text:
        if ch.isalpha():
            if not ch.isupper():
                return False
            seen = True
    return seen


def _starts_with_title(text: str) -> bool:
    """Whether ``text`` starts with a title word (``Former …``, ``Professor, …``,
    ``Co-Chair of …``)."""
    first = text.split(maxsplit=1)[0].strip(",:;").lower() if text.split() else ""
    title = _words().title
    return first in title or first.split("-")[0] in title


def _is_name_token(token: str) -> bool:
    """A capitalised word, an all-caps surname or a hyphenated/apostrophed mix of them; parts
    after a hyphen may be lowercase ("Chul-soo") unless they are words names never hold."""
    parts = [p for p in re.split(r"[-'’]", token) if p]
    if not parts or not all(p.isalpha() for p in parts) or not parts[0][0].isupper():
        return False
    return all(p[0].isupper() or p not in _words().not_name for p in parts[1:])


def _name_core(text: str) -> list[str] | None:
    """The tokens of a person's name once honorifics before it and title suffixes after it
    (``, Lord``, ``, Ph.D.``, ``Jr.``) are dropped; ``None`` if a comma part is no suffix."""
    words = _words()
    head, *tails = text.split(",")
    if not all(_is_suffix(t) for t in tails):
        return None
    tokens = head.split()
    while len(tokens) > 2 and tokens[0].lower() in words.prefixes:
        tokens = tokens[1:]
    while len(tokens) > 2 and _squeeze(tokens[-1]) in words.suffixes:
        tokens = tokens[:-1]
    return tokens


@lru_cache(maxsize=8192)
def _is_person_name(text: str) -> bool:
    """Whether ``text`` reads as a person's name: 2–5 capitalised tokens (initials such as
    ``D.`` and particles such as ``van`` allowed), no organisation word, no word that never
    occurs in names, not starting with a title word, optional honorifics around it."""
    text = _NICKNAME.sub("", text)
    if not text or re.search(r"[\d()&/@:;]", text):
        return False
    tokens = _name_core(text)
    words = _words()
    if not tokens or tokens[0].lower() in words.title:
        return False
    named = [t for t in tokens if t.lower() not in words.particles]
    if not 2 <= len(named) <= 5 or tokens[0].lower() in words.particles:
        return False
    if _has_org_word(" ".join(tokens)):  # the dearest test after the quick ones
        return False
    if any(t.lower().strip(".") in words.not_name for t in named):
        return False
    if not all(_INITIAL.match(t) or _is_name_token(t) for t in named):
        return False
    full_words = [t for t in named if not _INITIAL.match(t)]
    return bool(full_words) and any(not t.isupper() for t in full_words)


def _has_honorific(text: str) -> bool:
    """Whether a name carries an honorific before it or a title/degree after it."""
    words = _words()
    tokens = text.replace(",", " ").split()
    return bool(tokens) and (
        tokens[0].lower() in words.prefixes or _squeeze(tokens[-1]) in words.suffixes
    )


# --- one line ----------------------------------------------------------------------------------


@dataclass
class _Entry:
    """A signatory being assembled; ``kind`` ``None`` while it could be either."""

    name: str
    kind: str | None
    country: str | None = None
    affiliation: list[str] = field(default_factory=list)
    open: bool = False
    """A bare person's name: title and institution lines below it belong to it."""
    section: Section = "any"
    line: str = ""
    """The cleaned line the entry was read from."""


def _separated_country(text: str) -> tuple[str, str] | None:
    """``(rest, country)`` when ``text`` ends in a country after its last ``/``, ``,`` or
    spaced dash (tried in that order); ``None`` otherwise."""
    for separator in _COUNTRY_SEPARATORS:
        matches = list(separator.finditer(text))
        if matches:
            last = matches[-1]
            country = match_country(text[last.end() :])
            rest = text[: last.start()].strip()
            if country and rest:
                return rest, country
    return None


@lru_cache(maxsize=8192)
def _split_country(text: str) -> tuple[str, str | None]:
    """``(rest, country)`` when ``text`` ends in a country after ``/``, ``,`` or a spaced dash,
    in parentheses, or glued on; ``(text, None)`` otherwise."""
    separated = _separated_country(text)
    if separated:
        return separated
    paren = re.search(r"\s*\(([^()]+)\)$", text)
    if paren and text[: paren.start()].strip() and match_country(paren.group(1)):
        return text[: paren.start()].strip(), match_country(paren.group(1))
    return split_country_suffix(text)


def _split_glued_name(text: str, section: Section) -> tuple[str, str] | None:
    """``(name, title)`` for a person's name glued to their title: ``Jane DoeFormer …``,
    ``Jane Doe, Ph.D.Former …``; ``None`` when there is no such glue."""
    for i in range(1, len(text) - 1):
        if not (text[i].isupper() and text[i + 1].islower()):
            continue
        if not (text[i - 1].islower() or text[i - 1] == "."):
            continue
        fragment = re.sub(r"[^\w]", "", text[:i].split()[-1]).lower()
        if fragment in _words().glue_prefixes:
            continue
        name, rest = text[:i].strip(), text[i:].strip()
        if not _is_person_name(name):
            continue
        if section == "individual" or _starts_with_title(rest) or len(rest.split()) >= 3:
            return name, rest
    return None


def _name_and_rest(text: str) -> tuple[str, str]:
    """``text`` split at its first comma or spaced dash, name suffixes (``, Ph.D.``) kept with
    the name: ``"Jane Doe, Ph.D., Director"`` -> ``("Jane Doe, Ph.D.", "Director")``."""
    paren = re.fullmatch(r"(?P<name>[^()]+?)\s*\((?P<rest>[^()]+\s[^()]+)\)", text)
    if paren:
        return paren["name"].strip(), paren["rest"].strip()
    parts = re.split(r"(,\s*|\s+[-–—]\s+)", text)
    name, i = parts[0], 1
    while i + 1 < len(parts) and parts[i].startswith(",") and _is_suffix(parts[i + 1]):
        name, i = f"{name}, {parts[i + 1].strip()}", i + 2
    return name.strip(), "".join(parts[i + 1 :]).strip()


def _is_suffix(text: str) -> bool:
    """Whether ``text`` is an honorific or degree written after a name (``Lord``, ``Ph.D.``)."""
    return _squeeze(text) in _words().suffixes


def _split_person(text: str, section: Section) -> tuple[str, str] | None:
    """``(name, affiliation)`` for ``Name[, suffix], Title, Institution`` (also ``Name – Title``
    and ``Name (Institution)``); ``None`` unless ``text`` starts with a person's name followed by
    a title, or, under an individuals heading or none, by an institution."""
    name, rest = _name_and_rest(text)
    if not rest or not _is_person_name(name):
        return None
    if _starts_with_title(rest) or section == "individual":
        return name, rest
    if section == "any" and _looks_like_org(rest):
        return name, rest
    return None


def _person(name: str, affiliation: str | None, country: str | None) -> _Entry:
    """An individual's entry, open to title lines below it while it has neither an affiliation
    nor a country."""
    return _Entry(
        name=name,
        kind="individual",
        country=country,
        affiliation=[affiliation] if affiliation else [],
        open=not affiliation and not country,
    )


def _parse_line(text: str, section: Section) -> _Entry:
    """The signatory one cleaned line names, with country and affiliation when it has them."""
    behalf = _BEHALF.match(text)
    if behalf:
        org, country = _split_country(behalf.group("org").strip())
        return _person(behalf.group("name").strip(" ,"), org, country)
    rest, country = _split_country(text)
    if section != "organization":
        glued = _split_glued_name(rest, section)
        if glued:
            return _person(glued[0], glued[1], country)
    person = _split_person(rest, section)
    if person:
        return _person(person[0], person[1], country)
    return _whole_line_entry(rest, country, section)


def _whole_line_entry(name: str, country: str | None, section: Section) -> _Entry:
    """A line that is just a name: its kind from the heading, else from the words in it."""
    if section == "organization":
        return _Entry(name, "organization", country)
    if section == "individual":
        return _person(name, None, country)
    if not _is_person_name(name):
        return _Entry(name, "organization", country)
    kind = "individual" if _has_honorific(name) else None
    return _Entry(name, kind, country, open=country is None)


# --- blocks of lines ---------------------------------------------------------------------------


def _continues(entry: _Entry, text: str, section: Section) -> bool:
    """Whether ``text`` is a further title/institution line of the open person ``entry``: it
    starts with a title word, or it is neither another person nor an entry with its own country
    (nor, before the person has a title and without an individuals heading, an organisation)."""
    if not entry.open:
        return False
    rest, country = _split_country(text)
    if _starts_with_title(rest) or _is_role(rest):
        return True
    if country or _is_person_name(_name_and_rest(rest)[0]) or _split_glued_name(rest, section):
        return False
    if _starts_with_name(rest):
        return False
    return section == "individual" or bool(entry.affiliation) or not _looks_like_org(rest)


def _parse_lines(lines: Sequence[str], section: Section, warnings: list[str]) -> list[_Entry]:
    """Entries from lines read one at a time: a country line gives the entry above its
    country, a title line extends the open person above it, any other line is a signatory."""
    entries: list[_Entry] = []
    for text in map(_drop_comment, lines):
        country = match_country(text)
        if country:
            _attach_country(entries, country, text, warnings)
        elif entries and _continues(entries[-1], text, section):
            entries[-1].affiliation.append(text)
            entries[-1].kind = "individual"
        else:
            entry = _parse_line(text, section)
            entry.section, entry.line = section, text
            if section == "any":
                _classify(entry)
            entries.append(entry)
    return entries


_SURE = 0.1
"""The classifier overrules the kind the line's layout suggests only when it is this sure
(probability of a person below ``_SURE`` or above ``1 - _SURE``)."""


def _classify(entry: _Entry) -> None:
    """Settle the kind of a one-line entry with the person-or-organisation classifier: it
    decides when the layout left the kind open, and overrules the layout when it is sure."""
    from compare.reading.signatorykind import person_probability, person_range

    low, high = person_range(_split_country(entry.line)[0])
    if (
        (entry.kind is None and min(low, 1 - high) >= _SURE)
        or (entry.kind == "individual" and (not entry.affiliation or low >= _SURE))
        or (entry.kind == "organization" and high <= 1 - _SURE)
    ):
        return  # no probability in the range changes the kind: no need to tag the entry
    person = person_probability(_split_country(entry.line)[0])
    if entry.kind is None and min(person, 1 - person) < _SURE:
        entry.kind = "individual" if person > 0.5 else "organization"
        entry.open = entry.open and entry.kind == "individual"
    elif entry.kind == "individual" and entry.affiliation and person < _SURE:
        entry.name, entry.affiliation, entry.open = _split_country(entry.line)[0], [], False
        entry.kind = "organization"
    elif entry.kind == "organization" and person > 1 - _SURE:
        entry.kind = "individual"


def _drop_comment(text: str) -> str:
    """A one-line signature card (``Name Affiliation comment``, no commas) without the signer's
    trailing comment: a run of words that reads as a sentence (two lowercase words that are not
    particles or small words, and a final stop, a pronoun or verb of prose), or trailing
    hashtags and emoji."""
    if "," in text:
        return _drop_comment_field(text)
    tokens = text.split()
    while len(tokens) > 2 and (tokens[-1].startswith("#") or not re.search(r"\w", tokens[-1])):
        tokens.pop()
    for i in range(len(tokens) - 1, 1, -1):
        if tokens[i][:1].isupper() and _reads_as_comment(" ".join(tokens[i:])):
            return " ".join(tokens[:i])
    return " ".join(tokens)


def _drop_comment_field(text: str) -> str:
    """A signature card read as fields (``Name, Affiliation, comment``) without the fields from
    the first one after the name that reads as a sentence (see :func:`_drop_comment`)."""
    fields = text.split(", ")
    small = _words().not_name | _words().particles
    for i in range(1, len(fields)):
        own = [w for w in fields[i].split() if w[:1].islower() and w.lower() not in small]
        if own and _reads_as_comment(", ".join(fields[i:])):
            return ", ".join(fields[:i])
    return text


def _reads_as_comment(text: str) -> bool:
    """Words that read as a signer's comment: two lowercase words that are not particles or
    small words, and a final stop or a pronoun or verb of prose."""
    words = _words()
    small = words.not_name | words.particles
    tokens = text.split()
    tail = [w.strip(".,;:!?\"'()").lower() for w in tokens]
    lowercase = [
        w for w, raw in zip(tail, tokens, strict=True) if raw[:1].islower() and w not in small
    ]
    prose = tokens[-1][-1:] in ".!?" or any(w in words.prose_markers for w in tail)
    return len(lowercase) >= 2 and prose


def _attach_country(entries: list[_Entry], country: str, text: str, warnings: list[str]) -> None:
    """Give the last entry the country of a line that is only a country."""
    if entries and entries[-1].country is None:
        entries[-1].country = country
        entries[-1].open = False
    else:
        warnings.append(f"country line without a signatory: {text}")


_PERSON_BLOCK_LINES = 6
"""A person's block holds their name and at most this many lines more (title, department,
institution, city, country): a longer block is a list of one-line entries."""


def _starts_with_name(text: str) -> bool:
    """Whether a line opens with a person's name and reads as a person's entry (``Jane Doe
    Acme Labs``): another signatory, not a title or institution line of the one above."""
    from compare.reading.signatorykind import person_probability

    tokens = text.split()
    if _starts_with_title(text) or len(tokens) < 2 or match_country(text):
        return False
    return _is_person_name(" ".join(tokens[:2]).rstrip(",")) and person_probability(text) >= 0.5


def _parse_person_block(block: Sequence[str], section: Section) -> _Entry | None:
    """One person from a block that starts with their name and goes on with title and
    institution lines (a country line among them is their country); ``None`` when the block
    is not laid out that way."""
    if section == "organization" and not (len(block) > 1 and _starts_with_title(block[1])):
        return None
    if not 2 <= len(block) <= _PERSON_BLOCK_LINES:
        return None
    if all(_is_person_name(t) or match_country(t) for t in block):
        return None
    if any(_starts_with_name(t) for t in block[1:]):
        return None
    first = _parse_line(block[0], "individual")
    if first.kind != "individual" or not _is_person_name(first.name):
        return None
    for text in block[1:]:
        country = match_country(text)
        if country and first.country is None:
            first.country = country
        elif not country:
            first.affiliation.append(text)
    first.open = False
    first.section = section
    return first


def _blocks(items: Sequence[tuple[int, str]]) -> list[list[str]]:
    """Group ``(blank lines before, text)`` items into blocks: when the gaps between lines
    differ, the gaps wider than the narrowest separate blocks; otherwise one block."""
    gaps = [gap for gap, _ in items[1:]]
    threshold = min(gaps, default=0)
    if len(set(gaps)) < 2:
        return [[text for _, text in items]] if items else []
    blocks: list[list[str]] = []
    for i, (gap, text) in enumerate(items):
        if i == 0 or gap > threshold:
            blocks.append([])
        blocks[-1].append(text)
    return blocks


def _parse_section(
    items: Sequence[tuple[int, str]], section: Section, warnings: list[str]
) -> list[_Entry]:
    """Entries of the lines under one heading (or before any)."""
    blocks = _blocks(items)
    entries: list[_Entry] = []
    for block in blocks:
        person = _parse_person_block(block, section) if len(blocks) > 1 else None
        if person:
            entries.append(person)
        else:
            entries.extend(_parse_lines(block, section, warnings))
    return entries


def _sections(lines: Sequence[str]) -> list[tuple[Section, list[tuple[int, str]]]]:
    """Split the lines at headings into ``(kind, [(blank lines before, text), …])`` sections,
    junk lines counted as blank."""
    sections: list[tuple[Section, list[tuple[int, str]]]] = [("any", [])]
    blank = 0
    for raw in lines:
        text = _described(_clean(_URL_OR_EMAIL.sub(" ", raw)))
        heading = _heading_and_rest(text) if text else None
        if heading:
            sections.append((heading[0], [(0, item) for item in heading[1]]))
            blank = 0
        elif _skipped(text, sections[-1][1]):
            blank += 1
        else:
            sections[-1][1].append((blank, text))
            blank = 0
    return [(kind, items) for kind, items in sections if items]


def opens_with_signer(line: str) -> bool:
    """Whether ``line``, without its list mark, opens with a person's name or an
    organisation (before its first comma), or with words capitalised as names are
    (:data:`_NAME_CASE`): "3. Tenant Solidarity", "Jane Roe, Director", "Example Network
    (EN), EN is …"; not "1. Release the detained activists"."""
    head = _clean(line).split(",", 1)[0].strip()
    long = [w for w in head.split() if len(w) > 3]
    capitalised = sum(w[:1].isupper() for w in long) >= _NAME_CASE * len(long) > 0
    return bool(head) and (
        _is_person_name(head) or _looks_like_org(head) or (capitalised and not ends_sentence(head))
    )


_NAME_CASE = 0.6
"""The share of a line's longer words (over three letters) that are capitalised for
:func:`opens_with_signer` to read it as a name ("Parents and Teachers Against School
Closures"), as titles and organisation names are written."""


def _described(text: str) -> str:
    """An entry that goes on to describe its signer ("Example Network (EN), EN is a regional
    network of …") without the description, which would make it read as prose; any other
    line as it is."""
    if not text or not _is_junk(text):
        return text
    cut = _drop_comment_field(text)
    head = cut.split(", ")[0]
    if cut != text and (_looks_like_org(head) or _is_person_name(head)) and not _is_junk(cut):
        return cut
    return text


def _skipped(text: str, items: Sequence[tuple[int, str]]) -> bool:
    """Lines read as a gap: blank, junk, a stray heading, another script's copy of a name."""
    return not text or _is_junk(text) or _is_stray_heading(text) or _is_translation(text, items)


def _is_stray_heading(text: str) -> bool:
    """A short line ending in ":" that no heading list knows ("Firmantes:", a heading in
    another script): it heads what follows and names no signatory."""
    return text.endswith(":") and len(text.split()) <= 8


def _is_translation(text: str, items: Sequence[tuple[int, str]]) -> bool:
    """A line with no Latin letter right after a line with Latin letters: the same signatory's
    name in another script (``Org`` then its Chinese name), not a signatory of its own."""
    if _LATIN_LETTER.search(text) or not _NON_LATIN_LETTER.search(text) or not items:
        return False
    return bool(_LATIN_LETTER.search(items[-1][1]))


# --- whole block -------------------------------------------------------------------------------


def _resolve_kinds(entries: list[_Entry]) -> None:
    """Give entries that could be either kind the kind most of the list has: the kind of the
    clear ones, the classifier's better guess for the others."""
    from compare.reading.signatorykind import person_probability

    clear = Counter(
        e.kind or ("individual" if person_probability(e.line or e.name) >= 0.5 else "organization")
        for e in entries
        if e.section == "any"
    )
    default = "organization" if clear["organization"] > clear["individual"] else "individual"
    for entry in entries:
        entry.kind = entry.kind or default
    _wall_of_people(entries)


_WALL_MIN = 20
"""The fewest entries of a signature list :func:`_wall_of_people` reads as a wall."""
_WALL_SHARE = 0.8
"""The share of individuals that makes a list a wall of people (:func:`_wall_of_people`)."""


def _wall_of_people(entries: list[_Entry]) -> None:
    """In a wall of people (at least :data:`_WALL_MIN` entries under no kind heading, at least
    :data:`_WALL_SHARE` of them people), an entry read as an organisation only because its
    name is not written as names are ("Tomas okafor", "Idris", "Leyla, MIT" with the
    company after the comma) is a person too: its name (before the first comma) is one to
    four words of letters, with no organisation word and not a short acronym."""
    own = [e for e in entries if e.section == "any"]
    people = sum(e.kind == "individual" for e in own)
    if len(own) < _WALL_MIN or people < _WALL_SHARE * len(own):
        return
    for entry in own:
        if entry.kind == "organization" and _loose_person_name(entry.name.split(",")[0]):
            entry.kind = "individual"


def _loose_person_name(head: str) -> bool:
    """One to four words of letters (a hyphen, an apostrophe or a dot inside; emoji and
    flags aside), no organisation word, not a word of up to three capitals ("NYU")."""
    tokens = [t for t in head.split() if re.search(r"[^\W\d_]", t)]
    if not 1 <= len(tokens) <= 4 or _has_org_word(head):
        return False
    if len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) <= 3:
        return False
    return all(re.fullmatch(r"[^\W\d_]+(?:[-'’.][^\W\d_]*)*", t) for t in tokens)


def _infer_country(entry: _Entry) -> None:
    """An individual's country from an affiliation ending "<Institution word> in <Country>"."""
    if entry.kind != "individual" or entry.country or not entry.affiliation:
        return
    m = _INFERRED_COUNTRY.search(entry.affiliation[-1])
    if m and m.group("word").lower() in _words().institution:
        entry.country = match_country(m.group("place"))


def _to_signatory(entry: _Entry) -> Signatory:
    """The frozen record of an assembled entry."""
    affiliation = ", ".join(a.strip(" ,") for a in entry.affiliation) or None
    return Signatory(
        name=entry.name,
        key=signatory_key(entry.name),
        kind="individual" if entry.kind == "individual" else "organization",
        country=entry.country,
        affiliation=affiliation,
    )


def _merge(signatories: list[Signatory], warnings: list[str]) -> list[Signatory]:
    """One signatory per key, in first-seen order, gaps filled from later duplicates.

    Each name listed more than once gets one warning, naming it as its first repeat writes
    it: ``duplicate signatory: NAME`` (listed twice) or ``duplicate signatory (listed N
    times): NAME``. In a list of organisations with one person, that person's affiliation
    repeating an organisation listed above counts as a listing of it too: without a
    heading, "Org A / Org B / Org A" reads "Org B" as a person of "Org A" (the one person
    keeps that affiliation; several people with affiliations are a list of people and
    their organisations, and are not counted)."""
    merged: dict[str, Signatory] = {}
    listed: dict[str, int] = {}
    repeat: dict[str, str] = {}  # key -> the name as its first repeat writes it
    people = sum(s.kind == "individual" for s in signatories)
    for s in signatories:
        if not s.key:
            continue
        repeated = signatory_key(s.affiliation or "") if people == 1 else ""
        organisation = merged.get(repeated) if repeated != s.key else None
        if s.kind == "individual" and organisation and organisation.kind == "organization":
            listed[repeated] += 1
            repeat.setdefault(repeated, organisation.name)
        listed[s.key] = listed.get(s.key, 0) + 1
        first = merged.get(s.key)
        if first is None:
            merged[s.key] = s
            continue
        repeat.setdefault(s.key, s.name)
        merged[s.key] = Signatory(
            name=first.name,
            key=first.key,
            kind=first.kind,
            country=first.country or s.country,
            affiliation=first.affiliation or s.affiliation,
        )
    for key, count in listed.items():
        if count > 1:
            times = "" if count == 2 else f" (listed {count} times)"
            warnings.append(f"duplicate signatory{times}: {repeat[key]}")
    return list(merged.values())


def parse_signatories(lines: Sequence[str]) -> tuple[list[Signatory], list[str]]:
    """The signatories of a signature block, and warnings about what was odd in it.

    ``lines`` are the raw lines after the closing, blank lines included (they group multi-line
    entries); a feed line ("Jane R. signed just now", :func:`signed_entry`) is its name.
    Headings are not signatories but set the kind of the lines below them; prose,
    URLs, contact lines and lone punctuation are skipped; duplicates (same ``signatory_key``)
    are merged with a ``duplicate signatory: <name>`` warning.
    """
    warnings: list[str] = []
    entries: list[_Entry] = []
    lines = [signed_entry(line) or line for line in lines]
    for section, items in _sections(lines):
        entries.extend(_parse_section(items, section, warnings))
    _resolve_kinds(entries)
    for entry in entries:
        _infer_country(entry)
    return _merge([_to_signatory(e) for e in entries], warnings), warnings


# --- keys --------------------------------------------------------------------------------------


def _drop_country_tail(text: str) -> str:
    """``text`` without a trailing country after ``,``, ``/`` or a spaced dash."""
    tail = _separated_country(text)
    return tail[0] if tail else text


def _drop_honorifics(text: str) -> str:
    """A person's name without honorifics before it or titles/degrees after it."""
    if not _is_person_name(text):
        return text
    tokens = _name_core(text) or text.split()
    return " ".join(tokens)


def signatory_key(name: str) -> str:
    """The normalised form of a signatory's name: equal for the same signatory however a
    letter writes it.

    Lowercase letters, digits and single spaces: diacritics, punctuation (apostrophes, quotes,
    dots and parentheses joined, other marks as spaces) and a leading "the" dropped, "&" read
    as "and", hyphens and underscores as spaces. A parenthesised acronym (``(ABC)``) and a
    trailing country after a separator (``, UK``, `` / Japan``) are dropped, and so are a
    person's honorifics (``Dr``, ``, Lord``, ``, Ph.D.``).
    """
    text = normalize(name)
    text = _ACRONYM.sub(" ", text)
    text = _drop_honorifics(_drop_country_tail(text).strip())
    text = strip_accents(text).lower().replace("&", " and ")
    text = re.sub(r"['\".()]", "", text)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text
