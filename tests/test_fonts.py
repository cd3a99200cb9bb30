"""Every script prints: characters no installed font covers are named on page 1, not boxes."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from compare.corpus import load_corpus
from compare.rendering import fonts
from compare.rendering.fonts import (
    FontGap,
    coverage_of,
    font_gap,
    font_packages,
    html_texts,
    package_for,
    parse_charsets,
    uncovered,
)
from compare.reports import write_corpus_report, write_pair_report

ROOT = Path(__file__).resolve().parent.parent


def ascii_only(character: str) -> bool:
    """A fake installation: one font with printable ASCII and Latin-1."""
    return 0x20 <= ord(character) <= 0xFF


# --- the warning from a coverage function ------------------------------------------------


def test_uncovered_characters_are_listed_once_in_order_of_first_use():
    texts = ["Signed: 张伟 and 李娜", "and 张伟 again, ok", "नमस्ते"]
    assert uncovered(texts, ascii_only) == ("张", "伟", "李", "娜", "न", "म", "स", "्", "त", "े")


def test_characters_that_print_nothing_are_never_missing():
    # zero-width joiner, variation selector 16, no-break space, line separator, a control
    texts = ["a\u200db\ufe0fc\u00a0d\u2028e\x07f\u2009g"]
    assert uncovered(texts, lambda c: c.isascii() and c.isprintable()) == ()


def test_the_gap_names_examples_with_code_points_and_the_package_to_install():
    gap = font_gap(["Signatories: 张伟, 李娜"], ascii_only)
    assert gap == FontGap(characters=("张", "伟", "李", "娜"), packages=("fonts-noto-cjk",))
    assert gap.message() == (
        "Some characters in this report (e.g. 张 U+5F20, 伟 U+4F1F, 李 U+674E, 娜 U+5A1C) "
        "have no installed font and print as boxes: install fonts-noto-cjk"
    )


def test_a_long_gap_shows_five_examples_and_counts_the_rest():
    gap = font_gap(["王芳 张伟 李娜 😀 नमस"], ascii_only)
    assert gap is not None
    message = gap.message()
    assert message.startswith("Some characters in this report (10 different, e.g. 王 U+738B,")
    assert message.count("U+") == 5
    assert message.endswith("install fonts-noto-cjk fonts-noto-color-emoji fonts-noto-core")


@pytest.mark.parametrize(
    ("character", "package"),
    [
        ("张", "fonts-noto-cjk"),
        ("あ", "fonts-noto-cjk"),
        ("한", "fonts-noto-cjk"),
        ("，", "fonts-noto-cjk"),  # full-width comma
        ("😀", "fonts-noto-color-emoji"),
        ("🇫", "fonts-noto-color-emoji"),  # regional indicator
        ("ع", "fonts-noto-core"),  # Arabic
        ("ש", "fonts-noto-core"),  # Hebrew
        ("न", "fonts-noto-core"),  # Devanagari
        ("ก", "fonts-noto-core"),  # Thai
    ],
)
def test_each_script_names_the_package_that_prints_it(character, package):
    assert package_for(character) == package


def test_nothing_missing_or_coverage_unknown_gives_no_gap(monkeypatch):
    assert font_gap(["张伟"], lambda c: True) is None
    monkeypatch.setattr(fonts, "installed_coverage", lambda: None)
    assert font_gap(["张伟"]) is None


def test_the_printed_text_of_html_is_its_body_text_with_entities_decoded():
    html = (
        '<html><head><title>张</title><style>p { content: "李" }</style></head>'
        '<body><p class="x" title="娜">Tom &amp; 王<!-- 芳 --></p><svg><text>ok 😀</text></svg>'
        "</body></html>"
    )
    assert "".join(html_texts(html)) == "Tom & 王ok 😀"


# --- fontconfig's charsets ----------------------------------------------------------------


def test_charsets_of_several_fonts_merge_into_sorted_spans():
    listing = "20-7e a0-17f\n\n4e00-9fff 2014\n80-9f 2013\n"
    assert parse_charsets(listing) == (
        (0x20, 0x7E),
        (0x80, 0x17F),
        (0x2013, 0x2014),
        (0x4E00, 0x9FFF),
    )
    covers = coverage_of(parse_charsets(listing))
    assert [covers(c) for c in " ~\x7f\x80ſƀ—张\u9fff\ua000"] == [
        True, True, False, True, True, False, True, True, True, False,
    ]  # fmt: skip


@given(st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=12), st.data())
def test_coverage_agrees_with_the_ranges_it_was_read_from(ranges, data):
    listing = " ".join(f"{low:x}-{low + width:x}" for low, width in ranges)
    covers = coverage_of(parse_charsets(listing))
    for code in data.draw(st.lists(st.integers(0, 400), max_size=30)):
        expected = any(low <= code <= low + width for low, width in ranges)
        assert covers(chr(code)) is expected


def test_a_broken_fc_list_means_coverage_unknown(monkeypatch):
    fonts.installed_coverage.cache_clear()
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    try:
        assert fonts.installed_coverage() is None
    finally:
        fonts.installed_coverage.cache_clear()


def test_the_system_check_installs_every_package_the_warning_names():
    script = (ROOT / "tools" / "check-system-libs.sh").read_text(encoding="utf-8")
    for package in font_packages():
        assert re.search(rf":{re.escape(package)}:", script), package
    result = subprocess.run(["bash", "-n", str(ROOT / "tools" / "check-system-libs.sh")])
    assert result.returncode == 0


def test_checking_a_report_is_fast_once_the_fonts_are_read():
    fonts.installed_coverage()
    texts = [f"Organisation number {n} of the coalition, Zürich — “quoted”" for n in range(3000)]
    start = time.perf_counter()
    font_gap(texts)
    assert time.perf_counter() - start < 0.05


# --- reports -------------------------------------------------------------------------------

LETTER = (
    "Open letter to the Minister of Culture\n\n{date}\n\nDear Minister,\n\n"
    "We urge you to release the detained poets and to end the censorship of their work.\n\n"
    "We call on you to protect the freedom of expression of writers.\n\n"
    "Sincerely,\n\nSignatories:\n张伟, Poet\n李娜, Novelist\n{extra}\n"
)


@pytest.fixture(scope="module")
def cjk_corpus(tmp_path_factory, taxonomy):
    folder = tmp_path_factory.mktemp("cjk")
    (folder / "a.txt").write_text(
        LETTER.format(date="12 March 2021", extra="Writers Union"), encoding="utf-8"
    )
    (folder / "b.txt").write_text(
        LETTER.format(date="3 April 2023", extra="王芳, Translator"), encoding="utf-8"
    )
    return load_corpus(folder, taxonomy)


def first_page(path: Path) -> str:
    # pypdf spells a font whose map also holds .notdef glyphs as UTF-16 with NULs.
    return " ".join((PdfReader(path).pages[0].extract_text() or "").replace("\x00", "").split())


def test_a_pdf_with_characters_no_font_has_says_so_on_page_one(
    cjk_corpus, taxonomy, tmp_path, monkeypatch
):
    monkeypatch.setattr(fonts, "installed_coverage", lambda: ascii_only)
    a, b = cjk_corpus.letters
    pair = first_page(write_pair_report(a, b, cjk_corpus.letters, tmp_path / "pair.pdf"))
    corpus = first_page(write_corpus_report(cjk_corpus, taxonomy, tmp_path / "corpus.pdf"))
    for text in (pair, corpus):
        assert "Some characters in this report" in text
        assert "have no installed font and print as boxes: install" in text
        assert "fonts-noto-cjk" in text
    # Only what the report prints: the pair report names the one who joined (王芳), not
    # those in both letters, whom it counts; the corpus report lists both.
    assert "U+738B" in pair and "U+5F20" not in pair
    assert "U+5F20" in corpus


def test_a_covered_report_and_an_html_report_carry_no_warning(cjk_corpus, tmp_path, monkeypatch):
    a, b = cjk_corpus.letters
    monkeypatch.setattr(fonts, "installed_coverage", lambda: lambda c: True)
    pdf = write_pair_report(a, b, cjk_corpus.letters, tmp_path / "pair.pdf")
    assert "Some characters" not in first_page(pdf)
    monkeypatch.setattr(fonts, "installed_coverage", lambda: ascii_only)
    html = write_pair_report(a, b, cjk_corpus.letters, tmp_path / "pair.html", output="html")
    text = html.read_text(encoding="utf-8")
    assert "王芳" in text and "font-warning" not in text.split("</style>")[-1]


def _fonts_mapping(path: Path, code: int) -> list[str]:
    """Families (:func:`squeeze` d) of the PDF fonts whose ToUnicode map writes ``code``."""
    names = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            mapping = font.get("/ToUnicode")
            if mapping is None:
                continue
            data = mapping.get_object().get_data().decode("latin-1")
            if re.search(rf"<{code:04X}>", data, re.IGNORECASE):
                names.append(squeeze(str(font["/BaseFont"]).split("+")[-1].lstrip("/")))
    return names


def squeeze(family: str) -> str:
    """A font family name as WeasyPrint's base font names and fontconfig's families can be
    compared: ``Noto-Sans-CJK-SC`` and ``Noto Sans CJK SC`` are ``notosanscjksc``."""
    return re.sub(r"[\s-]", "", family).casefold()


def test_chinese_names_print_in_a_font_that_has_them_or_page_one_warns(cjk_corpus, tmp_path):
    """On this machine, whichever holds: with a CJK font installed, the PDF sets 王 (the
    signatory who joined) in it; without one, page 1 names the character and the package."""
    fonts.installed_coverage.cache_clear()
    a, b = cjk_corpus.letters
    target = write_pair_report(a, b, cjk_corpus.letters, tmp_path / "pair.pdf")
    listing = subprocess.run(
        ["fc-list", ":charset=738b", "family"], capture_output=True, text=True
    ).stdout
    covering = {squeeze(name) for line in listing.splitlines() for name in line.split(",")}
    covering.discard("")
    used = _fonts_mapping(target, 0x738B)
    assert used, "王 is not in the PDF's text at all"
    if covering:
        assert all(name in covering for name in used), (used, covering)
        assert "Some characters" not in first_page(target)
    else:
        assert "dejavusans" in used  # the box comes from the first font of the stack
        text = first_page(target)
        assert "Some characters in this report" in text and "U+738B" in text
        assert "install fonts-noto-cjk" in text


def test_latin_text_and_digits_stay_in_dejavu_whatever_else_is_installed(cjk_corpus, tmp_path):
    """Listing a colour emoji font in the stylesheet set digits and # in it (it has them, for
    keycaps): every font that writes a digit, a # or a letter of the report is DejaVu."""
    a, b = cjk_corpus.letters
    target = write_pair_report(a, b, cjk_corpus.letters, tmp_path / "pair.pdf")
    for character in "0123#-aeW":  # all on the pair report's pages
        used = _fonts_mapping(target, ord(character))
        assert used, character
        assert all(name.startswith("dejavusans") for name in used), (character, used)
