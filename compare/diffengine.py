"""The diff-match-patch engines behind the word diff — the only module that imports them.

In: two strings of *codes*, one character per unit of text (:mod:`compare.worddiff` makes
them, equal units getting equal codes). Out: the diff as ``(op, text)`` pairs, ``op`` -1
(only in the first), 0 (in both) or +1 (only in the second), ``text`` a run of codes.

The diff is diff-match-patch's: Myers' bisection (with the common prefix and suffix taken
off first, and like edits merged), then, when asked, the semantic clean-up that merges small
equalities caught between edits into the edits around them. Two engines compute the
bisection:

* ``"c"``: fast-diff-match-patch, the C++ port (about 45 times faster on two 67,000-word
  texts: ``tests/benchmarks/diffspeed.py``);
* ``"python"``: diff-match-patch's pure-Python port, the fallback where the C++ wheel is not
  installed.

The clean-up always runs in the Python port (it costs milliseconds). Its last step slides an
edit along repeated units to the position whose edges score best by the *class* of the
characters there (letter or digit, white space, line break), and the C++ port classifies by
the C library's ``iswalnum``/``iswspace``, which follow the locale: cleaned up in C++, a diff
could depend on the machine's locale and differ from the Python port's. Bisection only
compares characters for equality, so the two engines give the same diff for the same texts
(the tests check it on random texts and on the seeds; ``tests/benchmarks/diffspeed.py`` on a
67,000-word pair), and the C++ engine's diff is checked to rebuild both texts before it is
used (``RuntimeError`` if not: never a silently wrong diff).

Both run without a deadline (``Diff_Timeout``/``timelimit`` 0) and without the line-mode
speed-up (``checklines`` false): the result depends on the texts alone, never on the
machine's speed. (diff-match-patch's default one-second deadline can silently return one
replace-everything span on long texts, and its line mode a less minimal diff.)

The engine is chosen per call: ``engine`` when given, else ``$COMPARE_DIFF_ENGINE`` (``c`` or
``python``), else ``c`` when its wheel is installed. Asking for ``c`` without the wheel
is an error: nothing falls back from an engine asked for. Where the C++ port's
characters are two bytes wide (Windows builds: ``CHAR_WIDTH`` 2) it cannot hold codes past
the Basic Multilingual Plane, so texts with more than 63,487 distinct units run in Python.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from typing import Literal

Engine = Literal["c", "python"]
ENGINES: tuple[Engine, ...] = ("c", "python")
ENV = "COMPARE_DIFF_ENGINE"
"""The environment variable that picks the engine (``c`` or ``python``)."""
BMP_CODES = 0xFFFF - 0x800
"""Distinct codes below U+FFFF (NUL and the surrogates excluded): all that a C++ engine with
two-byte characters holds."""

Diff = list[tuple[int, str]]
"""A diff: ``(op, text)`` pairs, ``op`` -1, 0 or +1."""


@cache
def available(engine: Engine) -> bool:
    """Whether ``engine``'s package can be imported (checked once per process)."""
    try:
        if engine == "c":
            import fast_diff_match_patch  # noqa: F401
        else:
            import diff_match_patch  # noqa: F401
    except ImportError:
        return False
    return True


def chosen(engine: Engine | None = None) -> Engine:
    """The engine a diff runs on: ``engine``, else ``$COMPARE_DIFF_ENGINE``, else ``"c"``
    where installed, else ``"python"``. Raises ``ValueError`` for an unknown ``engine`` or
    one not installed, and :class:`~compare.errors.LetterError` (one line for the user) when
    it is ``$COMPARE_DIFF_ENGINE`` that names one."""
    if engine is not None:
        return _installed(engine, ValueError)
    name = os.environ.get(ENV, "").strip().lower()
    if not name:
        return "c" if available("c") else "python"
    from compare.errors import LetterError

    def error(problem: str) -> LetterError:
        return LetterError(f"${ENV}", problem)

    return _installed(name, error)


def _installed(name: str, error: Callable[[str], Exception]) -> Engine:
    """The engine ``name``; raises ``error(problem)`` when it is unknown or not installed."""
    if name not in ENGINES:
        raise error(f"the diff engine must be 'c' or 'python', not {name!r}")
    picked: Engine = "c" if name == "c" else "python"
    if not available(picked):
        package = "fast-diff-match-patch" if picked == "c" else "diff-match-patch"
        raise error(f"the {picked!r} diff engine needs {package}, which is not installed")
    return picked


def diff_codes(
    a: str, b: str, codes: int, cleanup: bool = True, engine: Engine | None = None
) -> Diff:
    """The diff of the code strings ``a`` to ``b`` (see the module docstring); ``codes`` is
    how many distinct codes they use. ``cleanup`` runs the semantic clean-up. Raises
    ``ValueError`` as :func:`chosen`, ``RuntimeError`` when the C++ engine's diff does not
    rebuild the texts."""
    from diff_match_patch import diff_match_patch

    python = diff_match_patch()
    python.Diff_Timeout = 0  # no deadline: see the module docstring
    if chosen(engine) == "c" and _holds(codes):
        diffs = _c_diff(a, b)
    else:
        diffs = python.diff_main(a, b, False)
    if cleanup:
        python.diff_cleanupSemantic(diffs)
    return diffs


def _holds(codes: int) -> bool:
    """Whether the C++ engine holds ``codes`` distinct codes (see the module docstring)."""
    import fast_diff_match_patch

    return int(getattr(fast_diff_match_patch, "CHAR_WIDTH", 4)) >= 4 or codes <= BMP_CODES


_C_OPS = {"=": 0, "-": -1, "+": 1}


def _c_diff(a: str, b: str) -> Diff:
    """The C++ engine's bisection of ``a`` to ``b``, checked to rebuild both."""
    from fast_diff_match_patch import diff

    found = diff(a, b, timelimit=0, checklines=False, cleanup="No", counts_only=False)
    diffs = [(_C_OPS[op], text) for op, text in found]
    if (
        "".join(t for op, t in diffs if op <= 0) != a
        or "".join(t for op, t in diffs if op >= 0) != b
    ):
        raise RuntimeError("the C++ diff engine returned a diff that does not rebuild its texts")
    return diffs
