"""Reading: files to :class:`~compare.models.Letter` objects.

In: a file's bytes (any supported format and encoding). Out: parsed letters. The stages, in
order: :mod:`.loading` (bytes to canonical text), :mod:`.splitting` (one file, several
letters), :mod:`.parsing` (a letter part to a ``Letter``), with its field readers
:mod:`.paragraphs`, :mod:`.dates`, :mod:`.recipients`, :mod:`.signatories` (with
:mod:`.countries`), :mod:`.footnotes`, :mod:`.asks` and the line cues of :mod:`.lexicon`.
"""
