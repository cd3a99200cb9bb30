"""The learned line labeller: what it gives each line, the commands that show and retrain
it, and that the shipped model is what its training data makes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import cli
from compare.reading.labelfile import read_label_file, write_label_file
from compare.reading.labels import LABELS, split_labelled
from compare.reading.linemodel import label_lines

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TRAINING = ROOT / "tests" / "training" / "labels"
SHARED = ROOT.parent / "shared" / "letters"

LETTER = """Home | News | Donate
Open letter on river pollution

4 May 2023

Dear Minister,

We write to ask you to stop the discharge of untreated waste into the river.

Sincerely,

River Friends Society
Clean Water Network

Share this page
"""


def run(*args: str):
    return CliRunner().invoke(cli, ["--corpus", str(SEEDS), *args])


def test_each_line_gets_one_label_and_blank_lines_none():
    labelled = label_lines(LETTER.split("\n"))
    assert [x.label is None for x in labelled] == [not x.text.strip() for x in labelled]
    assert {x.label for x in labelled} - {None} <= set(LABELS)
    by_text = {x.text: x.label for x in labelled}
    assert by_text["Dear Minister,"] == "salutation"
    assert by_text["Sincerely,"] == "closing"
    assert by_text["River Friends Society"] == "signature"
    assert all(0.0 <= x.confidence <= 1.0 for x in labelled)


def test_two_letters_in_one_labelled_file_are_cut_at_the_second_opening():
    labels = [
        "title",
        None,
        "salutation",
        "body",
        "closing",
        "signature",
        None,
        "chrome",
        "title",
        "salutation",
        "body",
        "signature",
    ]
    lines = [label or "" for label in labels]
    assert split_labelled(lines, labels) == [(0, 8), (8, 12)]
    dated_below = ["salutation", "body", "closing", "signature", "date"]
    assert split_labelled(dated_below, dated_below) == [(0, 5)]  # no body: same letter


def test_lines_command_prints_every_line_of_a_letter_with_its_label():
    result = run("lines", "004_d01407f7be71f976.txt")
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()
    text = (SEEDS / "004_d01407f7be71f976.txt").read_text(encoding="utf-8")
    assert len(rows) >= len(text.rstrip("\n").split("\n")) - 1
    assert any(" salutation " in row and "Dear Secretary Kerry," in row for row in rows)


def test_lines_json_has_the_documented_fields():
    result = run("lines", "002_c0c9e79feab35893.txt#2", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert set(rows[0]) == {"number", "text", "label", "confidence", "rule", "source"}
    assert {row["source"] for row in rows} <= {"model", "rules", "grammar"}
    # part 2 only: it opens after part 1's signatures
    assert rows[0]["number"] > 1 and any(row["label"] == "salutation" for row in rows)


def test_lines_of_an_unknown_letter_is_bad_input():
    assert run("lines", "no-such-letter").exit_code == 1


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    """A model trained by the ``train`` command on one crafted label file plus the
    built-in training data."""
    folder = tmp_path_factory.mktemp("labels")
    letter = folder / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    lines = LETTER.split("\n")
    labels = [
        "chrome",
        "title",
        None,
        "date",
        None,
        "salutation",
        None,
        "body",
        None,
        "closing",
        None,
        "signature",
        "signature",
        None,
        "chrome",
        None,
    ]
    write_label_file(folder / "letter.labels", letter, lines, labels)
    target = folder / "model.crfsuite"
    result = CliRunner().invoke(cli, ["train", str(folder), "-o", str(target), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output[result.output.index("{") :])
    assert summary["model"] == str(target) and summary["files"] == 1
    return target


def test_train_writes_a_model_and_its_sidecar(trained):
    sidecar = json.loads(trained.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["feature_version"] and sidecar["training_digest"]
    assert "salutation" in sidecar["rule_weights"]


def test_model_option_reads_letters_with_the_given_model(trained, tmp_path):
    (tmp_path / "l.txt").write_text(LETTER, encoding="utf-8")
    previous = os.environ.pop("COMPARE_MODEL", None)
    try:
        result = CliRunner().invoke(
            cli,
            ["--model", str(trained), "--no-cache", "--corpus", str(tmp_path), "parse", "--json"],
        )
    finally:
        os.environ.pop("COMPARE_MODEL", None)
        if previous is not None:
            os.environ["COMPARE_MODEL"] = previous
    assert result.exit_code == 0, result.output
    (letter,) = json.loads(result.output)
    assert letter["salutation"] == "Dear Minister,"
    assert [s["name"] for s in letter["signatories"]] == [
        "River Friends Society",
        "Clean Water Network",
    ]


def test_train_on_a_folder_without_label_files_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["train", str(tmp_path)])
    assert result.exit_code == 1
    assert "holds no label files" in result.output


def test_monthfirst_reads_an_ambiguous_numeric_date_month_first(tmp_path):
    (tmp_path / "l.txt").write_text(LETTER.replace("4 May 2023", "03/05/2023"), encoding="utf-8")
    dates = {}
    for flag in ("--dayfirst", "--monthfirst"):
        result = CliRunner().invoke(
            cli, [flag, "--no-cache", "--corpus", str(tmp_path), "parse", "--json"]
        )
        assert result.exit_code == 0, result.output
        dates[flag] = json.loads(result.output)[0]["date"]
    os.environ.pop("COMPARE_DATE_ORDER", None)
    assert dates == {"--dayfirst": "2023-05-03", "--monthfirst": "2023-03-05"}


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/letters (training text) is absent")
def test_retraining_from_the_label_files_gives_the_shipped_models_labels(tmp_path):
    from compare.reading.linemodel import tag_with
    from compare.reading.training import label_files, read_parts, train_model

    parts = read_parts(label_files([TRAINING]))
    model = tmp_path / "retrained.crfsuite"
    train_model(parts, model, {})
    shipped = ROOT / "compare" / "data" / "line_model.crfsuite"
    for part in parts[::7]:
        assert tag_with(model, part.features) == tag_with(shipped, part.features), part.name


def test_every_label_file_reads_back_against_its_letter():
    files = sorted(TRAINING.glob("*.labels"))
    readable = [f for f in files if SHARED.is_dir() or "shared" not in f.read_text()[:300]]
    assert len(files) >= 45
    for path in readable:
        labelled = read_label_file(path)
        assert len(labelled.labels) == len(labelled.lines)


def test_grammar_reads_name_lines_above_the_salutation_as_the_address_block():
    from compare.reading.grammar import repair as _grammar

    lines = [
        "Editor's note: the letter below was sent today.",
        "",
        "Doctor",
        "Jane Roe",
        "Minister of Labour",
        "",
        "Dear Minister,",
        "We ask you to meet the workers.",
        "Sincerely,",
        "Workers Union",
    ]
    rows = [i for i, line in enumerate(lines) if line]
    rules = [
        "chrome",
        None,
        "recipient",
        "recipient",
        "recipient",
        None,
        "salutation",
        "body",
        "closing",
        "signature",
    ]
    model = [
        "body",
        None,
        "chrome",
        "signature",
        "signature",
        None,
        "salutation",
        "body",
        "closing",
        "signature",
    ]
    chosen = {i: (label, 0.9, "model") for i, label in enumerate(model) if label}
    _grammar(lines, rows, rules, [{} for _ in rows], chosen)
    labels = [chosen[i][0] if i in chosen else None for i in range(len(lines))]
    assert labels[3:5] == ["recipient", "recipient"]  # the names right above the salutation
    assert labels[9] == "signature"  # signatures after the closing stay


def _repaired(lines: list[str], rules: list, model: list) -> list:
    """The labels after :func:`_grammar` repairs the ``model`` labels of ``lines``."""
    from compare.reading.features import line_features
    from compare.reading.grammar import repair as _grammar

    rows = [i for i, line in enumerate(lines) if line]
    chosen = {i: (label, 0.9, "model") for i, label in enumerate(model) if label}
    _grammar(lines, rows, rules, line_features(lines, rules), chosen)
    return [chosen[i][0] if i in chosen else None for i in range(len(lines))]


def test_grammar_reads_running_text_above_the_salutation_as_the_pages_introduction():
    lines = [
        "After forty days on strike, the unions wrote to the minister.",
        "Dear Minister,",
        "We write about the strike at the depot.",
        "The workers have not been paid since March.",
        "We ask you to meet their union this week.",
        "Sincerely,",
        "Depot Workers Union",
    ]
    rules = ["body", "salutation", "body", "body", "body", "closing", "signature"]
    model = ["body", "salutation", "body", "body", "body", "closing", "signature"]
    labels = _repaired(lines, rules, model)
    assert labels[0] == "chrome"
    assert labels[2:5] == ["body"] * 3


def test_grammar_keeps_a_letter_whose_salutation_comes_late():
    """Much running text above a salutation is no introduction: nothing is dropped."""
    lines = [f"Paragraph {n} of a statement that runs on." for n in range(5)]
    lines += ["Dear colleagues,", "One more line.", "Sincerely,", "Jane Doe"]
    rules = ["body"] * 5 + ["salutation", "body", "closing", "signature"]
    labels = _repaired(lines, rules, list(rules))
    assert labels[:5] == ["body"] * 5


def test_grammar_reads_signature_like_lines_before_the_closing_as_body():
    lines = [
        "Dear members,",
        "Join us at the protest on Monday.",
        "Details: Monday 30 January, 6pm",
        "Venue: outside the town hall",
        "Yours sincerely,",
        "Jane Doe",
        "General Secretary",
    ]
    rules = ["salutation", "body", "body", "body", "closing", "signature", "signature"]
    model = [
        "salutation",
        "body",
        "signature-heading",
        "signature",
        "closing",
        "signature",
        "signature",
    ]
    labels = _repaired(lines, rules, model)
    assert labels[2:4] == ["body", "body"]
    assert labels[5:7] == ["signature", "signature"]


def test_grammar_ends_the_signature_block_at_a_dated_entry_or_an_acronyms_definition():
    lines = [
        "Dear Minister,",
        "We ask you to free the journalists.",
        "Sincerely,",
        "Media Freedom Network",
        "Reporters Aid Foundation",
        "",
        "Further reading:",
        "12 March 2024 Daily Courier Journalists held without charge for a year",
        "3 April 2024 Evening Post The minister refuses to meet families",
        "",
        "MFN: Media Freedom Network",
    ]
    rules = ["salutation", "body", "closing"] + ["signature"] * 2 + [None] + ["signature"] * 3
    rules += [None, "signature"]
    model = list(rules)
    labels = _repaired(lines, rules, model)
    assert labels[3:5] == ["signature", "signature"]
    assert labels[6:9] == ["chrome", "chrome", "chrome"]
    assert labels[10] == "footnote"


def test_grammar_keeps_a_labelled_address_line_the_model_calls_chrome():
    lines = ["To: Jane Roe / Ministry of Labour", "", "Climate first", "We call on you to act."]
    rules = ["recipient", None, "title", "body"]
    model = ["chrome", None, "title", "body"]
    assert _repaired(lines, rules, model)[0] == "recipient"
    lines[0] = "To: news@example.org"  # an e-mail header, not an address
    assert _repaired(lines, rules, model)[0] == "chrome"


@pytest.mark.parametrize(
    ("line", "gloss"),
    [
        ("ABC: Association for Better Cities", True),
        ("• W3C TAG: World Wide Web Consortium Technical Architecture Group", True),
        ("ISOC BoT: Internet Society Board of Trustees", True),
        ("HRW – Human Rights Watch", True),
        ("EU: Brussels office", False),
        ("Re: The closure", False),
        ("Jane Doe: Executive Director", False),
    ],
)
def test_an_acronyms_definition_is_told_from_other_colon_lines(line, gloss):
    from compare.reading.features import is_gloss

    assert is_gloss(line.lstrip("• ")) is gloss


def test_grammar_never_takes_a_line_presenting_the_letter_as_its_title():
    lines = [
        "Home > Opinion",
        "Yesterday the network's chair sent the following letter to the council.",
        "We ask you to meet our union before the end of the month about the new rosters.",
        "A meeting would clear up the misunderstandings between both parties at the depot.",
    ]
    rules = ["chrome", "title", "body", "body"]
    assert _repaired(lines, rules, ["chrome", "title", "body", "body"])[1] == "chrome"
    assert _repaired(lines, rules, ["chrome", "chrome", "body", "body"])[1] == "chrome"
    plain = [lines[0], "Depot rosters: a letter to the director", *lines[2:]]
    assert _repaired(plain, rules, ["chrome", "chrome", "body", "body"])[1] == "title"


def test_grammar_ends_the_signature_block_at_a_line_of_page_words():
    lines = [
        "Dear Minister,",
        "We ask you to free the journalists.",
        "Sincerely,",
        "Media Freedom Network",
        "Email: office@example.org",  # one page word: still the signature block
        "Reporters Aid Foundation",
        "and 12 more",
        "Download the open letter as a PDF? Click here",
        "Courier Weekly",
    ]
    rules = ["salutation", "body", "closing"] + ["signature"] * 6
    labels = _repaired(lines, rules, list(rules))
    assert labels[3:7] == ["signature"] * 4
    assert labels[7:] == ["chrome", "chrome"]


def test_grammar_reads_a_greeting_run_into_the_first_sentence_as_the_salutation():
    lines = [
        "Harbour Courier",
        "Sir – We share the minister's pride in the harbour's long history of open trade.",
        "However, the minister fails to say what the new rules do to the smaller boats.",
        "Jane Roe",
    ]
    rules = ["chrome", "body", "body", "signature"]
    labels = _repaired(lines, rules, ["chrome", "body", "body", "signature"])
    assert labels[1] == "salutation"
    plain = [lines[0], "We share the minister's pride in the harbour's long history.", *lines[2:]]
    assert _repaired(plain, rules, ["chrome", "body", "body", "signature"])[1] == "body"


def test_grammar_reads_a_title_or_a_signers_card_inside_a_signature_list_as_a_signature():
    lines = [
        "Dear Minister,",
        "We ask you to free the journalists.",
        "Signed,",
        "Jane Roe, Example Org",
        "Amal Doe, Self employed, 🕊️ peace",
        "Ola Poe, Acme, We stand with every reporter held for doing their job.",
        "Sam Loe, Initech",
    ]
    rules = ["salutation", "body", "closing"] + ["signature"] * 4
    model = ["salutation", "body", "closing", "signature", "title", "chrome", "signature"]
    assert _repaired(lines, rules, model)[3:] == ["signature"] * 4


def test_grammar_reads_a_petition_feed_line_as_a_signature_wherever_it_stands():
    lines = [
        "Marta K. signed just now",
        "We ask the company to pay a living wage to the workers in its supplier factories.",
        "Share for Success",
    ]
    labels = _repaired(lines, ["body", "body", "body"], ["chrome", "body", "chrome"])
    assert labels == ["signature", "body", "chrome"]


def test_grammar_takes_no_web_address_for_a_salutation_and_finds_the_greeting_run_into_text():
    lines = [
        "Copy the letter below and send it to your member of parliament today.",
        "Paste it into the form at: https://example.org/write-to-your-mp",
        "Dear Minister,We write about the closure of the night shelters in the city centre.",
        "The shelters are full every night of the winter and there is nowhere else to go.",
        "Yours sincerely,",
    ]
    rules = ["body", "body", "body", "body", "closing"]
    model = ["body", "salutation", "body", "body", "closing"]
    labels = _repaired(lines, rules, model)
    assert labels[1] != "salutation"
    assert labels[2] == "salutation"


def test_grammar_reads_an_announced_list_of_described_signers_as_signatures():
    lines = [
        "We urge the members to agree to the waiver now.",
        "Endorsed as of 19 November 2021:",
        "International networks:",
        "1, Example Network (EN), EN is a regional network of groups that works on trade.",
        "2, Sample Org, Sample Org is a movement of millions of people who campaign.",
        "3, Third Alliance, An alliance advocating for health for all in the region.",
    ]
    rules = ["body"] * 6
    labels = _repaired(lines, rules, ["body"] * 6)
    assert labels == ["body", "signature-heading", "signature-heading"] + ["signature"] * 3
    short = lines[:4]  # one entry is no list
    assert _repaired(short, rules[:4], ["body"] * 4) == ["body"] * 4


def test_grammar_reads_the_names_under_a_bare_to_label_as_the_address_block():
    lines = [
        "This week a coalition of groups asks for the freeing of three activists.",
        "To:",
        "Jane Roe, Director of the Port Police Office",
        "John Doe, Prosecutor General of the Province",
        "On 8 January the police detained the editor of a workers' website at her home.",
        "The three activists had supported sick miners in their claims for compensation.",
        "We call for their release and for the miners' claims to be settled in full.",
        "Signed by:",
        "Example Network",
    ]
    rules = ["body"] * 7 + ["closing", "signature"]
    model = ["body", "signature-heading", "signature", "signature"] + ["body"] * 3
    model += ["signature-heading", "signature"]
    labels = _repaired(lines, rules, model)
    assert labels[1:4] == ["recipient"] * 3
    assert labels[0] == "chrome"  # the page's introduction above the address block
    assert labels[4:7] == ["body"] * 3


def test_grammar_reads_numbered_organisations_under_an_announcing_line_as_signatures():
    lines = [
        "We demand that the government release the activists.",
        "This statement is endorsed by the following organisations:",
        "1. Harbour Workers Union",
        "2. Parents and Teachers Against School Closures",
        "3. Tenant Solidarity",
    ]
    rules = ["body"] * 5
    model = ["body", "signature-heading", "list-item", "list-item", "list-item"]
    assert _repaired(lines, rules, model)[1:] == ["signature-heading"] + ["signature"] * 3


def test_grammar_reads_a_to_line_without_a_colon_as_the_recipient_and_the_pitch_above_as_chrome():
    lines = [
        "The forests cannot wait. Tell these companies to keep their word.",
        "To Acme Foods, Globex Bank and Initech Holdings:",
        "Ten years ago, dozens of firms pledged to stop clearing forests for their supply chains.",
        "Most of them have broken that pledge to the communities who live in those forests.",
        "We call on you to stop financing companies that clear forests and abuse rights.",
    ]
    rules = ["body"] * 5
    labels = _repaired(lines, rules, ["body"] * 5)
    assert labels[:2] == ["chrome", "recipient"]
    assert labels[2:] == ["body"] * 3


def test_grammar_reads_address_labels_inside_a_signature_wall_as_signatures():
    lines = [
        "Dear colleagues,",
        "We call for a ceasefire now.",
        "Signed,",
        "Jane Roe, Acme",
        "Ola Poe, Initech",
        "Sam Loe, Globex",
        "Amal Doe, Umbrella",
        "Kim Soe, Hooli",
    ]
    rules = ["salutation", "body", "closing"] + ["signature"] * 5
    model = ["salutation", "body", "closing", "signature", "recipient", "recipient"]
    model += ["signature", "signature"]
    assert _repaired(lines, rules, model)[3:] == ["signature"] * 5
    # a second letter's labelled address block after the first letter's signatures stays
    second = [*lines[:4], "To: The Harbour Board", "Dear Board members,", "We write again."]
    rules2 = ["salutation", "body", "closing", "signature", "recipient", "salutation", "body"]
    assert _repaired(second, rules2, list(rules2))[4] == "recipient"


def test_grammar_takes_no_sentence_for_a_salutation_unless_a_greeting_is_in_it():
    lines = [
        "Dear Minister,",
        "The police detained three activists in January and have held them since then.",
        "Release the three activists immediately and unconditionally and drop all charges;",
        "Sincerely,",
    ]
    rules = ["salutation", "body", "body", "closing"]
    model = ["salutation", "body", "salutation", "closing"]
    assert _repaired(lines, rules, model)[2] is None  # the rules' label (body) stands
    glued = ["The groups below refuse the meeting with the minister in June.Monsieur le ministre,"]
    assert _repaired(glued, ["body"], ["salutation"]) == ["salutation"]


def test_grammar_reads_an_address_line_alone_amid_page_furniture_as_furniture():
    lines = ["Menu", "Gallery", "Ocean Health", "Culture", "Dear Minister,", "We write."]
    rules = ["chrome", "chrome", "chrome", "chrome", "salutation", "body"]
    model = ["chrome", "chrome", "recipient", "chrome", "salutation", "body"]
    assert _repaired(lines, rules, model)[2] == "chrome"
    kept = ["Menu", "To: The Harbour Board", "Culture", "Dear Board members,", "We write."]
    model2 = ["chrome", "recipient", "chrome", "salutation", "body"]
    assert _repaired(kept, ["chrome"] * 3 + ["salutation", "body"], model2)[1] == "recipient"


def test_grammar_reads_a_greeting_glued_to_the_end_of_an_intro_line_as_the_salutation():
    lines = [
        "The groups below refuse the meeting with the minister in June.Madame la Ministre,",
        "Nous avons bien reçu votre courrier du 27 mai et nous vous en remercions vivement.",
        "La date retenue nous paraît peu opportune pour un dialogue serein entre nous.",
    ]
    rules = ["body", "body", "body"]
    assert _repaired(lines, rules, ["chrome", "body", "body"])[0] == "salutation"


def test_grammar_reads_a_name_and_a_timestamp_after_the_text_as_the_pages_post_stamp():
    lines = [
        "Dear Minister,",
        "We ask you to meet the union this week.",
        "Jo Bloggs,",
        "3 Mar 2019, 19:33",
    ]
    rules = ["salutation", "body", "body", "body"]
    model = ["salutation", "body", "signature", "signature"]
    assert _repaired(lines, rules, model)[2:] == ["chrome", "chrome"]
    dated = [
        "Dear Minister,",
        "We ask you to meet the union.",
        "Sincerely,",
        "Jo Bloggs",
        "3 March 2019",
    ]
    labels = ["salutation", "body", "closing", "signature", "signature"]
    assert _repaired(dated, labels, labels)[3:] == ["signature", "signature"]  # a day, no time


def test_grammar_reads_a_lone_signature_above_a_letter_without_salutation_as_its_title():
    lines = [
        "Save the Valley",
        "To the Regional Council:",
        "We ask you to stop the quarry.",
        "The quarry would destroy the river and the valley's farms.",
    ]
    rules = ["body", "recipient", "body", "body"]
    model = ["signature", "recipient", "body", "body"]
    assert _repaired(lines, rules, model)[0] == "title"
    listed = ["Signed by:", "Valley Friends", "River Trust", "We ask you to stop the quarry."]
    model2 = ["signature-heading", "signature", "signature", "body"]
    assert _repaired(listed, ["body"] * 4, model2)[:3] == model2[:3]  # a list above is kept


def test_grammar_reads_an_honorific_led_name_after_an_unsigned_letter_as_its_signer():
    lines = [
        "Dear Colleague,",
        "We ask every hospital to publish its carbon footprint this year.",
        "Add your name to this letter",
        "Dr Jane Q (Jo) Roe, Bristol, UK",
        "Image credit: A. Photographer",
    ]
    rules = ["salutation", "body", "body", "body", "body"]
    model = ["salutation", "body", "chrome", "chrome", "chrome"]
    assert _repaired(lines, rules, model)[2:] == ["chrome", "signature", "chrome"]
    unsigned = [*lines[:3], "Bristol Climate Group meeting notes", "Image credit: A. Photographer"]
    assert "signature" not in _repaired(unsigned, rules, model)


def test_grammar_reads_a_list_the_model_calls_furniture_as_signatures_where_the_rules_do():
    lines = [
        "We demand that the government release the activists.",
        "Signed by:",
        "Harbour Workers Union",
        "海港工人工会",
        "Coastal Safety Network",
        "沿海安全网络",
        "River Health Centre",
        "河流健康中心",
    ]
    rules = ["body", "closing"] + ["signature"] * 6
    model = ["body", "chrome", "chrome", "chrome", "chrome", "footnote", "signature", "footnote"]
    assert _repaired(lines, rules, model)[1:] == ["signature-heading"] + ["signature"] * 6
    furniture = ["chrome"] * 6
    rules2 = ["body", "closing"] + furniture  # the rules call them page furniture too
    assert _repaired(lines, rules2, ["body", "chrome", *furniture])[2:] == furniture


def test_grammar_reads_a_bare_name_before_the_next_letters_title_as_the_first_letters_signer():
    lines = [
        "The new harbour wall protects the town and cost less than the old plan did.",
        "",
        "Jane Q. Roe",
        "",
        "Bus routes need a rethink",
        "",
        "The number 12 bus has run late every morning this winter, and nobody answers.",
    ]
    rules = ["body", None, "body", None, "body", None, "body"]
    model = ["body", None, "body", None, "title", None, "body"]
    assert _repaired(lines, rules, model)[2] == "signature"
    ongoing = [*lines[:2], "The council agreed.", *lines[3:]]  # a sentence, not a name
    assert _repaired(ongoing, rules, model)[2] == "body"


def test_grammar_reads_a_comment_feed_and_its_heading_as_page_furniture():
    lines = [
        "Dear Councillors,",
        "We ask you to fund the river clean-up this year.",
        "Recent supporters",
        "The river was clean when I was a child, and it can be again.",
        "Ana 2019-03-08 09:12:51 +0200",
        "Please act now.",
        "Ben 2019-03-07 17:40:05 +0200",
        "Cy 2019-03-06 08:03:44 +0200",
    ]
    rules = ["salutation"] + ["body"] * 7
    model = ["salutation", "body", "body", "body", "chrome", "body", "chrome", "chrome"]
    assert _repaired(lines, rules, model) == ["salutation", "body"] + ["chrome"] * 6
    two = lines[:7]  # two stamps are no feed
    assert _repaired(two, rules[:7], model[:7])[3] == "body"


def test_grammar_fills_the_gaps_of_a_signature_wall_with_name_led_cards():
    firsts, lasts = ("Ana", "Ben", "Cy", "Di", "Ed"), ("Roe", "Poe", "Doe", "Moe", "Loe")
    names = [f"{a} {b}, Example Labs" for a in firsts for b in lasts]
    gap = [
        f"{a} Park, Acme Inc, It did not start this year" for a in ("Jo", "Kim", "Lu", "Mo", "Ned")
    ]
    head = ["Dear Board,", "We ask you to divest.", "Signed,"]
    lines = [*head, *names[:10], *gap, *names[10:]]
    rules = ["salutation", "body", "closing"] + ["signature"] * 10 + ["chrome"] * 5
    rules += ["signature"] * 15
    model = rules[:13] + ["title", "body", "chrome", "chrome", "chrome"] + rules[18:]
    assert _repaired(lines, rules, model)[13:18] == ["signature"] * 5
    short = [*head, *names[:4], *gap, *names[4:8]]  # eight signatures are no wall
    short_rules = rules[:7] + rules[13:18] + ["signature"] * 4
    short_model = rules[:7] + model[13:18] + ["signature"] * 4
    assert _repaired(short, short_rules, short_model)[7:12] == model[13:18]


def test_grammar_reads_a_letters_page_of_titled_letters_signed_by_bare_names():
    lines = [
        "The harbour wall protects the town, and it cost less than the old plan did.",
        "",
        "Jane Q. Roe",
        "",
        "Bus routes need a rethink",
        "",
        "The number 12 bus has run late every morning this winter, and nobody answers.",
        "",
        "John Doe",
    ]
    rules = ["body", None, "body", None, "body", None, "body", None, "body"]
    repaired = _repaired(lines, rules, rules)
    assert [repaired[i] for i in (2, 4, 8)] == ["signature", "title", "signature"]


def test_grammar_reads_a_headline_the_model_calls_the_address_block_as_the_title():
    lines = [
        "Support efforts to save the reef",
        "The reef is dying and the council has done nothing at all.",
    ]
    assert _repaired(lines, ["title", "body"], ["recipient", "body"])[0] == "title"
    addressed = [
        "The Minister of Health",
        "The reef is dying and the council has done nothing at all.",
    ]
    assert _repaired(addressed, ["recipient", "body"], ["recipient", "body"])[0] == "recipient"


def test_grammar_reads_a_stamp_the_model_calls_text_after_the_letter_as_furniture():
    lines = ["We ask you to meet the union this week.", "Jo Bloggs,", "3 Mar 2019, 19:33"]
    assert _repaired(lines, ["body"] * 3, ["body", "signature", "body"])[1:] == ["chrome", "chrome"]


def test_grammar_takes_the_rules_dateline_above_the_text_when_the_model_finds_no_date():
    lines = [
        "Scientists urge action",
        "2020-01-30",
        "We write as researchers about the fires this summer.",
    ]
    rules = ["title", "date", "body"]
    assert _repaired(lines, rules, ["title", "chrome", "body"])[1] == "date"
    crawl = [
        "Monday | March 4, 2019",
        "May 9, 2016",
        "We write as researchers about the fires.",
    ]
    assert _repaired(crawl, ["chrome", "date", "body"], ["chrome", "date", "body"])[0] == "chrome"


def test_grammar_reads_a_list_of_addressees_the_model_calls_the_title_as_the_recipient():
    lines = [
        "Acme Bank, Globex Trust, and Initech Capital",
        "Banks are funding new coal mines with our savings.",
    ]
    assert _repaired(lines, ["recipient", "body"], ["title", "body"])[0] == "recipient"
    named = ["Builders for Peace and Justice", "Banks are funding new coal mines with our savings."]
    assert _repaired(named, ["recipient", "body"], ["title", "body"])[0] == "title"  # one name


def test_grammar_reads_a_title_atop_the_address_block_as_the_title():
    lines = [
        "Open Letter to the Harbour Board",
        "",
        "The Harbour Board",
        "1 Quay Street",
        "",
        "Dear Board members,",
        "We write about the quay.",
    ]
    rules = ["recipient", None, "recipient", "recipient", None, "salutation", "body"]
    assert _repaired(lines, rules, rules)[:4] == ["title", None, "recipient", "recipient"]
    joined = [lines[0], *lines[2:]]  # no blank line: one address block
    assert _repaired(joined, [rules[0], *rules[2:]], [rules[0], *rules[2:]])[0] == "recipient"


def test_grammar_reads_a_list_under_a_long_announcing_line_as_signatures():
    lines = [
        "We ask you to restore the right of asylum at every border.",
        "List of the first organisations that have already endorsed this joint letter:",
        "• Harbour Aid International,",
        "• Valley Refugee Council,",
        "• Emergency,",
    ]
    rules = ["body"] * 5
    model = ["body", "body", "list-item", "list-item", "list-item"]
    assert _repaired(lines, rules, model)[1:] == ["signature-heading"] + ["signature"] * 3


def test_grammar_reads_a_row_of_page_widgets_as_furniture_whatever_the_model_says():
    lines = [
        "Share: Facebook Twitter LinkedIn Email",
        "The Minister of Health",
        "Dear Minister,",
        "We write.",
    ]
    rules = ["recipient", "recipient", "salutation", "body"]
    assert _repaired(lines, rules, rules)[:2] == ["chrome", "recipient"]


def test_grammar_reads_the_headline_under_a_kind_of_text_title_as_the_title():
    lines = [
        "JOINT STATEMENT",
        "The Regional Council must reopen the valley's clinics this winter",
        "Lyon, 2 March 2020",
        "We, the undersigned, call on the council.",
    ]
    rules = ["title", "chrome", "date", "body"]
    assert _repaired(lines, rules, rules)[:2] == ["title", "title"]
    named = ["Valley Clinics Letter", *lines[1:]]  # a title of its own: the line below stays
    assert _repaired(named, rules, rules)[1] == "chrome"


def test_grammar_reads_a_sentence_under_the_title_as_the_standfirst():
    lines = [
        "Open letter to the Mayor",
        "On the day of action for the valley's farmers we wrote to the mayor.",
        "Dear Mayor,",
        "We write.",
    ]
    rules = ["title", "title", "salutation", "body"]
    assert _repaired(lines, rules, rules)[:2] == ["title", "chrome"]
    subtitle = ["Open letter to the Mayor", "The valley's farms need water now", *lines[2:]]
    assert _repaired(subtitle, rules, rules)[:2] == ["title", "title"]  # no sentence
