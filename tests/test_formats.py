"""The same letter in every format and encoding parses to the same structure; parsing
arbitrary text never fails with anything but the documented input errors."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.corpus import read_letters
from compare.errors import InputError
from compare.models import DocumentPart, to_json
from compare.reading.parsing import parse_part
from compare.reading.splitting import document_lines

TITLE = "Joint letter to the Minister of Justice on prison conditions"
DATE = "Geneva, 12 March 2021"
ADDRESS = ["Minister Ana Pérez", "Ministry of Justice", "Avenida Central 10, Lima"]
SALUTATION = "Dear Minister Pérez,"
PARAGRAPHS = [
    "We write on behalf of 4 organizations to urge you to end the “incommunicado” detention "
    "of the 12 protesters held since 3 January 2021 – a practice your own courts condemned.",
    "We call on your government to take the following steps:",
]
ITEMS = ["Release the protesters without delay;", "Allow the Red Cross to visit every prison."]
CLOSING_PROSE = "Thank you for your attention to these concerns."
SIGNATORIES = [
    "Prison Watch, Kenya",
    "Justice Now / Peru",
    "Centre for Rights, France",
    "Amnesty Café Group",
]


def plain_text() -> str:
    lines = [TITLE, "", DATE, "", *ADDRESS, "", SALUTATION, ""]
    lines += [PARAGRAPHS[0], "", PARAGRAPHS[1]]
    lines += [f"{n}. {item}" for n, item in enumerate(ITEMS, start=1)]
    lines += ["", CLOSING_PROSE, "", "Sincerely,", "", *SIGNATORIES, ""]
    return "\n".join(lines)


def html_text() -> str:
    def p(text: str) -> str:
        return f"<p>{html.escape(text)}</p>"

    items = "".join(f"<li>{html.escape(i)}</li>" for i in ITEMS)
    return (
        "<html><head><meta charset='utf-8'><title>x</title><style>p{}</style>"
        "<script>var nav = 'Skip to main content';</script></head><body>"
        f"<h1>{html.escape(TITLE)}</h1>{p(DATE)}<p>{'<br>'.join(map(html.escape, ADDRESS))}</p>"
        f"{p(SALUTATION)}{p(PARAGRAPHS[0])}{p(PARAGRAPHS[1])}<ol>{items}</ol>{p(CLOSING_PROSE)}"
        f"{p('Sincerely,')}<p>{'<br>'.join(map(html.escape, SIGNATORIES))}</p></body></html>"
    )


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(DATE)
    for line in ADDRESS:
        document.add_paragraph(line)
    document.add_paragraph(SALUTATION)
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    for item in ITEMS:
        document.add_paragraph(item, style="List Number")
    document.add_paragraph(CLOSING_PROSE)
    document.add_paragraph("Sincerely,")
    for line in SIGNATORIES:
        document.add_paragraph(line)
    document.save(path)


def structure(path: Path, taxonomy) -> dict:
    (letter,) = read_letters(path, taxonomy)
    result = to_json(letter)
    result.pop("source")
    return result


@pytest.fixture(scope="module")
def reference(tmp_path_factory, taxonomy) -> dict:
    path = tmp_path_factory.mktemp("ref") / "letter.txt"
    path.write_text(plain_text(), encoding="utf-8")
    return structure(path, taxonomy)


def test_reference_letter_is_parsed_as_intended(reference):
    assert reference["date"] == "2021-03-12"
    assert reference["recipient"] == "Minister Ana Pérez"
    assert [p["kind"] for p in reference["paragraphs"]] == [
        "body",
        "body",
        "list-item",
        "list-item",
        "body",
        "closing",
    ]
    assert [a["verb"] for a in reference["asks"]] == ["urge", "call on", "call on"]
    assert [(s["name"], s["country"]) for s in reference["signatories"]] == [
        ("Prison Watch", "Kenya"),
        ("Justice Now", "Peru"),
        ("Centre for Rights", "France"),
        ("Amnesty Café Group", None),
    ]
    assert reference["claimed_signatories"] == 4


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("cp1252.txt", lambda: plain_text().encode("cp1252")),
        ("crlf.txt", lambda: plain_text().replace("\n", "\r\n").encode("utf-8")),
        ("cr.txt", lambda: plain_text().replace("\n", "\r").encode("utf-8")),
        ("bom.txt", lambda: plain_text().encode("utf-8-sig")),
        ("utf16.txt", lambda: plain_text().encode("utf-16")),
        ("page.html", lambda: html_text().encode("utf-8")),
    ],
)
def test_same_letter_in_other_encodings_and_html_parses_the_same(
    tmp_path, taxonomy, reference, name, encode
):
    path = tmp_path / name
    path.write_bytes(encode())
    assert structure(path, taxonomy) == reference


def test_same_letter_as_docx_parses_the_same(tmp_path, taxonomy, reference):
    path = tmp_path / "letter.docx"
    write_docx(path)
    assert structure(path, taxonomy) == reference


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=120),
            st.sampled_from(
                [
                    "Dear Sir,",
                    "Sincerely,",
                    "",
                    "=====",
                    "CC:",
                    "Groups",
                    "1. Do this;",
                    "• item",
                    "ⁱ note",
                    "^{iv} note",
                    "[1] note",
                    "Re: x",
                    "10 May 2020",
                    "Organisation, Kenya",
                    "Org / UK",
                    "OrgSouth Korea",
                    "https://x.org/a",
                ]
            ),
        ),
        max_size=40,
    )
)
def test_parsing_arbitrary_text_raises_only_input_errors(taxonomy, lines):
    part = DocumentPart(source="fuzz.txt", part=1, lines=tuple(document_lines("\n".join(lines))))
    try:
        letter = parse_part(part, taxonomy)
    except InputError:
        return
    assert letter.part == 1
    assert all(p.text for p in letter.paragraphs)
