"""The Word reader (compare.reading.word): what a reader of the page sees, once each.

Every .docx is built here from its XML parts (:func:`build_docx`), so each Word feature a test
needs (text boxes in ``mc:AlternateContent``, tracked changes, comments, hidden text, headers,
list definitions) is written out as Word writes it.
"""

from __future__ import annotations

import zipfile
from html import escape
from pathlib import Path

import pytest

from compare.corpus import read_letters
from compare.reading.loading import load_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'mc:Ignorable="wps"'
)
DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {  # name: (root element, content type, relationship type)
    "numbering": ("numbering", "numbering", "numbering"),
    "footnotes": ("footnotes", "footnotes", "footnotes"),
    "endnotes": ("endnotes", "endnotes", "endnotes"),
    "comments": ("comments", "comments", "comments"),
    "styles": ("styles", "styles", "styles"),
    "header1": ("hdr", "header", "header"),
    "footer1": ("ftr", "footer", "footer"),
}


def build_docx(path: Path, body: str, **parts: str) -> Path:
    """A minimal valid .docx at ``path``: ``body`` is the inside of ``w:body``; each of
    ``parts`` (``numbering``, ``footnotes``, ``endnotes``, ``comments``, ``styles``,
    ``header1``, ``footer1``) the inside of that part's root element. A header or footer is
    referenced by the body's section properties."""
    overrides = [
        f'<Override PartName="/word/document.xml" ContentType="{DOC_TYPE}.document.main+xml"/>'
    ]
    rels = []
    files = {}
    sect = ""
    for n, (name, inner) in enumerate(parts.items(), start=1):
        root, content_type, reltype = PARTS[name]
        overrides.append(
            f'<Override PartName="/word/{name}.xml" ContentType="{DOC_TYPE}.{content_type}+xml"/>'
        )
        rels.append(f'<Relationship Id="rId{n}" Type="{REL}/{reltype}" Target="{name}.xml"/>')
        files[f"word/{name}.xml"] = f"<w:{root} {NAMESPACES}>{inner}</w:{root}>"
        if reltype in ("header", "footer"):
            sect += f'<w:{reltype}Reference w:type="default" r:id="rId{n}"/>'
    files["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(overrides)
        + "</Types>"
    )
    files["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    files["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>"
    )
    files["word/document.xml"] = (
        f"<w:document {NAMESPACES}><w:body>{body}<w:sectPr>{sect}</w:sectPr></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, xml in files.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml)
    return path


def run(text: str, props: str = "") -> str:
    r_pr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{r_pr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*content: str, num: tuple[int, int] | None = None, props: str = "") -> str:
    """A paragraph of runs (plain strings become runs); ``num`` is (numId, level)."""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    p_pr = f"<w:pPr>{props}</w:pPr>" if props else ""
    runs = "".join(c if c.startswith("<") else run(c) for c in content)
    return f"<w:p>{p_pr}{runs}</w:p>"


def text_box(paragraphs: str, box_id: int = 1) -> str:
    """A run holding a floating text box as Word writes it: the DrawingML shape in the
    ``mc:Choice`` and the same text again in a VML ``v:textbox`` in the ``mc:Fallback``."""
    content = f"<w:txbxContent>{paragraphs}</w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2743200" cy="914400"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="{box_id}" name="Text Box {box_id}"/>'
        "<wp:cNvGraphicFramePr/><a:graphic><a:graphicData "
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>{content}</wps:txbx>'
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        "</mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape id="Text Box {box_id}" type="#_x0000_t202" '
        'style="position:absolute;width:216pt;height:72pt">'
        f"<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def level(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    + level(0, "decimal", "%1.")
    + level(1, "lowerLetter", "%2)")
    + level(2, "lowerRoman", "(%3)")
    + '</w:abstractNum><w:abstractNum w:abstractNumId="1">'
    + level(0, "bullet", "\uf0b7")
    + '</w:abstractNum><w:abstractNum w:abstractNumId="2">'
    + level(0, "upperRoman", "%1.")
    + level(1, "decimal", "%1.%2", "<w:isLgl/>")
    + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>'
)


def text_of(path: Path) -> str:
    return load_document(path).text


# --------------------------------------------------------------------------------------------
# The acceptance letter: address block and numbered asks in text boxes, and its .txt twin

# the same letter as the format tests' (tests/test_formats.py), as Word drafts hold it
from test_formats import (  # noqa: E402
    ADDRESS,
    CLOSING_PROSE,
    DATE,
    ITEMS,
    PARAGRAPHS,
    SALUTATION,
    SIGNATORIES,
    TITLE,
    structure,  # noqa: E402
)
from test_formats import plain_text as twin_text  # noqa: E402


def text_box_draft(
    path: Path, header: str | None = None, footer: str | None = None, signatory_columns: int = 0
) -> Path:
    """The draft; with ``signatory_columns`` its signatories in a table of that many columns,
    one a cell."""
    address = "".join(para(line) for line in ADDRESS)
    items = "".join(para(item, num=(1, 0)) for item in ITEMS)
    body = (
        para(TITLE)
        + para(DATE)
        + para(text_box(address, 1))  # an empty anchor paragraph holding the address box
        + para(SALUTATION)
        + para(PARAGRAPHS[0])
        + para(PARAGRAPHS[1])
        + para(text_box(items, 2))
        + para(CLOSING_PROSE)
        + para("Sincerely,")
    )
    if signatory_columns:
        n = signatory_columns
        rows = [tuple(SIGNATORIES[i : i + n]) for i in range(0, len(SIGNATORIES), n)]
        body += table_xml([row + ("",) * (n - len(row)) for row in rows])
    else:
        body += "".join(para(line) for line in SIGNATORIES)
    parts = {"numbering": NUMBERING}
    if header is not None:
        parts["header1"] = para(header)
    if footer is not None:
        parts["footer1"] = para(footer)
    return build_docx(path, body, **parts)


@pytest.fixture(scope="module")
def twin(tmp_path_factory, taxonomy) -> dict:
    path = tmp_path_factory.mktemp("twin") / "letter.txt"
    path.write_text(twin_text(), encoding="utf-8")
    return structure(path, taxonomy)


def test_text_box_draft_reads_each_box_once_in_place(tmp_path):
    text = text_of(text_box_draft(tmp_path / "a.docx"))
    for line in ADDRESS + ITEMS:
        assert text.count(line) == 1
    assert text.index(DATE) < text.index(ADDRESS[0]) < text.index(SALUTATION)
    assert f"{PARAGRAPHS[1]}\n\n1. {ITEMS[0]}\n2. {ITEMS[1]}\n\n{CLOSING_PROSE}" in text


def test_text_box_draft_parses_as_its_txt_twin(tmp_path, taxonomy, twin):
    parsed = structure(text_box_draft(tmp_path / "letter.docx"), taxonomy)
    assert parsed["paragraphs"] == twin["paragraphs"]
    assert parsed["asks"] == twin["asks"]
    assert parsed["recipient"] == twin["recipient"] == "Minister Ana Pérez"
    assert parsed == twin


def test_headers_and_footers_stay_out_of_the_letter(tmp_path, taxonomy, twin):
    path = text_box_draft(
        tmp_path / "letter.docx",
        header="Prison Watch – Public Statement",
        footer="Index: AFR 01/2345/2021 – Page 1 of 2",
    )
    text = text_of(path)
    assert text.startswith("Prison Watch – Public Statement\n\n=====\n\n")
    assert text.endswith("\n\n=====\n\nIndex: AFR 01/2345/2021 – Page 1 of 2\n")
    assert structure(path, taxonomy) == twin


# --------------------------------------------------------------------------------------------
# Text boxes and shapes


def test_a_text_box_is_read_once_not_twice(tmp_path):
    body = para("Before") + para(text_box(para("Boxed text"))) + para("After")
    assert text_of(build_docx(tmp_path / "a.docx", body)) == "Before\n\nBoxed text\n\nAfter\n"


def test_text_box_splits_its_anchor_paragraph_where_it_stands(tmp_path):
    body = para("Lead in ", text_box(para("In the box")), "and on.")
    assert text_of(build_docx(tmp_path / "a.docx", body)) == "Lead in\n\nIn the box\n\nand on.\n"


def test_vml_only_and_drawingml_only_text_boxes_are_read(tmp_path):
    content = "<w:txbxContent>" + para("Legacy box") + "</w:txbxContent>"
    vml = f'<w:r><w:pict><v:shape id="s1"><v:textbox>{content}</v:textbox></v:shape></w:pict></w:r>'
    dml = (
        '<w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="2" name="s2"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>'
        + para("Modern box")
        + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline>"
        "</w:drawing></w:r>"
    )
    body = para(vml) + para(dml)
    assert text_of(build_docx(tmp_path / "a.docx", body)) == "Legacy box\n\nModern box\n"


def test_alternate_content_with_text_only_in_the_fallback_reads_the_fallback(tmp_path):
    alternate = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice>'
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        + para("Only here")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    assert text_of(build_docx(tmp_path / "a.docx", para(alternate))) == "Only here\n"


def test_inline_alternate_content_is_read_once(tmp_path):
    alternate = (
        '<mc:AlternateContent><mc:Choice Requires="wps">'
        + run("☒")
        + "</mc:Choice><mc:Fallback>"
        + run("X")
        + "</mc:Fallback></mc:AlternateContent>"
    )
    text = text_of(build_docx(tmp_path / "a.docx", para(alternate, " Agreed")))
    assert text == "☒ Agreed\n"


def test_a_table_inside_a_text_box_reads_row_by_row(tmp_path):
    table = (
        "<w:tbl>"
        + "".join(
            "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>"
            for row in (("Name", "Org"), ("A. B.", "Org X"))
        )
        + "</w:tbl>"
    )
    body = para(text_box(table + para("")))
    assert text_of(build_docx(tmp_path / "a.docx", body)) == "Name, Org\n\nA. B., Org X\n"


# --------------------------------------------------------------------------------------------
# Lists as Word numbers them


def test_list_numbers_are_drawn_as_word_draws_them(tmp_path):
    body = (
        para("One", num=(1, 0))
        + para("Sub a", num=(1, 1))
        + para("Deep i", num=(1, 2))
        + para("Deep ii", num=(1, 2))
        + para("Sub b", num=(1, 1))
        + para("Two", num=(1, 0))
        + para("Sub a again", num=(1, 1))
        + para("A bullet", num=(2, 0))
        + para("Part", num=(3, 0))
        + para("Legal", num=(3, 1))
        + para("Part two", num=(3, 0))
        + para("Seventh", num=(4, 0))
    )
    text = text_of(build_docx(tmp_path / "a.docx", body, numbering=NUMBERING))
    assert text == (
        "1. One\na) Sub a\n(i) Deep i\n(ii) Deep ii\nb) Sub b\n2. Two\na) Sub a again\n"
        "• A bullet\nI. Part\n1.1 Legal\nII. Part two\n7. Seventh\n"
    )


# --------------------------------------------------------------------------------------------
# Tracked changes, hidden text, comments


def test_tracked_changes_read_as_accepted_with_a_warning(tmp_path, taxonomy):
    inserted = (
        '<w:ins w:id="1" w:author="A" w:date="2021-01-01T00:00:00Z">'
        + run("urgently ")
        + "</w:ins>"
    )
    deleted = (
        '<w:del w:id="2" w:author="A" w:date="2021-01-01T00:00:00Z">'
        "<w:r><w:delText>perhaps </w:delText></w:r></w:del>"
    )
    moved = '<w:moveFrom w:id="3" w:author="A">' + run("Moved away. ") + "</w:moveFrom>"
    body = (
        para("We ", inserted, deleted, "urge you to act.", moved)
        # a deleted paragraph mark: accepted, the two paragraphs are one
        + para("Half a", props='<w:rPr><w:del w:id="4" w:author="A"/></w:rPr>')
        + para(" sentence.")
        + '<w:tbl><w:tr><w:trPr><w:del w:id="5" w:author="A"/></w:trPr>'
        + f"<w:tc>{para('Deleted row')}</w:tc></w:tr>"
        + f"<w:tr><w:tc>{para('Kept row')}</w:tc></w:tr></w:tbl>"
    )
    document = load_document(build_docx(tmp_path / "a.docx", body))
    assert document.text == "We urgently urge you to act.\n\nHalf a sentence.\n\nKept row\n"
    assert document.warnings == (
        "open tracked changes read as if accepted: 1 insertion and 3 deletions "
        "not yet accepted or rejected in Word",
    )


def test_tracked_changes_warning_reaches_the_letter(tmp_path, taxonomy):
    address = "".join(para(line) for line in ADDRESS)
    body = (
        para(DATE)
        + para(text_box(address))
        + para(SALUTATION)
        + para(
            "We ",
            '<w:ins w:id="1" w:author="A">' + run("strongly ") + "</w:ins>",
            '<w:del w:id="2" w:author="A"><w:r><w:delText>kindly </w:delText></w:r></w:del>',
            PARAGRAPHS[0].removeprefix("We "),
        )
        + para("Sincerely,")
        + "".join(para(line) for line in SIGNATORIES)
    )
    (letter,) = read_letters(build_docx(tmp_path / "a.docx", body), taxonomy)
    assert any("1 insertion and 1 deletion" in w for w in letter.warnings)
    assert "kindly" not in letter.body_text and "strongly" in letter.body_text


def test_a_change_inside_a_text_box_is_counted_once(tmp_path):
    inserted = '<w:ins w:id="1" w:author="A">' + run(" now") + "</w:ins>"
    body = para(text_box(para("Act", inserted)))
    document = load_document(build_docx(tmp_path / "a.docx", body))
    assert document.text == "Act now\n"
    assert "1 insertion and 0 deletions" in document.warnings[0]


def test_a_document_without_changes_has_no_warning(tmp_path):
    document = load_document(build_docx(tmp_path / "a.docx", para("Plain.")))
    assert document.warnings == ()


def test_hidden_text_is_not_text(tmp_path):
    styles = (
        '<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/>'
        "<w:rPr><w:vanish/></w:rPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/>'
        "<w:rPr><w:vanish/></w:rPr></w:style>"
    )
    body = (
        para("Shown", run(" hidden", "<w:vanish/>"), run(" styled", '<w:rStyle w:val="Secret"/>'))
        + para("Unhidden", run(" again", '<w:vanish w:val="0"/>'))
        + para("A hidden paragraph", props='<w:pStyle w:val="Note"/>')
    )
    text = text_of(build_docx(tmp_path / "a.docx", body, styles=styles))
    assert text == "Shown\n\nUnhidden again\n"


def test_comments_are_not_text(tmp_path):
    comments = (
        '<w:comment w:id="0" w:author="A"><w:p><w:r><w:annotationRef/></w:r>'
        + run("Check this figure")
        + "</w:p></w:comment>"
    )
    body = para(
        '<w:commentRangeStart w:id="0"/>',
        "Twelve protesters",
        '<w:commentRangeEnd w:id="0"/>',
        '<w:r><w:commentReference w:id="0"/></w:r>',
        " are held.",
    )
    text = text_of(build_docx(tmp_path / "a.docx", body, comments=comments))
    assert text == "Twelve protesters are held.\n"


# --------------------------------------------------------------------------------------------
# Notes


def test_footnotes_and_endnotes_keep_their_marks(tmp_path):
    footnotes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        + run(" Report, 2014.")
        + "</w:p></w:footnote>"
    )
    endnotes = (
        '<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r>'
        + run(" Resolution 1/2.")
        + "</w:p></w:endnote>"
    )
    body = para(
        "The report",
        '<w:r><w:footnoteReference w:id="1"/></w:r>',
        " and the resolution",
        '<w:r><w:endnoteReference w:id="1"/></w:r>',
        ".",
    )
    path = build_docx(tmp_path / "a.docx", body, footnotes=footnotes, endnotes=endnotes)
    assert text_of(path) == (
        "The report[1] and the resolution[2].\n\n[1] Report, 2014.\n\n[2] Resolution 1/2.\n"
    )


# --------------------------------------------------------------------------------------------
# Tables: a grid of names cell by cell, a table of records row by row


def table_xml(rows: list[tuple[str, ...]]) -> str:
    return (
        "<w:tbl>"
        + "".join(
            "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows
        )
        + "</w:tbl>"
    )


def test_a_grid_of_signatories_reads_one_line_a_cell(tmp_path):
    grid = [
        ("Prison Watch, Kenya", "Justice Now, Peru"),
        ("Centre for Rights, France", "Amnesty Café Group"),
        ("Balai Citoyen, Burkina Faso", ""),
    ]
    body = para("Sincerely,") + table_xml(grid)
    text = text_of(build_docx(tmp_path / "a.docx", body))
    cells = [cell for row in grid for cell in row if cell]
    assert text == "Sincerely,\n\n" + "\n\n".join(cells) + "\n"


@pytest.mark.parametrize("columns", [2, 3])
def test_a_signatory_table_parses_as_its_txt_twin(tmp_path, taxonomy, twin, columns):
    path = text_box_draft(tmp_path / "letter.docx", signatory_columns=columns)
    parsed = structure(path, taxonomy)
    assert parsed["signatories"] == twin["signatories"]
    assert parsed == twin


@pytest.mark.parametrize(
    "rows",
    [
        [  # records: a comment is a sentence
            ("Jane Doe", "Director, Prison Watch", "Signed on behalf of the board."),
            ("John Roe", "Chair, Justice Now", "Joined after the meeting."),
        ],
        [("Name", "Organisation"), ("Jane Doe", "Prison Watch")],  # a header row
        [("Prison Watch", "Kenya"), ("Justice Now", "Peru")],  # a column of countries
    ],
)
def test_a_table_of_records_reads_one_line_a_row(tmp_path, rows):
    text = text_of(build_docx(tmp_path / "a.docx", table_xml(rows)))
    assert text.split("\n\n") == [", ".join(row) for row in rows[:-1]] + [
        ", ".join(rows[-1]) + "\n"
    ]
