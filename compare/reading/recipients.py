"""The short name of whom a letter is addressed to: "UN General Assembly", "Secretary of State
Jane F. Smith". Tried in order by the parser: the address block ("To: X", "destinatário: X",
"Your Excellency / Minister of …"), the salutation ("Dear Secretary Smith,", "Estimado Sr.
Ministro", "Madame la Ministre"), the title ("Open letter to X concerning …"), and a line
introducing the letter right above it ("… sent the following statement to X, …"). ``None`` when
none names anyone: a statement with no addressee has no recipient.

The words — greetings cut from a salutation, labels cut from an address line, salutations that
name nobody ("Dear Sir", "Sehr geehrte Damen und Herren") — are in ``data/letter.toml``
``[recipient]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from compare.datafiles import load_data, table, words
from compare.reading.lexicon import key, lexicon, squash
from compare.text import ends_sentence

_TITLE_TO = re.compile(
    r"\b(?:letters?|statement|appeal|petition|submission|memorandum|call|plea|message)\b"
    r".*?\bto\s+(.+)$",
    re.I,
)
_INTRO_TO = re.compile(
    r"\b(?:letters?|statement|appeal|petition|memorandum|message)\s+"
    r"(?:(?:addressed|sent|written|delivered)\s+)?to\s+(?P<name>[^\W\d_].+)$",
    re.I,
)
_ADDRESS_LEAD = re.compile(r"^\s*(?:to|attn|attention)\s*[:.]?\s+", re.I)
_LEADING_MARKS = re.compile(r"^[^\w(]+")
_EDGES = " \t,;:!–—-'\"‘’“”«»"
_WEB_ADDRESS = re.compile(r"https?://|www\.|\S@\S")
_RUN_IN = re.compile(r"\s*(?:[,:;!]|\s[-–—]|[–—])\s*")


@dataclass(frozen=True)
class RecipientWords:
    """The compiled ``[recipient]`` lists of ``letter.toml``."""

    greetings: re.Pattern[str]
    labels: re.Pattern[str]
    """An address label with its colon ("To:"), or one that needs none ("For the attention
    of", "À l'attention de") before a name."""
    generic: frozenset[str]
    offices: re.Pattern[str]
    """A title's last words: an office, then one to three capitalised name words."""
    authors: re.Pattern[str]
    """A byline's label and colon ("Author:", "Autor:")."""


@lru_cache(maxsize=1)
def recipient_words() -> RecipientWords:
    """The packaged recipient words (read once)."""
    listed = table(load_data("letter"), "recipient")

    def alternation(items: list[str]) -> str:
        forms = {form for item in items for form in (item, key(item))}
        return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))

    return RecipientWords(
        greetings=re.compile(
            r"^(?:" + alternation(words(listed, "greetings")) + r")(?!\w)\s*", re.I
        ),
        labels=re.compile(
            r"^(?:(?:"
            + alternation(words(listed, "labels"))
            + r")\s*:\s*|(?:"
            + alternation(words(listed, "bare_labels"))
            + r")\s+(?=[^\W\d_]))",
            re.I,
        ),
        generic=frozenset(key(w) for w in words(listed, "generic")),
        authors=re.compile(r"^(?:" + alternation(words(listed, "author_labels")) + r")\s*:", re.I),
        offices=re.compile(
            r"(?:^|[\s,;:!–—-])(?P<name>(?:"
            + alternation(words(listed, "offices"))
            + r")(?:\s+(?!(?:and|of|the|for|y|et|und)\b)[^\W\d_][\w.'’-]*){1,3})[\s.!?]*$",
            re.I,
        ),
    )


def _opens_with(text: str, phrases: tuple[str, ...]) -> bool:
    return any(text == p or text.startswith((p + " ", p + ",")) for p in phrases)


def _is_generic(name: str) -> bool:
    return key(name) in recipient_words().generic or squash(name) in lexicon().generic_recipients


def address_name(line: str) -> str:
    """An address line without its bullet, its label ("To:", "destinatário:", "Attn") and
    its trailing punctuation: "• To: The Hon. Jane Smith MP," -> "The Hon. Jane Smith MP"."""
    text = _LEADING_MARKS.sub("", line.strip())
    labelled = recipient_words().labels.match(text)
    text = text[labelled.end() :] if labelled else _ADDRESS_LEAD.sub("", text)
    return text.strip(_EDGES).strip()


def is_labelled_address(line: str) -> bool:
    """Whether ``line`` is an address line with its label and a name after it ("To: Jane
    Doe, Minister", "Petition to: the Board"), with no web or e-mail address in it."""
    text = _LEADING_MARKS.sub("", line.strip())
    labelled = recipient_words().labels.match(text)
    return bool(labelled and text[labelled.end() :].strip() and not _WEB_ADDRESS.search(text))


_ADDRESS_WORDS = 10
"""The most words of an address line that ends like a sentence ("Ministry of Labour, 12
Main Street, Suva." is one; a standfirst with a date in it is not)."""
_BREADCRUMB = re.compile(r"\s(?:>|\||»)\s|\s[|»]|[|»]\s")
_WORD_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")


_TO_NAMES = re.compile(r"^\s*to\s+(?:the\s+|all\s+)?[^\W\d_]", re.I)
_TO_DETERMINED = re.compile(r"^\s*to\s+(?:the|all)\s+[^\W\d_]", re.I)
_TO_LINE_WORDS = 10
"""The most words of a "To the …" line without end punctuation that addresses a letter."""


def is_to_line(line: str) -> bool:
    """Whether ``line`` addresses the letter without a colon after its label: "To Acme Corp,
    Globex and Initech:", "To the Minister of Health,". The word after "To" (and "the" or
    "all") is capitalised and the line ends with a colon or comma ("To that end, we ask:"
    and "To date, we have …" are not), or, after "To the" or "To all", with no punctuation
    in at most ten words ("To all Branches and Regional Councils"; "To Save the Reef", a
    title, is not)."""
    text = line.strip()
    found = _TO_NAMES.match(text)
    if found is None or not text[found.end() - 1].isupper() or _WEB_ADDRESS.search(text):
        return False
    if text.endswith((":", ",")):
        return True
    return (
        _TO_DETERMINED.match(text) is not None
        and text[-1:].isalnum()
        and len(text.split()) <= _TO_LINE_WORDS
    )


def is_bare_address_label(line: str) -> bool:
    """Whether ``line`` is an address label alone ("To:", "Destinataires :"), the names on
    the lines below it."""
    text = _LEADING_MARKS.sub("", line.strip())
    labelled = recipient_words().labels.match(text)
    return labelled is not None and not text[labelled.end() :].strip()


def is_address_line(line: str) -> bool:
    """Whether a line the labeller put in the address block can be one: a line with its
    address label ("To: …"), a postal or e-mail line (a digit or an "@"), or a name line —
    every word that is not a stop word (:func:`compare.reading.features.stop_words`)
    capitalised ("The Hon. Jane Roe MP", "Minister of Labour and Employment", "Madame la
    Ministre de l'Intérieur"). A headline or caption ("Shelter for the homeless", "Plans
    to widen the ring road"), a breadcrumb ("Publications > Press Releases",
    "Opinion | 3-9-17"), a byline ("Autor: Jane Roe", ``[recipient] author_labels``) and a
    line trailing off ("Loading...") are not: they are page furniture; nor is a sentence (more
    than :data:`_ADDRESS_WORDS` words, ending like one), even with a number in it."""
    from compare.reading.features import stop_words

    text = line.strip()
    if is_labelled_address(text):
        return True
    if (
        _BREADCRUMB.search(text)
        or text.endswith(("...", "…"))
        or recipient_words().authors.match(text)
        or (len(text.split()) > _ADDRESS_WORDS and ends_sentence(text))
    ):
        return False
    if any(c.isdigit() for c in text) or "@" in text:
        return True
    stops = stop_words()
    elided = (re.split(r"['’]", w)[-1] for w in _WORD_TOKEN.findall(text))  # l'Intérieur
    content = [w for w in elided if w and w.lower() not in stops]
    return bool(content) and all(w[:1].isupper() for w in content)


def recipient_from_block(block: list[str] | tuple[str, ...], salutation: str | None) -> str | None:
    """The address block's first line that names someone (a bare "To:" line names nobody, nor
    does a line with a web or e-mail address: "To sign, visit https://…"), its first line with
    an address label ("To: …") when it has one, whatever stands above (a caption, a tagline);
    when the salutation names the same person with a title ("Dear Chairman X," above "X"),
    the salutation's fuller form."""
    labelled = [line for line in block if is_labelled_address(line)]
    first = next(
        (
            name
            for name in map(address_name, labelled or block)
            if name and not _WEB_ADDRESS.search(name)
        ),
        None,
    )
    if not first:
        return None
    named = recipient_from_salutation(salutation)
    if named and first.lower() in named.lower() and len(named) > len(first):
        return named
    return first


_AUTHOR_LEAD = frozenset({"by", "from", "of", "with", "and", "featuring", "de", "par", "von"})
"""Words before an office in a title that make its holder the author or a subject, not the
addressee ("Statement by President X")."""


def recipient_from_title(title: str | None) -> str | None:
    """X in "… letter to X concerning …", cut at the first word that starts a new phrase; else
    the office and name a title ends by addressing ("Act on the Report Now President Doe" ->
    "President Doe"; the offices are ``[recipient] offices`` of ``letter.toml``), unless the
    word before the office makes its holder the author ("Statement by President Doe")."""
    if not title:
        return None
    match = _TITLE_TO.search(title)
    named = _cut_name(match.group(1)) if match else None
    if named and not (named.islower() and len(named.split()) == 1):  # "call to action"
        return named
    addressed = recipient_words().offices.search(title.strip())
    if not addressed:
        return None
    name = addressed.group("name")
    before = title[: addressed.start("name")].split()
    if before and before[-1].lower().strip(",;:") in _AUTHOR_LEAD:
        return None
    if not all(w[:1].isupper() for w in name.split()[1:]):
        return None
    return name.strip(_EDGES).strip() or None


def recipient_from_intro(line: str | None) -> str | None:
    """X in a line that introduces the letter below it: "… sent the following statement to X,
    Chief Officer of …" -> "X". The name must start with a capital letter ("sign this
    letter to protect forests" names nobody)."""
    if not line:
        return None
    match = _INTRO_TO.search(line.strip())
    if not match or not match.group("name")[0].isupper():
        return None
    return _cut_name(match.group("name"))


def _cut_name(text: str) -> str | None:
    words_ = text.split()
    if words_ and words_[0].lower() == "the":
        words_ = words_[1:]
    kept: list[str] = []
    for word in words_:
        if kept and word.lower().strip(",;:") in lexicon().recipient_stops:
            break
        kept.append(word)
        if word.endswith((",", ";", ":")):
            break
    name = " ".join(kept).strip(" ,;:–—-.")
    return name or None


_VOCATIVE_MAX_WORDS = 14


def _is_vocative(text: str) -> bool:
    """A salutation with no greeting word that names its addressees and ends with a comma or
    colon: "Secretary-General Jane Doe and Envoy John Roe,", "Señora Alcaldesa:"."""
    words_ = text.split()
    return (
        text.rstrip().endswith((",", ":"))
        and 0 < len(words_) <= _VOCATIVE_MAX_WORDS
        and words_[0][:1].isupper()
    )


def recipient_from_salutation(salutation: str | None, *, generic: bool = False) -> str | None:
    """Whom a salutation greets: "Dear Secretary Smith," -> "Secretary Smith", "Estimado Sr.
    Ministro" -> "Sr. Ministro", "Madame la Ministre," -> "Madame la Ministre"; a salutation
    run into the first sentence is cut at its first comma or dash ("Dear Dr. Novak, I am
    writing …"); a line with no greeting word that ends with a comma or colon is the
    addressees' names themselves ("Members of the Board,"). A greeting that names nobody
    ("Dear Sir,", "Sehr geehrte Damen und Herren") gives ``None``, unless ``generic`` asks
    for the form of address anyway ("Sir": the parser's last resort, when nothing else names
    the addressee); a line that is no greeting gives ``None``."""
    if not salutation:
        return None
    text = _LEADING_MARKS.sub("", salutation.strip())
    vocative = _is_vocative(text) and not recipient_words().greetings.match(text)
    if len(text.split()) > lexicon().salutation_max_words and not vocative:
        text = _RUN_IN.split(text, maxsplit=1)[0]
    greeting = recipient_words().greetings.match(text)
    if greeting:
        name = text[greeting.end() :]
    elif _opens_with(key(text), lexicon().salutation_starts) or vocative:
        name = text
    else:
        return None
    name = name.strip(_EDGES).strip()
    if not name or (_is_generic(name) and not generic):
        return None
    return name
