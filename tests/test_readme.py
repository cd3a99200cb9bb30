"""The README's shell examples run, and every command is documented (after sqlite-utils'
docs tests).

Every ``compare-letters …`` line of a fenced ``bash``/``sh``/``console`` block of README.md
(``$ `` prompts allowed, ``\\`` continuations joined) runs through Click's CliRunner in a
temporary working directory that holds a copy of the bundled corpus as ``seeds/`` (also
``$COMPARE_CORPUS``), with ``--cache`` pointed at a temporary folder and ``$HOME`` at the
working directory, so ``~/letters`` is a copy of the seeds too. The files an example needs are
made here (``DRAFTS``), and so is the input of a pipe (``STDIN``). An example exits 0 unless
its line ends with a comment saying otherwise (``# exits 1 …``).

The examples run as written, PDFs included: with the cache shared between them (the corpus
is parsed and its vectors fitted once) the whole file takes about five seconds, so there is
no need to swap ``--format html`` in for the PDF-writing ones.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from compare.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SEEDS = ROOT / "seeds"
SHELLS = ("bash", "sh", "console", "shell")

# A README example that cannot run here, with the reason. The last resort: make it run instead.
SKIP: dict[str, str] = {}


def draft_text() -> str:
    """A new letter: seed 000 with its date moved and one sentence reworded."""
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    return text.replace("10 November 2014", "24 November 2014").replace(
        "has proposed that Member States take", "has recommended that Member States adopt"
    )


def write_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line)
    document.save(str(path))


def label_folder(path: Path) -> None:
    """A folder with one letter and its label file (the rules' labels), for ``train``."""
    from compare.reading.labelfile import write_label_file
    from compare.reading.labels import document_rule_labels
    from compare.reading.loading import load_document
    from compare.reading.splitting import document_lines

    path.mkdir(parents=True, exist_ok=True)
    letter = path / "letter.txt"
    letter.write_text(draft_text(), encoding="utf-8")
    document = load_document(letter)
    labels = document_rule_labels(document)
    write_label_file(path / "letter.labels", letter, document_lines(document.text), labels)


# Files the examples name, made in the working directory before each one runs.
DRAFTS = {
    "drafts/new-letter.docx": lambda path: write_docx(draft_text(), path),
    "my-labels": label_folder,
    "terms.txt": lambda path: path.write_text(
        "# recipients\nUN General Assembly = European Union\n", encoding="utf-8"
    ),
}

# What the command on the left of ``… | compare-letters`` prints (macOS's clipboard, here).
STDIN = {"pbpaste": draft_text}


SHIPPED_MODEL = Path(__file__).resolve().parent.parent / "compare" / "data" / "line_model.crfsuite"


@dataclass(frozen=True)
class Example:
    line: int  # 1-based, in README.md
    command: str  # as written, prompt and comment removed
    stdin_from: str | None  # the command piped in, if any
    exit_code: int


def readme_examples() -> list[Example]:
    examples = []
    fence = re.compile(r"^```(\w*)\s*$")
    in_shell = in_block = False
    pending = ""
    pending_line = 0
    for number, raw in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        match = fence.match(raw.strip())
        if match:
            in_block = not in_block
            in_shell = in_block and match.group(1) in SHELLS
            continue
        if not in_shell:
            continue
        line = raw.strip()
        if pending:
            line = pending + " " + line
        else:
            pending_line = number
            line = line.removeprefix("$ ")
        if line.endswith("\\"):
            pending = line[:-1].strip()
            continue
        pending = ""
        # a shell comment starts a word; FILE#PART does not
        line = re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip()
        code_match = re.search(r"#\s*exits?\s+(?:with\s+)?(?:code\s+)?(\d+)", raw)
        producer, bar, command = line.rpartition("|")
        command = command.strip()
        if not command.startswith("compare-letters"):
            continue
        examples.append(
            Example(
                line=pending_line,
                command=command,
                stdin_from=producer.strip() if bar else None,
                exit_code=int(code_match.group(1)) if code_match else 0,
            )
        )
    return examples


EXAMPLES = readme_examples()


def test_the_readme_has_examples():
    assert len(EXAMPLES) >= 10
    assert not set(SKIP) - {e.command for e in EXAMPLES}, "SKIP names an example no longer there"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A working directory with the seeds (as ``seeds/`` and ``~/letters``) and a cache."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(SEEDS, folder / "seeds")
    shutil.copytree(SEEDS, folder / "letters")
    (folder / "cache").mkdir()
    return folder


GLOBAL_VALUES = {"--corpus", "--themes", "--cache", "--jobs", "--engine", "--scheduler"}
"""Global options that take a value."""


def command_path(words: list[str]) -> tuple[str, ...]:
    """The command (and subcommand) the arguments name: ``("report", "pair")``."""
    rest = list(words)
    while rest and rest[0].startswith("-"):
        del rest[: 2 if rest[0] in GLOBAL_VALUES else 1]
    if rest and isinstance(cli.commands.get(rest[0]), click.Group):
        return tuple(rest[:2])
    return tuple(rest[:1])


def arguments(example: Example, workspace: Path, scheduler: str | None = None) -> list[str]:
    """The example's arguments after ``compare-letters``, as the shell would pass them here;
    a ``--scheduler`` address becomes ``scheduler`` (a LocalCluster of the tests)."""
    words = [os.path.expanduser(w) for w in shlex.split(example.command)[1:]]
    if scheduler is not None and "--scheduler" in words:
        words[words.index("--scheduler") + 1] = scheduler
    if "--no-cache" not in words:
        words = ["--cache", str(workspace / "cache"), *words]
    return words


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"L{e.line}" for e in EXAMPLES])
def test_readme_example_runs(example: Example, workspace: Path, monkeypatch, request):
    if example.command in SKIP:
        pytest.skip(SKIP[example.command])
    monkeypatch.chdir(workspace)
    monkeypatch.setenv("HOME", str(workspace))
    monkeypatch.setenv("XDG_DATA_HOME", str(workspace / "data"))
    # a model that an example's ``train`` writes must not change what later examples read
    monkeypatch.setenv("COMPARE_MODEL", str(SHIPPED_MODEL))
    for name, make in DRAFTS.items():
        if name in example.command and not (workspace / name).exists():
            (workspace / name).parent.mkdir(parents=True, exist_ok=True)
            make(workspace / name)
    stdin = None
    if example.stdin_from is not None:
        assert example.stdin_from in STDIN, f"add what {example.stdin_from!r} prints to STDIN"
        stdin = STDIN[example.stdin_from]()
    scheduler = None
    if "--scheduler" in example.command:
        scheduler = request.getfixturevalue("dask_scheduler")
    result = CliRunner().invoke(
        cli,
        arguments(example, workspace, scheduler),
        input=stdin,
        env={"COMPARE_CORPUS": str(workspace / "seeds")},
        prog_name="compare-letters",
    )
    assert result.exit_code == example.exit_code, (
        f"README.md line {example.line}: {example.command}\n{result.output}"
        + (f"\n{result.exception!r}" if result.exception else "")
    )


def commands(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


COMMANDS = list(commands(cli))


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_in_the_readme_and_has_help(path, command):
    readme = README.read_text(encoding="utf-8")
    assert f"compare-letters {' '.join(path)}" in readme
    assert command.help and command.help.strip()
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            assert parameter.help, f"{' '.join(path)} {parameter.opts[0]} has no help text"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert " ".join(command.help.split()[:6]) in " ".join(result.output.split())


def test_every_command_is_covered_by_an_example():
    run = {command_path(shlex.split(e.command)[1:]) for e in EXAMPLES}
    missing = [
        " ".join(path)
        for path, command in COMMANDS
        if not isinstance(command, click.Group) and path not in run
    ]
    assert not missing, f"no README example runs: {missing}"
