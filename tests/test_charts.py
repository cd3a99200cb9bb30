"""The corpus report's charts: their numbers, their SVG, and who pays for matplotlib."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from letters import blank_letter
from pypdf import PdfReader

from compare.models import Ask, Letter, Signatory
from compare.rendering.chartdata import (
    SignatoryFlow,
    TermChanges,
    ThemeYears,
    YearVolume,
    copy_groups,
    signatory_flow,
    theme_years,
    year_volume,
)
from compare.similarity import SimilarPair
from compare.themes import load_taxonomy
from compare.trends import corpus_trends

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def letter(key: str, date: str | None, asks=(), signatories=()) -> Letter:
    """A letter with ``asks`` as ``(text, themes)`` and ``signatories`` as keys."""
    return blank_letter(
        key,
        date=date,
        asks=tuple(Ask(text=text, verb="urge", themes=themes) for text, themes in asks),
        themes=tuple(dict.fromkeys(t for _, themes in asks for t in themes)),
        signatories=tuple(
            Signatory(name=k.title(), key=k, kind="organization") for k in signatories
        ),
    )


def near(a: str, b: str, score: float = 0.9) -> SimilarPair:
    return SimilarPair(a=a, b=b, score=score, near_duplicate=score >= 0.5, shared_terms=())


# --- the numbers ---------------------------------------------------------------------------


def test_copies_are_chains_of_near_duplicates_named_by_their_first_letter():
    keys = ["a", "b", "c", "d", "e"]
    pairs = [near("c", "b"), near("d", "c"), near("a", "e", 0.3)]
    assert copy_groups(keys, pairs) == {"a": "a", "b": "b", "c": "b", "d": "b", "e": "e"}


def test_theme_counts_fold_copies_of_one_year_but_not_of_different_years():
    taxonomy = load_taxonomy()
    slug = taxonomy.slugs[0]
    label = taxonomy.label(slug)
    asks = [("ask one", (slug,)), ("ask two", (slug, slug))]  # a theme twice counts once
    letters = [
        letter("x", "2020-01-01", asks),
        letter("y", "2020-05-01", asks),  # a copy of x, same year: counts once
        letter("z", "2021-03-01", asks[:1]),  # a copy sent again the next year: counts
        letter("w", None, asks),
    ]
    pairs = [near("x", "y"), near("x", "z")]
    grid = theme_years(letters, corpus_trends(letters, taxonomy), pairs)
    assert grid.years == (2020, 2021)
    assert grid.labels == (label,)
    assert grid.counts == ((2, 1),)
    assert grid.copies == 1 and grid.undated == 1
    # Without the near-duplicate pairs each letter counts.
    assert theme_years(letters, corpus_trends(letters, taxonomy), []).counts == ((4, 1),)


def test_volume_counts_distinct_letters_copies_and_the_asks_of_each_group_once():
    letters = [
        letter("x", "2020-01-01", [("a", ()), ("b", ())]),
        letter("y", "2020-02-01", [("a", ()), ("b", ()), ("c", ())]),
        letter("v", "2020-03-01", [("d", ())]),
        letter("z", "2022-01-01"),
    ]
    volume = year_volume(letters, [near("x", "y")])
    assert volume == YearVolume(
        years=(2020, 2022), letters=(2, 1), copies=(1, 0), asks=(4, 0), undated=0
    )


def test_signatories_join_return_and_stop_by_the_years_they_signed():
    taxonomy = load_taxonomy()
    letters = [
        letter("a", "2014-01-01", signatories=["ann", "bob", "cy"]),
        letter("b", "2016-01-01", signatories=["ann", "dee"]),
        letter("c", "2016-06-01", signatories=["bob"]),
        letter("d", "2019-01-01", signatories=["ann", "eve"]),
        letter("u", None, signatories=["ann", "zed"]),
    ]
    flow = signatory_flow(letters, corpus_trends(letters, taxonomy))
    assert flow == SignatoryFlow(
        years=(2014, 2016, 2019),
        returning=(0, 2, 1),  # 2016: ann, bob; 2019: ann
        joined=(3, 1, 1),  # ann bob cy; dee; eve
        stopped=(0, 1, 2),  # cy after 2014; bob and dee after 2016
        undated_only=1,  # zed
    )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "2010-01-01", "2011-05-01", "2013-02-02", "2013-09-09"]),
            st.sets(st.sampled_from("abcdefg"), max_size=5),
        ),
        min_size=1,
        max_size=7,
    )
)
def test_every_signatory_joins_once_and_stops_at_most_once(rows):
    letters = [letter(f"k{i}", date, signatories=sorted(s)) for i, (date, s) in enumerate(rows)]
    flow = signatory_flow(letters, corpus_trends(letters, load_taxonomy()))
    dated = {s for date, signers in rows if date for s in signers}
    everyone = {s for _, signers in rows for s in signers}
    assert sum(flow.joined) == len(dated)
    assert flow.undated_only == len(everyone - dated)
    for index, year in enumerate(flow.years):
        signing = {s for date, signers in rows if date and int(date[:4]) == year for s in signers}
        assert flow.returning[index] + flow.joined[index] == len(signing)
    last_year = max((int(d[:4]) for d, _ in rows if d), default=None)
    still = {s for d, signers in rows if d and int(d[:4]) == last_year for s in signers}
    assert sum(flow.stopped) == len(dated - still)


# --- the drawings --------------------------------------------------------------------------


def test_a_chart_is_deterministic_self_contained_svg_with_escaped_text():
    from compare.rendering.charts import theme_chart

    data = ThemeYears(
        years=(2019, 2021),
        labels=("<b>Rights & $x^2$</b>", "Water"),
        counts=((3, 0), (1, 3)),
        copies=0,
        undated=0,
    )
    chart = theme_chart(data)
    assert chart is not None and chart == theme_chart(data)
    svg = chart.svg
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "DOCTYPE" not in svg and "<metadata" not in svg
    assert "&lt;b&gt;Rights &amp; $x^2$&lt;/b&gt;" in svg  # escaped, and not read as math
    assert "<image" not in svg  # vectors only, no embedded bitmap
    assert not re.search(r"\d{4}-\d\d-\d\dT", svg)  # no date
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    assert ids and all(i.startswith("themes-") for i in ids)
    refs = re.findall(r'(?:href="|url\()([^")]+)', svg)
    assert refs and all(r.startswith("#") and r[1:] in ids for r in refs)
    assert 'role="img"' in svg and f"<title>{chart.alt[:20]}" in svg
    assert "Most asked overall: Water (4 asks)" in chart.alt
    other = theme_chart(ThemeYears((2019, 2021), ("Water", "Air"), ((3, 0), (1, 1)), 0, 0))
    assert other is not None and other.svg != svg


def test_charts_need_data_to_draw():
    from compare.rendering.charts import signatory_chart, terms_chart, theme_chart, volume_chart

    assert theme_chart(ThemeYears((), (), (), 0, 3)) is None
    assert volume_chart(YearVolume((2020,), (2,), (0,), (5,), 0)) is None
    assert signatory_chart(SignatoryFlow((2020,), (0,), (4,), (0,), 0)) is None
    assert terms_chart(None) is None
    one_sided = TermChanges(rising=(("water", 0.2, 2019, 2021),), falling=(), first_year=2019,
                            last_year=2021)  # fmt: skip
    chart = terms_chart(one_sided)
    assert chart is not None and "Falling most: none" in chart.alt


def test_a_users_matplotlib_settings_change_nothing(tmp_path):
    import matplotlib

    from compare.rendering.charts import volume_chart

    data = YearVolume((2020, 2021), (2, 1), (1, 0), (5, 3), 0)
    before = volume_chart(data)
    with matplotlib.rc_context({"font.size": 30, "svg.fonttype": "path", "axes.facecolor": "red"}):
        during = volume_chart(data)
    assert before == during
    assert matplotlib.rcParams["font.size"] == 10  # and ours do not leak out either


# --- the report ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_html(tmp_path_factory) -> str:
    from click.testing import CliRunner

    from compare.cli import cli

    target = tmp_path_factory.mktemp("html") / "corpus.html"
    result = CliRunner().invoke(
        cli, ["--corpus", str(SEEDS), "report", "corpus", "--format", "html", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


def test_the_seeds_corpus_report_has_four_titled_captioned_charts(corpus_html):
    figures = re.findall(
        r'<figure class="chart" id="chart-(\w+)">(.*?)</figure>', corpus_html, re.S
    )
    assert [name for name, _ in figures] == ["volume", "themes", "terms", "signatories"]
    for _, body in figures:
        assert len(re.findall(r'<svg [^>]*class="chart-svg" role="img" aria-label="\w', body)) == 1
        assert re.search(r'<h3 class="chart-title">\w', body)
        assert re.search(r'<figcaption class="small muted">\w', body)
    ids = re.findall(r'\bid="([^"]+)"', corpus_html)
    assert len(ids) == len(set(ids))  # four charts, one page: no id twice
    links = re.findall(r'\b(?:href=|src=|url\()\s*["\']?([^"\')\s]*)', corpus_html)
    assert links and all(link[1:] in ids for link in links if link != "")  # only its own parts


def test_the_seeds_charts_show_the_seeds_numbers(corpus_html):
    signatories = corpus_html[corpus_html.index('id="chart-signatories"') :]
    # 23 names are new in 2022 and 17 stop, as the facts say; one of each is the same
    # signatory under a spelling the identity matcher joins ("Stepping Stone(s)", "Han Voice")
    assert "2022 22 joined, 16 stopped" in signatories
    volume = corpus_html[corpus_html.index('id="chart-volume"') :]
    assert "6 distinct letters" not in volume and "5 distinct letters" in volume
    assert "1 copy folded in" in corpus_html  # the near-duplicate pair


def test_the_corpus_pdf_carries_the_charts_as_text(corpus_pdf_text):
    for words in (
        "Letters and asks per year",
        "Themes of the asks, year by year",
        "Rising and falling terms",
        "Signatories joining and leaving",
        "Accountability and justice",  # a heatmap row label, set as text
        "signed again",  # a legend
    ):
        assert words in corpus_pdf_text


@pytest.fixture(scope="module")
def corpus_pdf(tmp_path_factory, seeds_corpus, taxonomy) -> Path:
    from compare.reports import write_corpus_report

    return write_corpus_report(seeds_corpus, taxonomy, tmp_path_factory.mktemp("c") / "c.pdf")


@pytest.fixture(scope="module")
def corpus_pdf_text(corpus_pdf) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(corpus_pdf).pages).split())


def test_the_corpus_pdf_sets_charts_and_text_in_the_reports_own_font(corpus_pdf):
    """The seeds are Latin script: every font in the PDF is DejaVu Sans, whatever else is
    installed (an SVG's text without a family would take fontconfig's default sans-serif)."""
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(corpus_pdf).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts == {"DejaVu-Sans", "DejaVu-Sans-Bold"}


PROBE = """
import sys
from click.testing import CliRunner
from compare.cli import cli
result = CliRunner().invoke(cli, ["--no-cache", "--corpus", sys.argv[1], *sys.argv[2:]])
assert result.exit_code == 0, result.output
print(sorted(m for m in ("matplotlib", "compare.rendering.charts") if m in sys.modules))
"""


@pytest.mark.parametrize(
    ("command", "imported"),
    [
        (["letters"], "[]"),
        (["report", "corpus", "--format", "html", "-o", "{tmp}/c.html"], None),
    ],
)
def test_only_the_report_that_draws_charts_imports_matplotlib(command, imported, tmp_path):
    command = [part.replace("{tmp}", str(tmp_path)) for part in command]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(SEEDS), *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    expected = imported or "['compare.rendering.charts', 'matplotlib']"
    assert result.stdout.strip().splitlines()[-1] == expected
