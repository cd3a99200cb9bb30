"""The pair report as a director reads it: a summary in sentences on page 1, letters named
by recipient and date, list numbers and moves in the redline, no glued words, no half-empty
pages; and the check report's summary."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from compare.alignment import align_paragraphs
from compare.cli import cli
from compare.rendering.context import redline_rows, with_markers
from compare.rendering.engine import template_environment
from compare.worddiff import word_diff

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
UN, EU = "2020-10-14-un-general-assembly", "2020-10-14-josep-borrell-fontelles"


def _report(folder: Path, corpus: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["--corpus", str(corpus), *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory) -> tuple[PdfReader, str]:
    folder = tmp_path_factory.mktemp("pair")
    _report(folder, SEEDS, "report", "pair", UN, EU, "-o", str(folder / "r.pdf"))
    _report(
        folder, SEEDS, "report", "pair", UN, EU, "--format", "html", "-o", str(folder / "r.html")
    )
    return PdfReader(folder / "r.pdf"), (folder / "r.html").read_text(encoding="utf-8")


def page_text(reader: PdfReader, number: int) -> str:
    return " ".join((reader.pages[number].extract_text() or "").split())


def test_page_one_says_what_changed_in_sentences(seeds_report):
    reader, _ = seeds_report
    first = page_text(reader, 0)
    assert (
        "The letter to Josep Borrell Fontelles (14 Oct 2020) is the letter to the UN General "
        "Assembly of the same day, re-addressed." in first
    )
    assert "The same 37 signatories sign both." in first
    assert "replacing ‘UN General Assembly’ with ‘EU’ or ‘European Union’" in first
    assert "No ask is added or dropped; two are reworded." in first
    assert "88 % of distinctive wording shared" in first


def test_page_one_has_no_slug_no_raw_score_no_earlier_for_the_same_day(seeds_report):
    reader, html = seeds_report
    first = page_text(reader, 0)
    assert re.search(r"\b0\.\d{2,}", first) is None  # no raw score
    assert "earlier" not in first and "later" not in first  # both of 14 Oct 2020
    assert "Death penalty" in first and "death-penalty" not in first  # theme labels
    assert "rights north" not in first  # no stop-word fragment among the shared terms
    everything = "".join(page_text(reader, n) for n in range(len(reader.pages)))
    for key in (UN, EU):
        assert key not in everything.replace(" ", "")
        assert key not in html
    assert reader.metadata.title == (
        "What changed: the letter to the UN General Assembly → the letter to Josep Borrell "
        "Fontelles"
    )


def _redline(html: str) -> str:
    return html[html.index('<section id="redline"') : html.index('<section id="signatories"')]


def test_list_numbers_are_shown_as_the_letter_writes_them(seeds_report):
    _, html = seeds_report
    redline = _redline(html)
    for number in range(1, 7):
        assert f'<span class="marker">{number}.</span> ' in redline
    assert '<span class="marker">1.</span> Political prisoners' in redline


def _labels(cells: list[str]) -> list[int]:
    """The paragraph numbers of a column's labels, "¶3–4" giving 3 and 4."""
    numbers = []
    for cell in cells:
        found = re.fullmatch(r"¶(\d+)(?:–(\d+))?", cell)
        if found:
            first = int(found.group(1))
            numbers += range(first, int(found.group(2) or first) + 1)
    return numbers


def test_a_moved_paragraph_is_labelled_where_it_left_and_where_it_arrived(seeds_report):
    _, html = seeds_report
    rows = re.findall(
        r'<tr class="[\w-]+">\s*<td class="nowrap small">([^<]*)</td>.*?'
        r'<td class="nowrap small">([^<]*)</td>',
        _redline(html),
        re.S,
    )
    assert _labels([a for a, _ in rows]) == list(range(1, 19))  # ¶16, ¶17, ¶18: no repeat
    assert _labels([b for _, b in rows]) == list(range(1, 19))
    assert "moved to ¶17 of the second letter (above)" in html
    assert "moved here from ¶18 of the first letter" in html


SENTENCES = [
    f"Paragraph {word} speaks of {topic} in the {place}."
    for word, topic, place in zip(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
        [
            "water",
            "schools",
            "prisons",
            "roads",
            "food",
            "clinics",
            "elections",
            "courts",
            "forests",
            "radio",
        ],
        [
            "north",
            "south",
            "east",
            "west",
            "capital",
            "hills",
            "coast",
            "islands",
            "valley",
            "plain",
        ],
        strict=True,
    )
]


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(10)), st.integers(0, 10), st.integers(0, 3))
def test_each_column_of_the_redline_numbers_its_paragraphs_once_in_order(order, keep, extra):
    a = SENTENCES[:8]
    b = [SENTENCES[i] for i in order if i < 8][:keep] + SENTENCES[8 : 8 + extra]
    rows = redline_rows(align_paragraphs(a, b).blocks)
    assert _labels([row.a_label for row in rows]) == list(range(1, len(a) + 1))
    assert _labels([row.b_label for row in rows]) == list(range(1, len(b) + 1))
    for row in rows:
        if row.kind == "moved":
            assert row.a_label == "" and re.fullmatch(
                r"moved here from ¶\d+ of the first letter", row.b_note
            )
        if row.kind == "moved-away":
            assert row.b_label == "" and re.fullmatch(
                r"moved to ¶\d+ of the second letter \((above|below)\)", row.a_note
            )


def test_markers_stand_before_each_paragraph_of_a_merged_block():
    spans = with_markers((("=", "First part.\n\nSecond"), ("-", " part.")), ["a)", "b)"])
    assert spans == (
        ("#", "a)"),
        ("=", "First part."),
        ("=", "\n\n"),
        ("#", "b)"),
        ("=", "Second"),
        ("-", " part."),
    )


def test_reworded_asks_are_highlighted_word_by_word(seeds_report):
    _, html = seeds_report
    asks = html[html.index('<section id="asks"') : html.index('<section id="how-to-read"')]
    assert "<del>UN General Assembly</del>" in asks and "<ins>European Union</ins>" in asks


WORDS = st.lists(
    st.sampled_from(["urge", "write", "call", "on", "the", "Council", "act", "now", "3", "é"]),
    min_size=1,
    max_size=12,
)


def _visible_words(markup: str) -> list[str]:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", markup)).split()


@settings(max_examples=200, deadline=None)
@given(WORDS, WORDS)
def test_no_word_is_glued_to_its_neighbour_at_a_span_edge(old, new):
    spans_macro = template_environment().get_template("macros.html").module.spans
    a, b = " ".join(old), " ".join(new)
    diff = word_diff(a, b)
    allowed = set(old) | set(new)
    for shown in (diff, [s for s in diff if s[0] != "+"], [s for s in diff if s[0] != "-"]):
        for word in _visible_words(str(spans_macro(shown))):
            assert word in allowed, (word, diff)


def test_a_replaced_word_keeps_its_space_in_html():
    spans_macro = template_environment().get_template("macros.html").module.spans
    markup = str(spans_macro(word_diff("we urge you", "we write you")))
    assert "<del>urge</del> <ins>write</ins>" in markup
    assert _visible_words(markup) == ["we", "urge", "write", "you"]


def _lowest_text(page) -> float:
    """How far down the page its lowest line of text (page numbers aside) stands, as a share
    of the page's height from the bottom: near 0 for a full page, 0.5 for a half-empty one."""
    heights: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            heights.append(tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    footer = 18 / 25.4 * 72  # the bottom margin, where the page number stands
    body = [y for y in heights if y > footer]
    return min(body) / float(page.mediabox.height)


LONG = (
    "the committee has heard from families in every district that the wells have failed, "
    "that the clinics have no medicine, that the schools have closed for want of teachers, "
    "and that the roads to the market towns are washed away each spring; "
)


def _long_letter(to: str, date: str, verb: str, skip: int | None = None) -> str:
    paragraphs = [
        f"We {verb} the Government to act on matter {n}: {LONG * 4}and to report by June."
        for n in range(1, 9)
        if n != skip
    ]
    body = "\n\n".join(paragraphs)
    return (
        f"Open letter on the valley\n\n{date}\n\nTo the {to}\n\nDear Members,\n\n{body}\n\n"
        "Sincerely,\n\nWater Watch\nRiver Trust\n"
    )


def test_long_rows_break_across_pages_instead_of_leaving_them_half_empty(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(_long_letter("Regional Council", "4 March 2021", "urge"))
    (corpus / "b.txt").write_text(_long_letter("National Parliament", "9 May 2022", "call on", 3))
    draft = tmp_path / "draft.txt"
    draft.write_text(_long_letter("National Parliament", "1 June 2023", "demand", 5))
    _report(tmp_path, corpus, "report", "pair", "a.txt", "b.txt", "-o", str(tmp_path / "p.pdf"))
    _report(tmp_path, corpus, "check", str(draft), "-o", str(tmp_path / "c.pdf"))
    for name in ("p.pdf", "c.pdf"):
        pages = PdfReader(tmp_path / name).pages
        assert len(pages) > 2
        for number, page in enumerate(pages[:-1], start=1):
            assert _lowest_text(page) < 0.2, f"{name}: page {number} is left partly empty"


def test_the_check_report_opens_with_its_summary_and_keeps_spaces(tmp_path):
    text = (SEEDS / "002_c0c9e79feab35893.txt").read_text(encoding="utf-8")
    second = text[text.rindex("October 14, 2020") :]
    draft = tmp_path / "draft.txt"
    draft.write_text(second.replace("to urge the European Union", "to call on the European Union"))
    target = tmp_path / "check.html"
    _report(tmp_path, SEEDS, "check", str(draft), "--format", "html", "-o", str(target))
    html = target.read_text(encoding="utf-8")
    brief = html[html.index('<section id="in-brief"') : html.index('<section id="summary"')]
    assert "The draft is closest to the letter to Josep Borrell Fontelles of 14 Oct 2020" in brief
    assert ".txt#" not in brief
    assert "97" not in brief or "% of distinctive wording shared" in brief
    assert "<del>urge</del> <ins>call on</ins>" in html
    assert '<span class="marker">1.</span> Political prisoners' in html
