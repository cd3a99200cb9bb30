"""Rendering: comparison results to HTML and PDF reports.

In: results of the comparing stages (``LetterDiff``, ``CorpusTrends``, ``CheckResult``).
Out: report files. :mod:`.context` turns results into template contexts (plain frozen
dataclasses); :mod:`.engine` renders them with Jinja2 and WeasyPrint, loading only the
package's own templates and assets. :mod:`.charts` draws the corpus report's charts (from the
numbers of :mod:`.chartdata`) and :mod:`.fonts` finds the characters a PDF could not print.
"""
