"""A user's equivalence file: phrases that count as the same text when letters are compared.

In: a UTF-8 text file (``--equivalences FILE``). Out: the groups for
:attr:`compare.normalizing.NormalizeOptions.equivalences`, in file order.

Format, one equivalence a line::

    # comments start with "#"; blank lines are skipped
    UN Member States = EU Member States
    16 = sixteen = XVI

Each line is two or more phrases separated by ``=``; white space around a phrase does not
count and a phrase may not contain ``=``. How phrases match is
:mod:`compare.normalizing`'s business (whole words, under the other options).

Errors: :class:`~compare.errors.DataFileError`, one line naming the file and, for a malformed
line, its number and text (``eq.txt: line 3: expected "phrase = phrase", got 'UN Member'``);
a file that is missing, unreadable or not UTF-8 is named the same way.
"""

from __future__ import annotations

from pathlib import Path

from compare.errors import DataFileError

Groups = tuple[tuple[str, ...], ...]


def parse_equivalences(text: str, where: str) -> Groups:
    """The groups of the equivalence file content ``text``; ``where`` names the file in
    errors. Raises :class:`~compare.errors.DataFileError` for a line that is not two or more
    non-empty phrases joined by ``=``."""
    groups: list[tuple[str, ...]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        phrases = tuple(" ".join(part.split()) for part in stripped.split("="))
        if len(phrases) < 2 or not all(phrases):
            shown = stripped if len(stripped) <= 60 else stripped[:57] + "..."
            raise DataFileError(where, f'line {number}: expected "phrase = phrase", got {shown!r}')
        groups.append(phrases)
    return tuple(groups)


def load_equivalences(path: Path) -> Groups:
    """The groups in the file ``path`` (see the module docstring). Raises
    :class:`~compare.errors.DataFileError` naming the file when it cannot be read, is not
    UTF-8, or has a malformed line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataFileError(
            path, f"cannot read the equivalence file ({error.strerror or error})"
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFileError(
            path, f"not UTF-8 (byte {error.start}); save the equivalence file as UTF-8"
        ) from None
    return parse_equivalences(text, str(path))
