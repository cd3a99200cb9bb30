"""What a new reader of the PDF/HTML reports needs: redlines that show both sides, changes
worded by date, plain column headers and labels, and no empty charts or 0 % pairs."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from test_report_wording import BODY, write_letter

from compare.cli import cli


def _batch_family_html(tmp_path: Path, variant_body: list[str]) -> str:
    folder = tmp_path / "letters"
    folder.mkdir()
    write_letter(folder / "a_first.txt", "Minister Alda Rowe", BODY, "Open letter on wetlands")
    title = "Open letter on wetlands"
    write_letter(folder / "b_second.txt", "Governor Ben Ito", variant_body, title)
    other = ["Our libraries close at five.", "We ask the council to open the library until nine."]
    write_letter(folder / "c_other.txt", "Town Council", other, "Library hours")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["--corpus", str(folder), "--no-cache", "batch", "--out", str(out), "--format", "html"],
    )
    assert result.exit_code == 0, result.output
    [family] = out.glob("family-*.html")
    return family.read_text("utf-8")


def _asks_table(html: str) -> str:
    start = html.index('<table class="asks-list">')
    return html[start : html.index("</table>", start)]


def test_the_family_reports_reworded_ask_shows_the_words_struck_out_and_the_words_put_in(
    tmp_path,
):
    body = list(BODY)
    body[3] = "1. Stop new drainage permits in the upper valley until a survey is done."
    asks = _asks_table(_batch_family_html(tmp_path, body))
    assert "reworded" in asks
    assert re.search(r"<del>[^<]*basin[^<]*</del>", asks)
    assert re.search(r"<ins>[^<]*upper valley[^<]*</ins>", asks)


def test_the_family_reports_dropped_ask_is_struck_out_and_a_new_one_underlined(tmp_path):
    body = list(BODY)
    body[4] = "2. Fund a ranger for the basin's last wetlands from next spring onwards."
    asks = _asks_table(_batch_family_html(tmp_path, body))
    assert re.search(r"<del>[^<]*Publish every monitoring report", asks)
    assert re.search(r"<ins>[^<]*Fund a ranger", asks)


def _dated_pair(backwards: bool) -> tuple[str, str]:
    """The pair report's HTML and its text: a 2019 letter and its 2021 successor, in which
    "Valley Doctors" joined, "Farmers Union" left, an ask escalated from "urge" to "demand"
    and another was replaced; given later-first when ``backwards``."""
    from test_summary import COMMON, letter

    from compare.comparison import compare_letters
    from compare.rendering.context import pair_context
    from compare.rendering.engine import render_html

    ask_old, ask_new = "We urge you to fund new wells.", "We demand that you fund new wells."
    army = "We call on the army to open its depots to the farmers."
    earlier = letter(
        "old",
        date="2019-03-01",
        signatories=["Water Watch", "Farmers Union"],
        asks=[(ask_old, "urge"), ("We ask you to publish the survey.", "ask")],
        themes=("water",),
        paragraphs=[*COMMON, ask_old, "We ask you to publish the survey."],
    )
    later = letter(
        "new",
        date="2021-03-04",
        signatories=["Water Watch", "Valley Doctors"],
        asks=[(ask_new, "demand"), (army, "call on")],
        themes=("water", "health"),
        paragraphs=[*COMMON, ask_new, army],
    )
    a, b = (later, earlier) if backwards else (earlier, later)
    html = render_html("pair.html", pair_context(a, b, compare_letters(a, b)))
    return html, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_pair_report_words_who_joined_and_left_by_date_whichever_letter_comes_first():
    for backwards in (False, True):
        html, text = _dated_pair(backwards)
        assert "joined (only in the later letter) Valley Doctors" in text, backwards
        assert "left (only in the earlier letter) Farmers Union" in text, backwards
        assert "only in the earlier letter) Valley Doctors" not in text
        assert "one joined (Valley Doctors) and one left (Farmers Union)" in text, backwards
        assert "New theme: Health." in text, backwards
        assert "Theme no longer raised" not in text, backwards
        assert "1 joined" in text and "1 left" in text
        # Struck-through stays the first letter's, underlined the second's, as the legend says.
        in_a = "Valley Doctors" if backwards else "Farmers Union"
        assert f"<del>{in_a}</del>" in html


def test_the_pair_reports_asks_are_added_dropped_and_escalated_in_time():
    for backwards in (False, True):
        _, text = _dated_pair(backwards)
        brief = text[text.index("In brief") : text.index("The two letters")]
        assert "escalates from ‘urge’ to ‘demand’" in brief, (backwards, brief)
        asks = text[text.index("Ask changes") : text.rindex("How to read this report")]
        assert "urge → demand (escalated)" in asks, (backwards, asks)
        assert re.search(r"added call on (— )?We call on the army", asks), backwards
        assert re.search(r"dropped ask (— )?We ask you to publish", asks), backwards
        assert "One ask is added and one dropped" in brief


def test_the_family_reports_letters_table_has_plain_headers_and_no_command_jargon(tmp_path):
    body = list(BODY)
    body[5] = "The survey would cost very little against what the wetlands save in floods."
    html = _batch_family_html(tmp_path, body)
    start = html.index('<table class="family">')
    table = html[start : html.index("</table>", start)]
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", table)
    assert headers[:4] == ["#", "Date", "Recipient", "Salutation"]
    assert "Wording shared" in headers and "Paragraphs" in headers
    assert not {"vs", "Shared"} & set(headers) and not any("¶" in h for h in headers)
    assert "Compared with" not in headers  # every variant is compared with the base
    assert "1 reworded" in table
    facts = html[html.index('<table class="facts">') : start]
    assert re.search(r"<th>Signatories</th><td>2</td>", facts)
    assert re.search(r"<th>Asks</th><td>\d+</td>", facts)
    assert "--json" not in html and "asks</td>" not in facts


@given(
    st.lists(st.text("abcdefghij", min_size=1, max_size=14), min_size=60, max_size=160),
    st.floats(0, 1),
)
def test_a_warnings_quoted_sentence_is_cut_between_words(words, where):
    from compare.check.text import sentence

    text = " ".join(words) + "."
    start = int(where * (len(text) - 1))
    quoted = sentence(text, start, start + 1)
    inner = quoted.removeprefix("…").removesuffix("…")
    kept = inner.rstrip(".").split()
    assert kept, quoted
    joined = " ".join(words)
    assert f" {' '.join(kept)} " in f" {joined} ", quoted  # whole words only


def _check_html(tmp_path: Path) -> str:
    """The check report of a draft copied from a 2021 letter, dated 2024: it keeps "next
    year", changes a figure, lists one signatory twice and another new."""
    folder = tmp_path / "letters"
    folder.mkdir()
    body = [
        *BODY[:5],
        "The basin lost 30 wetlands in 10 years; a survey is due next year.",
        *BODY[5:],
    ]
    write_letter(folder / "a_first.txt", "Minister Alda Rowe", body, "Open letter on wetlands")
    draft = tmp_path / "draft.txt"
    body[5] = body[5].replace("30 wetlands", "45 wetlands")
    write_letter(draft, "Minister Alda Rowe", body, "Open letter on wetlands")
    text = draft.read_text("utf-8").replace("12 March 2021", "2 May 2024")
    text = text.replace("Wetland Trust\n", "Wetland Trust\nRiver Watch\nDelta Friends\n")
    draft.write_text(text, "utf-8")
    out = tmp_path / "check.html"
    result = CliRunner().invoke(
        cli,
        ["--corpus", str(folder), "--no-cache", "check", str(draft), "--format", "html"]
        + ["-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    return out.read_text("utf-8")


def test_the_check_reports_warnings_are_named_in_words_not_codes(tmp_path):
    html = _check_html(tmp_path)
    start = html.index('<section id="warnings">')
    warnings = html[start : html.index("</section>", start)]
    kinds = re.findall(r"<tr><td[^>]*><b>([^<]+)</b></td>", warnings)
    assert kinds, warnings
    assert {"Out-of-date phrase", "Changed figure", "Repeated signatory"} <= set(kinds)
    assert not [kind for kind in kinds if re.fullmatch(r"[a-z]+(-[a-z]+)+", kind)]


def test_the_check_reports_sentence_before_a_table_stays_with_it(tmp_path):
    html = _check_html(tmp_path)
    start = html.index('<section id="signatories">')
    section = html[start : html.index("</section>", start)]
    assert re.search(r'<p class="lead">Against the nearest letter[^<]*</p>\s*<table>', section)
    assert re.search(r"p\.lead\s*{\s*break-after:\s*avoid", html)


# --- the corpus report ---------------------------------------------------------------------

LONG_NAME = "Harold Winterbottom Foundation for the Study of River Basins and Wetlands (HWF)"
NEWCOMER = (
    "Independent Commission of Inquiry into Disappearances Probably Linked to the Lowland "
    "Drainage Works (ICIDL)"
)


def _corpus_html(tmp_path: Path) -> str:
    """The corpus report of three letters: two copies of one (2021), signed by a long-named
    organisation with its country, and a later one (2023) that a long-named newcomer signs."""
    from test_report_wording import family_corpus

    folder = family_corpus(tmp_path / "letters")
    for name in ("a_first.txt", "b_second.txt"):
        path = folder / name
        text = path.read_text("utf-8").replace("Wetland Trust\n", f"{LONG_NAME}, United States\n")
        path.write_text(text, "utf-8")
    other = folder / "c_other.txt"
    text = other.read_text("utf-8").replace("12 March 2021", "3 May 2023")
    text = text.replace("Wetland Trust\n", f"{NEWCOMER}\n")
    other.write_text(text, "utf-8")
    out = tmp_path / "corpus.html"
    result = CliRunner().invoke(
        cli,
        ["--corpus", str(folder), "--no-cache", "report", "corpus", "--format", "html"]
        + ["-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    return out.read_text("utf-8")


def test_the_corpus_report_points_to_parse_json_for_every_letters_asks_and_signatories(
    tmp_path,
):
    html = _corpus_html(tmp_path)
    assert "letters --json" not in html
    assert "letters.json (compare-letters parse --json)" in html


def test_the_corpus_report_writes_one_letter_and_two_letters_not_letter_s(tmp_path):
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _corpus_html(tmp_path)))
    assert "(s)" not in text
    assert "1 letter belongs to no family" in text


def test_a_long_organisation_name_is_never_cut_in_the_corpus_report(tmp_path):
    from compare.rendering.context.shared import cut_name

    assert cut_name(NEWCOMER) == NEWCOMER
    html = _corpus_html(tmp_path)
    coalition = html[html.index('<section id="coalition"') :]
    assert NEWCOMER in coalition
    assert "ICIDL…" not in html and "Lowland…" not in html


def test_a_signatorys_country_note_keeps_the_name_whole_on_its_first_line(tmp_path):
    """WeasyPrint broke "Name of a long organisation (X) (Country)" after its first word when
    the note fell at the end of the line (for this name at 133.8-134.6 mm, the widths tried
    here); the report writes the note so that it cannot."""
    import io

    from pypdf import PdfReader
    from weasyprint import HTML

    html = _corpus_html(tmp_path)
    [cell] = re.findall(rf'<td class="label">{re.escape(LONG_NAME)}.*?</td>', html)
    assert "United\xa0States" in cell
    style = html[html.index("<style>") : html.index("</style>") + 8]
    tables = "".join(
        f'<table class="grid fit"><colgroup><col style="width: {width / 10}mm"><col>'
        f"</colgroup><tr>{cell}<td>2</td></tr></table>"
        for width in range(1300, 1400, 2)
    )
    pdf = HTML(string=f"<html><head>{style}</head><body>{tables}</body></html>").write_pdf()
    lines = [
        line
        for page in PdfReader(io.BytesIO(pdf)).pages
        for line in page.extract_text().split("\n")
    ]
    first_word = LONG_NAME.split()[0]
    assert first_word in "".join(lines)
    assert not [line for line in lines if line.strip() == first_word]


@given(st.floats(0, 1), st.floats(0, 1))
def test_the_similarity_heatmap_is_one_blue_darker_for_higher_scores(low, high):
    from compare.rendering.context.corpus import similarity_fill

    def rgb(score: float) -> tuple[int, ...]:
        found = re.fullmatch(r"rgb\((\d+),(\d+),(\d+)\)", similarity_fill(score))
        assert found is not None
        return tuple(int(part) for part in found.groups())

    low, high = min(low, high), max(low, high)
    for score in (low, high):
        red, green, blue = rgb(score)
        assert blue >= green >= red  # a blue, never a red
    assert sum(rgb(high)) <= sum(rgb(low))
    assert rgb(0) == (255, 255, 255)


def test_a_chart_of_terms_that_only_fell_draws_no_empty_rising_panel():
    from compare.rendering.chartdata import TermChanges
    from compare.rendering.charts import terms_chart

    chart = terms_chart(
        TermChanges(
            rising=(), falling=(("wells", -0.2, 2019, 2021),), first_year=2019, last_year=2021
        )  # fmt: skip
    )
    assert chart is not None
    assert chart.title == "Falling terms" and "No term rose." in chart.caption
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", chart.svg)
    assert "Falling" in texts and not {"none", "Rising"} & set(texts)


def test_pairs_sharing_nothing_are_not_listed_among_the_most_similar():
    from test_summary import letter

    from compare.families import Families
    from compare.rendering.context.corpus import _pair_rows
    from compare.similarity import SimilarPair

    letters = {key: letter(key) for key in ("a", "b", "c")}
    pairs = [
        SimilarPair("a", "b", 0.31, False, ("wells",)),
        SimilarPair("a", "c", 0.0, False, ()),
        SimilarPair("b", "c", 0.004, False, ()),
    ]
    rows, note = _pair_rows(pairs, letters, Families((), ("a", "b", "c"), 0.5), {}, 10)
    assert [row.score for row in rows] == [0.31]
    assert "0\xa0%" in note


def test_a_family_variant_older_than_the_letter_it_is_compared_with_words_changes_in_time():
    """The base is normally the earliest letter; should a variant be older (say, the base is
    undated in the corpus but dated here), who joined is still who is only in the later."""
    from test_summary import COMMON, letter

    from compare.comparison import compare_letters
    from compare.families import Family, FamilyChanges
    from compare.rendering.context import family_context
    from compare.rendering.engine import render_html

    later = letter("new", date="2021-03-04", signatories=["Water Watch", "Valley Doctors"])
    earlier = letter(
        "old",
        date="2019-03-01",
        signatories=["Water Watch", "Farmers Union"],
        paragraphs=[*COMMON, "We thank you."],
    )
    changes = FamilyChanges(
        Family("new", ("old",), (0.9,)), False, (compare_letters(later, earlier),)
    )
    html = render_html("family.html", family_context(changes, {"new": later, "old": earlier}))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "joined: Valley Doctors ." in text and "left: Farmers Union ." in text
