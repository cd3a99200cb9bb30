"""PDF and HTML reports, read back the way a reader would: by their text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from compare.cli import cli
from compare.corpus import load_corpus
from compare.rendering.context import (
    CorpusReportContext,
    FamilyReportContext,
    PairReportContext,
)
from compare.rendering.engine import TEMPLATES, asset_fetcher, template_environment, write_report
from compare.reports import write_corpus_report as build_corpus_report
from compare.reports import write_pair_report as build_pair_report

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
UN, EU = "2020-10-14-un-general-assembly", "2020-10-14-josep-borrell-fontelles"


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "") for page in PdfReader(path).pages).split())


@pytest.fixture(scope="module")
def pair_pdf(tmp_path_factory, seed_letters, seeds_corpus) -> Path:
    target = tmp_path_factory.mktemp("pair") / "pair.pdf"
    return build_pair_report(
        seed_letters["002#1"], seed_letters["002#2"], seeds_corpus.letters, target
    )


@pytest.fixture(scope="module")
def pair_html(tmp_path_factory, seed_letters, seeds_corpus) -> str:
    target = tmp_path_factory.mktemp("pair") / "pair.html"
    build_pair_report(
        seed_letters["002#1"], seed_letters["002#2"], seeds_corpus.letters, target, output="html"
    )
    return target.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def corpus_pdf(tmp_path_factory, seeds_corpus, taxonomy) -> Path:
    target = tmp_path_factory.mktemp("corpus") / "corpus.pdf"
    return build_corpus_report(seeds_corpus, taxonomy, target)


def test_pair_report_summary_numbers_match_diff_json(pair_pdf):
    result = CliRunner().invoke(cli, ["--corpus", str(SEEDS), "diff", UN, EU, "--json"])
    counts = json.loads(result.output)["counts"]
    text = pdf_text(pair_pdf)
    words = {"equal": "unchanged", "changed": "reworded", "inserted": "added", "deleted": "removed"}
    for op, number in counts.items():
        assert f"{number} {words.get(op, op)}" in text, f"{number} {op} missing from the summary"
    assert "37 in both" in text
    assert "88 % of distinctive wording shared" in text
    assert "TF-IDF cosine similarity of the two letters is 0.882" in text  # how to read it


def test_pair_report_html_marks_the_recipient_change_as_deletion_and_insertion(pair_html):
    rows = pair_html.split("<tr")
    first = next(row for row in rows if "<ins>European Union</ins>" in row)
    assert "<del>UN General Assembly</del>" in first  # same row: A's words struck, B's added
    reworded = next(row for row in rows if "<ins>unwavering</ins>" in row)
    assert "<del>consistent</del>" in reworded


def test_pair_report_marks_the_moved_paragraph_at_both_ends(pair_html):
    assert "moved here from ¶18 of the first letter" in pair_html
    assert "moved to ¶17 of the second letter (above)" in pair_html


def test_pair_report_pages_are_numbered_and_titled(pair_pdf):
    reader = PdfReader(pair_pdf)
    pages = len(reader.pages)
    assert f"page 1 of {pages}" in reader.pages[0].extract_text()
    assert reader.metadata.title.startswith("What changed:")
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[0] == reader.metadata.title
    assert "Redline, side by side" in str(reader.outline)


def test_corpus_report_names_the_letter_family_and_themes_per_year(corpus_pdf):
    text = pdf_text(corpus_pdf)
    assert "Letter families" in text
    assert "4 letters belong to no family" in text
    assert f"family-{UN}.pdf".replace("-", "") in text.replace("-", "").replace(" ", "")
    grid = text[text.index("Themes of the asks, year by year") :]  # the heatmap
    assert re.search(r"2014 2018 2020 2022", grid)
    assert "Accountability and justice" in grid
    assert "The coalition" in text and "Core signatories" in text


def test_letter_html_is_escaped_and_nothing_remote_is_fetched(tmp_path, taxonomy):
    hostile = (
        "Open letter to the Minister\n\n4 May 2021\n\nDear Minister,\n\n"
        'We urge you to act. <img src="http://example.invalid/track.png"> '
        "<script>alert(1)</script> <b>bold</b>\n\nSincerely,\n\nGroup A, Kenya\n"
    )
    (tmp_path / "a.txt").write_text(hostile, encoding="utf-8")
    (tmp_path / "b.txt").write_text(hostile.replace("act.", "act now."), encoding="utf-8")
    corpus = load_corpus(tmp_path, taxonomy)
    a, b = corpus.letters
    build_pair_report(a, b, corpus.letters, tmp_path / "r.html", output="html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "&lt;img src=" in html and "&lt;script&gt;" in html
    assert "<script>" not in html and '<img src="http' not in html

    spy = asset_fetcher()
    from compare.comparison import compare_letters
    from compare.rendering.context import pair_context

    context = pair_context(a, b, compare_letters(a, b))
    write_report("pair.html", context, tmp_path / "r.pdf", fetcher=spy)
    assert spy.refused == []
    assert spy.served and all(url.startswith(TEMPLATES.as_uri()) for url in spy.served)
    assert "<img src=" in pdf_text(tmp_path / "r.pdf")


def test_the_fetcher_refuses_everything_but_template_assets(tmp_path):
    fetcher = asset_fetcher()
    outside = tmp_path / "secret.css"
    outside.write_text("body {}", encoding="utf-8")
    for url in (
        "http://example.invalid/x.png",
        outside.as_uri(),
        (TEMPLATES / "../engine.py").as_uri(),  # beside the templates, not among them
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 3
    response = fetcher.fetch((TEMPLATES / "style.css").as_uri())
    assert b"@page" in response.read()


def test_a_failed_render_keeps_the_old_report_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old report")
    with pytest.raises(TypeError):
        write_report("pair.html", _Broken(), target)
    assert target.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


class _Broken:
    """Not a dataclass: rendering fails before anything is written."""


def _template_variables(name: str) -> set[str]:
    from jinja2 import meta

    environment = template_environment()
    source = environment.loader.get_source(environment, name)[0]
    found = meta.find_undeclared_variables(environment.parse(source))
    base = environment.loader.get_source(environment, "base.html")[0]
    found |= meta.find_undeclared_variables(environment.parse(base))
    local = set(re.findall(r"{%\s*(?:set|from \S+ import)\s+([\w, ]+?)\s*(?:=|%})", source))
    local = {name.strip() for names in local for name in names.split(",")}
    return found - local - {"page_size", "font_warning"}


@pytest.mark.parametrize(
    ("template", "context"),
    [
        ("pair.html", PairReportContext),
        ("corpus.html", CorpusReportContext),
        ("family.html", FamilyReportContext),
    ],
)
def test_each_template_reads_exactly_its_documented_context(template, context):
    import dataclasses

    fields = {f.name for f in dataclasses.fields(context)}
    assert _template_variables(template) == fields


def test_report_pair_command_writes_the_default_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli,
        ["--corpus", str(SEEDS), "report", "pair", UN, EU, "--format", "html", "--context", "1"],
    )
    assert result.exit_code == 0, result.output
    written = tmp_path / "reports" / f"{UN}__{EU}.html"
    assert result.output.strip() == str(Path("reports") / written.name)
    assert "unchanged paragraph" in written.read_text(encoding="utf-8")


def test_batch_writes_everything_and_reports_a_bad_file_without_stopping(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "broken.docx").write_bytes(b"not a zip")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["--corpus", str(corpus), "batch", "--out", str(out)])
    assert result.exit_code == 1  # a file was skipped: the run is incomplete
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [".manifest.json", "corpus.pdf", "letters.json", "similarity.csv", f"family-{UN}.pdf"]
    )
    assert "skipped: broken.docx" in result.stderr
    assert result.stderr.count("broken.docx") == 1  # said once, not as a warning too
    assert "4 written, 1 skipped, 0 failed" in result.stderr
    assert len(json.loads((out / "letters.json").read_text(encoding="utf-8"))) == 6
    rows = (out / "similarity.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "a,b,score,near_duplicate,shared_terms"
    assert len(rows) == 16  # 15 pairs of 6 letters


def test_reports_get_the_usual_file_mode_not_the_temporary_files_0600(tmp_path):
    import os

    from compare.files import write_text

    umask = os.umask(0o022)
    try:
        target = write_text(tmp_path / "out.json", "{}")
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644
