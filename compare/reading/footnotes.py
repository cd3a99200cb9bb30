"""Footnote marks and footnote lines: ⁱ, ⁱᵛ, ^{iv}, ^4, [1], ¹², and "1 See …" after a letter.

``footnote_start`` recognises the first line of a footnote and splits off its mark; marks are
returned plain ("iv", "12") so a footnote matches its reference however it was typed.
"""

from __future__ import annotations

import re

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹ⁱᵛˣ", "0123456789ivx")
_SUPERSCRIPT_MARK = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹ⁱᵛˣ]+)\s*(\S.*)$")
_CARET_MARK = re.compile(r"^\^\{?([0-9]{1,3}|[ivxlc]{1,6})\}?\s*(\S.*)$", re.I)
_BRACKET_MARK = re.compile(r"^\[([0-9]{1,3}|[ivxlc]{1,6})\]\s*(\S.*)$", re.I)
_NUMBER_MARK = re.compile(r"^\(?([0-9]{1,3})[.)]?\s+(\S.*)$")


def plain_mark(mark: str) -> str:
    """ "ⁱᵛ" -> "iv", "¹²" -> "12", "[3]" -> "3"."""
    return mark.translate(_SUPERSCRIPTS).strip("[]^{}() .").lower()


def footnote_start(line: str, allow_numbers: bool = False) -> tuple[str, str] | None:
    """``(mark, text)`` when ``line`` opens a footnote, else ``None``.

    Bare numbers ("1 See …", "2. Ibid.") are footnotes only where the caller knows the
    footnotes have begun (``allow_numbers``): elsewhere they are list items or addresses.
    """
    stripped = line.strip()
    patterns = [_SUPERSCRIPT_MARK, _CARET_MARK, _BRACKET_MARK]
    if allow_numbers:
        patterns.append(_NUMBER_MARK)
    for pattern in patterns:
        match = pattern.match(stripped)
        if match:
            return plain_mark(match.group(1)), match.group(2).strip()
    return None
