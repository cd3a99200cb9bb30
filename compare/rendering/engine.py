"""HTML and PDF from report contexts — the only module that imports Jinja2 and WeasyPrint.

In: a template name under ``report_templates/`` and its context (a dataclass from
:mod:`compare.rendering.context`). Out: HTML text, or a PDF written atomically to a path.

Safety:
- Jinja2 runs with ``autoescape=True`` and ``StrictUndefined``: letter text is always escaped
  (a letter containing ``<script>`` or ``<img src=…>`` renders as inert text), and a template
  that reads a field the context does not have fails loudly instead of printing nothing.
- WeasyPrint gets :class:`ProjectAssetFetcher`, which serves only files under
  ``report_templates/`` and refuses every other URL (no network request is ever made).
- The PDF is written to a temporary file in the target folder and renamed over the target,
  so a failed render never leaves a half-written or clobbered report.
"""

from __future__ import annotations

import dataclasses
import logging
import mimetypes
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlparse

from compare.files import write_atomically

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "report_templates"
PageSize = Literal["A4", "letter"]
Format = Literal["pdf", "html"]
LOG = logging.getLogger(__name__)


def template_environment() -> Any:
    """The Jinja2 environment: autoescape on, undefined names an error."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["pct"] = lambda value: f"{value:.0%}"
    environment.filters["score"] = lambda value: "—" if value is None else f"{value:.3f}"
    return environment


def render_html(template: str, context: Any, page_size: PageSize = "A4") -> str:
    """The template rendered with the context's fields (a dataclass) as its variables."""
    fields = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    return template_environment().get_template(template).render(page_size=page_size, **fields)


def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ProjectAssetFetcher(URLFetcher):
        """Serves files under ``report_templates/``; refuses everything else."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file",))
            self.served: list[str] = []
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            path = Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
            if path is None or not path.is_relative_to(TEMPLATES) or not path.is_file():
                self.refused.append(url)
                LOG.info("refused to fetch %s", url)
                raise ValueError(f"compare-letters fetches only its own template assets: {url}")
            self.served.append(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return ProjectAssetFetcher


def asset_fetcher() -> Any:
    """A fresh :class:`ProjectAssetFetcher` (it records what it served and refused)."""
    return _fetcher_class()()


def write_report(
    template: str,
    context: Any,
    target: Path,
    output: Format = "pdf",
    page_size: PageSize = "A4",
    fetcher: Any = None,
    pdf_variant: str | None = "pdf/ua-1",
) -> Path:
    """Render ``template`` with ``context`` to ``target`` as PDF or HTML, atomically."""
    html = render_html(template, context, page_size)
    if output == "html":
        return write_atomically(target, lambda path: path.write_text(html, encoding="utf-8"))
    from weasyprint import HTML

    document = HTML(
        string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetcher or asset_fetcher()
    )
    options: dict[str, Any] = {"pdf_variant": pdf_variant} if pdf_variant else {}
    return write_atomically(target, lambda path: document.write_pdf(path, **options))
