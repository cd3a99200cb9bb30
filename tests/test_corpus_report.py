"""The corpus report bounded by what a reader can use (issue 13) and its summary page (issue
14): sentences built from the data, tables that fit the page with their column widths chosen
for their content, lists cut with a count of what is left out, and a page count that follows
the families and years, not the letters. The draft check's report caps its lists too."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from campaigns import campaign_letter, write_archive, write_campaign
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from compare.corpus import load_corpus
from compare.families import Families, Family, find_families
from compare.models import Ask, Letter, Paragraph, Signatory
from compare.reading.signatories import signatory_key
from compare.rendering.columns import (
    Column,
    column_widths,
    least_width,
    natural_width,
    snug_widths,
    text_width,
)
from compare.rendering.context import DISTINCT_ROWS, LETTER_ROWS
from compare.similarity import fit_letters
from compare.summary import corpus_summary, letter_name
from compare.trends import ask_lineage, coalition

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
LABELS = {"death-penalty": "Death penalty", "torture": "Torture", "water": "Water"}


def label(slug: str) -> str:
    return LABELS.get(slug, slug)


def letter(
    key: str,
    date: str | None,
    recipient: str | None = "Regional Council",
    asks: Sequence[tuple[str, tuple[str, ...]]] = (),
    signatories: Sequence[str] = (),
    title: str = "Open letter on water",
) -> Letter:
    return Letter(
        key=key,
        source=f"{key}.txt",
        part=1,
        title=title,
        subject=None,
        date=date,
        recipient=recipient,
        recipient_block=(),
        salutation="Dear Members,",
        paragraphs=(Paragraph("body", f"Paragraph of {key}."),),
        asks=tuple(Ask(text, "urge", themes) for text, themes in asks),
        themes=tuple(dict.fromkeys(t for _, themes in asks for t in themes)),
        signatories=tuple(
            Signatory(name=name, key=signatory_key(name), kind="organization")
            for name in signatories
        ),
        claimed_signatories=None,
        footnotes=(),
        cc=(),
        source_url=None,
    )


def no_families(letters: Sequence[Letter]) -> Families:
    return Families((), tuple(x.key for x in letters), 0.5)


def summary(letters: Sequence[Letter], families: Families | None = None) -> list[str]:
    found = families or no_families(letters)
    return corpus_summary(letters, found, ask_lineage(letters), coalition(letters), label)


# --- the summary sentences --------------------------------------------------------------------


def test_the_summary_counts_letters_dates_and_years_and_names_no_key():
    letters = [
        letter("k-first", "2019-03-04"),
        letter("k-second", "2021-05-05", recipient="Minister of Water"),
        letter("k-third", "2021-06-01"),
        letter("k-fourth", None),
    ]
    text = summary(letters)
    assert text[0] == (
        "The corpus holds four letters written between 4 Mar 2019 and 1 Jun 2021, in two "
        "different years; one is undated."
    )
    assert not any("k-" in sentence for sentence in text)
    assert letter_name(letters[1]) == "the letter to Minister of Water of 5 May 2021"
    assert letter_name(letters[3]) == "the undated letter to the Regional Council"


def test_one_letter_is_told_in_two_sentences_and_no_letter_in_none():
    one = letter("a", "2021-03-04", asks=[("Fund the board.", ())], signatories=["River Trust"])
    assert summary([one]) == [
        "The corpus holds one letter written on 4 Mar 2021.",
        "It is the letter to the Regional Council of 4 Mar 2021, with one ask and one signatory.",
    ]
    assert summary([]) == []


def test_the_summary_tells_the_families_and_names_the_largest_by_recipient_and_date():
    copies = [
        letter(f"c{n}", f"2021-05-0{n + 3}", recipient=f"Minister Berg {n}") for n in range(3)
    ]
    alone = [letter("a1", "2020-01-10"), letter("a2", "2022-02-11")]
    families = Families((Family("c0", ("c1", "c2"), (0.9, 0.9)),), ("a1", "a2"), 0.5)
    text = summary([*copies, *alone], families)
    assert (
        "They are three distinct letters: one of them in three near-identical copies and two "
        "sent once." in text
    )
    assert (
        "It is the letter to Minister Berg 0 of 3 May 2021 (‘Open letter on water’): three "
        "copies to three recipients, sent between 3 May 2021 and 5 May 2021." in text
    )


def test_the_summary_tells_asks_kept_dropped_and_new_from_the_lineage():
    kept = ("We urge you to fund the water board of the valley.", ())
    dropped = ("Ban sand mining in every wetland.", ())
    new = ("Publish the monthly flow figures online.", ())
    letters = [
        letter("a", "2019-03-04", asks=[kept, dropped]),
        letter("b", "2020-03-04", asks=[kept, dropped]),
        letter("c", "2021-03-04", asks=[kept, new]),
        letter("d", "2021-04-04", asks=[kept, new]),
    ]
    text = summary(letters)
    assert (
        "Three asks recur from letter to letter: two are still made in the latest letter "
        "(4 Apr 2021) and one was dropped before." in text
    )
    assert (
        # the lineage labels an ask by its demand, without "We urge you to"
        "The longest-running, ‘Fund the water board of the valley’, has been "
        "made since 4 Mar 2019 in four letters." in text
    )
    assert any("dropped asks, ‘Ban sand mining in every wetland’" in s for s in text)
    assert "last on 4 Mar 2020" in " ".join(text)
    assert "New in 2021 and already repeated: ‘Publish the monthly flow figures online’." in text


def test_the_summary_tells_rising_and_falling_themes_by_label_never_slug():
    letters = [
        letter("a", "2018-03-04", asks=[("Stop the executions now.", ("death-penalty",))]),
        letter("b", "2019-03-04", asks=[("Stop the executions now.", ("death-penalty",))]),
        letter("c", "2021-03-04", asks=[("End torture in the prisons.", ("torture",))]),
        letter("d", "2022-03-04", asks=[("End torture in the prisons.", ("torture",))]),
    ]
    text = " ".join(summary(letters))
    shown = text.replace("\u00a0", " ")  # "100 %" keeps its number and sign together
    rising = "Themes rising from 2018–2019 to 2021–2022 (share of the asks): Torture"
    assert f"{rising} (0 % → 100 %)." in shown
    assert "Falling: Death penalty (100 % → 0 %)." in shown
    assert "The themes asked about most: Death penalty (50 % of the dated letters' asks); " in shown
    assert "death-penalty" not in text


def test_copies_of_one_family_in_one_year_count_once_for_the_themes():
    water = ("Fund the water board.", ("water",))
    torture = ("End torture in the prisons.", ("torture",))
    copies = [letter(f"c{n}", "2021-05-04", asks=[water]) for n in range(5)]
    letters = [letter("early", "2019-01-01", asks=[water, torture]), *copies]
    letters.append(letter("late", "2021-06-01", asks=[torture]))
    families = Families(
        (Family("c0", tuple(f"c{n}" for n in range(1, 5)), (0.9,) * 4),), ("early", "late"), 0.5
    )
    text = " ".join(summary(letters, families))
    # counted once, the family is one ask on water in 2021: the shares do not move
    assert "No theme's share of the asks moved by ten points or more from 2019 to 2021." in text
    unfolded = " ".join(summary(letters))
    assert "Themes rising" in unfolded  # five copies counted five times would tell a rise


def test_the_summary_tells_the_core_who_joined_who_left_and_the_core_missing():
    core = ["River Trust", "Valley Farmers", "Clean Wells"]
    letters = [
        letter("a", "2019-01-01", signatories=[*core, "Old Friends"]),
        letter("b", "2020-01-01", signatories=[*core, "Old Friends"]),
        letter("c", "2021-01-01", signatories=[*core[:2], "New Voices"]),
    ]
    text = summary(letters)
    assert (
        "The coalition's core, four signatories who signed at least half the letters, "
        "includes River Trust, Valley Farmers, Clean Wells and one other."
        in text
        or "The coalition's core, four signatories who signed at least half the letters, "
        "includes River Trust, Valley Farmers, Old Friends and one other."
        in text
    )
    assert (
        "In the latest letter (1 Jan 2021), one signatory joined (New Voices) and two who "
        "signed before did not sign (Clean Wells and Old Friends)."
        in text
        or "In the latest letter (1 Jan 2021), one signatory joined (New Voices) and two who "
        "signed before did not sign (Old Friends and Clean Wells)."
        in text
    )
    assert any(
        s.startswith("Two members of the core are missing from the latest letter") for s in text
    )


def test_the_seeds_summary_tells_the_corpus_in_sentences(seeds_corpus, taxonomy):
    from compare.summary import theme_labeller

    letters = list(seeds_corpus.letters)
    families = find_families(letters, fit_letters(letters))
    text = corpus_summary(
        letters, families, ask_lineage(letters), coalition(letters), theme_labeller(taxonomy)
    )
    assert text[0] == (
        "The corpus holds six letters written between 10 Sep 2014 and 5 Dec 2022, in four "
        "different years."
    )
    assert text[1] == (
        "They are five distinct letters: one of them in two near-identical copies and four "
        "sent once."
    )
    assert text[2].startswith("It is the letter to the UN General Assembly of 14 Oct 2020 (")
    joined = " ".join(text)
    assert "The coalition's core, 24 signatories who signed at least half the letters" in joined
    assert "In the latest letter (5 Dec 2022), 22 signatories joined" in joined
    assert "Themes rising from 2014–2018 to 2020–2022 (share of the asks):" in joined
    for letter_ in letters:  # by recipient and date, never by key or slug
        assert letter_.key not in joined
    assert not re.search(r"\b[a-z]+-[a-z]+-[a-z]+\b", joined.replace("ill-treatment", ""))


# --- column widths ----------------------------------------------------------------------------


def test_text_width_grows_with_the_text_and_bold_is_wider():
    assert text_width("") == 0
    assert 0 < text_width("iii") < text_width("MMM")
    assert text_width("Minister", bold=True) > text_width("Minister")
    assert text_width("Ministère") == pytest.approx(text_width("Ministere"))


def test_a_long_title_wraps_before_a_short_name_does():
    title = "An open letter on the protection of the rivers, wetlands and wells of the region"
    columns = [
        Column(["14 Oct 2020"], header="Date", wrap=False),
        Column(["Minister Halvorsen 32", "Minister Abara 1"], header="Recipient"),
        Column([title * 2], header="Title"),
        Column(["Accountability and justice, Death penalty"], size=7.5, header="Themes", cap=40),
    ]
    shares = column_widths(columns)
    widths = [share * 180 / 100 for share in shares]
    assert widths[0] >= natural_width(columns[0]) - 0.2  # the date on one line
    assert widths[1] >= natural_width(columns[1]) - 0.2  # the name on one line
    assert widths[2] > widths[1]  # the title takes what is left, and wraps


def test_a_word_too_long_for_the_page_breaks_in_its_column_not_the_dates_beside_it():
    dates = Column(["10 Sep 2004 – 10 Sep 2024"], header="Dates", wrap=False)
    letter_ = Column(["Open letter"], header="Letter", small=["report-" + "x" * 300 + ".pdf"])
    shares = column_widths([dates, letter_, Column(["Minister Abara 1"], header="Recipients")])
    assert shares[0] * 1.8 >= natural_width(dates) - 0.2  # the dates stay on one line


texts = st.lists(st.text(alphabet="abcdefghij MW-", min_size=0, max_size=60), max_size=6)


@given(
    st.lists(st.tuples(texts, st.booleans(), st.sampled_from([7.5, 9.0])), min_size=1, max_size=8)
)
def test_column_shares_fill_the_table_and_keep_unbroken_columns_whole(specs):
    columns = [Column(t, size=size, wrap=wrap) for t, wrap, size in specs]
    shares = column_widths(columns)
    assert sum(shares) == pytest.approx(100, abs=0.5)
    assert all(share > 0 for share in shares)
    if sum(least_width(c) for c in columns) <= 180:
        for column, share in zip(columns, shares, strict=True):
            assert share * 1.8 >= least_width(column) - 0.2  # no word or unbroken line cut
    if sum(natural_width(c) for c in columns if not c.wrap) < 180 and any(c.wrap for c in columns):
        for column, share in zip(columns, shares, strict=True):
            if not column.wrap:  # lines that must not wrap are never cut
                assert share * 1.8 >= natural_width(column) - 0.2
    table, snug = snug_widths(columns)
    assert 0 < table <= 100 and sum(snug) == pytest.approx(100, abs=0.5)


# --- rendered reports -------------------------------------------------------------------------


def render(corpus_folder: Path, taxonomy, tmp: Path):
    """The corpus report laid out once: WeasyPrint's document (for boxes) and the PDF's
    pages read back (for text)."""
    from weasyprint import HTML

    from compare.reports import write_corpus_report

    corpus = load_corpus(corpus_folder, taxonomy)
    target = write_corpus_report(corpus, taxonomy, tmp / "corpus.html", output="html")
    document = HTML(string=target.read_text(encoding="utf-8")).render()
    pdf = io.BytesIO()
    document.write_pdf(pdf)
    return corpus, document, PdfReader(pdf)


def overflows(document) -> list[tuple[int, str]]:
    """Text set beyond its table cell's edge or beyond the page's right margin."""
    from weasyprint.formatting_structure import boxes

    found = []

    def walk(box, cell, right: float, page: int) -> None:
        if isinstance(box, boxes.TableCellBox):
            cell = box
        if isinstance(box, boxes.TextBox):
            end = box.position_x + box.width
            edge = min(right, cell.position_x + cell.margin_width()) if cell else right
            if end > edge + 0.5:
                found.append((page, box.text))
        for child in getattr(box, "children", ()):
            if not isinstance(child, boxes.MarginBox):
                walk(child, cell, right, page)

    for number, page in enumerate(document.pages, start=1):
        root = page._page_box
        walk(root, None, root.content_box_x() + root.width, number)
    return found


def page_lines(reader: PdfReader) -> list[list[str]]:
    return [(page.extract_text() or "").splitlines() for page in reader.pages]


def sparse_pages(reader: PdfReader, lines: int = 12) -> list[int]:
    """Pages (1-based) but the last with fewer than ``lines`` lines of text, running header
    and footer included: a page nearly empty because what followed was pushed over."""
    texts = page_lines(reader)
    return [n for n, text in enumerate(texts[:-1], start=1) if len(text) < lines]


def section_pages(lines: list[list[str]], heading: str, until: str) -> int:
    """Pages from the one where ``heading`` starts to the one before ``until``'s."""
    start = next(i for i, page in enumerate(lines) if heading in page)
    end = next(i for i, page in enumerate(lines) if until in page and i >= start)
    return end - start


@pytest.fixture(scope="module")
def archive(tmp_path_factory, taxonomy):
    """120 generated letters: 45 campaigns of one to six copies over 24 years (past every
    cap of the report: letters listed, distinct letters, years in the coalition grid)."""
    folder = tmp_path_factory.mktemp("archive")
    assert write_archive(folder, 120) == 45
    return render(folder, taxonomy, tmp_path_factory.mktemp("report"))


def test_the_archive_report_fits_its_page_budget(archive):
    _, document, reader = archive
    lines = page_lines(reader)
    recur = section_pages(lines, "Asks that recur", "How the language changed")
    # 1 summary + 2 distinct letters (25 rows) + 1 similarity + 2 charts + 2 terms (25 rows)
    # + 3 coalition (chart, grid of 14 signatories, lists): 11, whatever the letters' number;
    # the recurring asks are their own section's business
    assert len(reader.pages) - recur <= 11
    assert len(reader.pages) <= 16
    assert overflows(document) == []
    assert sparse_pages(reader) == []


def test_the_archive_report_lists_distinct_letters_whole_and_says_how_many_more(archive):
    corpus, _, reader = archive
    text = [line for page in page_lines(reader) for line in page]
    joined = " ".join(text)
    assert "No heatmap: with 120 letters" in joined
    assert f"{45 - DISTINCT_ROWS} more distinct letters are not listed here" in joined
    assert "compare-letters families --json" in joined and "letters.json" in joined
    # each row names its (first) letter by recipient and date, on one line, whole; no file
    names = re.findall(r"Minister \w+ \d+, \d{1,2} \w{3} \d{4}", "\n".join(text))
    assert len(set(names)) >= DISTINCT_ROWS
    assert not re.search(r"letter_\d{4}\.txt#1", joined)
    summary_page = " ".join(page_lines(reader)[0])
    assert "In brief" in summary_page and "The corpus holds 120 letters" in summary_page
    assert not any(letter.key in summary_page for letter in corpus.letters)


def test_the_coalition_grid_turns_to_periods_of_years_and_keeps_its_last_column(archive):
    _, _, reader = archive
    text = [line for page in page_lines(reader) for line in page]
    header = next(line for line in text if line.startswith("Signatory "))
    assert header.split()[1] == "2000" and header.endswith("2022 –23 Letters")
    assert "Columns are periods of consecutive years" in " ".join(text)


@pytest.fixture(scope="module")
def ministers(tmp_path_factory, taxonomy):
    """One coalition letter sent to 40 ministers over a week."""
    folder = tmp_path_factory.mktemp("ministers")
    names = ["Abara", "Berger", "Castell", "Dunmore", "Eskola", "Fontaine", "Garrow", "Lind"]
    for n in range(40):
        recipient = f"Minister {names[n % 8]} {n + 1}"
        text = campaign_letter("rivers", recipient, 3 + n % 7, sentence=n)
        (folder / f"m_{n:02d}.txt").write_text(text, encoding="utf-8")
    return render(folder, taxonomy, tmp_path_factory.mktemp("report"))


def test_one_letter_to_40_ministers_is_a_short_report_listing_each_whole(ministers):
    corpus, document, reader = ministers
    assert len(corpus.letters) == LETTER_ROWS
    assert len(reader.pages) <= 10
    assert overflows(document) == []
    assert sparse_pages(reader) == []
    lines = [line for page in page_lines(reader) for line in page]
    for letter_ in corpus.letters:  # each recipient on one line of its row
        assert any(letter_.recipient in line for line in lines), letter_.recipient
    joined = " ".join(lines)
    assert "All 40 are near-identical copies of one letter (a letter family)." in joined
    assert "same letter as #1" in joined
    assert "The most similar pairs are all copies of one letter" in joined


def test_the_seeds_report_fits_the_page(tmp_path, taxonomy):
    _, document, reader = render(SEEDS, taxonomy, tmp_path)
    assert overflows(document) == []
    first = " ".join(page_lines(reader)[0])
    assert "In brief" in first and "The corpus holds six letters" in first


# --- the draft check's report ----------------------------------------------------------------


def test_the_check_report_names_three_letters_and_counts_the_rest(tmp_path, taxonomy):
    from compare.check import check_draft
    from compare.checkview import LISTED, check_context
    from compare.corpus import read_letters
    from compare.rendering.engine import render_html

    write_campaign(tmp_path, "rivers", 9, "rivers")
    letters = load_corpus(tmp_path, taxonomy).letters
    draft_file = tmp_path.parent / "draft.txt"
    draft_file.write_text(campaign_letter("rivers", "Minister New", 28), encoding="utf-8")
    [draft] = read_letters(draft_file, taxonomy)
    result = check_draft(draft, letters)
    shared = max(result.passages, key=lambda p: len(p.also_in))
    assert len(shared.also_in) == 8  # the paragraph is in all nine letters
    context = check_context(result)
    rows = [row for row in context.passages if row.also_in]
    assert rows and all(len(row.also_in) <= LISTED for row in rows)
    assert max(row.also_more for row in rows) == 8 - LISTED
    asks = [ask for ask in context.asks if ask.precedents]
    assert asks and all(len(a.precedents) <= LISTED for a in asks)
    assert max(a.precedents_more for a in asks) == 9 - LISTED
    html = render_html("check.html", context)
    assert f"and {8 - LISTED} more letters" in html and f"and {9 - LISTED} more letters" in html
    assert set(context.widths) == {"nearest", "passages", "asks"}


def test_letters_all_near_duplicates_of_one_another_get_a_sentence_not_a_one_colour_heatmap():
    from letters import blank_letter

    from compare.rendering.context import heatmap, heatmap_note
    from compare.similarity import SimilarPair

    letters = [blank_letter(f"copy-{n}", date=f"2018-06-0{n + 1}") for n in range(4)]
    every = [
        SimilarPair(a.key, b.key, 0.9 + i / 100, True, ())
        for i, (a, b) in enumerate((a, b) for n, a in enumerate(letters) for b in letters[n + 1 :])
    ]
    assert heatmap(letters, every) is None
    note = heatmap_note(letters, every)
    assert "every two of the 4 letters are near-duplicates (sharing 90\xa0%–95\xa0%" in note
    # one pair that is not a near-duplicate, and the heatmap is worth drawing again
    mixed = [*every[:-1], SimilarPair(every[-1].a, every[-1].b, 0.2, False, ())]
    assert heatmap(letters, mixed) is not None and heatmap_note(letters, mixed) == ""
    many = [blank_letter(f"letter-{n}") for n in range(41)]
    assert "too small to read" in heatmap_note(many, [])
