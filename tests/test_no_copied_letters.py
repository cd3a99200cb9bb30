"""The development letters of ``../shared/letters`` stay there: no run of seven words of one
of them in the package, the templates, the README or the tests (they read the letters from
``../shared/letters`` at run time; label files hold line numbers and digests only)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compare.reading.loading import load_document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "letters"
RUN = 7
"""Words in a run: long enough that ordinary phrases ("we are writing to ask you to")
do not count as copies."""
_WORD = re.compile(r"[\w’'-]+")


def _runs(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/letters is not beside the checkout")
def test_no_run_of_words_of_a_development_letter_is_in_the_repository():
    letters: dict[str, str] = {}
    for path in sorted(SHARED.iterdir()):
        if path.suffix in {".txt", ".md", ".html", ".pdf", ".docx"} and path.name != "README.md":
            for run in _runs(load_document(path).text):
                letters.setdefault(run, path.name)
    ours = [
        *ROOT.joinpath("compare").rglob("*.py"),
        *ROOT.joinpath("compare").rglob("*.toml"),
        *ROOT.joinpath("report_templates").rglob("*.*"),
        *ROOT.joinpath("tests").rglob("*.py"),
        *ROOT.joinpath("tests").rglob("*.md"),
        ROOT / "README.md",
    ]
    copied = {
        f"{path.relative_to(ROOT)}: {run!r} ({letters[run]})"
        for path in ours
        if path.is_file()
        for run in _runs(path.read_text(encoding="utf-8", errors="replace")) & letters.keys()
    }
    assert not copied, sorted(copied)
