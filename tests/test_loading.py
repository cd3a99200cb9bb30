"""compare.reading.loading: every format and encoding comes out as the same canonical text."""

from __future__ import annotations

import codecs
import difflib
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from pypdf import PdfWriter

from compare.errors import InputError
from compare.reading.loading import SUPPORTED_SUFFIXES, decode_text, load_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def load(tmp_path: Path, name: str, data: bytes | str) -> str:
    """Write ``data`` (str as UTF-8) to ``tmp_path/name`` and return the loaded text."""
    return load_doc(tmp_path, name, data).text


def load_doc(tmp_path: Path, name: str, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return load_document(path)


def load_error(tmp_path: Path, name: str, data: bytes | str) -> InputError:
    with pytest.raises(InputError) as caught:
        load_doc(tmp_path, name, data)
    return caught.value


# --------------------------------------------------------------------------------------------
# The public surface


def test_supported_suffixes_are_exactly_the_documented_ones():
    expected = {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}
    assert sorted(SUPPORTED_SUFFIXES) == sorted(expected)
    assert isinstance(SUPPORTED_SUFFIXES, frozenset)


def test_source_defaults_to_file_name_and_can_be_given(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Hello\n", encoding="utf-8")
    assert load_document(path).source == "letter.txt"
    assert load_document(path, source="corpus/letter.txt").source == "corpus/letter.txt"


def test_suffix_is_matched_case_insensitively(tmp_path):
    document = load_doc(tmp_path, "LETTER.TXT", "Hello\n")
    assert (document.format, document.text) == ("text", "Hello\n")


def test_importing_the_module_does_not_import_heavy_readers():
    code = (
        "import sys, compare.reading.loading; "
        "print(sorted(m for m in ('bs4', 'docx', 'pypdf', 'charset_normalizer') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# --------------------------------------------------------------------------------------------
# Encodings


def test_utf8_text_is_read_as_is(tmp_path):
    document = load_doc(tmp_path, "a.txt", "Dear Minister,\n\n“Quoted” — déjà vu.\n")
    assert document.text == "Dear Minister,\n\n“Quoted” — déjà vu.\n"
    assert (document.format, document.encoding) == ("text", "utf-8")


def test_utf8_bom_is_stripped(tmp_path):
    document = load_doc(tmp_path, "a.txt", codecs.BOM_UTF8 + "Café\n".encode())
    assert document.text == "Café\n"
    assert document.encoding == "utf-8-sig"


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32"),
    ],
)
def test_utf16_and_utf32_with_bom_are_decoded_despite_nul_bytes(tmp_path, encoding, bom, expected):
    data = bom + "“Dear” café\r\nsecond line\r\n".encode(encoding)
    document = load_doc(tmp_path, "a.txt", data)
    assert document.text == "“Dear” café\nsecond line\n"
    assert document.encoding == expected


def test_cp1252_curly_quotes_dash_and_accent(tmp_path):
    document = load_doc(tmp_path, "a.txt", b"\x93quoted\x94 \x96 dash caf\xe9")
    assert document.text == "“quoted” – dash café"
    assert document.encoding == "cp1252"


def test_cp1252_wins_over_another_single_byte_guess(tmp_path):
    # charset-normalizer alone guesses cp1250 here, which reads "naïve" as "naďve".
    data = b"We said \x93no\x94 \x96 caf\xe9 na\xefve r\xe9sum\xe9.\n"
    assert decode_text(data) == ("We said “no” – café naïve résumé.\n", "cp1252")


@pytest.mark.parametrize(
    "text",
    [
        "Café naïve, Noël à Zürich\n",  # charset-normalizer alone: cp1250, "naďve" and "ŕ"
        "café naïve",  # charset-normalizer alone: cp1006, Arabic letters
    ],
)
def test_latin1_text_decodes_correctly(tmp_path, text):
    assert load(tmp_path, "a.txt", text.encode("latin-1")) == text


def test_non_latin_single_byte_text_is_not_forced_into_cp1252():
    text = "Привет, как дела? Это тестовое письмо о правах человека.\n"
    decoded, encoding = decode_text(text.encode("cp1251"))
    assert decoded == text
    assert encoding != "cp1252"


def test_decode_text_returns_encoding_and_names_path_in_errors():
    assert decode_text(b"plain ascii") == ("plain ascii", "utf-8")
    with pytest.raises(InputError) as caught:
        decode_text(b"", "x.txt")
    assert (caught.value.path, caught.value.problem) == ("x.txt", "empty file")


def test_undecodable_bytes_after_a_bom_are_an_error_not_replaced():
    lone_surrogate = codecs.BOM_UTF16_LE + b"A\x00\x00\xd8"
    with pytest.raises(InputError, match="cannot detect the text encoding"):
        decode_text(lone_surrogate, "x.txt")


# --------------------------------------------------------------------------------------------
# Canonical text


def test_crlf_and_lone_cr_become_newlines(tmp_path):
    assert load(tmp_path, "a.txt", "one\r\ntwo\rthree\r\n\r\nfour") == "one\ntwo\nthree\n\nfour"


def test_text_is_nfc(tmp_path):
    decomposed = "Cafe\u0301 and re\u0301sume\u0301\n"
    text = load(tmp_path, "a.txt", decomposed)
    assert text == "Café and résumé\n"
    assert text == unicodedata.normalize("NFC", text)
    assert "\u0301" not in text


def test_lines_and_spaces_are_kept_as_they_are(tmp_path):
    original = "Title\n\n\n \xa0\n  1. indented item\nline with trailing space \n\ttabbed\n"
    assert load(tmp_path, "a.txt", original) == original


# --------------------------------------------------------------------------------------------
# Markdown


def test_markdown_is_converted_lightly(tmp_path):
    source = (
        "# Open *Letter*\n"
        "Dear **Minister**,\n"
        "\n"
        "We write about `policy` and [the report](https://example.org/r) ![logo](l.png).\n"
        "> We quote this.\n"
        "\n"
        "- first bullet\n"
        "* second bullet\n"
        "+ third bullet\n"
        "\n"
        "1. one\n"
        "1) two\n"
        "\n"
        "---\n"
        "\n"
        "snake_case_name and 2 * 3 * 4 stay; __underlined__ goes; \\*kept stars\\*\n"
    )
    document = load_doc(tmp_path, "a.md", source)
    assert document.format == "markdown"
    assert document.text == (
        "Open Letter\n"
        "\n"
        "Dear Minister,\n"
        "\n"
        "We write about policy and the report .\n"
        "We quote this.\n"
        "\n"
        "• first bullet\n"
        "• second bullet\n"
        "• third bullet\n"
        "\n"
        "1. one\n"
        "2. two\n"
        "\n"
        "=====\n"
        "\n"
        "snake_case_name and 2 * 3 * 4 stay; underlined goes; *kept stars*\n"
    )


def test_markdown_ordered_list_keeps_its_start_and_restarts_after_a_paragraph(tmp_path):
    source = "3. three\n\n1. four\n   continued\n\nParagraph.\n\n1. one\n1. two\n"
    assert load(tmp_path, "a.markdown", source) == (
        "3. three\n\n4. four\n   continued\n\nParagraph.\n\n1. one\n2. two\n"
    )


def test_markdown_setext_heading_code_fence_and_footnotes(tmp_path):
    source = "Title\n=====\nBody[^1] text.\n\n```\n**not bold** `x`\n```\n[^1]: The note.\n"
    assert load(tmp_path, "a.md", source) == (
        "Title\n\nBody[1] text.\n\n**not bold** `x`\n[1] The note.\n"
    )


def test_markdown_rules_of_stars_become_separators_not_bullets(tmp_path):
    assert load(tmp_path, "a.md", "a\n\n* * *\n\nb\n") == "a\n\n=====\n\nb\n"


# --------------------------------------------------------------------------------------------
# HTML


def test_html_drops_scripts_styles_comments_and_head(tmp_path):
    html = (
        "<html><head><title>Tab title</title><style>p{color:red}</style></head><body>"
        "<script>var x = 'no';</script><noscript>enable js</noscript><!-- a comment -->"
        "<template><p>hidden</p></template><svg><text>drawing</text></svg>"
        "<p>Visible   text\n  here.</p></body></html>"
    )
    document = load_doc(tmp_path, "a.html", html)
    assert document.text == "Visible text here.\n"
    assert (document.format, document.encoding) == ("html", "utf-8")


def test_html_blocks_headings_lists_and_breaks(tmp_path):
    html = (
        "<h1>Joint  Letter</h1><div>March 3, 2021</div>"
        "<p>Dear Sir,</p><p>Body with a mark<sup>1</sup> and <b>bold</b>.</p>"
        "<ul><li>apples</li><li>pears</li></ul>"
        "<ol start='3'><li>three</li><li><p>four</p></li></ol>"
        "<hr><p>Sincerely,<br>Name One<br/>\n  Name Two</p>"
    )
    assert load(tmp_path, "a.htm", html) == (
        "Joint Letter\n\nMarch 3, 2021\n\nDear Sir,\n\nBody with a mark1 and bold.\n\n"
        "• apples\n• pears\n\n3. three\n4. four\n\n=====\n\n"
        "Sincerely,\nName One\nName Two\n"
    )


def test_html_nested_list_items_stay_in_their_list_block(tmp_path):
    html = "<ul><li>a<ol><li>a1</li><li>a2</li></ol></li><li>b</li></ul><p>after</p>"
    assert load(tmp_path, "a.html", html) == "• a\n1. a1\n2. a2\n• b\n\nafter\n"


def test_html_spacer_paragraphs_of_non_breaking_spaces_are_dropped(tmp_path):
    html = "<p>one</p><p>&nbsp;</p><p>two&nbsp;&nbsp;words</p>"
    assert load(tmp_path, "a.html", html) == "one\n\ntwo\xa0\xa0words\n"


def test_html_nested_too_deeply_is_an_input_error(tmp_path):
    error = load_error(tmp_path, "a.html", "<div>" * 5000 + "x")
    assert error.problem == "HTML nested too deeply to read"


def test_html_unclosed_list_items_are_numbered_in_sequence(tmp_path):
    assert load(tmp_path, "a.html", "<ol><li>one<li>two<li>three</ol>") == (
        "1. one\n2. two\n3. three\n"
    )


def test_html_table_rows_are_paragraphs_with_cells_joined(tmp_path):
    html = "<table><tr><th>Name</th><th>Org</th></tr><tr><td>A. B.</td><td>Org X</td></tr></table>"
    assert load(tmp_path, "a.html", html) == "Name, Org\n\nA. B., Org X\n"


def test_html_pre_keeps_its_lines(tmp_path):
    assert load(tmp_path, "a.html", "<pre>  line one\n  line two</pre>") == (
        "  line one\n  line two\n"
    )


def test_html_meta_charset_is_honoured(tmp_path):
    # Undeclared, these bytes would be read as cp1252, where 0xA4 is "¤"; Latin-9 says "€".
    html = b'<html><head><meta charset="iso-8859-15"></head><body><p>10 \xa4</p></body></html>'
    document = load_doc(tmp_path, "a.html", html)
    assert document.text == "10 €\n"
    assert document.encoding == "iso8859-15"


def test_html_meta_windows_1252_with_curly_quotes(tmp_path):
    html = (
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        b"<p>\x93Quoted\x94 \x96 caf\xe9</p>"
    )
    document = load_doc(tmp_path, "a.html", html)
    assert (document.text, document.encoding) == ("“Quoted” – café\n", "cp1252")


def test_html_with_only_markup_is_an_error(tmp_path):
    error = load_error(tmp_path, "a.html", "<html><body><script>x()</script></body></html>")
    assert "no text" in error.problem


# --------------------------------------------------------------------------------------------
# Word


def save_docx(document, tmp_path: Path, name: str = "a.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def test_docx_paragraphs_heading_and_lists(tmp_path):
    document = docx.Document()
    document.add_heading("Joint Letter", level=1)
    document.add_paragraph("Dear Minister,")
    document.add_paragraph("")  # an empty paragraph is spacing, not text
    document.add_paragraph("First point", style="List Number")
    document.add_paragraph("Second point", style="List Number")
    document.add_paragraph("A bullet", style="List Bullet")
    document.add_paragraph("Another bullet", style="List Bullet")
    paragraph = document.add_paragraph("Sincerely,")
    paragraph.add_run().add_break()
    paragraph.add_run("Name\tTitle")
    loaded = load_document(save_docx(document, tmp_path))
    assert (loaded.format, loaded.encoding) == ("docx", None)
    assert loaded.text == (
        "Joint Letter\n\nDear Minister,\n\n"
        "1. First point\n2. Second point\n• A bullet\n• Another bullet\n\n"
        "Sincerely,\nName\tTitle\n"
    )


def test_docx_numbering_follows_word_list_definitions(tmp_path):
    document = docx.Document()
    # Paragraphs of one list definition are numbered on across an interruption, as Word does;
    # a paragraph of another definition starts its own count.
    for text in ("a", "b"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("interruption")
    document.add_paragraph("c", style="List Number")
    other = document.add_paragraph("fresh", style="List Paragraph")
    other._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="6"/></w:numPr>')
    )
    bullet = document.add_paragraph("dot", style="List Paragraph")
    bullet._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:numId w:val="1"/></w:numPr>')
    )
    text = load_document(save_docx(document, tmp_path)).text
    assert text == "1. a\n2. b\n\ninterruption\n\n3. c\n1. fresh\n• dot\n"


def test_docx_list_styles_without_numbering_definitions_count_per_run(tmp_path):
    document = docx.Document()
    for style in ("List Number", "List Bullet"):
        p_pr = document.styles[style].element.pPr
        p_pr.remove(p_pr.numPr)
    for text in ("a", "b"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("between")
    document.add_paragraph("c", style="List Number")
    document.add_paragraph("d", style="List Bullet")
    text = load_document(save_docx(document, tmp_path)).text
    assert text == "1. a\n2. b\n\nbetween\n\n1. c\n• d\n"


def test_docx_table_rows_are_paragraphs(tmp_path):
    document = docx.Document()
    document.add_paragraph("Signed:")
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, [("Name", "Org"), ("A. B.", "Org X")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    text = load_document(save_docx(document, tmp_path)).text
    assert text == "Signed:\n\nName, Org\n\nA. B., Org X\n"


FOOTNOTES_XML = f"""<w:footnotes xmlns:w="{W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0">
  <w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>
  <w:r><w:t xml:space="preserve"> Report of the commission, 2014.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>
  <w:r><w:t xml:space="preserve"> Resolution 1/2.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def footnote_reference(note_id: int):
    return parse_xml(
        f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:id="{note_id}"/></w:r>'
    )


def test_docx_footnotes_are_marked_in_order_and_appended(tmp_path):
    document = docx.Document()
    first = document.add_paragraph("The resolution")
    first._p.append(footnote_reference(2))  # referenced first, so it is note [1]
    first.add_run(" was adopted.")
    second = document.add_paragraph("The report")
    second._p.append(footnote_reference(1))
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        FOOTNOTES_XML.encode(),
        document.part.package,
    )
    document.part.relate_to(
        part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
    )
    text = load_document(save_docx(document, tmp_path)).text
    assert text == (
        "The resolution[1] was adopted.\n\nThe report[2]\n\n"
        "[1] Resolution 1/2.\n\n[2] Report of the commission, 2014.\n"
    )


def test_docx_hyperlinks_and_insertions_are_text_deletions_are_not(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("See ")
    paragraph._p.append(
        parse_xml(f'<w:hyperlink xmlns:w="{W_NS}"><w:r><w:t>the report</w:t></w:r></w:hyperlink>')
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W_NS}" w:id="1" w:author="a">'
            "<w:r><w:delText> (removed)</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W_NS}" w:id="2" w:author="a"><w:r><w:t>, now.</w:t></w:r></w:ins>'
        )
    )
    assert load_document(save_docx(document, tmp_path)).text == "See the report, now.\n"


def test_corrupt_docx_is_an_input_error(tmp_path):
    error = load_error(tmp_path, "a.docx", b"PK\x03\x04 not really a zip")
    assert error.problem == "not a valid .docx file"


def test_docx_without_text_is_empty(tmp_path):
    document = docx.Document()
    document.add_paragraph("   ")
    with pytest.raises(InputError, match="empty file"):
        load_document(save_docx(document, tmp_path))


# --------------------------------------------------------------------------------------------
# PDF


def test_pdf_text_is_extracted(tmp_path):
    from weasyprint import HTML

    path = tmp_path / "a.pdf"
    HTML(string="<p>Dear Minister,</p><p>We write to urge action.</p>").write_pdf(path)
    document = load_document(path)
    assert (document.format, document.encoding) == ("pdf", None)
    assert "Dear Minister," in document.text
    assert "We write to urge action." in document.text
    assert "\r" not in document.text


def test_pdf_pages_are_separated_by_a_blank_line(tmp_path):
    from weasyprint import HTML

    path = tmp_path / "a.pdf"
    HTML(string="<p>Page one</p><p style='page-break-before: always'>Page two</p>").write_pdf(path)
    assert load_document(path).text == "Page one\n\nPage two\n"


def test_pdf_without_text_layer_asks_for_ocr(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    path = tmp_path / "scan.pdf"
    writer.write(path)
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.problem == "PDF has no text layer (scanned image?); run OCR first"


def test_corrupt_pdf_is_an_input_error(tmp_path):
    error = load_error(tmp_path, "a.pdf", b"%PDF-1.4\nthis is not a pdf body")
    assert error.problem == "not a valid PDF file"


def test_pdf_with_only_an_owner_password_opens(tmp_path):
    from weasyprint import HTML

    plain = tmp_path / "plain.pdf"
    HTML(string="<p>Readable</p>").write_pdf(plain)
    writer = PdfWriter(clone_from=plain)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "restricted.pdf"
    writer.write(path)
    assert load_document(path).text == "Readable\n"


def test_password_protected_pdf_is_an_input_error(tmp_path):
    from weasyprint import HTML

    plain = tmp_path / "plain.pdf"
    HTML(string="<p>Secret</p>").write_pdf(plain)
    writer = PdfWriter(clone_from=plain)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    writer.write(path)
    with pytest.raises(InputError, match="encrypted"):
        load_document(path)


# --------------------------------------------------------------------------------------------
# Errors


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as caught:
        load_document(tmp_path / "nope.txt")
    assert caught.value.problem == "no such file"
    assert caught.value.path == str(tmp_path / "nope.txt")


def test_directory(tmp_path):
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(InputError) as caught:
        load_document(tmp_path / "dir.txt")
    assert caught.value.problem == "is a directory, not a file"


def test_unsupported_suffix_lists_the_supported_ones(tmp_path):
    error = load_error(tmp_path, "a.xyz", "text")
    assert error.problem == (
        "unsupported file type '.xyz' (supported: .docx, .htm, .html, .markdown, .md, .pdf, .txt)"
    )


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  "])
def test_empty_or_whitespace_file(tmp_path, data):
    assert load_error(tmp_path, "a.txt", data).problem == "empty file"


def test_binary_file(tmp_path):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    assert load_error(tmp_path, "a.txt", data).problem == "binary file, not text"


# --------------------------------------------------------------------------------------------
# One letter, every format: what downstream parsing relies on

TITLE = "Joint Letter on Library Funding"
DATE = "March 3, 2021"
SALUTATION = "Dear Mayor Smith,"
PARAGRAPHS = (
    "We write about the “future” of the city’s libraries – café hours included.",
    "Closing branches would hurt readers who rely on them.",
)
ITEMS = ("Restore the budget.", "Keep every branch open.")
CLOSING = "Sincerely,"
SIGNATORIES = ("Friends of the Library", "Readers’ Association")


def letter_as_text() -> str:
    items = "\n".join(f"{n}. {item}" for n, item in enumerate(ITEMS, 1))
    blocks = [TITLE, DATE, SALUTATION, *PARAGRAPHS, items, CLOSING + "\n" + "\n".join(SIGNATORIES)]
    return "\n\n".join(blocks) + "\n"


def letter_as_markdown() -> str:
    items = "\n".join(f"1. {item}" for item in ITEMS)
    body = "\n\n".join([DATE, SALUTATION, *PARAGRAPHS, items])
    return f"# {TITLE}\n\n{body}\n\n**{CLOSING}**\n" + "\n".join(SIGNATORIES) + "\n"


def letter_as_html() -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS)
    items = "".join(f"  <li>{item}</li>\n" for item in ITEMS)
    signatories = "<br>\n".join(SIGNATORIES)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>x</title></head><body>\n"
        f"<h1>{TITLE}</h1>\n<p class=date>{DATE}</p>\n<p>{SALUTATION}</p>\n{paragraphs}"
        f"<ol>\n{items}</ol>\n<p>{CLOSING}</p>\n<p>{signatories}</p>\n</body></html>\n"
    )


def letter_as_docx(path: Path) -> None:
    document = docx.Document()
    document.add_heading(TITLE, level=0)
    for text in (DATE, SALUTATION, *PARAGRAPHS):
        document.add_paragraph(text)
    for item in ITEMS:
        document.add_paragraph(item, style="List Number")
    document.add_paragraph(CLOSING)
    for name in SIGNATORIES:
        document.add_paragraph(name)
    document.save(str(path))


def content_lines(text: str) -> list[str]:
    lines = (line.strip() for line in text.split("\n"))
    return [re.sub(r"^(\d+)[.)]\s+", r"\1. ", line) for line in lines if line]


def test_the_same_letter_loads_to_the_same_lines_in_every_format(tmp_path):
    text = letter_as_text()
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "letter.md").write_text(letter_as_markdown(), encoding="utf-8")
    (tmp_path / "letter.html").write_text(letter_as_html(), encoding="utf-8")
    letter_as_docx(tmp_path / "letter.docx")

    expected = content_lines(text)
    assert expected[-5:] == ["1. Restore the budget.", "2. Keep every branch open.", *expected[-3:]]
    for name in ("cp1252.txt", "crlf.txt", "letter.md", "letter.html", "letter.docx"):
        got = content_lines(load_document(tmp_path / name).text)
        diff = "\n".join(difflib.unified_diff(expected, got, "expected", name, lineterm=""))
        assert got == expected, f"{name} differs:\n{diff}"


def test_html_record_of_classed_inline_fields_reads_like_a_table_row(tmp_path):
    html = (
        '<div class="card">\n <span class="name">Jane Roe</span>\n'
        ' <span class="org">Example Org</span>\n <!-- -->\n</div>'
        '<div><span class="a">Prose</span> with <span class="b">spans</span></div>'
        "<p><strong>Bold</strong> <em>words</em></p>"
    )
    assert load(tmp_path, "a.html", html) == (
        "Jane Roe, Example Org\n\nProse with spans\n\nBold words\n"
    )
