"""The ``compare-letters`` command: parse options, call one library function, print.

Data goes to stdout (text or ``--json``); warnings and errors go to stderr. A user's mistake
(a bad file, an unknown letter) is one line on stderr and a non-zero exit: 1 for bad input,
2 for usage (an unknown or ambiguous letter reference, a bad option).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from compare.errors import LetterError, RefError
from compare.pipeline import Pipeline, default_cache_dir

if TYPE_CHECKING:
    from compare.alignment import NormalizeOptions
    from compare.corpus import LoadFailure
    from compare.rendering.engine import Format, PageSize

PROJECT_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def default_corpus() -> Path:
    """``$COMPARE_CORPUS``, else the project's bundled ``seeds/``."""
    env = os.environ.get("COMPARE_CORPUS")
    if env:
        return Path(env)
    return PROJECT_SEEDS if PROJECT_SEEDS.is_dir() else Path("seeds")


def user_errors(command: Any) -> Any:
    """Turn :class:`LetterError` into one line on stderr and an exit code; no traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except LetterError as error:
            click.echo(f"compare-letters: error: {error}", err=True)
            sys.exit(2 if isinstance(error, RefError) else 1)

    return wrapper


def json_option(command: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (see README).")(command)


def short_list(items: list[str], shown: int = 3) -> str:
    """The first few items and how many more: a table cell that stays one or two lines."""
    more = f" +{len(items) - shown}" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def warn_skipped(failure: LoadFailure) -> None:
    """A corpus file that could not be read: one line on stderr (it is skipped)."""
    click.echo(f"compare-letters: warning: {failure.source}: {failure.problem} (skipped)", err=True)


def normalize_options(command: Any) -> Any:
    """``--ignore-case``, ``--ignore-punctuation`` and ``--equivalences FILE``, shared by the
    commands that compare two letters; :func:`read_options` turns them into the options."""
    command = click.option(
        "--equivalences",
        "equivalences",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        metavar="FILE",
        help="Phrases that count as the same, one 'A = B' a line (see README).",
    )(command)
    command = click.option(
        "--ignore-punctuation", is_flag=True, help="Treat punctuation as absent."
    )(command)
    return click.option(
        "--ignore-case", is_flag=True, help="Treat upper and lower case as the same."
    )(command)


def read_options(
    ignore_case: bool, ignore_punctuation: bool, equivalences: Path | None
) -> NormalizeOptions:
    """The comparison options of :func:`normalize_options`; the equivalence file is read
    here (:class:`~compare.errors.DataFileError` for a bad one)."""
    from compare.alignment import NormalizeOptions
    from compare.equivalences import load_equivalences

    return NormalizeOptions(
        ignore_case=ignore_case,
        ignore_punctuation=ignore_punctuation,
        equivalences=load_equivalences(equivalences) if equivalences else (),
    )


pass_context = click.make_pass_decorator(Pipeline)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder of letters (default: $COMPARE_CORPUS, else the bundled seeds/).",
)
@click.option(
    "--themes",
    "themes_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Theme taxonomy TOML replacing the default one.",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Cache folder for parsed letters and vectors "
    "(default: $COMPARE_LETTERS_CACHE, else the user cache directory).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option(
    "--model",
    "model",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Line model to read letters with (default: $COMPARE_MODEL, else the one "
    "'train' wrote, else the built-in one).",
)
@click.option(
    "--encoding",
    "encoding",
    default=None,
    metavar="NAME",
    help="Read text files in this encoding instead of detecting it (e.g. cp1250).",
)
@click.option(
    "--dayfirst/--monthfirst",
    default=None,
    help="Read an ambiguous numeric date (03/05/2021) day first (the default) or month first.",
)
@click.option(
    "--templates",
    "templates",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="Folder of report templates replacing the built-in ones of the same name.",
)
@click.version_option(package_name="compare-letters")
@click.pass_context
def cli(
    ctx: click.Context,
    corpus_dir: Path | None,
    themes_file: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    model: Path | None,
    encoding: str | None,
    dayfirst: bool | None,
    templates: Path | None,
) -> None:
    """Compare open letters: their structure, wording, asks and signatories."""
    if model is not None:
        os.environ["COMPARE_MODEL"] = str(model.resolve())
    if encoding is not None:
        os.environ["COMPARE_ENCODING"] = encoding
    if dayfirst is not None:
        os.environ["COMPARE_DATE_ORDER"] = "dmy" if dayfirst else "mdy"
    ctx.obj = Pipeline(
        corpus_dir or default_corpus(),
        themes_file=themes_file,
        cache_dir=None if no_cache else (cache_dir or default_cache_dir()),
        templates=templates,
        on_failure=warn_skipped,
    )


@cli.command()
@json_option
@pass_context
@user_errors
def letters(context: Pipeline, as_json: bool) -> None:
    """List the corpus's letters: ref, key, date, recipient and counts."""
    from compare.views import letter_rows

    rows = letter_rows(context.corpus.letters)
    if as_json:
        print_json(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} letters in {context.corpus_dir}", title_justify="left")
    for column in ("ref", "key", "date"):
        table.add_column(column, no_wrap=True)
    table.add_column("recipient", overflow="fold")
    for column in ("¶", "asks", "signed"):
        table.add_column(column, justify="right")
    table.add_column("themes", overflow="fold")
    for row in rows:
        table.add_row(
            str(row["ref"]),
            str(row["key"]),
            row["date"] or "—",
            row["recipient"] or "—",
            str(row["paragraphs"]),
            str(row["asks"]),
            str(row["signatories"]),
            short_list(row["themes"]),
        )
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(table)


@cli.command()
@click.argument("ref")
@json_option
@pass_context
@user_errors
def show(context: Pipeline, ref: str, as_json: bool) -> None:
    """Show one letter, named by key, FILE#PART, FILE or a path."""
    from compare.models import to_json
    from compare.views import letter_view

    letter = context.letter(ref)
    if as_json:
        print_json(to_json(letter))
    else:
        click.echo(letter_view(letter))


@cli.command()
@click.argument("ref")
@json_option
@pass_context
@user_errors
def lines(context: Pipeline, ref: str, as_json: bool) -> None:
    """Every line of a letter with the label the reader gave it: why a line was kept or
    dropped."""
    from compare.models import to_json

    labelled = context.lines(ref)
    if as_json:
        print_json(to_json(labelled))
        return
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    for line in labelled:
        if line.label is None:
            click.echo(f"{line.number:5d}")
            continue
        mark = "" if line.label == line.rule else f"  (rules: {line.rule})"
        row = f"{line.number:5d} {line.label:17s} {line.confidence:4.2f} {line.source:7s} "
        text = line.text.strip() + mark
        if width and len(row) + len(text) > width:
            text = text[: max(width - len(row) - 1, 10)] + "…"
        click.echo(row + text)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "-o",
    "--output-path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where to write the model (default: your data directory, used from then on).",
)
@json_option
@user_errors
def train(folder: Path, output_path: Path | None, as_json: bool) -> None:
    """Train the line labeller on your corrected label files in FOLDER plus the built-in
    training data (README: "When a letter is read wrong")."""
    from compare.pipeline import train_line_model

    click.echo("Training the line labeller…", err=True)
    result = train_line_model(folder, output_path)
    if as_json:
        print_json(result)
        return
    click.echo(
        f"{result['model']}: trained on {result['files']} file(s) of yours and "
        f"{result['shipped']} built-in ({result['lines']} lines)"
    )


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@json_option
@pass_context
@user_errors
def parse(context: Pipeline, paths: tuple[Path, ...], as_json: bool) -> None:
    """Parse every letter of the corpus, or of the given files."""
    from compare.models import to_json
    from compare.views import letter_view

    corpus = context.parse(paths)
    if as_json:
        print_json(to_json(corpus.letters))
    else:
        click.echo("\n\n".join(letter_view(letter) for letter in corpus.letters))


@cli.command()
@click.argument("ref_a")
@click.argument("ref_b")
@click.option("--only-changes", is_flag=True, help="Leave out the paragraphs that are equal.")
@normalize_options
@click.option(
    "--exit-code", is_flag=True, help="Exit 1 when the letters differ, 0 when they do not."
)
@click.option(
    "--color/--no-color", default=None, help="Colour the redline (default: when a terminal)."
)
@json_option
@pass_context
@user_errors
def diff(
    context: Pipeline,
    ref_a: str,
    ref_b: str,
    only_changes: bool,
    ignore_case: bool,
    ignore_punctuation: bool,
    equivalences: Path | None,
    exit_code: bool,
    color: bool | None,
    as_json: bool,
) -> None:
    """What changed from letter A to letter B: paragraphs, words, signatories, asks."""
    from compare.comparison import letter_diff_json
    from compare.diffview import diff_view, view_width
    from compare.summary import pair_summary, theme_labeller

    options = read_options(ignore_case, ignore_punctuation, equivalences)
    result = context.diff(ref_a, ref_b, options)
    a, b = context.letter(ref_a), context.letter(ref_b)
    sentences = pair_summary(result, a, b, theme_labeller(context.taxonomy))
    if as_json:
        print_json({**letter_diff_json(result), "summary": sentences})
    else:
        use_color = sys.stdout.isatty() if color is None else color
        width = view_width(shutil.get_terminal_size().columns if sys.stdout.isatty() else None)
        click.echo("\n".join(textwrap.fill(s, width, subsequent_indent="  ") for s in sentences))
        click.echo()
        click.echo(diff_view(result, use_color, only_changes, width), color=use_color)
    if exit_code and result.differs:
        sys.exit(1)


@cli.command()
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show the N best pairs.")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Near-duplicate score (default: the calibrated one, see README).",
)
@json_option
@pass_context
@user_errors
def similarity(context: Pipeline, top: int | None, threshold: float | None, as_json: bool) -> None:
    """How alike the corpus's letters are: a matrix and the ranked pairs."""
    from compare.similarity import similarity_json

    result = context.similarity(top, threshold)
    if as_json:
        print_json(similarity_json(result, context.corpus.letters, top))
        return
    from rich.console import Console

    from compare.similarityview import matrix_table, pairs_table

    console = Console(width=None if sys.stdout.isatty() else 160)
    matrix = matrix_table(result)
    if matrix is not None:
        console.print(matrix)
    console.print(pairs_table(result, top))


def report_options(command: Any) -> Any:
    """``-o``, ``--format`` and ``--page-size``, shared by the report commands."""
    command = click.option(
        "--page-size",
        type=click.Choice(["A4", "letter"], case_sensitive=False),
        default="A4",
        show_default=True,
        help="Paper size.",
    )(command)
    command = click.option(
        "--format",
        "output",
        type=click.Choice(["pdf", "html"]),
        default="pdf",
        show_default=True,
        help="PDF, or the HTML it is made from.",
    )(command)
    return click.option(
        "-o", "--output-path", type=click.Path(path_type=Path), default=None, help="Where to write."
    )(command)


@cli.group()
def report() -> None:
    """Write PDF (or HTML) reports: a pair redline, or the whole corpus."""


@report.command("pair")
@click.argument("ref_a")
@click.argument("ref_b")
@report_options
@click.option(
    "--context",
    "context_lines",
    type=click.IntRange(min=0),
    default=None,
    help="Fold unchanged paragraphs more than N away from a change.",
)
@normalize_options
@pass_context
@user_errors
def report_pair(
    context: Pipeline,
    ref_a: str,
    ref_b: str,
    output_path: Path | None,
    output: str,
    page_size: str,
    context_lines: int | None,
    ignore_case: bool,
    ignore_punctuation: bool,
    equivalences: Path | None,
) -> None:
    """What changed from A to B, side by side (default reports/<keyA>__<keyB>.pdf)."""
    options = read_options(ignore_case, ignore_punctuation, equivalences)
    written = context.pair_report(
        ref_a,
        ref_b,
        output_path,
        as_format(output),
        as_page_size(page_size),
        context_lines,
        options,
    )
    click.echo(str(written))


@report.command("corpus")
@report_options
@pass_context
@user_errors
def report_corpus(context: Pipeline, output_path: Path | None, output: str, page_size: str) -> None:
    """The corpus: letters, similarity, asks and language over the years, coalition
    (default reports/corpus.pdf)."""
    written = context.corpus_report(output_path, as_format(output), as_page_size(page_size))
    click.echo(str(written))


@cli.command()
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=None,
    help="Near-duplicate score (default: the calibrated one, see README).",
)
@click.option(
    "--lineage", is_flag=True, help="Compare each variant with the one before it, not the base."
)
@click.option("--all", "show_all", is_flag=True, help="List the letters in no family too.")
@json_option
@pass_context
@user_errors
def families(
    context: Pipeline, threshold: float | None, lineage: bool, show_all: bool, as_json: bool
) -> None:
    """Near-duplicate letters grouped into families: a base letter and its variants, with
    what each variant changes."""
    from compare.families import families_json

    found, changes = context.families(threshold, lineage)
    letters = {letter.key: letter for letter in context.corpus.letters}
    if as_json:
        print_json(families_json(found, changes, letters, lineage))
        return
    from rich.console import Console

    from compare.familyview import families_view, view_width

    console = Console(width=view_width())
    for part in families_view(found, changes, letters, show_all):
        console.print(part)


@cli.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Folder for the outputs.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes for the reports.",
)
@click.option(
    "--max-reports",
    type=click.IntRange(min=0),
    default=None,
    help="Make at most N family reports this run (the next run makes the rest).",
)
@click.option("--lineage", is_flag=True, help="Redline each variant against the one before it.")
@click.option(
    "--format",
    "output",
    type=click.Choice(["pdf", "html"]),
    default="pdf",
    show_default=True,
    help="PDF reports, or the HTML they are made from.",
)
@click.option(
    "--page-size",
    type=click.Choice(["A4", "letter"], case_sensitive=False),
    default="A4",
    show_default=True,
    help="Paper size.",
)
@pass_context
@user_errors
def batch(
    context: Pipeline,
    out_dir: Path,
    jobs: int,
    max_reports: int | None,
    lineage: bool,
    output: str,
    page_size: str,
) -> None:
    """Everything at once: corpus report, a report per letter family, letters.json and
    similarity.csv; outputs whose inputs did not change are not made again."""
    from compare.batch import BatchOptions
    from compare.batchview import BatchProgress, summary

    options = BatchOptions(
        output=as_format(output),
        page_size=as_page_size(page_size),
        lineage=lineage,
        max_reports=max_reports,
        jobs=jobs,
    )
    try:
        with BatchProgress() as progress:
            result = context.batch(out_dir, options, progress=progress.step, planned=progress.start)
    except KeyboardInterrupt:  # before any output was started: nothing to list
        click.echo("compare-letters: interrupted", err=True)
        sys.exit(130)
    for path in result.written:
        click.echo(path)
    for line in result.skipped:
        click.echo(f"compare-letters: skipped {line}", err=True)
    for line in result.failed:
        click.echo(f"compare-letters: failed {line}", err=True)
    for path in result.removed:
        click.echo(f"compare-letters: removed {path} (no longer made)", err=True)
    click.echo(summary(result), err=True)
    if result.interrupted:
        sys.exit(130)
    if not result.ok:
        sys.exit(1)


@cli.command()
@click.argument("draft")
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="How many nearest letters to list and compare in full.",
)
@report_options
@click.option("--no-report", is_flag=True, help="Print the summary only; write no report.")
@json_option
@pass_context
@user_errors
def check(
    context: Pipeline,
    draft: str,
    top: int,
    output_path: Path | None,
    output: str,
    page_size: str,
    no_report: bool,
    as_json: bool,
) -> None:
    """Check a new DRAFT (a file, or - for standard input) against every earlier letter:
    its sources, reused and new text, asks, signatories and stale copy (report in
    reports/check-<draft-name>.pdf)."""
    from compare.check import check_json
    from compare.checkview import check_summary

    stdin = sys.stdin.buffer.read() if draft == "-" else None
    result = context.check(context.read_draft(draft, stdin), top)
    if as_json:
        print_json(check_json(result))
    else:
        click.echo(check_summary(result))
    if not no_report and not as_json:
        written = context.check_report(
            result, output_path, as_format(output), as_page_size(page_size)
        )
        click.echo(f"report: {written}")


def as_format(value: str) -> Format:
    """A ``--format`` choice as the renderer's type (Click has checked it)."""
    return "html" if value == "html" else "pdf"


def as_page_size(value: str) -> PageSize:
    """A ``--page-size`` choice as the renderer's type (Click has checked it, any case)."""
    return "letter" if value.lower() == "letter" else "A4"


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="compare-letters")
