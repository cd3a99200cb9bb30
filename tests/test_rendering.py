"""Where reports get their templates and assets: the package, a user's override folder, and
HTML output that needs no other file."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from messages import messages
from pypdf import PdfReader

from compare.comparison import compare_letters
from compare.rendering.context import pair_context
from compare.rendering.engine import TEMPLATES, asset_fetcher, find_asset, write_report

ROOT = Path(__file__).resolve().parent.parent
BUILT_IN = ("base.html", "check.html", "corpus.html", "macros.html", "pair.html", "style.css")


@pytest.fixture(scope="module")
def context(seed_letters):
    a, b = seed_letters["002#1"], seed_letters["002#2"]
    return pair_context(a, b, compare_letters(a, b), today="2024-01-02")


def test_html_report_inlines_its_stylesheet_and_links_nothing(context, tmp_path):
    html = write_report("pair.html", context, tmp_path / "r.html", output="html").read_text()
    assert "<link" not in html.lower() and "href=" not in html.lower()
    assert not re.search(r"\b(src|url)\s*[=(]\s*['\"]?(?!data:)[^'\")\s]", html)
    style = html[html.index("<style>\n") : html.index("</style>", html.index("<style>\n"))]
    css = (TEMPLATES / "style.css").read_text(encoding="utf-8")
    assert css.strip() in style  # every rule, unescaped ("DejaVu Sans", not &#34;)
    assert "<ins>unwavering</ins>" in html  # the report itself is still there


def test_a_user_template_replaces_its_namesake_and_the_rest_stay_built_in(context, tmp_path):
    user = tmp_path / "mine"
    user.mkdir()
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    (user / "base.html").write_text(base.replace("<body>", "<body><p>USER-BASE-MARKER</p>"))
    (user / "style.css").write_text("h1 { color: rgb(1, 2, 3); }\n")

    html = write_report(
        "pair.html", context, tmp_path / "r.html", output="html", templates=user
    ).read_text()
    assert "USER-BASE-MARKER" in html  # the user's base.html
    assert "Redline, side by side" in html  # the built-in pair.html and macros.html
    assert "rgb(1, 2, 3)" in html and "bookmark-level" not in html  # the user's style.css

    spy = asset_fetcher(user)
    write_report("pair.html", context, tmp_path / "r.pdf", fetcher=spy, templates=user)
    assert spy.refused == [] and spy.served == [(TEMPLATES / "style.css").as_uri()]
    text = " ".join(page.extract_text() or "" for page in PdfReader(tmp_path / "r.pdf").pages)
    assert "USER-BASE-MARKER" in text

    assert find_asset("style.css", user) == (user / "style.css").resolve()
    assert find_asset("pair.html", user) == TEMPLATES / "pair.html"
    assert find_asset("../mine/style.css", None) is None


def test_the_fetcher_serves_the_users_folder_too_but_nothing_beside_it(tmp_path):
    user = tmp_path / "mine"
    user.mkdir()
    (user / "logo.svg").write_text("<svg/>")
    (tmp_path / "secret.css").write_text("body {}")
    fetcher = asset_fetcher(user)
    assert fetcher.fetch((user / "logo.svg").as_uri()).read() == b"<svg/>"
    for url in ((user / "../secret.css").as_uri(), (tmp_path / "secret.css").as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    with pytest.raises(ValueError):
        asset_fetcher().fetch((user / "logo.svg").as_uri())  # not without --templates


def test_html_report_turns_a_user_stylesheets_assets_into_data_uris(context, tmp_path):
    user = tmp_path / "mine"
    user.mkdir()
    (user / "mark.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (user / "style.css").write_text(
        'h1 { background: url("mark.svg"); } h2 { background: url(http://example.invalid/x.png); }'
    )
    html = write_report(
        "pair.html", context, tmp_path / "r.html", output="html", templates=user
    ).read_text()
    assert 'url("data:image/svg+xml;base64,' in html
    assert "example.invalid" not in html and "mark.svg" not in html


def _cannot_build_a_wheel() -> str | None:
    """Why ``pip wheel --no-build-isolation`` cannot work here, or ``None`` when it can."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        setuptools = tuple(int(part) for part in version("setuptools").split(".")[:2])
    except PackageNotFoundError:
        return "no setuptools in this environment"
    if setuptools < (77, 0):  # SPDX license strings (pyproject.toml) need setuptools 77
        return "setuptools < 77: pip install -e '.[test]'"
    return None


@pytest.mark.skipif(_cannot_build_a_wheel() is not None, reason=str(_cannot_build_a_wheel()))
def test_the_wheel_carries_every_module_the_templates_and_the_data(tmp_path):
    source = tmp_path / "source"  # a copy, so the build leaves no build/ or egg-info behind
    shutil.copytree(ROOT / "compare", source / "compare", ignore=shutil.ignore_patterns("__py*"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation"]
        + ["--quiet", "-w", str(tmp_path / "dist")],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("compare_letters-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in BUILT_IN:
        assert f"compare/rendering/templates/{name}" in names
    package = ROOT / "compare"
    for path in [*package.rglob("*.py"), *(package / "data").glob("*.toml"), package / "py.typed"]:
        assert path.relative_to(ROOT).as_posix() in names


def test_a_broken_override_template_is_a_one_line_error_naming_it(tmp_path):
    from click.testing import CliRunner

    from compare.cli import cli

    (tmp_path / "pair.html").write_text("{{ broken ( }}", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "--corpus",
            str(ROOT / "seeds"),
            "--templates",
            str(tmp_path),
            "report",
            "pair",
            "002_c0c9e79feab35893.txt#1",
            "002_c0c9e79feab35893.txt#2",
            "--format",
            "html",
            "-o",
            str(tmp_path / "out.html"),
        ],
    )
    assert result.exit_code == 1
    assert "pair.html" in result.output and "line 1" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.html").exists()


def test_a_missing_templates_folder_is_one_line_of_bad_input(tmp_path):
    from click.testing import CliRunner

    from compare.cli import cli

    result = CliRunner().invoke(cli, ["--templates", str(tmp_path / "nope"), "letters"])
    assert result.exit_code == 1
    missing = tmp_path / "nope"
    assert messages(result.stderr) == [f"compare-letters: error: {missing}: no such file or folder"]
