"""A corpus's ask graph on disk, memory-mapped: a check reads the part of it its asks reach.

In: an :class:`~compare.trends.lineage.AskGraph` (:func:`write_ask_graph`) or a folder it
was written to (:func:`open_ask_graph`). Out: the folder, and :class:`MappedAskGraph`, the
same graph opened from it — equal in every answer to the one written (a test checks it), an
:class:`~compare.trends.lineage.AskGraphView` whose rows are read when asked for. Opening it
reads ``meta.json`` and the arrays' headers; a draft check then reads the rows of the asks
it links to, of the wordings their component of links reaches
(:func:`compare.trends.joining.joined_items`) and of the corpus asks holding a distinctive
subject term of its asks — never the whole graph, which read whole into Python objects
was most of a warm check's time at 100,000 letters (``tests/benchmarks/check.py`` measures
both; figures in the README's "Large archives").

Layout of the folder (written under a temporary name and renamed whole, as a segment is;
everything JSON, UTF-8 text or ``.npy`` read with ``allow_pickle=False``: nothing runs code;
integers ``int64``, scores ``float64``; rows flattened as ``*_starts`` offsets into values,
:mod:`compare.store.arrays`):

* ``meta.json``: :data:`ASK_GRAPH_FORMAT`, the corpus's years, the counts (letters, items,
  wordings) and ``order``: the sha256 of the letters' keys joined by NUL in the order the
  corpus gave them (:meth:`MappedAskGraph.same_letters` compares it first);
* ``keys.bin`` + ``keys_offsets`` + ``keys_hashes`` + ``keys_ids``: the letters' keys in the
  graph's (date) order, looked up by hash;
* per item: ``item_letter``, ``item_index``, ``item_group``, ``wording_of``, its copies
  (``also_starts``, ``also_letter``, ``also_index``) and its subject (``subject_starts``,
  ``subject_terms``: term numbers);
* per letter: ``letter_ask_starts`` + ``letter_ask_items``: per ask index, the item it is or
  is a copy of (-1: none, an ask repeated verbatim or empty);
* per wording: its items (``member_starts``, ``member_items``) and its links
  (``link_starts``, ``link_other``: the linked wordings ascending, both directions;
  ``link_score``);
* the subject terms (``terms.bin`` …, alphabetical), per term how many items hold it
  (``term_held``, -1: not counted) and the items holding it in their subject
  (``term_item_starts``, ``term_items``);
* the addressees' names (``names.bin`` …) and per letter its addressee
  (``addressee_starts``, ``addressee_names``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from compare.store.arrays import (
    Lookup,
    MappedFolder,
    Rows,
    rows_fit,
    save_array,
    write_strings,
)
from compare.store.errors import StoreError

if TYPE_CHECKING:
    from compare.trends.lineage import AskGraph, AskItem

ASK_GRAPH_FORMAT = 1
"""Version of the folder's layout; another is refused (:class:`StoreError`)."""


def order_digest(keys: Sequence[str]) -> str:
    """The sha256 of ``keys`` joined by NUL: which letters, in which order."""
    return hashlib.sha256("\0".join(keys).encode("utf-8")).hexdigest()


def _flat(rows: Sequence[Sequence[int]]) -> tuple[Any, Any]:
    """``rows`` as ``(starts, values)`` ``int64`` arrays."""
    starts = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(row) for row in rows], out=starts[1:])
    values = np.fromiter((v for row in rows for v in row), dtype=np.int64, count=int(starts[-1]))
    return starts, values


def _save_rows(folder: Path, starts: str, values: str, rows: Sequence[Sequence[int]]) -> None:
    flat = _flat(rows)
    save_array(folder, starts, flat[0])
    save_array(folder, values, flat[1])


def write_ask_graph(target: Path, graph: AskGraph, order: Sequence[str] | None = None) -> None:
    """Write ``graph`` to the folder ``target`` (replaced whole; its parent made when
    missing). ``order``: the letters' keys in the corpus's order (default: the graph's own
    order), what :meth:`MappedAskGraph.same_letters` recognises without sorting."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.tmp"
    temporary.mkdir()
    try:
        _write(temporary, graph, graph.keys if order is None else order)
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        os.replace(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _write(folder: Path, graph: AskGraph, order: Sequence[str]) -> None:
    items = graph.items
    write_strings(folder, "keys", list(graph.keys))
    for name, values in (
        ("item_letter", [i.letter for i in items]),
        ("item_index", [i.index for i in items]),
        ("item_group", [i.group for i in items]),
        ("wording_of", list(graph.wording_of)),
    ):
        save_array(folder, name, np.array(values, dtype=np.int64))
    _save_rows(folder, "also_starts", "also_letter", [[a[0] for a in i.also] for i in items])
    _save_rows(folder, "also_starts", "also_index", [[a[1] for a in i.also] for i in items])
    asks: list[dict[int, int]] = [{} for _ in graph.keys]
    for n, item in enumerate(items):
        for letter, index in ((item.letter, item.index), *item.also):
            asks[letter][index] = n
    _save_rows(
        folder,
        "letter_ask_starts",
        "letter_ask_items",
        [[found.get(k, -1) for k in range(max(found, default=-1) + 1)] for found in asks],
    )
    wordings = max(graph.wording_of, default=-1) + 1
    members: list[list[int]] = [[] for _ in range(wordings)]
    for n, wording in enumerate(graph.wording_of):
        members[wording].append(n)
    _save_rows(folder, "member_starts", "member_items", members)
    linked: list[dict[int, float]] = [{} for _ in range(wordings)]
    for (i, j), score in graph.links.items():
        linked[i][j] = linked[j][i] = score
    others = [sorted(row) for row in linked]
    _save_rows(folder, "link_starts", "link_other", others)
    scores = [row[other] for row, found in zip(linked, others, strict=True) for other in found]
    save_array(folder, "link_score", np.array(scores, dtype=np.float64))
    terms = sorted(set(graph.held).union(*graph.subjects))
    number = {term: n for n, term in enumerate(terms)}
    write_strings(folder, "terms", terms)
    save_array(folder, "term_held", np.array([graph.held.get(t, -1) for t in terms], np.int64))
    subjects = [sorted(number[t] for t in subject) for subject in graph.subjects]
    _save_rows(folder, "subject_starts", "subject_terms", subjects)
    holding: list[list[int]] = [[] for _ in terms]
    for n, subject in enumerate(subjects):
        for term in subject:
            holding[term].append(n)
    _save_rows(folder, "term_item_starts", "term_items", holding)
    names = sorted(set().union(*graph.addressees))
    named = {name: n for n, name in enumerate(names)}
    write_strings(folder, "names", names)
    addressees = [sorted(named[name] for name in found) for found in graph.addressees]
    _save_rows(folder, "addressee_starts", "addressee_names", addressees)
    meta = {
        "format": ASK_GRAPH_FORMAT,
        "years": list(graph.years),
        "letters": len(graph.keys),
        "items": len(items),
        "wordings": wordings,
        "order": order_digest(order),
    }
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


class _Links(Mapping[tuple[int, int], float]):
    """The pairs of wordings ``(i, j)``, ``i < j``, that are the same ask, with their score,
    read from a wording's row of links."""

    def __init__(self, starts: Any, others: Any, scores: Any) -> None:
        self._starts, self._others, self._scores = starts, others, scores

    def __getitem__(self, pair: tuple[int, int]) -> float:
        i, j = int(pair[0]), int(pair[1])
        if not 0 <= i < j < len(self._starts) - 1:
            raise KeyError(pair)
        start, end = int(self._starts[i]), int(self._starts[i + 1])
        place = start + int(np.searchsorted(self._others[start:end], j))
        if place < end and int(self._others[place]) == j:
            return float(self._scores[place])
        raise KeyError(pair)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        for i in range(len(self._starts) - 1):
            row = self._others[int(self._starts[i]) : int(self._starts[i + 1])].tolist()
            yield from ((i, j) for j in row if j > i)

    def __len__(self) -> int:
        return len(self._others) // 2


class _Neighbours(Mapping[int, Sequence[int]]):
    """Per wording with a link, the wordings it is linked to (ascending)."""

    def __init__(self, starts: Any, others: Any) -> None:
        self._starts, self._others = starts, others

    def __getitem__(self, wording: int) -> list[int]:
        if not 0 <= wording < len(self._starts) - 1:
            raise KeyError(wording)
        row: list[int] = self._others[
            int(self._starts[wording]) : int(self._starts[wording + 1])
        ].tolist()
        if not row:
            raise KeyError(wording)
        return row

    def __iter__(self) -> Iterator[int]:
        sizes = np.diff(self._starts)
        return iter(np.flatnonzero(sizes).tolist())

    def __len__(self) -> int:
        return int(np.count_nonzero(np.diff(self._starts)))


class _ItemAt(Mapping[tuple[str, int], int]):
    """``(letter key, ask index)`` → the item it is or is a copy of."""

    def __init__(self, letters: Lookup[int], keys: Sequence[str], starts: Any, items: Any):
        self._letters, self._keys, self._starts, self._items = letters, keys, starts, items

    def __getitem__(self, place: tuple[str, int]) -> int:
        key, index = place
        letter = self._letters[key]
        start, end = int(self._starts[letter]), int(self._starts[letter + 1])
        if not 0 <= index < end - start or int(self._items[start + index]) < 0:
            raise KeyError(place)
        return int(self._items[start + index])

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for letter, key in enumerate(self._keys):
            start, end = int(self._starts[letter]), int(self._starts[letter + 1])
            row = self._items[start:end].tolist()
            yield from ((key, index) for index, item in enumerate(row) if item >= 0)

    def __len__(self) -> int:
        return int(np.count_nonzero(np.asarray(self._items) >= 0))


class MappedAskGraph:
    """An :class:`~compare.trends.lineage.AskGraph` opened from its folder
    (:func:`open_ask_graph`): the same members with the same answers (an
    :class:`~compare.trends.lineage.AskGraphView`), each row read from the memory-mapped
    arrays when asked for."""

    def __init__(self, folder: Path, meta: Mapping[str, Any]) -> None:
        files = MappedFolder(folder)
        self._meta = meta
        self.years: tuple[int, ...] = tuple(int(y) for y in meta["years"])
        letters, items, wordings = int(meta["letters"]), int(meta["items"]), int(meta["wordings"])
        keys, key_hashes, key_ids = files.strings("keys")
        self.keys: Sequence[str] = keys
        self._letters = Lookup(keys, key_hashes, key_ids, lambda n: n)
        a = {name: files.array(name) for name in _ARRAYS}
        for name in ("item_letter", "item_index", "item_group", "wording_of"):
            if len(a[name]) != items:
                raise ValueError(f"{name} does not fit the items")
        rows_fit(a["also_starts"], a["also_letter"], items, "copies")
        rows_fit(a["also_starts"], a["also_index"], items, "copies")
        rows_fit(a["subject_starts"], a["subject_terms"], items, "subjects")
        rows_fit(a["letter_ask_starts"], a["letter_ask_items"], letters, "letters' asks")
        rows_fit(a["member_starts"], a["member_items"], wordings, "wordings")
        rows_fit(a["link_starts"], a["link_other"], wordings, "links")
        rows_fit(a["addressee_starts"], a["addressee_names"], letters, "addressees")
        if len(keys) != letters or len(a["link_score"]) != len(a["link_other"]):
            raise ValueError("keys or link scores do not fit their counts")
        terms, term_hashes, term_ids = files.strings("terms")
        rows_fit(a["term_item_starts"], a["term_items"], len(terms), "terms")
        if len(a["term_held"]) != len(terms):
            raise ValueError("term counts do not fit the terms")
        names = files.strings("names")[0]
        self._a, self._terms, self._names = a, terms, names
        self._term_ids = Lookup(terms, term_hashes, term_ids, lambda n: n)
        self.items: Sequence[AskItem] = Rows(items, self._item)
        self.wording_of: Sequence[int] = Rows(items, lambda n: int(a["wording_of"][n]))
        self.links: Mapping[tuple[int, int], float] = _Links(
            a["link_starts"], a["link_other"], a["link_score"]
        )
        self.neighbours: Mapping[int, Sequence[int]] = _Neighbours(
            a["link_starts"], a["link_other"]
        )
        self.members: Sequence[Sequence[int]] = Rows(wordings, self._members)
        self.subjects: Sequence[frozenset[str]] = Rows(items, self._subject)
        self.held: Mapping[str, int] = Lookup(terms, term_hashes, term_ids, self._held)
        self.addressees: Sequence[frozenset[str]] = Rows(letters, self._addressee)
        self.item_at: Mapping[tuple[str, int], int] = _ItemAt(
            self._letters, keys, a["letter_ask_starts"], a["letter_ask_items"]
        )

    @property
    def wordings(self) -> int:
        """How many wordings there are."""
        return int(self._meta["wordings"])

    def _row(self, starts: str, values: str, n: int) -> list[int]:
        a = self._a
        found: list[int] = a[values][int(a[starts][n]) : int(a[starts][n + 1])].tolist()
        return found

    def _item(self, n: int) -> AskItem:
        from compare.trends.lineage import AskItem

        a = self._a
        letters = self._row("also_starts", "also_letter", n)
        indexes = self._row("also_starts", "also_index", n)
        return AskItem(
            int(a["item_letter"][n]),
            int(a["item_index"][n]),
            int(a["item_group"][n]),
            tuple(zip(letters, indexes, strict=True)),
        )

    def _members(self, wording: int) -> list[int]:
        return self._row("member_starts", "member_items", wording)

    def _subject(self, n: int) -> frozenset[str]:
        return frozenset(self._terms[t] for t in self._row("subject_starts", "subject_terms", n))

    def _held(self, term: int) -> int:
        held = int(self._a["term_held"][term])
        if held < 0:
            raise KeyError(self._terms[term])
        return held

    def _addressee(self, letter: int) -> frozenset[str]:
        rows = self._row("addressee_starts", "addressee_names", letter)
        return frozenset(self._names[n] for n in rows)

    def items_on(self, term: str) -> list[int]:
        """The items holding ``term`` in their subject (ascending)."""
        found = self._term_ids.get(term)
        return [] if found is None else self._row("term_item_starts", "term_items", found)

    def same_letters(self, keys: Sequence[str]) -> bool:
        """Whether the graph was read from the letters keyed ``keys`` (in any order): at once
        when they come in the order it was written with, else by sorting both."""
        if len(keys) != len(self.keys):
            return False
        return order_digest(keys) == self._meta["order"] or self._sorted_keys == sorted(keys)

    @cached_property
    def _sorted_keys(self) -> list[str]:
        return sorted(self.keys)


_ARRAYS = (
    "item_letter",
    "item_index",
    "item_group",
    "wording_of",
    "also_starts",
    "also_letter",
    "also_index",
    "subject_starts",
    "subject_terms",
    "letter_ask_starts",
    "letter_ask_items",
    "member_starts",
    "member_items",
    "link_starts",
    "link_other",
    "link_score",
    "term_held",
    "term_item_starts",
    "term_items",
    "addressee_starts",
    "addressee_names",
)
"""The ``.npy`` files of a graph's folder."""


def open_ask_graph(folder: Path) -> MappedAskGraph:
    """The graph written to ``folder``. Raises :class:`StoreError` when it is missing,
    damaged or of another format."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != ASK_GRAPH_FORMAT:
            found = meta.get("format") if isinstance(meta, dict) else None
            raise StoreError(folder, f"ask graph format {found!r} is not known")
        return MappedAskGraph(folder, meta)
    except StoreError:
        raise
    except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
        raise StoreError(folder, f"ask graph cannot be read ({error})") from error
