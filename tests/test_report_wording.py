"""What a director reads in the PDF/HTML reports: letters named by recipient and date (file
references and keys only in small print), similarity as a share of wording, footnote marks as
superscript, list markers kept, names cut between words, no forced page break before a
section."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from compare.check import CheckWarning
from compare.cli import cli
from compare.models import LetterRef
from compare.notemarks import bracket_note_marks, split_note_marks
from compare.rendering.context.check import named_warning
from compare.rendering.context.shared import NAME_CHARS, cut_name
from compare.rendering.engine import template_environment
from compare.summary import letter_ref_name

BODY = [
    "We write as organisations working on river health to ask for your help with the "
    "Lowland basin.",
    "The basin lost a third of its wetlands in ten years, and the loss goes on.",
    "We therefore urge the following:",
    "1. Stop new drainage permits in the basin until a survey is done.",
    "2. Publish every monitoring report within a month of receiving it.",
    "The survey would cost little against what the wetlands save in floods.",
    "Thank you for your attention; we would welcome a meeting.",
]


def write_letter(path: Path, recipient: str, body: list[str], title: str) -> None:
    text = f"{title}\n\n12 March 2021\n\nTo: {recipient}\n\nDear {recipient},\n\n"
    text += "\n\n".join(body) + "\n\nSincerely,\n\nRiver Watch\nWetland Trust\n"
    path.write_text(text, encoding="utf-8")


def family_corpus(folder: Path) -> Path:
    """Two copies of one letter (the second reworded, its closing paragraph moved up) and
    an unrelated one."""
    folder.mkdir()
    write_letter(folder / "a_first.txt", "Minister Alda Rowe", BODY, "Open letter on wetlands")
    moved = [*BODY[:5], BODY[6], BODY[5].replace("cost little", "cost very little")]
    write_letter(folder / "b_second.txt", "Governor Ben Ito", moved, "Open letter on wetlands")
    other = [
        "Our libraries close at five and the town's workers cannot use them.",
        "We ask the council to open the central library until nine on weekdays.",
    ]
    write_letter(folder / "c_other.txt", "Town Council", other, "Library hours")
    return folder


def batch_html(tmp_path: Path) -> tuple[str, str]:
    corpus = family_corpus(tmp_path / "letters")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["--corpus", str(corpus), "--no-cache", "batch", "--out", str(out), "--format", "html"],
    )
    assert result.exit_code == 0, result.output
    [family] = out.glob("family-*.html")
    return (out / "corpus.html").read_text("utf-8"), family.read_text("utf-8")


def visible(html: str) -> str:
    """The page's text outside small print (``class="small``) and tags."""
    html = re.sub(r'<(p|span|td) class="[^"]*small[^"]*"[^>]*>.*?</\1>', " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_family_report_names_letters_by_recipient_and_date_and_keys_only_in_small_print(
    tmp_path,
):
    _, family = batch_html(tmp_path)
    letters = family[
        family.index('<table class="family">') : family.index(
            "</table>", family.index('<table class="family">')
        )
    ]
    assert "Minister Alda Rowe" in letters and "Governor Ben Ito" in letters
    assert "12 Mar 2021" in letters
    assert ".txt" not in letters and "minister-alda-rowe" not in letters
    assert "<b>base</b>" not in letters  # the base row says (base) by its recipient
    text = visible(family)
    assert "Family</th>" not in family and "family-" not in text
    assert "Compared with 1 · Minister Alda Rowe, 12 Mar 2021" in family


def test_the_family_report_keeps_list_markers_and_says_moved_once(tmp_path):
    _, family = batch_html(tmp_path)
    base = family[family.index('<section id="base"') : family.index('<section id="variants"')]
    assert '<span class="marker">1.</span> Stop new drainage' in base
    assert '<span class="marker">2.</span> Publish every' in base
    variants = family[family.index('<section id="variants"') :]
    assert "moved from" not in variants.lower()
    assert re.search(r'<span class="op">moved</span> <span class="note">from ¶\d+</span>', variants)


def test_the_family_report_lists_asks_as_rows_and_shares_as_percentages(tmp_path):
    _, family = batch_html(tmp_path)
    assert re.search(r'<td class="num">\d{1,3}\xa0%</td>', family)
    assert not re.search(r'<td class="num">0\.\d{3}</td>', family)
    if "<b>Asks</b>" in family:
        assert '<table class="asks-list">' in family


def test_the_corpus_report_gives_titles_no_file_references_and_says_who_writes_family_reports(
    tmp_path,
):
    corpus, _ = batch_html(tmp_path)
    letters = corpus[
        corpus.index('<section id="letters"') : corpus.index('<section id="similarity"')
    ]
    assert ".txt" not in letters
    assert "written by compare-letters batch" in corpus
    assert not re.search(r"\b0\.\d{3}\b", visible(corpus))
    assert '<section id="language">' in corpus  # no forced page break before it


def test_report_corpus_alone_says_the_family_report_is_batchs(tmp_path):
    corpus = family_corpus(tmp_path / "letters")
    target = tmp_path / "corpus.html"
    result = CliRunner().invoke(
        cli,
        [
            "--corpus",
            str(corpus),
            "--no-cache",
            "report",
            "corpus",
            "--format",
            "html",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    html = target.read_text("utf-8")
    pointer = re.search(r"family report: family-\S+ \(written by compare-letters batch\)", html)
    assert pointer is not None


def test_a_check_warning_names_the_letter_not_its_key_and_writes_dates_as_a_reader_does():
    warning = CheckWarning(
        "stale-copy",
        '¶3 keeps "next week" from 2019-05-02-minister-x, dated 2019-05-02; draft 2020-01-09',
        "detail",
    )
    names = {
        "2019-05-02-minister-x": "the letter to Minister X of 2 May 2019",
        "2019-05-02-minister": "WRONG",
    }
    shown = named_warning(warning, names)
    assert shown.text == (
        '¶3 keeps "next week" from the letter to Minister X of 2 May 2019, dated 2 May 2019;'
        " draft 9 Jan 2020"
    )
    assert shown.kind == warning.kind and shown.detail == warning.detail


def test_two_letters_of_one_date_are_told_apart_by_recipient_not_file():
    a = LetterRef("a", "letters.txt", 1, "2020-10-14", "UN General Assembly")
    b = LetterRef("b", "letters.txt", 2, "2020-10-14", "Minister Y")
    c = LetterRef("c", "other.txt", 1, "2021-01-01", "Minister Y")
    assert letter_ref_name(a, [a, b, c]) == "the letter to the UN General Assembly of 14 Oct 2020"
    assert letter_ref_name(c, [a, b, c]) == "the letter of 1 Jan 2021"
    twin = LetterRef("d", "letters.txt", 3, "2020-10-14", "Minister Y")
    assert letter_ref_name(b, [b, twin]) == "the letter of 14 Oct 2020 (letters.txt#2)"


def test_footnote_marks_print_as_superscript_on_a_page_and_in_brackets_on_a_terminal():
    environment = template_environment()
    page = environment.from_string(
        '{% from "macros.html" import spans %}{{ spans(items) }}'
    ).render(items=[("=", "by all procedures.^{iv} Also <b> and ^4"), ("+", " new^{12}")])
    assert "procedures.<sup>iv</sup> Also &lt;b&gt; and <sup>4</sup>" in page
    assert "<ins> new<sup>12</sup></ins>" in page
    assert "^{" not in page
    assert bracket_note_marks("procedures.^{iv} and ^{xii}, ^7") == "procedures.[iv] and [xii], [7]"
    assert bracket_note_marks("x^2025 stays") == "x^2025 stays"


@given(st.text(alphabet="abc (){}^0123ivx.", max_size=40))
def test_splitting_note_marks_agrees_with_the_terminal_form(text):
    pieces = split_note_marks(text)
    assert all(piece for _, piece in pieces)
    assert not any("^" in piece or "{" in piece for mark, piece in pieces if mark)
    shown = "".join(f"[{piece}]" if mark else piece for mark, piece in pieces)
    assert shown == bracket_note_marks(text)


@given(
    st.lists(
        st.sampled_from(
            [
                "Commission",
                "on",
                "(CMP)",
                "North",
                "of",
                "Korea",
                "Association",
                "(Ab",
                "cd)",
                "x" * 30,
            ]
        ),
        min_size=1,
        max_size=30,
    )
)
def test_a_cut_name_ends_between_words_and_never_inside_a_bracket(words):
    name = " ".join(words)
    cut = cut_name(name)
    assert len(cut) <= NAME_CHARS
    if len(name) <= NAME_CHARS:
        assert cut == name
        return
    assert cut.endswith("…")
    kept = cut[:-1]
    # balanced, unless the name opens with its bracket (nothing before it to keep)
    assert kept.count("(") <= kept.count(")") or not kept[: kept.rfind("(")].strip()
    if " " in name[: NAME_CHARS - 1]:
        assert name.startswith(kept) and name[len(kept)] in " ("
