"""The draft check: drafts made by editing the seeds' text, checked against the seeds."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from compare.check import (
    CheckResult,
    MissingPassage,
    ParagraphIndex,
    acronym,
    check_draft,
    check_json,
)
from compare.checkview import CheckReportContext, check_context, check_summary
from compare.comparison import SignatoryChanges
from compare.corpus import read_letters
from compare.models import LetterRef
from compare.rendering.context import table_name
from compare.rendering.engine import render_html, template_environment, write_report
from compare.worddiff import rebuild

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NEW_PARAGRAPH = (
    "We also call on the Human Rights Council to renew the mandate of the Special Rapporteur "
    "and to open a field office that gathers evidence of these crimes for future prosecutions."
)


def seed_text(number: str) -> str:
    return next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")


def edit(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must occur exactly once) replaced by ``new``."""
    assert text.count(old) == 1, f"not exactly once in the seed: {old!r}"
    return text.replace(old, new)


def write_docx(text: str, path: Path) -> Path:
    """The text as a Word file: one docx paragraph per non-empty line."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line)
    document.save(str(path))
    return path


def read_draft(text: str, tmp_path: Path, taxonomy, fmt: str = "txt", part: int = 1):
    path = tmp_path / f"draft.{fmt}"
    if fmt == "docx":
        write_docx(text, path)
    else:
        path.write_text(text, encoding="utf-8")
    return read_letters(path, taxonomy)[part - 1]


def statuses(result: CheckResult) -> list[str]:
    return [p.status for p in result.passages]


def kinds(result: CheckResult) -> list[str]:
    return [w.kind for w in result.warnings]


# --------------------------------------------------------------------------- one base letter


def edited_000() -> str:
    """Seed 000 with a new date, one paragraph reworded, one deleted, one new paragraph with a
    new ask, one signatory removed and one added."""
    text = seed_text("000")
    deleted = text.split("\n\n")[6]
    assert deleted.startswith("The Commission of Inquiry studied")
    text = edit(text, "New York, 10 November 2014", "New York, 24 November 2014")
    text = edit(
        text,
        "Special Rapporteur Darusman has proposed that Member States take",
        "Special Rapporteur Darusman has recommended that Member States adopt",
    )
    text = edit(text, "on the one hand, taking steps", "first, taking concrete steps")
    text = edit(text, "and on the other hand, encouraging", "and second, encouraging")
    text = edit(text, deleted + "\n\n", "")
    text = edit(
        text,
        "\n\nThis approach is the best way",
        f"\n\n{NEW_PARAGRAPH}\n\nThis approach is the best way",
    )
    return edit(text, "Human Rights Watch\n", "Transitional Justice Working Group (TJWG)\n")


@pytest.fixture(scope="module", params=["txt", "docx"])
def edited(request, tmp_path_factory, taxonomy, seeds_corpus):
    draft = read_draft(edited_000(), tmp_path_factory.mktemp("d"), taxonomy, request.param)
    return draft, check_draft(draft, seeds_corpus.letters)


def test_an_edited_letter_reports_exactly_its_edits(edited, seed_letters):
    draft, result = edited
    base = seed_letters["000#1"]
    assert draft.date == "2014-11-24"
    assert result.nearest[0].letter.key == base.key
    assert result.nearest[0].score > 0.5 > result.nearest[1].score
    assert statuses(result) == [
        "reused",
        "reused",
        "changed",
        "reused",
        "reused",
        "reused",
        "reused",
        "new",
        "reused",
    ]
    ref = LetterRef.of(base)
    for passage in result.passages:
        if passage.status != "new":
            assert (passage.origin, passage.also_in) == (ref, ())
        if passage.status == "reused":
            assert passage.origin_text == passage.text
            assert passage.diff == (("=", passage.text),)
    changed = result.passages[2]
    assert changed.origin_text == base.paragraphs[3].text
    assert rebuild(list(changed.diff), "a") == changed.origin_text
    assert rebuild(list(changed.diff), "b") == changed.text
    assert [t for op, t in changed.diff if op == "-"] == [
        "proposed",
        "take",
        "on the one hand",
        "on the other hand",
    ]
    assert [t for op, t in changed.diff if op == "+"] == [
        "recommended",
        "adopt",
        "first",
        "concrete ",
        "second",
    ]
    new = result.passages[7]
    assert (new.text, new.origin, new.origin_text, new.diff) == (NEW_PARAGRAPH, None, None, ())
    assert result.missing == (MissingPassage(ref, base.paragraphs[1].text),)
    assert [(a.status, a.verb_change) for a in result.asks] == [("carried", None)] * 4 + [
        ("new", None)
    ]
    assert result.asks[4].text == NEW_PARAGRAPH and result.asks[4].precedents == ()
    for ask, before in zip(result.asks[:4], base.asks, strict=True):
        assert [(p.letter.key, p.text, p.verb) for p in ask.precedents] == [
            (base.key, before.text, before.verb)
        ]
    signatories = result.signatories
    assert (signatories.only_b, signatories.only_a, signatories.renamed) == (
        ("Transitional Justice Working Group (TJWG)",),
        ("Human Rights Watch",),
        (),
    )
    assert result.warnings == ()


def test_an_unchanged_copy_is_all_reuse(tmp_path, taxonomy, seeds_corpus):
    draft = read_draft(seed_text("000"), tmp_path, taxonomy)
    result = check_draft(draft, seeds_corpus.letters)
    assert set(statuses(result)) == {"reused"}
    assert result.missing == () and result.warnings == ()
    assert {a.status for a in result.asks} == {"carried"}
    assert not result.signatories.changed


def test_the_json_has_the_documented_shape(edited):
    _, result = edited
    data = json.loads(json.dumps(check_json(result), ensure_ascii=False))
    assert list(data) == [
        "draft",
        "sources",
        "nearest",
        "passages",
        "missing",
        "asks",
        "signatories",
        "warnings",
        "signatories_against",
    ]
    assert data["draft"]["date"] == "2014-11-24" and "paragraphs" in data["draft"]
    assert data["sources"] == {"until": "2014-11-24", "later_left_out": 4, "any_date": False}
    letter_ref = {"key", "source", "part", "date", "recipient"}
    assert set(data["nearest"][0]) == {"letter", "score", "shared_terms"}
    assert set(data["nearest"][0]["letter"]) == letter_ref
    passage_keys = {"text", "status", "origin", "origin_text", "diff", "also_in"}
    assert all(set(p) == passage_keys for p in data["passages"])
    assert set(data["passages"][0]["origin"]) == letter_ref
    assert data["passages"][7]["origin"] is None
    assert data["passages"][2]["diff"][1] == ["-", "proposed"]
    assert set(data["missing"][0]) == {"letter", "text"}
    assert set(data["asks"][0]) == {
        "text",
        "status",
        "verb_change",
        "precedents",
        "lineage",
        "verb",
    }
    assert data["asks"][0]["verb"] == result.draft.asks[0].verb
    assert set(data["asks"][0]["precedents"][0]) == {"letter", "text", "verb", "match"}
    assert set(data["signatories"]) == {"common", "only_a", "only_b", "renamed"}
    assert data["signatories_against"] == data["nearest"][0]["letter"]  # the base letter


def test_summary_names_the_counts_and_changes(edited, seed_letters):
    _, result = edited
    text = check_summary(result)
    key = seed_letters["000#1"].key
    assert f"0.825  {key}" in text
    assert "Passages: 7 reused, 1 changed, 1 new" in text
    assert "¶3 changed from" in text and "¶8 new" in text
    assert f"Missing from {key}: 1 paragraph" in text
    assert "Asks: 4 carried, 0 reworded, 1 new, 0 dropped" in text
    assert "+ Transitional Justice Working Group (TJWG)" in text
    assert "- Human Rights Watch" in text
    assert "Warnings: none" in text


# --------------------------------------------------------------------------- several sources


def test_a_stitched_draft_credits_each_paragraph_to_its_own_letter(
    tmp_path, taxonomy, seeds_corpus, seed_letters
):
    from_004 = seed_letters["004#1"].paragraphs[8].text
    from_001 = seed_letters["001#1"].paragraphs[6].text
    shared_002 = seed_letters["002#1"].paragraphs[5].text  # in both letters of file 002
    from_000 = seed_letters["000#1"].paragraphs[5].text
    reworded_000 = edit(from_000, "invites future cooperation", "asks for cooperation")
    reworded_000 = edit(reworded_000, "North Korean officials", "officials in Pyongyang")
    new = (
        "We ask the Council to hold a dedicated session on enforced disappearances and to "
        "publish a report on the families still waiting for news of their relatives."
    )
    text = "\n\n".join(
        [
            "Open letter to the Human Rights Council on accountability",
            "March 3, 2024",
            "Dear Members of the Council,",
            from_004,
            from_001,
            shared_002,
            reworded_000,
            new,
            "Sincerely,",
            "Stepping Stone / UK\nJubilee Campaign / USA",
        ]
    )
    draft = read_draft(text, tmp_path, taxonomy)
    result = check_draft(draft, seeds_corpus.letters)
    assert statuses(result) == ["reused", "reused", "reused", "changed", "new"]
    sources = [p.origin.key if p.origin else None for p in result.passages]
    assert sources[0] == seed_letters["004#1"].key
    assert sources[1] == seed_letters["001#1"].key
    assert sources[3] == seed_letters["000#1"].key
    both = {seed_letters["002#1"].key, seed_letters["002#2"].key}
    assert {sources[2]} | {o.key for o in result.passages[2].also_in} == both
    assert [o.date for o in result.passages[2].also_in] == ["2020-10-14"]
    assert result.missing == ()  # no earlier letter is a near-duplicate: no base

    # With no nearest letter compared in full, the word index alone finds the changed source.
    alone = check_draft(draft, seeds_corpus.letters, top=0)
    assert alone.nearest == ()
    assert [(p.status, p.origin) for p in alone.passages] == [
        (p.status, p.origin) for p in result.passages
    ]


def test_the_most_recent_letter_is_the_source_and_older_ones_also_hold_it(
    tmp_path, taxonomy, seeds_corpus, seed_letters
):
    old = seed_letters["004#1"]
    paragraph = old.paragraphs[8].text
    later = dataclasses.replace(
        seed_letters["001#1"],
        key="2023-01-01-later",
        date="2023-01-01",
        paragraphs=(*seed_letters["001#1"].paragraphs[:2], old.paragraphs[8]),
    )
    text = f"Open letter\n\nMay 5, 2024\n\nDear Friends,\n\n{paragraph}\n\nSincerely,\n\nGroup A\n"
    draft = read_draft(text, tmp_path, taxonomy)
    result = check_draft(draft, [*seeds_corpus.letters, later])
    [passage] = result.passages
    assert passage.origin.key == "2023-01-01-later"
    assert [(o.key, o.date) for o in passage.also_in] == [(old.key, old.date)]


# --------------------------------------------------------------------------- warnings


def test_stale_copy_names_the_kept_next_year_and_the_old_meeting_date(
    tmp_path, taxonomy, seeds_corpus, seed_letters
):
    source = seed_letters["001#1"].key
    text = edit(seed_text("001"), "December 5, 2022", "December 5, 2023")
    result = check_draft(read_draft(text, tmp_path, taxonomy), seeds_corpus.letters)
    stale = [w for w in result.warnings if w.kind == "stale-copy"]
    next_year = [w for w in stale if '"Next year"' in w.text]
    assert len(next_year) == 1 and source in next_year[0].text
    assert next_year[0].detail.startswith("Next year marks the 10th anniversary")
    december = [w for w in stale if '"December 2022"' in w.text]
    assert len(december) == 1 and "2023-12-05" in december[0].text
    assert "accountability in December 2022" in december[0].detail
    assert set(kinds(result)) == {"stale-copy"}

    same_year = check_draft(read_draft(seed_text("001"), tmp_path, taxonomy), seeds_corpus.letters)
    assert same_year.warnings == ()


def test_a_changed_date_after_the_draft_is_named_twice(tmp_path, taxonomy, seeds_corpus):
    text = edit(seed_text("001"), "on 16 November 2022", "on 16 November 2023")
    text = edit(text, "for the past four years", "for the past 5 years")
    result = check_draft(read_draft(text, tmp_path, taxonomy), seeds_corpus.letters)
    assert kinds(result) == ["changed-number", "changed-number", "date-after-draft"]
    numbers = [w.text for w in result.warnings[:2]]
    assert "¶5" in numbers[0] and numbers[0].endswith(": — → 5")
    assert "¶8" in numbers[1] and "16 November 2022 → 16 November 2023" in numbers[1]
    after = result.warnings[2]
    assert "16 November 2023" in after.text and "2022-12-05" in after.text
    assert "Third Committee on 16 November 2023" in after.detail


def test_a_draft_addressing_another_letters_recipient_is_warned(
    tmp_path, taxonomy, seeds_corpus, seed_letters
):
    original = read_letters(SEEDS / next(SEEDS.glob("002_*.txt")).name, taxonomy)
    for letter in original:
        assert "recipient-mismatch" not in kinds(check_draft(letter, seeds_corpus.letters))
    text = edit(
        seed_text("002"),
        "to urge the European Union to make every effort",
        "to urge the UN General Assembly to make every effort",
    )
    draft = read_draft(text, tmp_path, taxonomy, part=2)
    assert draft.recipient == "Josep Borrell Fontelles"
    result = check_draft(draft, seeds_corpus.letters)
    [warning] = [w for w in result.warnings if w.kind == "recipient-mismatch"]
    assert '¶1 addresses "UN General Assembly"' in warning.text
    assert seed_letters["002#1"].key in warning.text
    assert "Josep Borrell Fontelles" in warning.text
    assert "urge the UN General Assembly" in warning.detail


def test_a_salutation_naming_another_recipient_is_warned(tmp_path, taxonomy, seeds_corpus):
    text = edit(seed_text("004"), "Secretary of State John F. Kerry", "Ambassador Jane Roe")
    draft = read_draft(text, tmp_path, taxonomy)
    assert draft.recipient == "Ambassador Jane Roe"
    result = check_draft(draft, seeds_corpus.letters)
    [warning] = [w for w in result.warnings if w.kind == "recipient-mismatch"]
    assert warning.text.startswith('the salutation addresses "Secretary Kerry"')


def test_acronyms_of_recipients():
    assert acronym("UN General Assembly") == "UNGA"
    assert acronym("European Union") == "EU"
    assert acronym("Secretary of State") == "SS"
    assert acronym("Parliament") is None


def test_a_duplicate_signatory_of_the_draft_is_warned(taxonomy, seeds_corpus):
    [draft] = read_letters(next(SEEDS.glob("003_*.txt")), taxonomy)
    result = check_draft(draft, seeds_corpus.letters)
    [warning] = [w for w in result.warnings if w.kind == "duplicate-signatory"]
    assert warning.detail == "Now Action & Unity for Human Rights (NAUH)"


# --------------------------------------------------------------------------- index
# (the time of a check is printed by tests/benchmarks/seeds.py, not asserted here)


def test_a_prebuilt_index_gives_the_same_result_and_must_match_the_corpus(edited, seeds_corpus):
    draft, result = edited
    index = ParagraphIndex.build(seeds_corpus.letters)
    assert check_draft(draft, seeds_corpus.letters, index=index) == result
    with pytest.raises(ValueError):
        check_draft(draft, seeds_corpus.letters[1:], index=index)


def test_no_corpus_means_everything_is_new(edited):
    draft, _ = edited
    result = check_draft(draft, [])
    assert set(statuses(result)) == {"new"}
    assert result.nearest == () and result.missing == ()
    assert {a.status for a in result.asks} == {"new"}
    assert result.signatories == SignatoryChanges((), (), (), ())


# --------------------------------------------------------------------------- report


def _template_variables(name: str) -> set[str]:
    from jinja2 import meta

    environment = template_environment()
    found: set[str] = set()
    for template in (name, "base.html"):
        source = environment.loader.get_source(environment, template)[0]
        found |= meta.find_undeclared_variables(environment.parse(source))
    source = environment.loader.get_source(environment, name)[0]
    local = set(re.findall(r"{%\s*(?:set|from \S+ import)\s+([\w, ]+?)\s*(?:=|%})", source))
    local = {n.strip() for names in local for n in names.split(",")}
    return found - local - {"page_size", "font_warning"}


def test_the_check_template_reads_exactly_its_context():
    fields = {f.name for f in dataclasses.fields(CheckReportContext)}
    assert _template_variables("check.html") == fields


def test_the_report_shows_provenance_redline_asks_signatories(edited, seed_letters, tmp_path):
    _, result = edited
    context = check_context(result, today="2024-01-02")
    html = render_html("check.html", context)
    origin = seed_letters["000#1"]
    rows = html.split("<tr")
    changed = next(row for row in rows if "<del>proposed</del>" in row)
    assert "<ins>recommended</ins>" in changed and 'class="op">changed' in changed
    # the source letter is named by recipient and date, never by its key
    assert table_name(origin) in changed and origin.key not in changed
    assert any('class="op">new' in row and NEW_PARAGRAPH in row for row in rows)
    assert html.count('class="op">reused') == 7
    assert "<ins>Transitional Justice Working Group (TJWG)</ins>" in html
    assert "<del>Human Rights Watch</del>" in html
    assert "Left out from the base letter" in html and "studied the North Korean" in html

    target = write_report("check.html", context, tmp_path / "check.pdf")
    text = " ".join(page.extract_text() or "" for page in PdfReader(target).pages)
    assert "Where each paragraph comes from" in text and "2024-01-02" in text


# --- the check command -----------------------------------------------------------------------


def _cli_check(*args, stdin=None):
    from click.testing import CliRunner

    from compare.cli import cli

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    return CliRunner().invoke(cli, ["--corpus", str(seeds), "check", *args], input=stdin)


def test_check_command_prints_the_json_of_the_check(tmp_path):
    draft = tmp_path / "draft.txt"
    source = Path(__file__).resolve().parent.parent / "seeds" / "001_1deb3327b10af269.txt"
    draft.write_text(
        source.read_text(encoding="utf-8").replace("December 5, 2022", "December 5, 2023"),
        encoding="utf-8",
    )
    result = _cli_check(str(draft), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)  # the shape itself: test_the_json_has_the_documented_shape
    assert data["draft"]["key"] == "draft-draft"
    assert data["nearest"][0]["letter"]["key"] == "2022-12-05-un-security-council-member-states"
    assert any(w["kind"] == "stale-copy" and "Next year" in w["text"] for w in data["warnings"])


def test_check_reads_a_draft_from_standard_input_and_writes_its_report(tmp_path):
    target = tmp_path / "check.pdf"
    text = (
        "Dear Minister,\n\nWe urge you to release all political prisoners now.\n\n"
        "Sincerely,\nA Org\n"
    )
    result = _cli_check("-", "-o", str(target), stdin=text)
    assert result.exit_code == 0, result.output
    assert "Passages: 0 reused, 0 changed, 1 new" in result.output
    assert target.exists() and "Draft check" in PdfReader(target).pages[0].extract_text()


def test_check_of_a_missing_draft_is_a_one_line_error(tmp_path):
    result = _cli_check(str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert " ".join(result.output.split()).endswith("nope.txt: no such file")


def test_a_check_straight_from_the_cache_equals_a_check_of_the_loaded_corpus(tmp_path, taxonomy):
    import shutil

    from compare.cache import Cache
    from compare.pipeline import check_against, open_cache

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    folder = tmp_path / "corpus"
    shutil.copytree(seeds, folder)
    for number in range(20):  # letters on other subjects, which the check never needs whole
        (folder / f"other_{number:02d}.txt").write_text(
            f"Open letter to the Mayor\n\n{number + 1} May 2021\n\nDear Mayor,\n\n"
            f"We ask you to repair bridge number {number} before the floods of autumn.\n\n"
            "Sincerely,\n\nRiver Society\n",
            encoding="utf-8",
        )
    draft_path = tmp_path / "draft.txt"
    text = (seeds / "001_1deb3327b10af269.txt").read_text(encoding="utf-8")
    draft_path.write_text(text.replace("December 5, 2022", "December 5, 2023"), encoding="utf-8")
    (draft,) = read_letters(draft_path, taxonomy)
    draft = dataclasses.replace(draft, key="draft-x")
    cache = open_cache(tmp_path / "cache")
    expected, loaded = check_against(draft, folder, taxonomy, None)
    assert loaded is not None  # without a cache the corpus is loaded
    first, loaded = check_against(draft, folder, taxonomy, cache)
    assert first == expected and loaded is None  # the letter store was built, not a corpus

    reads: list[str] = []
    original_get = Cache.get

    def counting_get(self, kind, digest):
        reads.append(kind)
        return original_get(self, kind, digest)

    Cache.get = counting_get
    try:
        result, loaded = check_against(draft, folder, taxonomy, cache)
    finally:
        Cache.get = original_get
    assert result == expected
    assert loaded is None
    assert "corpus" not in reads  # the whole corpus is never read
    assert "letters" not in reads  # the store holds the few letters the check reads
