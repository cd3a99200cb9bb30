"""What a new user met running every README command at 80 columns: each behaviour as a kind,
on crafted letters and files made here."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import cli

LETTER = (
    "Open letter to the Minister\n\n4 May 2021\n\nDear Minister,\n\n"
    "We urge the ministry to release all detained journalists.\n\nSincerely,\n\n"
    "Group A, Kenya\n"
)
BROKEN_PDFS = {
    "no-header.pdf": b"not pdf at all\n",
    "no-eof.pdf": b"%PDF-1.4\n1 0 obj << >> endobj\n",
    "garbage-body.pdf": b"%PDF-1.7\n\x00\x01\x02 trailer << /Root 9 0 R >>\n%%EOF\n",
}


def invoke(*args: str, corpus: Path | None = None, columns: int = 80):
    head = ["--no-cache", "--jobs", "1"] + (["--corpus", str(corpus)] if corpus else [])
    return CliRunner().invoke(cli, [*head, *args], env={"COLUMNS": str(columns)})


def error_message(stderr: str) -> str:
    """The one error message on stderr, its wrapped lines joined; continuation lines are
    indented and every line fits 80 columns unless it is one word (a path) after the head."""
    lines = stderr.rstrip("\n").splitlines()
    assert lines and lines[0].startswith("compare-letters: error: "), stderr
    assert all(line.startswith("  ") for line in lines[1:]), lines
    for line in lines:
        assert len(line) <= 80 or len(line.removeprefix("compare-letters: error: ").split()) == 1
    return " ".join(line.strip() for line in lines)


# --------------------------------------------------------------------- broken PDFs


@pytest.mark.parametrize("name", sorted(BROKEN_PDFS))
@pytest.mark.parametrize("command", ["show", "parse", "check"])
def test_a_broken_pdf_gives_only_our_error_line(tmp_path, name, command):
    path = tmp_path / name
    path.write_bytes(BROKEN_PDFS[name])
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(LETTER)
    result = invoke(command, str(path), corpus=corpus)
    assert result.exit_code == 1
    assert error_message(result.stderr).endswith(f"{name}: not a valid PDF file")


def test_a_broken_pdf_in_a_corpus_folder_is_one_warning_and_no_library_noise(tmp_path):
    for name, content in BROKEN_PDFS.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "a.txt").write_text(LETTER)
    result = invoke("letters", corpus=tmp_path)
    lines = result.stderr.splitlines()
    assert all(line.startswith(("compare-letters: ", "  ")) for line in lines), lines
    for name in BROKEN_PDFS:
        assert sum(name in line for line in lines) == 1, lines


# --------------------------------------------------------------------- errors at 80 columns


@pytest.mark.parametrize(
    "args",
    [
        ["show", "no-letter-has-a-key-like-this-one-anywhere-in-the-corpus-at-all"],
        ["diff", "a-key-that-names-nothing", "another-key-that-names-nothing-either"],
        ["show", "a.txt#7"],
    ],
)
def test_a_long_error_is_one_message_wrapped_at_80_columns(tmp_path, args):
    (tmp_path / "a.txt").write_text(LETTER)
    result = invoke(*args, corpus=tmp_path)
    assert result.exit_code == 1
    assert "compare-letters: error:" in error_message(result.stderr)


def test_an_error_after_a_long_path_keeps_the_path_whole_and_wraps_the_rest(tmp_path):
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 4)
    deep.mkdir(parents=True)
    letter = deep / "letter.xyz"
    letter.write_text(LETTER)
    result = invoke("show", str(letter))
    lines = result.stderr.splitlines()
    assert lines[0] == f"compare-letters: error: {letter}:"
    assert error_message(result.stderr).startswith(
        f"compare-letters: error: {letter}: unsupported file type"
    )


@pytest.mark.parametrize("command", ["show", "lines"])
def test_a_missing_path_or_a_folder_is_said_so_not_an_unknown_key(tmp_path, command):
    (tmp_path / "a.txt").write_text(LETTER)
    missing = tmp_path / "nope.txt"
    result = invoke(command, str(missing), corpus=tmp_path)
    assert result.exit_code == 1
    assert error_message(result.stderr) == f"compare-letters: error: {missing}: no such file"
    result = invoke(command, str(tmp_path), corpus=tmp_path)
    assert result.exit_code == 1
    assert (
        error_message(result.stderr)
        == f"compare-letters: error: {tmp_path}: is a folder, not a file"
    )


# --------------------------------------------------------------------- check: asks, signatories

ORGS = ["River Trust", "Harbour Union", "Northern Press Guild", "Open Courts Network"]


def letter(body: str, signatories: list[str], date: str = "4 May 2021") -> str:
    return (
        f"Open letter to the Minister of Justice\n\n{date}\n\nDear Minister,\n\n{body}\n\n"
        "Sincerely,\n\n" + "\n".join(signatories) + "\n"
    )


PRISON_BODY = (
    "We write about the journalists held without charge since the spring.\n\n"
    "We urge the ministry to release all detained journalists without delay.\n\n"
    "We call on the government to allow independent monitors into every prison."
)
FISH_BODY = (
    "We write about the coastal fisheries and the quotas set for the coming season.\n\n"
    "We ask the ministry to publish the stock assessments it relies on."
)


def check_json_of(tmp_path: Path, draft_text: str, corpus_letters: dict[str, str]):
    import json

    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, text in corpus_letters.items():
        (corpus / name).write_text(text)
    draft = tmp_path / "draft.txt"
    draft.write_text(draft_text)
    result = invoke("check", str(draft), "--no-report", "--json", corpus=corpus)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), invoke("check", str(draft), "--no-report", corpus=corpus)


def test_the_ask_table_shows_each_asks_verb(tmp_path):
    from compare.check import AskCheck
    from compare.rendering.context.check import verb_cell

    data, _ = check_json_of(
        tmp_path,
        letter(PRISON_BODY, ORGS[:2], "1 June 2021"),
        {"a.txt": letter(PRISON_BODY.replace("urge", "ask"), ORGS[:2])},
    )
    verbs = [ask["verb"] for ask in data["asks"]]
    assert verbs == [ask["verb"] for ask in data["draft"]["asks"]] and "urge" in verbs
    assert verb_cell(AskCheck("x", "new", None, (), verb="urge")) == "urge"
    assert verb_cell(AskCheck("x", "carried", "escalated", (), verb="urge")) == "urge (escalated)"
    assert verb_cell(AskCheck("x", "carried", "softened", ())) == "softened"
    assert verb_cell(AskCheck("x", "new", None, ())) is None


def test_the_report_context_fills_the_verb_column_from_the_verbs(tmp_path, taxonomy):
    from compare.check import check_draft
    from compare.corpus import read_letters
    from compare.rendering.context.check import check_context

    (tmp_path / "a.txt").write_text(letter(PRISON_BODY, ORGS[:2]))
    (tmp_path / "draft.txt").write_text(letter(PRISON_BODY, ORGS[:2], "1 June 2021"))
    corpus = read_letters(tmp_path / "a.txt", taxonomy)
    draft = read_letters(tmp_path / "draft.txt", taxonomy)[0]
    context = check_context(check_draft(draft, corpus), today="2021-06-02")
    assert [row.verb_change for row in context.asks] == [ask.verb for ask in draft.asks]
    assert "urge" in [row.verb_change for row in context.asks]


def test_signatories_are_compared_only_with_the_base_letter(tmp_path):
    derived, text = check_json_of(
        tmp_path,
        letter(PRISON_BODY, [*ORGS[:2], ORGS[3]], "1 June 2021"),
        {"a.txt": letter(PRISON_BODY, ORGS[:3])},
    )
    assert derived["signatories_against"] == derived["nearest"][0]["letter"]
    assert derived["signatories"]["only_b"] == [ORGS[3]]
    assert derived["signatories"]["only_a"] == [ORGS[2]]
    assert "Signatories against" in text.stdout


def test_an_unrelated_nearest_letter_is_no_signatory_base(tmp_path):
    data, text = check_json_of(
        tmp_path,
        letter(PRISON_BODY, ORGS[:1], "1 June 2021"),
        {"a.txt": letter(FISH_BODY, ORGS)},
    )
    assert data["nearest"], "the fisheries letter is still the nearest"
    assert data["signatories_against"] is None
    assert all(not names for names in data["signatories"].values())
    sentence = "no earlier letter is close enough to the draft to compare signatories"
    assert sentence in " ".join(text.stdout.split())
    assert "removed" not in text.stdout.split("Signatories")[-1]


def test_the_report_says_why_no_signatories_are_compared(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(letter(FISH_BODY, ORGS))
    draft = tmp_path / "draft.txt"
    draft.write_text(letter(PRISON_BODY, ORGS[:1], "1 June 2021"))
    out = tmp_path / "check.html"
    result = invoke("check", str(draft), "--format", "html", "-o", str(out), corpus=corpus)
    assert result.exit_code == 0, result.output
    page = " ".join(out.read_text().split())
    assert "No earlier letter is close enough to the draft to compare signatories." in page
    assert "removed (only in" not in page


@pytest.mark.parametrize("heading", [[], ["Signatories:"]])
@pytest.mark.parametrize(
    ("listed", "repeated", "times"),
    [
        (["River Trust", "Stepping Stone", "River Trust"], "River Trust", "twice"),
        (["Harbour Union", "Northern Press Guild", "Harbour Union"], "Harbour Union", "twice"),
        (
            ["Harbour Union", "River Trust", "Harbour Union", "Harbour Union"],
            "Harbour Union",
            "3 times",
        ),
    ],
)
def test_a_repeated_signatory_warns_once_in_plain_words(tmp_path, heading, listed, repeated, times):
    data, text = check_json_of(
        tmp_path,
        letter(PRISON_BODY, heading + listed, "1 June 2021"),
        {"a.txt": letter(FISH_BODY, ORGS)},
    )
    duplicates = [w for w in data["warnings"] if w["kind"] == "duplicate-signatory"]
    assert [(w["text"], w["detail"]) for w in duplicates] == [
        (f"the draft lists {repeated} {times}", repeated)
    ]
    assert f"[duplicate-signatory] the draft lists {repeated} {times}" in text.stdout


def test_people_with_their_organisations_are_no_repeated_signatories(tmp_path):
    from compare.reading.signatories import parse_signatories

    signatories, warnings = parse_signatories(
        [
            "Organisations:",
            "River Trust",
            "Harbour Union",
            "",
            "Individuals:",
            "Jane Example, River Trust",
            "John Sample, Harbour Union",
        ]
    )
    assert len(signatories) == 4 and warnings == []


# --------------------------------------------------------------------- batch, wording, spaces


def test_batch_names_each_unreadable_file_once(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(letter(PRISON_BODY, ORGS[:2]))
    (corpus / "b.txt").write_text(letter(FISH_BODY, ORGS[2:]))
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    (corpus / "fake.docx").write_bytes(b"not a zip")
    result = invoke("batch", "--out", str(tmp_path / "out"), corpus=corpus)
    assert result.exit_code == 1
    for name in ("broken.txt", "fake.docx"):
        assert result.stderr.count(name) == 1, result.stderr
        assert f"compare-letters: skipped: {name}: " in result.stderr


def test_counts_agree_with_their_nouns(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(letter(FISH_BODY, ORGS))
    draft = tmp_path / "draft.txt"
    draft.write_text(letter("We urge the ministry to free every prisoner.", ORGS[:1]))
    result = invoke("check", str(draft), "--no-report", corpus=corpus)
    assert "1 signatory; 1 ask" in " ".join(result.stdout.split())
    assert "(s)" not in result.stdout
    result = invoke("show", "a.txt#3", corpus=corpus)
    assert error_message(result.stderr).endswith("the file holds 1 letter, not part 3")


def test_show_names_ask_themes_by_their_labels(tmp_path):
    import json

    from compare.summary import theme_labeller

    path = tmp_path / "a.txt"
    path.write_text(
        letter(
            "We urge the authorities to release all political prisoners from detention "
            "and to close the prison camps.",
            ORGS[:1],
        )
    )
    asks = json.loads(invoke("show", str(path), "--json").stdout)["asks"]
    slugs = [slug for ask in asks for slug in ask["themes"]]
    assert slugs, "the crafted ask has a theme"
    shown = " ".join(invoke("show", str(path)).stdout.split())
    label = theme_labeller()
    assert all(label(slug) in shown for slug in slugs)
    assert f"({', '.join(asks[0]['themes'])})" not in shown


@pytest.mark.parametrize(
    "args",
    [
        ["letters"],
        ["letters", "--wide"],
        ["families"],
        ["families", "--all"],
        ["asks"],
        ["similarity"],
        ["similarity", "--wide"],
        ["show", "a.txt"],
    ],
)
def test_no_terminal_line_ends_in_spaces(tmp_path, args):
    for n, body in enumerate([PRISON_BODY, PRISON_BODY, FISH_BODY]):
        (tmp_path / f"{'abc'[n]}.txt").write_text(letter(body, ORGS[n:]))
    result = invoke(*args, corpus=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    assert [line for line in result.stdout.splitlines() if line != line.rstrip()] == []
