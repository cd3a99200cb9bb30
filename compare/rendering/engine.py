"""HTML and PDF from report contexts — the only module that imports Jinja2 and WeasyPrint.

In: a template name (``pair.html``, ``corpus.html``, ``check.html``), its context (a dataclass
from :mod:`compare.rendering.context`) and optionally a folder of override templates. Out: HTML
text, or a report (PDF, or self-contained HTML) written atomically to a path.

Templates: the built-ins are package data in ``compare/rendering/templates/`` (found with
:mod:`importlib.resources`, so a wheel install works). With ``templates=DIR``, a file of the same
name in ``DIR`` (a template, ``style.css``, or an asset the stylesheet names) replaces the
built-in one; everything else still comes from the package.

Safety:
- Jinja2 runs with ``autoescape=True`` and ``StrictUndefined``: letter text is always escaped
  (a letter containing ``<script>`` or ``<img src=…>`` renders as inert text), and a template
  that reads a field the context does not have fails loudly instead of printing nothing.
- HTML output inlines its stylesheets (``<style>``) and their ``url(…)`` assets (``data:`` URIs),
  so the file opens styled on its own and refers to nothing outside itself.
- WeasyPrint gets :class:`ProjectAssetFetcher`, which serves only files in the template
  folders and refuses every other URL (no network request is ever made).
- Reports are written to a temporary file in the target folder and renamed over the target,
  so a failed render never leaves a half-written or clobbered report.

Fonts: a PDF whose printed text has characters no installed font covers
(:mod:`compare.rendering.fonts`) is rendered again with ``font_warning``, a sentence naming
them and the package to install, which ``base.html`` prints at the top of page 1.
"""

from __future__ import annotations

import base64
import dataclasses
import logging
import mimetypes
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote, urlparse

from compare.errors import InputError
from compare.files import write_atomically

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

TEMPLATES = Path(str(resources.files("compare.rendering").joinpath("templates"))).resolve()
"""The built-in templates and assets (package data)."""
PageSize = Literal["A4", "letter"]
Format = Literal["pdf", "html"]
LOG = logging.getLogger(__name__)

# Autoescaping turns every "<" of letter text into "&lt;", so a stylesheet link in the rendered
# HTML can only come from a template.
_STYLESHEET_LINK = re.compile(r'<link\s+rel="?stylesheet"?\s+href="([^"]+)"\s*/?>', re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def template_folders(templates: Path | None = None) -> tuple[Path, ...]:
    """Where templates and assets are looked up, in order: the user's folder, then the package's."""
    if templates is None:
        return (TEMPLATES,)
    return (Path(templates).resolve(), TEMPLATES)


def find_asset(name: str, templates: Path | None = None) -> Path | None:
    """The file a relative ``name`` (``style.css``) means: the first folder that has it, or
    ``None`` when no folder has it or the name points outside its folder (``../x``, ``/x``)."""
    for folder in template_folders(templates):
        path = (folder / name).resolve()
        if path.is_relative_to(folder) and path.is_file():
            return path
    return None


def template_environment(templates: Path | None = None) -> Environment:
    """The Jinja2 environment: the user's folder first, then the package's; autoescape on,
    undefined names an error."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    from compare.summary import format_date, percent

    environment = Environment(
        loader=ChoiceLoader([FileSystemLoader(f) for f in template_folders(templates)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["pct"] = lambda value: f"{value:.0%}"
    # A similarity score as the pages say it everywhere: the share of distinctive wording,
    # "88 %" (compare.summary.percent), as the pair report's "88 % of distinctive wording
    # shared"; JSON and CSV keep the number.
    environment.filters["score"] = lambda value: "—" if value is None else percent(value)
    environment.filters["notes"] = note_marks_html
    # A count with its noun, singular for one: "1 letter", "4 letters", "1,204 letters".
    environment.filters["plural"] = lambda count, one, many: (
        f"{count:,} {one if count == 1 else many}"
    )
    environment.filters["day"] = lambda value: format_date(value) or value or "undated"
    # A short note after a name ("(United States)", "(+1 copy)") with its spaces made
    # non-breaking, so it wraps whole. Written inside its smaller <span> with the space
    # before it, it also keeps WeasyPrint (seen with 70.0) from breaking the name after its
    # first word when the note falls at the end of a line ("Jacob" / "Blaustein Institute …").
    environment.filters["unbroken"] = lambda value: " ".join(str(value).split()).replace(
        " ", "\u00a0"
    )
    return environment


def note_marks_html(text: str) -> Markup:
    """``text`` escaped, its footnote marks ("^{iv}", "^4": :mod:`compare.notemarks`) set
    as superscript: "done.^{iv}" → "done.<sup>iv</sup>"."""
    from markupsafe import Markup, escape

    from compare.notemarks import split_note_marks

    return Markup("").join(
        Markup("<sup>{}</sup>").format(piece) if mark else escape(piece)
        for mark, piece in split_note_marks(text)
    )


def render_html(
    template: str,
    context: Any,
    page_size: PageSize = "A4",
    templates: Path | None = None,
    font_warning: str | None = None,
) -> str:
    """The template rendered with the context's fields (a dataclass) as its variables, plus
    ``page_size`` and ``font_warning`` (a sentence ``base.html`` prints at the top of page 1,
    or ``None``). Stylesheets stay ``<link>``s (the PDF renderer fetches them);
    :func:`standalone_html` inlines them. Raises :class:`~compare.errors.InputError` naming
    the template file and line when a template (a user's override, say) is broken."""
    from jinja2 import TemplateError, TemplateSyntaxError

    fields = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    environment = template_environment(templates)
    try:
        return environment.get_template(template).render(
            page_size=page_size, font_warning=font_warning, **fields
        )
    except TemplateSyntaxError as error:
        where = error.filename or error.name or template
        raise InputError(where, f"line {error.lineno}: {error.message}") from error
    except TemplateError as error:
        raise InputError(template, f"the template fails: {error.message}") from error


def standalone_html(html: str, templates: Path | None = None) -> str:
    """``html`` with each stylesheet link replaced by a ``<style>`` element holding the
    stylesheet, whose ``url(…)`` assets become ``data:`` URIs: a file that needs no other."""

    def inline(match: re.Match[str]) -> str:
        path = find_asset(unquote(match.group(1)), templates)
        if path is None:
            raise FileNotFoundError(f"no stylesheet {match.group(1)!r} among the templates")
        css = _CSS_URL.sub(lambda m: _data_uri(m, templates), path.read_text(encoding="utf-8"))
        return "<style>\n" + re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE) + "</style>"

    return _STYLESHEET_LINK.sub(inline, html)


def _data_uri(match: re.Match[str], templates: Path | None) -> str:
    """A ``url(…)`` of a template asset as a ``data:`` URI; other URLs are dropped."""
    url = match.group(2).strip()
    if url.startswith("data:"):
        return match.group(0)
    path = None if urlparse(url).scheme else find_asset(unquote(url), templates)
    if path is None:
        LOG.warning("left out %s from the HTML report: not a template asset", url)
        return "url()"
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f'url("data:{mime};base64,{base64.b64encode(path.read_bytes()).decode("ascii")}")'


def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    # WeasyPrint ships no type information, so URLFetcher is Any to mypy.
    class ProjectAssetFetcher(URLFetcher):  # type: ignore[misc]
        """Serves files in the template folders (a user's file first, as for templates);
        refuses everything else."""

        def __init__(self, templates: Path | None = None) -> None:
            super().__init__(allowed_protocols=("file",))
            self.templates = templates
            self.served: list[str] = []
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            path = Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
            folder = next(
                (f for f in template_folders(self.templates) if path and path.is_relative_to(f)),
                None,
            )
            found = (
                find_asset(str(path.relative_to(folder)), self.templates)
                if path is not None and folder is not None
                else None
            )
            if found is None:
                self.refused.append(url)
                LOG.info("refused to fetch %s", url)
                raise ValueError(f"compare-letters fetches only its own template assets: {url}")
            self.served.append(url)
            mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": mime})

    return ProjectAssetFetcher


def asset_fetcher(templates: Path | None = None) -> Any:
    """A fresh :class:`ProjectAssetFetcher` (it records what it served and refused)."""
    return _fetcher_class()(templates)


def write_report(
    template: str,
    context: Any,
    target: Path,
    output: Format = "pdf",
    page_size: PageSize = "A4",
    fetcher: Any = None,
    pdf_variant: str | None = "pdf/ua-1",
    templates: Path | None = None,
) -> Path:
    """Render ``template`` with ``context`` to ``target`` as PDF or self-contained HTML,
    atomically; ``templates`` is an optional folder whose files replace the built-in ones.

    A PDF whose text has characters no installed font covers says so at the top of page 1
    and in the log (:func:`compare.rendering.fonts.font_gap`) rather than printing boxes
    silently; HTML is left to the fonts of the browser that opens it."""
    html = render_html(template, context, page_size, templates)
    if output == "pdf":
        from compare.rendering.fonts import font_gap, html_texts

        gap = font_gap(html_texts(html))
        if gap is not None:
            LOG.warning("%s: %s", target.name, gap.message())
            html = render_html(template, context, page_size, templates, gap.message())
    if output == "html":
        html = standalone_html(html, templates)
        return write_atomically(target, lambda path: path.write_text(html, encoding="utf-8"))
    from weasyprint import HTML

    document = HTML(
        string=html,
        base_url=TEMPLATES.as_uri() + "/",
        url_fetcher=fetcher or asset_fetcher(templates),
    )
    options: dict[str, Any] = {"pdf_variant": pdf_variant} if pdf_variant else {}
    return write_atomically(target, lambda path: document.write_pdf(path, **options))
