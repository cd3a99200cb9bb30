"""Errors a user can cause and fix: each carries the file it concerns and a one-line message.

The CLI turns these (and only these) into one message on stderr (wrapped at 80 columns,
:func:`compare.cli.echo_error`) and a non-zero exit; anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations


class LetterError(Exception):
    """Base class: something wrong with the user's input, said in one line."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)

    def __reduce__(self) -> tuple[type[LetterError], tuple[str | None, str]]:
        """Pickled as its path and problem, so it crosses from a worker process intact."""
        return (type(self), (self.path, self.problem))


class InputError(LetterError):
    """A file that cannot be read as a letter: missing, empty, binary, undecodable, unsupported."""


class NoLetterError(InputError):
    """A readable file in which no letter could be found."""


class RefError(LetterError):
    """A letter reference (key, FILE#PART, FILE) that names no letter, or several."""


class DataFileError(LetterError):
    """A data file (word lists, theme taxonomy, ask vocabulary) that is missing or malformed;
    the message names the file and the bad or missing entry."""


ThemesError = DataFileError
"""The former name of :class:`DataFileError` for theme and vocabulary files."""
