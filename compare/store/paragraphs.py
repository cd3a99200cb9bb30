"""The draft check's paragraph index on disk, memory-mapped: a warm check reads what it needs.

In: a :class:`~compare.check.index.ParagraphIndex` (:func:`write_paragraphs`) or a folder
it was written to (:func:`open_paragraphs`). Out: the folder, and the same index opened from
it — equal in every answer to the one written (a test checks it), but its tables are views
over memory-mapped arrays, so opening it costs its letters' keys and dates and the asks'
meanings, not its paragraphs: at 100,000 letters (about a million distinct paragraphs) a
whole record took 4.9 s to read into Python objects on every check, the folder about 0.1 s.

Layout of the folder (written under a temporary name and renamed whole, as a segment is;
everything JSON, UTF-8 text or ``.npy`` read with ``allow_pickle=False``: nothing runs code):

* ``meta.json``: :data:`PARAGRAPHS_FORMAT`, the letters' keys and dates, the asks' meanings'
  count and vocabulary;
* per table (``p_``: paragraphs, ``a_``: asks): ``texts.bin`` + ``text_offsets`` (text
  ``n`` is the bytes between two offsets), ``text_hashes`` (sorted 64-bit BLAKE2b hashes of
  the texts, :func:`compare.store.segment.term_hashes`) + ``text_ids`` (the id of each): a
  text is found by hash and its bytes compared, so two texts never mix; the places and each
  letter's texts as flattened rows (``*_starts`` offsets and values,
  :meth:`compare.check.index.TextTable.to_plain`); the inverted index's words the same way
  as the texts (``words.bin``, ``word_offsets``, ``word_hashes``, ``word_ids``) and their
  rows (``word_starts``, ``word_texts``);
* ``ordinals`` and ``undated``: each letter's date as a day number, for recency ranks
  without parsing dates;
* the addressees (``recipients.jsonl`` + ``recipient_offsets``, one JSON line each, read
  when asked for) and their names by word (``r_words.bin`` …, ``r_word_names``,
  ``r_name_group``, ``r_name_sizes``: :class:`~compare.check.index.NameWords`), by which a
  check picks the few addressees its draft can name
  (:meth:`~compare.check.index.ParagraphIndex.recipients_for`);
* the asks' meanings' arrays (``m_*``, :meth:`compare.check.meaning.AskMeanings.to_plain`).
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from compare.store.arrays import (
    Lookup,
    MappedFolder,
    Rows,
    array_rows,
    int_rows,
    mapped_bytes,
    pair_rows,
    rows_fit,
    save_array,
    write_strings,
)
from compare.store.errors import StoreError

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from compare.check.index import ParagraphIndex, TextTable
    from compare.check.recipients import RecipientNames

PARAGRAPHS_FORMAT = 1
"""Version of the folder's layout; another is refused (:class:`StoreError`)."""
_MEANING_ARRAYS = ("bounds", "demands", "detail", "actions", "objects", "owners")

_TABLE_ARRAYS = (
    "place_starts",
    "place_letters",
    "place_items",
    "letter_starts",
    "letter_texts",
    "word_starts",
    "word_texts",
)
"""The integer arrays a :class:`TextTable` is stored as, one ``.npy`` file each."""


def _write_table(folder: Path, prefix: str, table: TextTable) -> None:
    plain = table.to_plain()
    write_strings(folder, f"{prefix}texts", list(table.texts))
    write_strings(folder, f"{prefix}words", plain["words"])
    for name in _TABLE_ARRAYS:
        save_array(folder, f"{prefix}{name}", plain[name])


def write_paragraphs(target: Path, index: ParagraphIndex) -> None:
    """Write ``index`` to the folder ``target`` (replaced whole; the folder's parent is
    made when missing)."""
    from compare.check.index import NameWords

    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.tmp"
    temporary.mkdir()
    try:
        _write_table(temporary, "p_", index.paragraphs)
        _write_table(temporary, "a_", index.asks)
        undated, ordinals = index.date_order
        save_array(temporary, "undated", undated)
        save_array(temporary, "ordinals", ordinals)
        lines = [
            json.dumps(
                [r.recipient, list(r.names), list(r.greeted), list(r.keys)],
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode("utf-8")
            for r in index.recipients
        ]
        offsets = np.zeros(len(lines) + 1, dtype=np.int64)
        np.cumsum([len(x) for x in lines], out=offsets[1:])
        (temporary / "recipients.jsonl").write_bytes(b"".join(lines))
        save_array(temporary, "recipient_offsets", offsets)
        names = NameWords.build(index.recipients)
        words = list(names.postings)
        write_strings(temporary, "r_words", words)
        starts = np.zeros(len(words) + 1, dtype=np.int64)
        np.cumsum([len(names.postings[w]) for w in words], out=starts[1:])
        save_array(temporary, "r_word_starts", starts)
        flat = [n for w in words for n in names.postings[w]]
        save_array(temporary, "r_word_names", np.array(flat, dtype=np.int64))
        save_array(temporary, "r_name_group", names.group)
        save_array(temporary, "r_name_sizes", names.sizes)
        meanings = index.ask_meanings.to_plain()
        for name in _MEANING_ARRAYS:
            save_array(temporary, f"m_{name}", meanings[name])
        meta = {
            "format": PARAGRAPHS_FORMAT,
            "keys": list(index.keys),
            "dates": list(index.dates),
            "meanings": {"count": meanings["count"], "vocabulary": meanings["vocabulary"]},
        }
        (temporary / "meta.json").write_text(
            json.dumps(meta, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        os.replace(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _open_table(files: MappedFolder, prefix: str, letters: int) -> TextTable:
    from compare.check.index import TextTable

    texts, hashes, ids = files.strings(f"{prefix}texts")
    words, word_hashes, word_ids = files.strings(f"{prefix}words")
    a = {name: files.array(f"{prefix}{name}") for name in _TABLE_ARRAYS}
    rows_fit(a["place_starts"], a["place_letters"], len(texts), "places")
    rows_fit(a["place_starts"], a["place_items"], len(texts), "places")
    rows_fit(a["letter_starts"], a["letter_texts"], letters, "letters")
    rows_fit(a["word_starts"], a["word_texts"], len(words), "words")
    word_rows = array_rows(a["word_starts"], a["word_texts"])
    return TextTable(
        texts=texts,
        ids=Lookup(texts, hashes, ids, lambda n: n),
        places=pair_rows(a["place_starts"], a["place_letters"], a["place_items"]),
        by_letter=int_rows(a["letter_starts"], a["letter_texts"]),
        postings=Lookup(words, word_hashes, word_ids, word_rows.__getitem__),
    )


def open_paragraphs(folder: Path) -> ParagraphIndex:
    """The index written to ``folder``. Raises :class:`StoreError` when it is missing,
    damaged or of another format."""
    from compare.check.index import NameWords, ParagraphIndex
    from compare.check.meaning import AskMeanings
    from compare.check.recipients import RecipientNames

    files = MappedFolder(folder)
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != PARAGRAPHS_FORMAT:
            found = meta.get("format") if isinstance(meta, dict) else None
            raise StoreError(folder, f"paragraph index format {found!r} is not known")
        keys = tuple(str(k) for k in meta["keys"])
        dates = tuple(None if d is None else str(d) for d in meta["dates"])
        undated, ordinals = files.array("undated"), files.array("ordinals")
        if not len(keys) == len(dates) == len(undated) == len(ordinals):
            raise ValueError("keys, dates and day numbers of different lengths")
        paragraphs = _open_table(files, "p_", len(keys))
        asks = _open_table(files, "a_", len(keys))
        meanings = AskMeanings.from_plain(
            {**meta["meanings"], **{n: files.array(f"m_{n}") for n in _MEANING_ARRAYS}}
        )
        if len(meanings) != len(asks.texts):
            raise ValueError("the ask meanings do not match the asks")
        lines = files.array("recipient_offsets")
        recipients_bytes = mapped_bytes(folder / "recipients.jsonl")
        if int(lines[-1]) != len(recipients_bytes):
            raise ValueError("recipients.jsonl does not fit its offsets")

        def recipient(n: int) -> RecipientNames:
            line = bytes(recipients_bytes[int(lines[n]) : int(lines[n + 1])])
            name, names, greeted, letter_keys = json.loads(line.decode("utf-8"))
            return RecipientNames(name, tuple(names), tuple(greeted), tuple(letter_keys))

        words, word_hashes, word_ids = files.strings("r_words")
        starts, rows = files.array("r_word_starts"), files.array("r_word_names")
        rows_fit(starts, rows, len(words), "recipient words")
        group, sizes = files.array("r_name_group"), files.array("r_name_sizes")
        if len(group) != len(sizes) or (len(rows) and int(rows.max()) >= len(group)):
            raise ValueError("recipient names do not fit their words")
        if len(group) and int(group.max()) >= len(lines) - 1:
            raise ValueError("recipient names do not fit the recipients")

        def name_rows(n: int) -> NDArray[np.int64]:
            return np.asarray(rows[int(starts[n]) : int(starts[n + 1])])

        name_index = NameWords(
            Lookup(words, word_hashes, word_ids, name_rows),
            np.asarray(group, dtype=np.int64),
            np.asarray(sizes, dtype=np.int64),
        )
        return ParagraphIndex(
            keys=keys,
            dates=dates,
            paragraphs=paragraphs,
            asks=asks,
            ask_meanings=meanings,
            recipients=Rows(len(lines) - 1, recipient),
            recipient_words=name_index,
            day_order=(np.asarray(undated, dtype=bool), np.asarray(ordinals, dtype=np.int64)),
        )
    except StoreError:
        raise
    except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
        raise StoreError(folder, f"paragraph index cannot be read ({error})") from error
