"""Writing files so that nothing the user had is lost half-way.

Every output (reports, JSON, CSV, cache entries) is written to a temporary file in the
target's folder and renamed over the target: a reader sees the old file or the new one,
never a part; two runs writing the same file each leave a whole one. A target that exists
and is not a regular file (``/dev/null``, ``/dev/stdout``, a named pipe) is written to
directly: renaming over it would replace the device or pipe with a file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from compare.errors import LetterError


class OutputError(LetterError):
    """An output that cannot be written (the folder is missing or read-only, …)."""


def write_atomically(target: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(temporary_path)``, then rename the temporary file over ``target``; for a
    target that is a device or a pipe, call ``write(target)`` instead (see the module
    docstring)."""
    target = Path(target)
    if target.exists() and not target.is_file() and not target.is_dir():
        try:
            write(target)
        except OSError as error:
            raise OutputError(target, f"cannot write here ({error.strerror})") from error
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        os.close(handle)
    except OSError as error:
        raise OutputError(target, f"cannot write here ({error.strerror})") from error
    try:
        write(Path(temporary))
        os.chmod(temporary, _new_file_mode())  # mkstemp makes 0600; a report is an ordinary file
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _new_file_mode() -> int:
    """0666 less the process's umask: the mode ``open()`` would have given the file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_text(target: Path, text: str) -> Path:
    """``text`` as UTF-8, atomically."""
    return write_atomically(target, lambda path: path.write_text(text, encoding="utf-8"))
