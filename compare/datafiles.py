"""The one reader of the TOML data files: packaged word lists and user-supplied files.

In: a packaged data file's name (``"letter"`` or ``"letter.toml"``, read from
``compare/data/`` through :mod:`importlib.resources`) or a user file's path (a
:class:`~pathlib.Path`, or a string with a directory part). Out: a :class:`DataTable`, the
parsed document as a ``dict`` that remembers the file it came from and which table it is, so
the readers below can say what is wrong and where.

Every problem raises :class:`~compare.errors.DataFileError` with a one-line message naming the
file and the entry, e.g. ``letter.toml: [salutation] has no 'starts' list`` or
``themes.toml: [[theme]] 'x' has no 'phrases' list``:

* :func:`load_data` — missing file, directory, unreadable, not UTF-8, invalid TOML (tomllib's
  line and column kept);
* :func:`table`, :func:`tables` — a missing ``[table]`` or ``[[array of tables]]``;
* :func:`words`, :func:`number`, :func:`text`, :func:`strings`, :func:`word_lists` — a
  missing entry or one of the wrong type.

Readers return plain values (lists, dicts, ints); callers compile and cache what they need.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from compare.errors import DataFileError

_PACKAGE_DIR = "data"


class DataTable(dict[str, Any]):
    """A TOML table (a ``dict``) that knows its file (``file``, as errors show it), its dotted
    key (``key``: ``""`` for the top level, ``"salutation"``) and its name in messages
    (``name``: ``""``, ``"[salutation]"``, ``"[[theme]] #2"``)."""

    file: str
    key: str
    name: str

    def __init__(
        self, values: Mapping[str, Any], file: str, key: str = "", name: str | None = None
    ) -> None:
        super().__init__(values)
        self.file = file
        self.key = key
        self.name = name if name is not None else (f"[{key}]" if key else "")

    def named(self, name: str) -> DataTable:
        """The same table under another name in messages (``"[[theme]] 'x'"``)."""
        return DataTable(self, self.file, self.key, name)

    def error(self, problem: str) -> DataFileError:
        """A :class:`DataFileError` for this file, ``problem`` prefixed by the table's name."""
        return DataFileError(self.file, f"{self.name} {problem}" if self.name else problem)

    def missing(self, what: str) -> DataFileError:
        """The error for an absent entry: ``"[salutation] has no 'starts' list"``."""
        return self.error(f"has no {what}") if self.name else DataFileError(self.file, f"no {what}")


def _wrap(value: Any, file: str, key: str) -> Any:
    """Tables (also inside arrays) as :class:`DataTable`s knowing their dotted key."""
    if isinstance(value, dict):
        return _wrap_table(value, file, key)
    if isinstance(value, list):
        return [
            _wrap_table(v, file, key).named(f"[[{key}]] #{n}") if isinstance(v, dict) else v
            for n, v in enumerate(value, start=1)
        ]
    return value


def _wrap_table(value: Mapping[str, Any], file: str, key: str) -> DataTable:
    """A table as a :class:`DataTable`, its own tables wrapped too (:func:`_wrap`)."""
    children = {k: _wrap(v, file, f"{key}.{k}" if key else k) for k, v in value.items()}
    return DataTable(children, file, key)


def parse_data(data: bytes | str, file: str) -> DataTable:
    """The TOML document ``data`` (bytes are decoded as UTF-8, BOM allowed); ``file`` names it
    in errors."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DataFileError(file, "data file is not UTF-8 text") from None
    try:
        document = tomllib.loads(data)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(file, f"invalid TOML: {' '.join(str(exc).split())}") from None
    return _wrap_table(document, file, "")


def _packaged_name(name_or_path: str | Path) -> str | None:
    """``"letter.toml"`` for a packaged name (``"letter"``, ``"letter.toml"``), else None."""
    if isinstance(name_or_path, Path) or "/" in name_or_path or "\\" in name_or_path:
        return None
    return name_or_path if name_or_path.endswith(".toml") else f"{name_or_path}.toml"


def stamp(path: Path | str) -> tuple[int, int]:
    """(modification time in ns, size) of a user data file, for caches keyed on its content;
    :class:`DataFileError` when it is missing, a directory or unreadable."""
    path = Path(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DataFileError(path, "no such data file") from None
    except OSError as exc:
        raise DataFileError(path, f"cannot read data file: {exc.strerror or exc}") from None
    if path.is_dir():
        raise DataFileError(path, "is a directory, not a data file")
    return stat.st_mtime_ns, stat.st_size


def load_data(name_or_path: str | Path) -> DataTable:
    """The parsed data file: packaged (``"letter"``, ``"letter.toml"``) or a user path.

    Errors name a packaged file by its resource path, a user file as the path was given.
    """
    packaged = _packaged_name(name_or_path)
    if packaged is not None:
        resource = resources.files("compare").joinpath(_PACKAGE_DIR, packaged)
        where = str(resource)
        try:
            data = resource.read_bytes()
        except FileNotFoundError:
            raise DataFileError(where, "no such packaged data file") from None
        return parse_data(data, where)
    path = Path(name_or_path)
    stamp(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(path, f"cannot read data file: {exc.strerror or exc}") from None
    return parse_data(data, str(path))


def table(parent: DataTable, key: str) -> DataTable:
    """The sub-table ``[key]`` of ``parent``."""
    value = parent.get(key)
    if not isinstance(value, DataTable):
        raise parent.missing(f"[{parent.key + '.' if parent.key else ''}{key}] table")
    return value


def tables(parent: DataTable, key: str) -> list[DataTable]:
    """The array of tables ``[[key]]`` of ``parent``: at least one, every item a table."""
    value = parent.get(key)
    if not isinstance(value, list) or not value:
        raise parent.missing(f"[[{parent.key + '.' if parent.key else ''}{key}]] tables")
    for number, item in enumerate(value, start=1):
        if not isinstance(item, DataTable):
            raise DataFileError(parent.file, f"[[{key}]] #{number} is not a table")
    return value


def _describe(value: object) -> str:
    return repr(value) if not isinstance(value, (dict, list)) else type(value).__name__


def words(parent: DataTable, key: str, *, allow_empty: bool = False) -> list[str]:
    """``parent[key]`` as a list of non-empty strings (stripped of nothing: as written).

    An empty list is an error too unless ``allow_empty``.
    """
    value = parent.get(key)
    if not isinstance(value, list) or (not value and not allow_empty):
        raise parent.missing(f"{key!r} list")
    for number, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            raise parent.error(
                f"{key!r} must be a list of non-empty strings (item {number} is {_describe(item)})"
            )
    return value


def number(parent: DataTable, key: str) -> int:
    """``parent[key]`` as an integer."""
    value = parent.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise parent.missing(f"integer {key!r}")
    return value


_MISSING: Any = object()


def text(parent: DataTable, key: str, default: str | None = _MISSING) -> str | None:
    """``parent[key]`` as a non-empty string, stripped; ``default`` when it is absent (an
    error when no default is given)."""
    value = parent.get(key, _MISSING)
    if value is _MISSING and default is not _MISSING:
        return default
    if not isinstance(value, str) or not value.strip():
        raise (
            parent.missing(repr(key))
            if value is _MISSING
            else parent.error(f"{key!r} must be text")
        )
    return value.strip()


def strings(parent: DataTable, key: str) -> dict[str, str]:
    """The table ``[key]`` of ``parent`` as a mapping of names to non-empty strings."""
    found = table(parent, key)
    for name, value in found.items():
        if not isinstance(value, str) or not value.strip():
            raise found.error(f"{name!r} must be a non-empty string")
    return dict(found)


def word_lists(parent: DataTable, key: str) -> dict[str, list[str]]:
    """The table ``[key]`` of ``parent`` as a mapping of names to word lists."""
    found = table(parent, key)
    return {name: words(found, name) for name in found}
