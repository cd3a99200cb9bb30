"""A bare letter for tests that build one field by field: every field empty or ``None``
unless given (``blank_letter("a", date="2020-01-01", asks=(...))``)."""

from __future__ import annotations

from typing import Any

from compare.models import Letter


def blank_letter(key: str, **fields: Any) -> Letter:
    """A :class:`Letter` keyed ``key`` from ``{key}.txt``, part 1, with ``fields`` set and
    every other field empty (``()``) or ``None``."""
    empty: dict[str, Any] = {
        "title": None,
        "subject": None,
        "date": None,
        "recipient": None,
        "recipient_block": (),
        "salutation": None,
        "paragraphs": (),
        "asks": (),
        "themes": (),
        "signatories": (),
        "claimed_signatories": None,
        "footnotes": (),
        "cc": (),
        "source_url": None,
    }
    return Letter(key=key, source=f"{key}.txt", part=1, **{**empty, **fields})
