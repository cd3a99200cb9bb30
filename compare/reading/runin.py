"""A letter whose line breaks were lost, cut back into lines.

In: a document's text (canonical: ``\\n`` line ends). Out: the same text with line breaks
put back into run-in lines, nothing else changed. An e-mail newsletter pasted or scraped as
one paragraph holds its header, the letter, the signature list and the footer on one line,
where no line labeller can tell them apart. A line of at least ``[runin] min_chars``
characters (``data/letter.toml``) is cut:

* before and after a newsletter's own whole lines (``[runin] lines``: "View this email in
  your browser");
* before a phrase opening a block after the letter (``[runin] starts``: "Media
  contact:", "To unsubscribe …");
* around a signature heading (the headings of ``data/signatories.toml``: "Signatories",
  "Signed by") that ends a sentence's run and is followed by an honorific and a name
  ("… in the north-west. Signatories Mr. Jan Roe, Director, …"), and then before each
  further honorific-led entry of that list ("… (EXA) Dr. Ada Poe, …").

Honorifics are the ``prefixes`` of ``data/signatories.toml`` of at most four letters ("Dr.",
"Ms", "Prof."): longer ones ("Justice", "Judge") also stand inside titles. Shorter lines,
and long lines with none of these marks, are left as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

from compare.datafiles import load_data, number, table, words

_HONORIFIC_LETTERS = 4
"""The longest honorific (without its dot) that opens an entry of a run-in signature list."""


@lru_cache(maxsize=1)
def _patterns() -> tuple[int, re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(min_chars, whole-line phrases, block-opening phrases, heading-then-honorific)."""
    from compare.reading.signatories import _words

    raw = table(load_data("letter"), "runin")
    own = _alternation(words(raw, "lines"))
    opens = _alternation(words(raw, "starts"))
    signers = _words()
    headings = _alternation(list(signers.headings))
    honorific = _honorific(signers.prefixes)
    return (
        number(raw, "min_chars"),
        re.compile(rf"(?:^|(?<=\s))({own})(?=\s|$)", re.I),
        re.compile(rf"(?<=\s)(?=(?:{opens})\b)", re.I),
        re.compile(rf"(?<=[.!?:)\]]\s)({headings}):?\s+(?={honorific})", re.I),
    )


def _alternation(phrases: list[str]) -> str:
    ordered = sorted({" ".join(p.split()) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def _honorific(prefixes: frozenset[str]) -> str:
    """A title-case honorific followed by a capitalised word ("Dr. Ada", "Ms Jo")."""
    short = sorted({p.rstrip(".") for p in prefixes if len(p.rstrip(".")) <= _HONORIFIC_LETTERS})
    names = "|".join(re.escape(p[:1].upper() + p[1:]) for p in short)
    return rf"(?:{names})\.?\s+[A-ZÀ-ÞА-Я]"


@lru_cache(maxsize=1)
def _entry() -> re.Pattern[str]:
    from compare.reading.signatories import _words

    return re.compile(rf"(?<=\S)\s+(?={_honorific(_words().prefixes)})")


def opens_after_letter(line: str) -> bool:
    """Whether ``line`` opens with a phrase of ``[runin] starts``: a block that follows a
    letter (a press contact, a mailing list's footer), never part of its signatures."""
    return bool(_opening().match(line.strip()))


@lru_cache(maxsize=1)
def _opening() -> re.Pattern[str]:
    raw = table(load_data("letter"), "runin")
    return re.compile(rf"(?:{_alternation(words(raw, 'starts'))})\b", re.I)


def unflatten(text: str) -> str:
    """``text`` with each run-in line cut back into lines (rules in the module docstring)."""
    minimum = _patterns()[0]
    if not any(len(line) >= minimum for line in text.split("\n")):
        return text
    lines = []
    for line in text.split("\n"):
        cut = cut_line(line) if len(line) >= minimum else []
        lines.extend(cut if len(cut) > 1 else [line])  # a line with no marks stays as it was
    return "\n".join(lines)


def cut_line(line: str) -> list[str]:
    """One run-in line as the lines it was (see the module docstring); a line with none of
    the marks comes back alone."""
    _, own, opens, heading = _patterns()
    marked = own.sub(lambda m: f"\n{m.group(1)}\n", line)
    marked = opens.sub("\n", marked)
    pieces: list[str] = []
    for piece in marked.split("\n"):
        found = heading.search(piece)
        if found is None:
            pieces.append(piece)
            continue
        pieces.append(piece[: found.start()])
        pieces.append(found.group(1))
        pieces.extend(_entry().split(piece[found.end() :]))
    return [piece.strip() for piece in pieces if piece.strip()]
