"""The store's one error: a store (or a part of it) that cannot be used as it is."""

from __future__ import annotations

from compare.errors import InputError


class StoreError(InputError):
    """A store folder, manifest or segment that is missing, damaged, or written by another
    version of the store: the message names the file and what is wrong. The writer
    (:func:`compare.store.update.sync`) rebuilds such a store; a reader reports it."""
