"""The letter store: an incremental index of a corpus folder on disk.

In: a corpus folder (through :mod:`compare.pipeline`, which knows how files are read and
keyed). Out: a :class:`~compare.store.snapshot.Snapshot` of the corpus — its letters' parse
results, read one file at a time; per letter its term counts, postings and MinHash
signature; document frequencies (a term's live postings) and, per commit, each letter's
tf-idf norm — and what each sync changed (:class:`~compare.store.update.Update`).

Why: a corpus of 100,000 letters changes by a few files at a time; fitting and indexing it
whole for each change costs minutes. Here a change costs its own files: new and changed files
are parsed and written as a new *segment*; a changed or deleted file's old entries are
dropped by a live flag; idf is never stored, only document frequencies (per segment, as
postings) and the number of letters, so it is computed for the terms a query needs.

Layout, after Lucene (segments written once, and a small manifest naming the live ones):

* :mod:`~compare.store.segment`: one segment's files, written under a temporary name and
  renamed whole;
* :mod:`~compare.store.manifest`: ``manifest.json``, replaced atomically (``os.replace``)
  to commit, and the commit's state file (live flags, file stats, norms, and the corpus a
  reader sees: live files by name, keys, digest), so opening a commit reads no segment's list
  of files;
* :mod:`~compare.store.snapshot`: a commit opened for reading — the manifest is read once
  and only the files it names are read, so a reader sees the old commit or the new one;
* :mod:`~compare.store.update`: a sync (one writer at a time), merging of small segments;
* :mod:`~compare.store.search`: a draft's nearest letters through the postings;
* :mod:`~compare.store.listing`: a corpus folder's files and their stats in one pass;
* :mod:`~compare.store.paragraphs`: the draft check's paragraph index as a folder of
  memory-mapped arrays (kept in the cache per corpus digest, not in the store: it is built
  by the first check after a change, not by a sync).

Everything is JSON, text or numpy arrays read with ``allow_pickle=False``: opening a store
never runs code. A store that is damaged or of another format or version is refused with a
:class:`~compare.store.errors.StoreError` naming the file, and a sync builds it again.
"""

from compare.store.errors import StoreError
from compare.store.snapshot import Snapshot, StoreLetters, open_snapshot
from compare.store.update import MERGE_FACTOR, SEGMENT_LETTERS, Update, sync

__all__ = [
    "MERGE_FACTOR",
    "SEGMENT_LETTERS",
    "Snapshot",
    "StoreError",
    "StoreLetters",
    "Update",
    "open_snapshot",
    "sync",
]
