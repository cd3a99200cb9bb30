"""The draft check's blind spots, on small crafted corpora: letters written after the draft
are no sources, asks made before in other words are found, another letter's addressee left
in the draft is flagged, and the reports of two drafts of one name do not overwrite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.check import check_draft, check_json
from compare.checkview import check_context, check_summary
from compare.cli import cli
from compare.corpus import load_corpus, read_letters

SIGNED = "Sincerely,\n\nPress Freedom Group\nMedia Rights Network\n"


def letter(day: str, to: str | None, greeting: str, *paragraphs: str) -> str:
    """A letter as text: title, date line, address line, salutation, paragraphs, closing."""
    to_line = f"To: {to}\n\n" if to else ""
    body = "\n\n".join(paragraphs)
    return (
        f"Open letter on press freedom\n\n{day}\n\n{to_line}Dear {greeting},\n\n{body}\n\n{SIGNED}"
    )


def folder(tmp_path: Path, **letters: str) -> Path:
    """A corpus folder holding ``NAME.txt`` for each keyword argument."""
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in letters.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return root


def draft_file(tmp_path: Path, text: str, name: str = "draft.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def cli_check(corpus: Path, *args: str):
    return CliRunner().invoke(cli, ["--corpus", str(corpus), "--no-cache", "check", *args])


PARAGRAPH = (
    "The detention of reporters covering the protests has silenced independent media in the "
    "capital, and their families have had no news of them for weeks."
)


def dated_corpus(tmp_path: Path) -> Path:
    """Three letters holding PARAGRAPH: one of 2019, one of 2023 and one undated."""
    return folder(
        tmp_path,
        early=letter("4 April 2019", "Minister Anna Berg", "Minister Berg", PARAGRAPH),
        later=letter("9 June 2023", "Minister Anna Berg", "Minister Berg", PARAGRAPH),
        undated=letter("", "Minister Anna Berg", "Minister Berg", PARAGRAPH).replace(
            "\n\n\n\n", "\n\n"
        ),
    )


# --------------------------------------------------------------------------- sources by date


def test_a_letter_dated_after_the_draft_is_no_source_unless_any_date(tmp_path, taxonomy):
    corpus = load_corpus(dated_corpus(tmp_path), taxonomy)
    dates = {x.date for x in corpus.letters}
    assert dates == {"2019-04-04", "2023-06-09", None}
    later = next(x.key for x in corpus.letters if x.date == "2023-06-09")
    text = letter("1 March 2021", "Minister Anna Berg", "Minister Berg", PARAGRAPH)
    [draft] = read_letters(draft_file(tmp_path, text), taxonomy)

    result = check_draft(draft, corpus.letters)
    cited = {p.origin.key for p in result.passages if p.origin} | {
        o.key for p in result.passages for o in p.also_in
    }
    assert later not in cited and later not in {n.letter.key for n in result.nearest}
    assert len(cited) == 2  # the 2019 letter and the undated one
    assert (result.sources.until, result.sources.later_left_out) == ("2021-03-01", 1)
    assert "1 later letter left out" in check_summary(result)
    assert check_json(result)["sources"] == {
        "until": "2021-03-01",
        "later_left_out": 1,
        "any_date": False,
    }

    anything = check_draft(draft, corpus.letters, any_date=True)
    assert anything.passages[0].origin.key == later  # the most recent holder of the text
    assert anything.sources.later_left_out == 0 and anything.sources.any_date
    assert "any date (--any-date)" in check_summary(anything)


def test_an_undated_draft_takes_every_letter_as_a_candidate(tmp_path, taxonomy):
    corpus = load_corpus(dated_corpus(tmp_path), taxonomy)
    text = letter("", "Minister Anna Berg", "Minister Berg", PARAGRAPH).replace("\n\n\n\n", "\n\n")
    [draft] = read_letters(draft_file(tmp_path, text), taxonomy)
    assert draft.date is None
    result = check_draft(draft, corpus.letters)
    assert result.sources.until is None and result.sources.later_left_out == 0
    assert len(result.nearest) == 3
    assert "the draft has no date" in check_summary(result)


def test_a_draft_dated_the_same_day_may_come_from_that_day(tmp_path, taxonomy):
    corpus = load_corpus(dated_corpus(tmp_path), taxonomy)
    text = letter("9 June 2023", "Minister Anna Berg", "Minister Berg", PARAGRAPH)
    [draft] = read_letters(draft_file(tmp_path, text), taxonomy)
    result = check_draft(draft, corpus.letters)
    assert result.sources.later_left_out == 0
    assert result.passages[0].origin.date == "2023-06-09"


def test_later_letters_give_no_precedent_and_no_base(tmp_path, taxonomy):
    ask = "We urge the authorities to release all detained journalists immediately."
    root = folder(tmp_path, later=letter("9 June 2023", "Minister Anna Berg", "Minister Berg", ask))
    text = letter("1 March 2021", "Minister Anna Berg", "Minister Berg", ask)
    [draft] = read_letters(draft_file(tmp_path, text), taxonomy)
    letters = load_corpus(root, taxonomy).letters
    result = check_draft(draft, letters)
    assert result.nearest == () and result.missing == ()
    assert [a.status for a in result.asks] == ["new"]
    assert [a.status for a in check_draft(draft, letters, any_date=True).asks] == ["carried"]


def test_the_check_command_leaves_later_letters_out_and_says_so(tmp_path):
    root = dated_corpus(tmp_path)
    text = letter("1 March 2021", "Minister Anna Berg", "Minister Berg", PARAGRAPH)
    draft = draft_file(tmp_path, text)
    result = cli_check(root, str(draft), "--no-report")
    assert result.exit_code == 0, result.output
    assert "Sources: letters dated up to 2021-03-01 and undated ones; 1 later letter" in (
        result.output
    )
    assert "later" not in result.output.split("Nearest letters:")[1].split("Passages")[0]

    as_json = json.loads(cli_check(root, str(draft), "--json").output)
    assert as_json["sources"]["later_left_out"] == 1
    assert all(n["letter"]["date"] != "2023-06-09" for n in as_json["nearest"])

    anything = json.loads(cli_check(root, str(draft), "--json", "--any-date").output)
    assert anything["sources"] == {"until": None, "later_left_out": 0, "any_date": True}
    assert anything["passages"][0]["origin"]["date"] == "2023-06-09"


# --------------------------------------------------------------------------- asks by meaning

EARLIER_ASKS = (
    "We urge the authorities to release all detained journalists immediately.",
    "We call on the government to free the imprisoned reporters without further delay.",
)


def test_an_ask_made_before_in_other_words_cites_those_letters(tmp_path, taxonomy):
    root = folder(
        tmp_path,
        first=letter("4 April 2019", "Minister Anna Berg", "Minister Berg", EARLIER_ASKS[0]),
        second=letter("8 May 2020", "Minister Anna Berg", "Minister Berg", EARLIER_ASKS[1]),
        other=letter(
            "8 May 2020",
            "Minister Anna Berg",
            "Minister Berg",
            "We call on the authorities to stop the prosecution of journalists for their work.",
        ),
    )
    letters = load_corpus(root, taxonomy).letters
    keys = {x.source.removesuffix(".txt"): x.key for x in letters}
    text = letter(
        "1 March 2021",
        "Minister Anna Berg",
        "Minister Berg",
        "Release every journalist held in detention without delay.",
        "We ask you to fund the new public library in the old town.",
    )
    [draft] = read_letters(draft_file(tmp_path, text), taxonomy)
    result = check_draft(draft, letters)
    paraphrase, unrelated = result.asks
    assert paraphrase.status == "reworded"
    assert [p.letter.key for p in paraphrase.precedents] == [keys["first"], keys["second"]]
    assert {p.match for p in paraphrase.precedents} == {"meaning"}
    assert (unrelated.status, unrelated.precedents) == ("new", ())

    rows = check_context(result).asks
    # the report names the letters by recipient and date; the terminal by key (to type)
    assert rows[0].precedents == (
        "Minister Anna Berg, 4 Apr 2019 (urge, in other words)",
        "Minister Anna Berg, 8 May 2020 (call on, in other words)",
    )
    assert "before in " + keys["first"] in " ".join(check_summary(result).split())


def test_the_report_names_where_an_ask_in_other_words_was_made(tmp_path):
    root = folder(
        tmp_path,
        first=letter("4 April 2019", "Minister Anna Berg", "Minister Berg", EARLIER_ASKS[0]),
    )
    text = letter(
        "1 March 2021",
        "Minister Anna Berg",
        "Minister Berg",
        "Release every journalist held in detention without delay.",
    )
    draft = draft_file(tmp_path, text)
    target = tmp_path / "check.html"
    result = cli_check(root, str(draft), "-o", str(target), "--format", "html")
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    asks = html.split('id="asks"')[1]
    row = next(r for r in asks.split("<tr") if "Release every journalist" in r)
    assert (
        "Minister Anna Berg, 4 Apr 2019" in row
        and "2019-04-04" not in row
        and "in other words" in row
        and "—" not in row.split("<td")[-1]
    )


def test_a_base_ask_kept_in_other_words_is_not_dropped(tmp_path, taxonomy):
    kept = (
        "The detention of reporters has silenced the independent media of the capital.",
        "Their families have had no news of them for weeks, and their lawyers no access.",
    )
    root = folder(
        tmp_path,
        base=letter("4 April 2019", "Minister Anna Berg", "Minister Berg", *kept, EARLIER_ASKS[0]),
    )
    text = letter(
        "1 March 2021",
        "Minister Anna Berg",
        "Minister Berg",
        *kept,
        "Release every journalist held in detention without delay.",
    )
    [draft] = read_letters(draft_file(tmp_path, text), taxonomy)
    result = check_draft(draft, load_corpus(root, taxonomy).letters)
    assert result.nearest[0].score >= 0.5  # the base letter
    assert [a.status for a in result.asks] == ["reworded"]


# --------------------------------------------------------------------------- other addressees

ASK = "We urge you to release all detained journalists immediately."


def addressee_corpus(tmp_path: Path) -> Path:
    return folder(
        tmp_path,
        smith=letter("4 April 2019", "Anna Smith", "High Representative Smith", ASK),
        berg=letter("8 May 2020", None, "Minister von Berg", ASK),
        office=letter("8 May 2020", "Minister of Health", "Minister", ASK),
        assembly=letter("9 May 2020", "UN General Assembly", "Excellencies", ASK),
        council=letter("9 May 2020", None, "Members of the Security Council", ASK),
    )


def mismatches(tmp_path: Path, taxonomy, text: str) -> list[str]:
    letters = load_corpus(addressee_corpus(tmp_path), taxonomy).letters
    [draft] = read_letters(draft_file(tmp_path, text), taxonomy)
    result = check_draft(draft, letters, any_date=True)
    return [w.text for w in result.warnings if w.kind == "recipient-mismatch"]


def test_a_salutation_greeting_another_letters_addressee_is_flagged(tmp_path, taxonomy):
    text = letter("1 March 2021", "Commissioner Peter Jones", "High Representative Smith", ASK)
    [warning] = mismatches(tmp_path, taxonomy, text)
    assert warning.startswith('the salutation addresses "High Representative Smith"')
    assert "Commissioner Peter Jones" in warning


@pytest.mark.parametrize(
    ("greeting", "body", "found"),
    [
        # the greeted name of a letter without a recipient line, in the body
        ("Commissioner Jones", "We thank Minister von Berg for meeting us.", "Minister von Berg"),
        # a titled name a letter never greeted, but naming its recipient
        ("Commissioner Jones", "As Ms. Smith told us, reporters are held.", "Ms. Smith"),
        ("Ms Anna Smith", "Reporters are held.", "Anna Smith"),
        ("Mr. Smith", "Reporters are held.", "Mr. Smith"),
        # a recipient after an address phrase
        (
            "Commissioner Jones",
            "We also urge the UN General Assembly to act.",
            "UN General Assembly",
        ),
        # a greeted institution: in the salutation, or addressed in a passage
        (
            "Members of the Security Council",
            "Reporters are held.",
            "Members of the Security Council",
        ),
        (
            "Commissioner Jones",
            "We urge members of the Security Council to act.",
            "members of the Security Council",
        ),
    ],
)
def test_other_addressees_are_flagged_wherever_they_are_addressed(
    tmp_path, taxonomy, greeting, body, found
):
    text = letter("1 March 2021", "Commissioner Peter Jones", greeting, body, ASK)
    [warning] = mismatches(tmp_path, taxonomy, text)
    assert f'addresses "{found}"' in warning


@pytest.mark.parametrize(
    ("to", "greeting", "body"),
    [
        # the draft's own addressee, by another name
        ("Anna Smith", "High Representative Smith", "Reporters are held."),
        ("High Representative Anna Smith", "Ms Smith", "We thank Ms Smith for her reply."),
        # bare titles greet no one in particular
        ("Minister of Justice", "Minister", "We thank the Minister for meeting us."),
        ("Commissioner Jones", "High Representative", "The High Representative met us."),
        # an institution merely mentioned, not addressed
        ("Commissioner Jones", "Commissioner Jones", "The General Assembly adopted a text."),
        # a title before an institution is no person's name
        ("Commissioner Jones", "Commissioner Jones", "The UN Secretary General Assembly hall."),
        # a greeted institution merely mentioned
        ("Commissioner Jones", "Commissioner Jones", "Members of the Security Council met."),
    ],
)
def test_own_addressees_titles_and_mentions_are_not_flagged(tmp_path, taxonomy, to, greeting, body):
    text = letter("1 March 2021", to, greeting, body, ASK)
    assert mismatches(tmp_path, taxonomy, text) == []


WELLS = (
    "The wells of the northern districts have run dry for the third summer in a row, and "
    "farmers are leaving land their families have worked for generations."
)
READINGS = "Publish the readings of every borehole before the next planting season."
PUMPS = (
    "Half of the hand pumps installed by the district programme have been broken since the "
    "floods, and no one has been sent to repair them."
)


def copied_mismatches(tmp_path: Path, taxonomy, to: str, greeting: str, body: str) -> list[str]:
    """The ``recipient-mismatch`` warnings of a draft to ``to`` copying a letter to the
    Regional Water Board, with ``body`` as one more paragraph; its last paragraph is also,
    later, in a letter to the City Council, which the draft does not copy."""
    board = letter("4 April 2019", "Regional Water Board", "Board", WELLS, PUMPS, READINGS)
    council = letter("5 May 2019", "City Council", "Councillors", "Mend the roads.", READINGS)
    root = folder(tmp_path, board=board, council=council)
    text = letter("1 March 2021", to, greeting, WELLS, body, PUMPS, READINGS)
    [draft] = read_letters(draft_file(tmp_path, text), taxonomy)
    result = check_draft(draft, load_corpus(root, taxonomy).letters, any_date=True)
    assert any(p.origin and p.origin.key.endswith("regional-water-board") for p in result.passages)
    return [w.text for w in result.warnings if w.kind == "recipient-mismatch"]


@pytest.mark.parametrize(
    ("body", "found"),
    [
        # mentioned, not addressed: left from the copied letter all the same
        ("As the Regional Water Board knows, the pumps are broken.", "Regional Water Board"),
        ("The readings the regional water board keeps show it.", "regional water board"),
        ("Figures of the Regional Water Board's own survey agree.", "Regional Water Board"),
        ("The RWB has kept the readings since 2010.", "RWB"),  # its acronym
        # addressed: one warning, not two
        ("We call on the Regional Water Board to act.", "Regional Water Board"),
        ("The Regional Water Board must act now.", "Regional Water Board"),  # a sentence's first
    ],
)
def test_the_copied_letters_recipient_left_anywhere_in_the_body_is_flagged(
    tmp_path, taxonomy, body, found
):
    [warning] = copied_mismatches(
        tmp_path, taxonomy, "National Assembly", "Members of the Assembly", body
    )
    assert f'addresses "{found}"' in warning and "National Assembly" in warning


@pytest.mark.parametrize(
    ("to", "body"),
    [
        # the draft's own recipient is the same body
        ("Regional Water Board", "As the Regional Water Board knows, the pumps are broken."),
        ("Chair of the Regional Water Board", "We thank the Regional Water Board for its reply."),
        # part of a longer, different name
        ("National Assembly", "The Regional Water Board Inspectorate has the readings."),
        ("National Assembly", "The Northern Regional Water Board has the readings."),
        # not whole words
        ("National Assembly", "The regional water boards of the south have the readings."),
        ("National Assembly", "The rwb figures agree."),  # an acronym only as written
        # another archive letter's recipient, merely mentioned: the draft copies no letter to it
        ("National Assembly", "The City Council has paved the market square."),
    ],
)
def test_own_longer_or_uncopied_recipient_names_in_the_body_are_not_flagged(
    tmp_path, taxonomy, to, body
):
    assert copied_mismatches(tmp_path, taxonomy, to, "Colleagues", body) == []


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("We call on the Water Council to act.", "Water Council"),  # addressed, short
        ("The UN Water Council's report agrees.", "UN Water Council"),  # mentioned, whole
        ("The Water Council's report agrees.", None),  # mentioned, short: as others do
    ],
)
def test_a_copied_recipients_name_without_its_acronym_counts_when_addressed(
    tmp_path, taxonomy, body, found
):
    root = folder(tmp_path, council=letter("4 April 2019", "UN Water Council", "Sirs", WELLS))
    text = letter("1 March 2021", "National Assembly", "Colleagues", WELLS, body)
    [draft] = read_letters(draft_file(tmp_path, text), taxonomy)
    result = check_draft(draft, load_corpus(root, taxonomy).letters, any_date=True)
    warnings = [w.text for w in result.warnings if w.kind == "recipient-mismatch"]
    assert [w.split('"')[1] for w in warnings] == ([found] if found else [])


def test_a_copied_letter_to_a_bare_title_flags_no_mention_of_that_office(tmp_path, taxonomy):
    root = folder(tmp_path, office=letter("4 April 2019", "Prime Minister", "Sir", WELLS, PUMPS))
    body = "The Prime Minister's office has the readings; the PM said so at 5 PM."
    text = letter("1 March 2021", "National Assembly", "Colleagues", WELLS, body, PUMPS)
    [draft] = read_letters(draft_file(tmp_path, text), taxonomy)
    result = check_draft(draft, load_corpus(root, taxonomy).letters, any_date=True)
    assert [p.status for p in result.passages] == ["reused", "new", "reused"]
    assert not [w for w in result.warnings if w.kind == "recipient-mismatch"]


def test_the_check_command_prints_the_salutation_mismatch(tmp_path):
    root = addressee_corpus(tmp_path)
    text = letter("1 March 2021", "Commissioner Peter Jones", "High Representative Smith", ASK)
    result = cli_check(root, str(draft_file(tmp_path, text)), "--no-report")
    assert result.exit_code == 0, result.output
    assert '[recipient-mismatch] the salutation addresses "High Representative Smith"' in (
        " ".join(result.output.split())
    )


# --------------------------------------------------------------------------- report names


def test_drafts_of_one_name_in_two_formats_get_two_reports(tmp_path, monkeypatch):
    from docx import Document

    root = dated_corpus(tmp_path)
    text = letter("1 March 2021", "Minister Anna Berg", "Minister Berg", PARAGRAPH)
    txt = draft_file(tmp_path, text, "draft.txt")
    docx = tmp_path / "draft.docx"
    document = Document()
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line)
    document.save(str(docx))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    outputs = [cli_check(root, str(path), "--format", "html") for path in (txt, docx)]
    assert all(r.exit_code == 0 for r in outputs), [r.output for r in outputs]
    written = sorted(p.name for p in (work / "reports").iterdir())
    assert written == ["check-draft.docx.html", "check-draft.txt.html"]
    assert "report: reports/check-draft.txt.html" in outputs[0].output


def test_report_names_keep_the_draft_file_name(tmp_path, taxonomy):
    import dataclasses

    from compare.reports import check_report_name

    [draft] = read_letters(
        draft_file(tmp_path, letter("1 March 2021", None, "Friends", ASK)), taxonomy
    )

    def named(source: str, output: str = "pdf") -> str:
        return check_report_name(dataclasses.replace(draft, source=source, key="draft-x"), output)

    assert named("-") == "check-stdin.pdf"
    assert named("letters/new.v2.md", "html") == "check-new.v2.md.html"
    assert named("draft.txt") != named("draft.docx")
    assert named("") == "check-x.pdf"
