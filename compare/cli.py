"""The ``compare-letters`` command: parse options, call one library function, print.

Data goes to stdout (text or ``--json``); warnings, notes and errors go to stderr. A user's
mistake is one line on stderr and a non-zero exit, the same in every command: 1 for bad input
(a missing, unreadable or empty file or folder, a corpus without letters, an unknown or
ambiguous letter reference), 2 for usage (an unknown option, a missing or extra argument,
options that exclude each other). Tables are laid out for the terminal's width, or 80 columns
(``$COLUMNS``) when output is not a terminal (:mod:`compare.terminal`).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from compare.engines import ENGINES, EngineName, default_jobs
from compare.errors import LetterError
from compare.pipeline import Pipeline, default_cache_dir

if TYPE_CHECKING:
    from rich.console import RenderableType

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


BAD_INPUT = 1
"""Exit code for bad input: a file, folder or letter reference that cannot be used. (Usage
errors are Click's: exit 2.)"""


def echo_error(message: str, kind: str = "error") -> None:
    """``compare-letters: KIND: MESSAGE`` on stderr (``error``, ``warning``, or ``skipped``
    and ``failed`` after a batch run): one message,
    wrapped at the terminal's width (80 columns at most) with indented continuation lines
    (:func:`compare.terminal.stderr_note`)."""
    from compare.terminal import stderr_note, terminal_width

    click.echo(stderr_note(message, terminal_width(), kind=kind), err=True)


def user_errors(command: Any) -> Any:
    """Turn :class:`LetterError` (bad input, whatever its kind) into one message on stderr
    (:func:`echo_error`) and exit 1; no traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except LetterError as error:
            echo_error(str(error))
            sys.exit(BAD_INPUT)

    return wrapper


class BadInput(click.ClickException):
    """Bad input found while Click reads the arguments (a missing file): exit 1 and one
    message in the same form as :func:`user_errors`, not Click's usage message and exit 2."""

    exit_code = BAD_INPUT

    def show(self, file: Any = None) -> None:
        echo_error(self.format_message())


def must_exist(
    file_okay: bool = True, dir_okay: bool = True
) -> Callable[[click.Context, click.Parameter, Path | None], Path | None]:
    """A Click callback for a path that must exist: a missing one is bad input
    (:class:`BadInput`, exit 1), as when any command reads a missing file."""

    def check(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
        if value is None:
            return None
        if not value.exists():
            raise BadInput(f"{value}: no such {'file or folder' if dir_okay else 'file'}")
        if value.is_dir() and not dir_okay:
            raise BadInput(f"{value}: is a folder, not a file")
        if not value.is_dir() and not file_okay:
            raise BadInput(f"{value}: is not a folder")
        return value

    return check


def json_option(command: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (see README).")(command)


def wide_option(command: Any) -> Any:
    return click.option(
        "--wide",
        is_flag=True,
        help="Show every column whole, however wide the terminal (default: fit its width).",
    )(command)


def print_fitted(
    renderables: Sequence[RenderableType],
    width: int,
    left_out: Sequence[str] = (),
    widest: int = 0,
) -> None:
    """Print rich tables laid out for ``width`` terminal cells (``widest``, the widest table's
    width, when that is more, as with ``--wide``), then one line on stderr naming what was
    left out to fit, if anything."""
    from compare.terminal import left_out_note, stderr_note

    echo_rich(renderables, max(width, widest))
    note = left_out_note(left_out, width)
    if note:
        click.echo(stderr_note(note, width), err=True)


def echo_rich(renderables: Sequence[RenderableType], width: int) -> None:
    """Print rich renderables laid out for ``width`` cells, each line without the spaces
    rich pads it with to the width (a terminal line never ends in spaces)."""
    from rich.console import Console

    console = Console(width=width, soft_wrap=False)
    with console.capture() as captured:
        for renderable in renderables:
            console.print(renderable)
    lines = captured.get().splitlines()
    trailing = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$")  # spaces, before any colour reset
    text = "\n".join(trailing.sub(r"\1", line) for line in lines)
    click.echo(text, color=console.is_terminal or None)


def print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def warn_skipped(failure: LoadFailure) -> None:
    """A corpus file that could not be read: one line on stderr (it is skipped)."""
    echo_error(f"{failure.source}: {failure.problem} (skipped)", kind="warning")


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

INTERRUPTED = 130
"""Exit code after Ctrl-C: 128 + SIGINT, as shells report a command the signal ended."""


class OneLineUsageError(click.UsageError):
    """A usage error (exit 2) shown as the documented one message on stderr,
    ``compare-letters: error: …`` (:func:`echo_error`), not Click's usage block."""

    def show(self, file: Any = None) -> None:
        echo_error(self.format_message())


def one_line_usage(error: click.UsageError, group: click.Group) -> OneLineUsageError:
    """``error`` as a :class:`OneLineUsageError`: Click's message, prefixed with the command
    it concerns (``index: No such option '--no-cache'.``), a global option given after the
    command pointed before it, and where the help is (``See 'compare-letters index
    --help'.``)."""
    message = error.format_message().strip()
    if not message.endswith((".", "?", "!")):
        message += "."
    ctx = error.ctx
    if ctx is None:
        return OneLineUsageError(message)
    root = ctx.find_root().info_name or "compare-letters"
    command = ctx.command_path.removeprefix(root).strip()
    if isinstance(error, click.NoSuchOption) and command:
        global_options = {name for p in group.params for name in p.opts + p.secondary_opts}
        if error.option_name in global_options:
            message += (
                f" {error.option_name} is a global option: put it before the command "
                f"({root} {error.option_name} {command})."
            )
    prefix = f"{command}: " if command else ""
    return OneLineUsageError(f"{prefix}{message} See '{ctx.command_path} --help'.", ctx)


class Interruptible(click.Group):
    """The command group: Ctrl-C anywhere in a command is one line on stderr and exit 130,
    no traceback (worker processes ignore it; the engine cancels their work); a usage error
    in any command is one line on stderr and exit 2 (:class:`OneLineUsageError`)."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise self._one_line(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("compare-letters: interrupted", err=True)
            ctx.exit(INTERRUPTED)
        except click.UsageError as error:
            raise self._one_line(error) from None

    def _one_line(self, error: click.UsageError) -> click.UsageError:
        if isinstance(error, OneLineUsageError) or type(error).__name__ == "NoArgsIsHelpError":
            return error  # already one line; or no command given, which prints the help
        return one_line_usage(error, self)


@click.group(cls=Interruptible, context_settings={"help_option_names": ["-h", "--help"]})
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
    type=click.Path(path_type=Path),
    callback=must_exist(dir_okay=False),
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
    type=click.Path(path_type=Path),
    callback=must_exist(file_okay=False),
    default=None,
    help="Folder of report templates replacing the built-in ones of the same name.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Processes that read the letters (default: the machine's cores; 1: this process). "
    "With --engine dask and no --scheduler: the local Dask cluster's workers.",
)
@click.option(
    "--engine",
    "engine_name",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="Where the work runs: processes on this machine, or a Dask cluster "
    "(README: Running on a cluster).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="The Dask scheduler of --engine dask (tcp://HOST:8786); "
    "without it a local Dask cluster is started.",
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
    jobs: int | None,
    engine_name: EngineName,
    scheduler: str | None,
) -> None:
    """Compare open letters: their structure, wording, asks and signatories."""
    if scheduler is not None and engine_name != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if scheduler is not None and jobs is not None:
        raise click.UsageError(
            "--jobs and --scheduler exclude each other: the cluster's workers do the work"
        )
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
        jobs=jobs or default_jobs(),
        engine_name=engine_name,
        scheduler=scheduler,
    )
    ctx.call_on_close(ctx.obj.close)


@cli.command()
@json_option
@wide_option
@pass_context
@user_errors
def letters(context: Pipeline, as_json: bool, wide: bool) -> None:
    """List the corpus's letters: ref, key, date, recipient and counts (files that could not
    be read are named on stderr, and the exit code is then 1)."""
    from compare.terminal import terminal_width
    from compare.views import letter_rows, letters_table

    corpus = context.corpus
    rows = letter_rows(corpus.letters)
    if as_json:
        print_json(rows)
    else:
        width = terminal_width()
        title = f"{len(rows)} letter{'' if len(rows) == 1 else 's'} in {context.corpus_dir}"
        from compare.summary import theme_labeller

        label = theme_labeller(context.taxonomy)
        table, layout = letters_table(rows, title, width, wide, label)
        print_fitted([table], width, layout.left_out, layout.width)
    if corpus.failures:
        sys.exit(BAD_INPUT)


@cli.command()
@json_option
@pass_context
@user_errors
def index(context: Pipeline, as_json: bool) -> None:
    """Build or update the corpus's letter index in the cache: only new and changed files are
    read, deleted ones dropped (check reads its nearest letters from it)."""
    if context.cache is None:
        raise click.UsageError("index keeps the letter index in the cache; drop --no-cache")
    update = context.update_index()
    if as_json:
        print_json(dataclasses.asdict(update))
    else:
        from compare.pipeline import store_folder
        from compare.views import index_summary

        folder = store_folder(context.cache, context.corpus_dir, context.taxonomy)
        click.echo(index_summary(update, folder))


@cli.command()
@click.argument("ref")
@json_option
@pass_context
@user_errors
def show(context: Pipeline, ref: str, as_json: bool) -> None:
    """Show one letter, named by key, FILE#PART, FILE or a path."""
    from compare.models import to_json
    from compare.terminal import terminal_width
    from compare.views import letter_view

    letter = context.letter(ref)
    if as_json:
        print_json(to_json(letter))
    else:
        click.echo(letter_view(letter, terminal_width()))


@cli.command()
@click.argument("ref")
@json_option
@wide_option
@pass_context
@user_errors
def lines(context: Pipeline, ref: str, as_json: bool, wide: bool) -> None:
    """Every line of a letter with the label the reader gave it: why a line was kept or
    dropped."""
    from compare.models import to_json
    from compare.terminal import cut_to, terminal_width

    labelled = context.lines(ref)
    if as_json:
        print_json(to_json(labelled))
        return
    width = terminal_width()
    cut = 0
    click.echo(f"{'line':>5} {'label':17s} {'confidence':>10} {'source':7s} text")
    for line in labelled:
        if line.label is None:
            click.echo(f"{line.number:5d}")
            continue
        mark = "" if line.label == line.rule else f"  (rules: {line.rule})"
        row = f"{line.number:5d} {line.label:17s} {line.confidence:10.2f} {line.source:7s} "
        text = line.text.strip() + mark
        if not wide:
            shown = cut_to(text, max(width - len(row), 10))
            cut += shown != text
            text = shown
        click.echo(row + text)
    if cut:
        from compare.terminal import plural, stderr_note

        note = (
            f"cut {plural(cut, 'line')} to fit {width} columns; --wide or --json shows them whole"
        )
        click.echo(stderr_note(note, width), err=True)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path), callback=must_exist(file_okay=False))
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
    from compare.terminal import plural

    click.echo("Training the line labeller…", err=True)
    result = train_line_model(folder, output_path)
    if as_json:
        print_json(result)
        return
    click.echo(
        f"{result['model']}: trained on {plural(result['files'], 'file')} of yours and "
        f"{result['shipped']} built-in ({plural(result['lines'], 'line')})"
    )


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@json_option
@pass_context
@user_errors
def parse(context: Pipeline, paths: tuple[Path, ...], as_json: bool) -> None:
    """Parse every letter of the corpus, or of the given files: those that can be read are
    printed, the others named on stderr (the exit code is then 1)."""
    from compare.models import to_json
    from compare.terminal import terminal_width
    from compare.views import letter_view

    corpus = context.parse(paths)
    if as_json:
        print_json(to_json(corpus.letters))
    elif corpus.letters:
        width = terminal_width()
        click.echo("\n\n".join(letter_view(letter, width) for letter in corpus.letters))
    if paths:
        for failure in corpus.failures:
            echo_error(f"{failure.source}: {failure.problem}")
    if corpus.failures:
        sys.exit(BAD_INPUT)


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
    from compare.terminal import terminal_width

    options = read_options(ignore_case, ignore_punctuation, equivalences)
    result = context.diff(ref_a, ref_b, options)
    a, b = context.letter(ref_a), context.letter(ref_b)
    sentences = pair_summary(result, a, b, theme_labeller(context.taxonomy))
    if as_json:
        print_json({**letter_diff_json(result), "summary": sentences})
    else:
        use_color = sys.stdout.isatty() if color is None else color
        width = view_width(terminal_width())
        click.echo("\n".join(textwrap.fill(s, width, subsequent_indent="  ") for s in sentences))
        click.echo()
        click.echo(diff_view(result, use_color, only_changes, width), color=use_color)
    if exit_code and result.differs:
        sys.exit(1)


@cli.command()
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=None,
    help="List the N best pairs (default: 100).",
)
@click.option("--all", "all_pairs", is_flag=True, help="List every pair, ranked.")
@click.option(
    "--min-score",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    help="Leave out pairs scoring below S (not counted in the total either).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=None,
    help="Near-duplicate score (default: the calibrated one, see README).",
)
@json_option
@click.option(
    "--jsonl",
    is_flag=True,
    help="Stream every pair as JSON lines, one object a line, as scored (unranked).",
)
@wide_option
@pass_context
@user_errors
def similarity(
    context: Pipeline,
    top: int | None,
    all_pairs: bool,
    min_score: float,
    threshold: float | None,
    as_json: bool,
    jsonl: bool,
    wide: bool,
) -> None:
    """How alike the corpus's letters are: a matrix and the ranked pairs (the 100 best
    unless --top N or --all says otherwise)."""
    from compare.similarityview import DEFAULT_TOP, MATRIX_LIMIT, matrix_table, pairs_table

    if top is not None and all_pairs:
        raise click.UsageError("--top and --all exclude each other")
    if jsonl and as_json:
        raise click.UsageError("--json and --jsonl exclude each other")
    if jsonl and top is not None:
        raise click.UsageError(
            "--jsonl streams every pair unranked; for the N best use --json --top N"
        )
    if jsonl:
        from compare.similarity import pair_json

        for pair in context.similarity_stream(threshold, min_score):
            click.echo(json.dumps(pair_json(pair), ensure_ascii=False))
        return
    limit = None if all_pairs else top or DEFAULT_TOP
    if as_json:
        from compare.similarity import DEFAULT_THRESHOLD, similarity_json_text

        total, pairs = context.ranked_pairs(limit, threshold, min_score)
        count = total if limit is None else min(limit, total)
        chosen = DEFAULT_THRESHOLD if threshold is None else threshold
        letters = context.corpus.letters
        for text in similarity_json_text(letters, chosen, min_score, total, count, pairs):
            click.echo(text, nl=False)
        click.echo()
        return
    result = context.similarity(limit, threshold, min_score)
    from compare.terminal import terminal_width

    width = terminal_width()
    shown = []
    if len(context.index) <= MATRIX_LIMIT:
        shown.append(matrix_table(context.similarity(None, threshold), width, wide))
    shown.append(pairs_table(result, width, wide))
    tables = [fitted.table for fitted in shown if fitted.table is not None]
    left_out = [name for fitted in shown for name in fitted.left_out]
    print_fitted(tables, width, left_out, max(fitted.width for fitted in shown))


@cli.command()
@click.option("--all", "everything", is_flag=True, help="Also list the asks made only once.")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=None,
    help="List the N families asked in the most years.",
)
@json_option
@wide_option
@pass_context
@user_errors
def asks(context: Pipeline, everything: bool, top: int | None, as_json: bool, wide: bool) -> None:
    """Asks that recur across the years: the corpus's asks in families of the same ask (in
    whatever words), each with its years, wording, verb and recipient per letter, and
    whether it persists, was dropped, is new or came back. Near-duplicate letters of one
    year count once."""
    from compare.asksview import families_json, family_table, recurring, summary_line

    lineages = context.asks()
    shown = recurring(lineages.families, everything)[:top]
    if as_json:
        print_json(
            families_json(
                lineages.families, shown, lineages.letters, lineages.years, lineages.copies
            )
        )
        return
    from compare.terminal import terminal_width

    width = terminal_width()
    click.echo(summary_line(lineages.families, len(shown), lineages.letters))
    from compare.summary import theme_labeller

    label = theme_labeller(context.taxonomy)
    fitted = [
        family_table(n, family, width, wide, label) for n, family in enumerate(shown, start=1)
    ]
    if fitted:
        left_out = [name for f in fitted for name in f.left_out]
        tables: list[RenderableType] = []
        for f in fitted:
            tables += ["", f.table]
        print_fitted(tables, width, left_out, max(f.width for f in fitted))


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
    from compare.familyview import families_view, view_width

    width = view_width()
    shown, widest = families_view(found, changes, letters, show_all, width)
    echo_rich(shown, max(width, widest))


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
    help="Processes for the reports (with --engine dask the cluster's workers render them).",
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

    context.on_failure = None  # the files left out are listed once, after the run
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
        echo_error(line, kind="skipped")
    for line in result.failed:
        echo_error(line, kind="failed")
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
@click.option(
    "--any-date",
    is_flag=True,
    help="Let letters dated after the draft be its sources too (default: only letters "
    "dated on or before the draft, and undated ones).",
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
    any_date: bool,
    output_path: Path | None,
    output: str,
    page_size: str,
    no_report: bool,
    as_json: bool,
) -> None:
    """Check a new DRAFT (a file, or - for standard input) against every earlier letter:
    its sources, reused and new text, asks, signatories and stale copy (report in
    reports/check-<draft-file-name>.pdf, e.g. check-draft.docx.pdf)."""
    from compare.check import check_json
    from compare.checkview import check_summary

    stdin = sys.stdin.buffer.read() if draft == "-" else None
    result = context.check(context.read_draft(draft, stdin), top, any_date=any_date)
    if as_json:
        print_json(check_json(result))
    else:
        from compare.terminal import terminal_width

        click.echo(check_summary(result, terminal_width()))
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
