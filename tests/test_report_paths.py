"""Reports are made to be passed on: they name the corpus folder and letter files, never the
absolute paths that would tell their readers the user's name and folder layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import cli

LETTER = (
    "Open letter to the Minister of {topic}\n\n{day} May 2021\n\nDear Minister,\n\n"
    "We urge you to protect the {topic} of the northern region and to publish the budget.\n\n"
    "Sincerely,\n\nGroup {day}, Kenya\n"
)


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "home-of-ana" / "my-letter-folder"
    folder.mkdir(parents=True)
    for day, topic in ((3, "rivers"), (4, "forests"), (5, "rivers and forests")):
        text = LETTER.format(topic=topic, day=day)
        (folder / f"letter-{day}.txt").write_text(text, encoding="utf-8")
    return folder


def test_the_corpus_report_names_the_folder_not_its_path(corpus, tmp_path):
    target = tmp_path / "corpus.html"
    args = ["--corpus", str(corpus), "report", "corpus", "--format", "html", "-o", str(target)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert "my-letter-folder" in html
    assert str(corpus.parent) not in html and "home-of-ana" not in html


def test_the_pdf_metadata_and_first_page_name_the_folder_not_its_path(corpus, tmp_path):
    from pypdf import PdfReader

    target = tmp_path / "corpus.pdf"
    args = ["--corpus", str(corpus), "report", "corpus", "-o", str(target)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    reader = PdfReader(target)
    metadata = " ".join(str(value) for value in (reader.metadata or {}).values())
    if reader.xmp_metadata is not None:  # the PDF/UA variant repeats it as XMP
        metadata += reader.xmp_metadata.stream.get_data().decode("utf-8")
    assert "my-letter-folder" in metadata
    assert "home-of-ana" not in metadata and str(tmp_path) not in metadata
    first_page = reader.pages[0].extract_text()
    assert "my-letter-folder" in first_page and "home-of-ana" not in first_page


def test_a_draft_given_by_its_path_is_named_by_its_file_in_the_check_report(corpus, tmp_path):
    draft = tmp_path / "drafts-of-ana" / "draft.txt"
    draft.parent.mkdir()
    draft.write_text(LETTER.format(topic="rivers", day=9), encoding="utf-8")
    target = tmp_path / "check.html"
    args = ["--corpus", str(corpus), "check", str(draft), "--format", "html", "-o", str(target)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert "draft.txt" in html and "drafts-of-ana" not in html
