"""Time to read 100 two-page PDFs (a justified, hyphenated letter with a running header and
page numbers, made here with WeasyPrint): the layout reader (poppler's ``pdftotext``) next to
pypdf's ``extract_text``. Run: ``python tests/benchmarks/pdf.py``."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from pypdf import PdfReader
from weasyprint import HTML

from compare.reading.pdf import read_pdf

CSS = (
    '@page { size: A5; margin: 2cm; @top-center { content: "Open letter" }'
    ' @bottom-center { content: "Page " counter(page) " of " counter(pages) } }'
    " body { font-family: DejaVu Serif; font-size: 10pt; text-align: justify; hyphens: auto }"
)
SENTENCE = (
    "We urge the government to restore the public health grant {n} and to commit to a "
    "multi-year settlement that allows councils to plan prevention services properly. "
)


def make(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        paragraphs = "".join(f"<p>{SENTENCE.format(n=n) * 3}</p>" for _ in range(7))
        page = f'<html lang="en"><style>{CSS}</style><p>Dear Minister,</p>{paragraphs}</html>'
        path = folder / f"letter{n}.pdf"
        HTML(string=page).write_pdf(path)
        paths.append(path)
    return paths


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = make(Path(tmp), 100)
        pages = {len(PdfReader(path).pages) for path in paths}
        start = time.perf_counter()
        for path in paths:
            read_pdf(path)
        layout = time.perf_counter() - start
        start = time.perf_counter()
        for path in paths:
            [page.extract_text() for page in PdfReader(path).pages]
        plain = time.perf_counter() - start
    print(f"100 PDFs of {sorted(pages)} pages")
    print(f"  layout reader (pdftotext -bbox-layout + paragraphs): {layout:6.2f} s")
    print(f"  pypdf extract_text:                                  {plain:6.2f} s")


if __name__ == "__main__":
    main()
