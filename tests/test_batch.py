"""``batch``: one report per letter family, resumable, skipping what is current, and
stopping cleanly on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from campaigns import campaign_letter, write_campaign, write_single
from click.testing import CliRunner
from messages import messages

from compare.batchmanifest import MANIFEST, read_manifest
from compare.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def two_families(folder: Path) -> Path:
    """A corpus of two families (3 letters on rivers, 2 on libraries) and one singleton."""
    folder.mkdir(parents=True, exist_ok=True)
    write_campaign(folder, "rivers", 3, "rivers")
    write_campaign(folder, "libraries", 2, "libraries", days=[14, 15])
    write_single(folder, "roads", "roads.txt")
    return folder


def batch(corpus: Path, out: Path, *options: str):
    return CliRunner().invoke(
        cli, ["--corpus", str(corpus), "batch", "--out", str(out), "--format", "html", *options]
    )


def outputs(out: Path) -> dict[str, int]:
    """Output file names and their modification times (ns)."""
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name != MANIFEST}


def test_batch_writes_one_report_per_family_the_corpus_report_and_the_data(tmp_path):
    corpus = two_families(tmp_path / "letters")
    out = tmp_path / "out"
    result = batch(corpus, out)
    assert result.exit_code == 0, result.output
    families = sorted(n for n in outputs(out) if n.startswith("family-"))
    assert families == [
        "family-2021-05-03-minister-amara-okafor.html",
        "family-2021-05-14-minister-amara-okafor.html",
    ]
    assert sorted(outputs(out)) == sorted(
        [*families, "corpus.html", "letters.json", "similarity.csv"]
    )
    made = ["letters.json", "similarity.csv", "corpus.html", *families]
    assert result.stdout.splitlines() == [str(out / name) for name in made]
    assert "5 written, 0 skipped, 0 failed" in result.stderr
    report = (out / families[0]).read_text(encoding="utf-8")
    assert "Letter family: Open letter on the protection of rivers" in report
    assert report.count('<div class="variant">') == 2  # the base once, two variants
    corpus_report = (out / "corpus.html").read_text(encoding="utf-8")
    assert "Letter families" in corpus_report and families[1] in corpus_report


def test_a_rerun_writes_nothing_and_a_changed_letter_remakes_only_its_family(tmp_path):
    corpus = two_families(tmp_path / "letters")
    out = tmp_path / "out"
    assert batch(corpus, out).exit_code == 0
    first = outputs(out)
    again = batch(corpus, out)
    assert again.exit_code == 0 and again.stdout == ""
    assert "0 written, 5 up to date" in again.stderr
    assert outputs(out) == first

    (corpus / "libraries_01.txt").write_text(
        campaign_letter("libraries", "Minister Bruno Keller", 15, sentence=7), encoding="utf-8"
    )
    changed = batch(corpus, out)
    assert changed.exit_code == 0, changed.output
    made = {Path(line).name for line in changed.stdout.splitlines()}
    assert made == {
        "letters.json",
        "similarity.csv",
        "corpus.html",
        "family-2021-05-14-minister-amara-okafor.html",
    }
    assert (
        outputs(out)["family-2021-05-03-minister-amara-okafor.html"]
        == (first["family-2021-05-03-minister-amara-okafor.html"])
    )


def test_another_option_or_a_deleted_output_is_made_again(tmp_path):
    corpus = two_families(tmp_path / "letters")
    out = tmp_path / "out"
    assert batch(corpus, out).exit_code == 0
    (out / "corpus.html").unlink()
    assert [Path(x).name for x in batch(corpus, out).stdout.split()] == ["corpus.html"]
    lineage = batch(corpus, out, "--lineage")
    assert sorted(Path(x).name for x in lineage.stdout.split()) == sorted(
        n for n in outputs(out) if n.startswith("family-")
    )


def test_max_reports_leaves_the_other_families_for_the_next_run(tmp_path):
    corpus = two_families(tmp_path / "letters")
    out = tmp_path / "out"
    first = batch(corpus, out, "--max-reports", "1")
    assert first.exit_code == 0, first.output
    assert [n for n in outputs(out) if n.startswith("family-")] == [
        "family-2021-05-03-minister-amara-okafor.html"  # the larger family first
    ]
    assert "1 left for the next run (--max-reports)" in first.stderr
    second = batch(corpus, out, "--max-reports", "1")
    assert [Path(x).name for x in second.stdout.split()] == [
        "family-2021-05-14-minister-amara-okafor.html"
    ]
    assert "0 written" in batch(corpus, out, "--max-reports", "1").stderr


def test_the_report_of_a_family_that_is_gone_is_removed(tmp_path):
    corpus = two_families(tmp_path / "letters")
    out = tmp_path / "out"
    assert batch(corpus, out).exit_code == 0
    (corpus / "libraries_01.txt").unlink()  # the family of two is now a singleton
    result = batch(corpus, out)
    assert result.exit_code == 0, result.output
    gone = out / "family-2021-05-14-minister-amara-okafor.html"
    assert not gone.exists()
    assert f"removed {gone}" in result.stderr
    assert gone.name not in read_manifest(out)


def test_another_format_in_the_same_folder_removes_nothing(tmp_path):
    corpus = two_families(tmp_path / "letters")
    out = tmp_path / "out"
    assert batch(corpus, out).exit_code == 0
    html = set(outputs(out))
    result = CliRunner().invoke(
        cli, ["--corpus", str(corpus), "batch", "--out", str(out), "--max-reports", "0"]
    )
    assert result.exit_code == 0, result.output
    assert [Path(x).name for x in result.stdout.split()] == ["corpus.pdf"]
    assert set(outputs(out)) == html | {"corpus.pdf"}
    assert "removed" not in result.stderr


def test_a_damaged_manifest_means_everything_is_made_again(tmp_path):
    corpus = two_families(tmp_path / "letters")
    out = tmp_path / "out"
    assert batch(corpus, out).exit_code == 0
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    again = batch(corpus, out)
    assert again.exit_code == 0 and len(again.stdout.split()) == 5
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["format"] == 1


@pytest.mark.parametrize(
    "engine, jobs",
    [([], ["--jobs", "2"]), (["--engine", "dask", "--jobs", "2"], [])],
    ids=["local-pool", "dask-local-cluster"],
)
def test_ctrl_c_during_a_two_process_batch_stops_cleanly(tmp_path, engine, jobs):
    """SIGINT while two workers (local, or a Dask cluster's) render PDFs: exit 130, no
    traceback, the files written are listed and whole, no temporary file is left, and the
    next run makes only the rest."""
    if engine:
        pytest.importorskip("distributed")
    corpus = tmp_path / "letters"
    corpus.mkdir()
    for n, campaign in enumerate(["rivers", "libraries", "roads", "fisheries"]):
        write_campaign(corpus, campaign, 4, f"c{n}", days=[n + 1, n + 2, n + 3, n + 4])
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "compare", *engine, "--corpus", str(corpus), "batch"]
        + ["--out", str(out), *jobs],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    deadline = time.monotonic() + 120
    while not list(out.glob("family-*.pdf")) and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert "interrupted:" in stderr
    listed = [Path(line) for line in stdout.splitlines()]
    assert listed and all(path.stat().st_size > 0 for path in listed)
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != MANIFEST]
    assert leftovers == []
    made = {p.name for p in out.iterdir() if p.name != MANIFEST}
    assert made == {path.name for path in listed}  # nothing unlisted, nothing partial
    assert len([n for n in made if n.startswith("family-")]) < 4  # it did stop early

    rest = CliRunner().invoke(cli, ["--corpus", str(corpus), "batch", "--out", str(out)])
    assert rest.exit_code == 0, rest.output
    remade = {Path(x).name for x in rest.stdout.split()}
    assert remade and not remade & made
    assert len([n for n in outputs(out) if n.startswith("family-")]) == 4


def pdf_text(path: Path) -> list[str]:
    """The text of each page of a PDF (pypdf)."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def same_outputs(here: Path, there: Path) -> list[str]:
    """Assert two batch folders hold the same outputs — the same file names, the same bytes
    for data and HTML, the same text page by page for PDFs — and return their names."""
    names = sorted(outputs(here))
    assert sorted(outputs(there)) == names
    for name in names:
        if name.endswith(".pdf"):
            assert pdf_text(there / name) == pdf_text(here / name), name
        else:
            assert (there / name).read_bytes() == (here / name).read_bytes(), name
    return names


@pytest.mark.parametrize("output", ["html", "pdf"])
def test_batch_on_dask_writes_what_the_local_path_writes(dask_scheduler, tmp_path, output):
    """The bundled seeds: every output rendered on a two-worker cluster (reached over TCP,
    so the templates travel as bytes and the reports come back as bytes) is the local one."""
    runs = {}
    for engine in (["--jobs", "1"], ["--engine", "dask", "--scheduler", dask_scheduler]):
        out = tmp_path / f"out-{len(runs)}"
        result = CliRunner().invoke(
            cli,
            [*engine, "--corpus", str(SEEDS), "batch", "--out", str(out), "--format", output],
        )
        assert result.exit_code == 0, result.output
        runs[out] = [Path(line).name for line in result.stdout.splitlines()]
    (here, made_here), (there, made_there) = runs.items()
    assert made_there == made_here
    names = same_outputs(here, there)
    assert {"letters.json", "similarity.csv", f"corpus.{output}"} < set(names)
    assert any(name.startswith("family-") for name in names)


def test_batch_on_dask_uses_the_templates_and_records_a_failed_report(dask_scheduler, tmp_path):
    """A --templates folder the cluster's workers do not see is sent to them: its stylesheet
    is in the corpus report, and its broken family template fails each family report,
    named as the user's file — the run goes on and the rest is written."""
    corpus = two_families(tmp_path / "letters")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "family.html").write_text("{% if %}", encoding="utf-8")  # broken
    (templates / "style.css").write_text("/* house style 4711 */\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["--no-cache", "--engine", "dask", "--scheduler", dask_scheduler]
        + ["--corpus", str(corpus), "--templates", str(templates)]
        + ["batch", "--out", str(out), "--format", "html"],
    )
    assert result.exit_code == 1, result.output
    failures = [line for line in messages(result.stderr) if "failed: family-" in line]
    assert len(failures) == 2
    assert all(str(templates / "family.html") in line for line in failures)
    assert "3 written, 0 skipped, 2 failed" in result.stderr
    assert "house style 4711" in (out / "corpus.html").read_text(encoding="utf-8")
    assert set(read_manifest(out)) == {"letters.json", "similarity.csv", "corpus.html"}


def test_a_batch_with_nothing_to_make_does_not_reach_the_cluster(tmp_path):
    import socket

    corpus = two_families(tmp_path / "letters")
    out = tmp_path / "out"
    assert batch(corpus, out).exit_code == 0
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        away = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    result = CliRunner().invoke(
        cli,
        ["--engine", "dask", "--scheduler", away, "--corpus", str(corpus), "batch"]
        + ["--out", str(out), "--format", "html"],
    )
    assert result.exit_code == 0, result.output
    assert "0 written, 5 up to date" in result.stderr


def die_rendering(settings: object, job: object) -> None:
    os._exit(3)


def test_an_engine_that_fails_fails_the_reports_left_and_the_run_goes_on(
    tmp_path, monkeypatch, taxonomy
):
    """A worker that dies while rendering is not a report's problem but the engine's: every
    report not yet made is failed with it, the data files are still written and recorded."""
    from compare.batch import BatchOptions, plan_batch, run_batch
    from compare.corpus import load_corpus
    from compare.engines.local import LocalPool
    from compare.similarity import fit_letters

    corpus = load_corpus(two_families(tmp_path / "letters"), taxonomy)
    index = fit_letters(list(corpus.letters))
    out = tmp_path / "out"
    options = BatchOptions("html")
    plan = plan_batch(corpus, taxonomy, index, out, options)
    monkeypatch.setattr("compare.batch.render_report", die_rendering)
    pool = LocalPool(2, min_items=1)
    result = run_batch(corpus, taxonomy, out, index, plan, options, engine=pool)
    assert not result.interrupted and not result.ok
    assert sorted(Path(p).name for p in result.written) == ["letters.json", "similarity.csv"]
    assert len(result.failed) == 3  # the corpus report and both families
    assert all("--jobs 2: the work stopped" in line for line in result.failed)
    assert set(read_manifest(out)) == {"letters.json", "similarity.csv"}
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "letters.json", "similarity.csv"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failed_report_is_reported_and_the_run_goes_on(tmp_path, jobs):
    corpus = two_families(tmp_path / "letters")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "family.html").write_text("{% if %}", encoding="utf-8")  # broken
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["--corpus", str(corpus), "--templates", str(templates), "batch", "--out", str(out)]
        + ["--format", "html", "--jobs", jobs],
    )
    assert result.exit_code == 1
    assert result.stderr.count("compare-letters: failed: family-") == 2
    assert "3 written, 0 skipped, 2 failed" in result.stderr
    assert (out / "corpus.html").exists()


# ---------------------------------------------------------------------------- rendering


def family_job(tmp_path: Path, taxonomy):
    """The report job of the three-letter family of :func:`two_families`."""
    from compare.batchrender import FamilyReport
    from compare.corpus import load_corpus
    from compare.families import family_index, find_families
    from compare.similarity import fit_letters

    letters = list(load_corpus(two_families(tmp_path / "letters"), taxonomy).letters)
    index = fit_letters(letters)
    family = max(find_families(letters, index).families, key=lambda f: len(f.keys))
    members = {letter.key: letter for letter in letters if letter.key in family.keys}
    return FamilyReport("family.html", family, members, family_index(index, family.keys))


def test_templates_sent_as_bytes_render_as_the_folder_read_in_place(tmp_path, taxonomy):
    from compare.batchrender import render_report, render_settings

    job = family_job(tmp_path, taxonomy)
    templates = tmp_path / "templates"
    (templates / "sub").mkdir(parents=True)
    (templates / "style.css").write_text("/* house style 4711 */\n", encoding="utf-8")
    (templates / "sub" / "unused.txt").write_text("a file in a subfolder", encoding="utf-8")
    in_place = render_settings("html", "A4", False, templates, shares_files=True)
    sent = render_settings("html", "A4", False, templates, shares_files=False)
    assert in_place.template_files is None
    assert sent.template_files is not None and dict(sent.template_files)["sub/unused.txt"]
    here, there = render_report(in_place, job), render_report(sent, job)
    assert here.problem is None and here.data is not None
    assert there == here
    assert b"house style 4711" in here.data


def test_a_broken_template_sent_as_bytes_is_a_problem_naming_the_users_file(tmp_path, taxonomy):
    from compare.batchrender import render_report, render_settings

    job = family_job(tmp_path, taxonomy)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "family.html").write_text("{% if %}", encoding="utf-8")
    rendered = render_report(render_settings("pdf", "A4", False, templates, False), job)
    assert rendered.data is None and rendered.problem is not None
    assert rendered.problem.startswith(f"{templates / 'family.html'}: line 1:")


def test_a_worker_of_another_version_refuses_to_render(tmp_path, taxonomy):
    import dataclasses

    from compare.batchrender import render_report, render_settings
    from compare.engines import EngineError

    settings = render_settings("html", "A4", False, None, shares_files=True)
    other = dataclasses.replace(settings, version="another version")
    with pytest.raises(EngineError, match="another version of compare-letters"):
        render_report(other, family_job(tmp_path, taxonomy))
