"""The short name of whom a letter is addressed to: "UN General Assembly", "Secretary of State
Jane F. Smith". Tried in order by the parser: the address block, the title ("Open letter to
X concerning …"), the salutation ("Dear Secretary Smith,"). ``None`` when none names anyone.
"""

from __future__ import annotations

import re

from compare.reading.lexicon import lexicon, squash

_TITLE_TO = re.compile(
    r"\b(?:letters?|statement|appeal|petition|submission|memorandum|call|plea|message)\b"
    r".*?\bto\s+(.+)$",
    re.I,
)
_SALUTATION = re.compile(r"^\s*(?:dear|to)\s+(.+?)\s*[,:!]?\s*$", re.I)
_ADDRESS_LEAD = re.compile(r"^\s*(?:to|attn|attention)\s*[:.]?\s+", re.I)


def recipient_from_block(block: list[str] | tuple[str, ...], salutation: str | None) -> str | None:
    """The address block's first line; when the salutation names the same person with a
    title ("Dear Chairman X," above "X"), the salutation's fuller form."""
    if not block:
        return None
    first = _ADDRESS_LEAD.sub("", block[0]).strip().rstrip(",")
    named = recipient_from_salutation(salutation)
    if named and first.lower() in named.lower() and len(named) > len(first):
        return named
    return first or None


def recipient_from_title(title: str | None) -> str | None:
    """X in "… letter to X concerning …", cut at the first word that starts a new phrase."""
    if not title:
        return None
    match = _TITLE_TO.search(title)
    if not match:
        return None
    words = match.group(1).split()
    if words and words[0].lower() == "the":
        words = words[1:]
    kept: list[str] = []
    for word in words:
        if kept and word.lower().strip(",;:") in lexicon().recipient_stops:
            break
        kept.append(word)
        if word.endswith((",", ";", ":")):
            break
    name = " ".join(kept).strip(" ,;:–—-")
    return name or None


def recipient_from_salutation(salutation: str | None) -> str | None:
    """ "Dear Secretary Smith," -> "Secretary Smith"; generic greetings give ``None``."""
    if not salutation:
        return None
    match = _SALUTATION.match(salutation)
    if not match:
        return None
    name = match.group(1).strip()
    if squash(name) in lexicon().generic_recipients:
        return None
    return name
