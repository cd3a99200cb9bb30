"""The terminal view of a :class:`LetterDiff`: a summary header, then a redline.

Pure functions returning strings. With ``color``, insertions are green and underlined,
deletions red and struck through (ANSI, via click.style); without it — when the output is
not a terminal — they are marked ``{+inserted+}`` and ``[-deleted-]`` (as ``wdiff`` does),
so the marks survive a pipe, a file or a grayscale printout.

The redline reproduces the texts' own spacing: taking away the marks (or the colours) and
the line breaks the view adds, the ``=`` and ``+`` text reads exactly as B, the ``=`` and
``-`` text as A — no space is added before punctuation or between a deletion and the
insertion that replaces it. Lines are filled to ``width`` terminal cells (wide East Asian
characters count two, combining marks none) and broken only at white space or before a
character of a script written without spaces (Han, kana), never inside a mark or a grapheme
cluster; a word longer than the line stands alone on its line. A paragraph break the diff
deletes is shown as a deleted ``¶``; one it inserts as an inserted ``¶`` ending the line.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Sequence
from typing import Literal

import click
import regex

from compare.alignment import Block
from compare.comparison import LetterDiff
from compare.worddiff import DiffOp

WIDTH = 88
"""The redline's width off a terminal, and its widest on one (terminal cells)."""
MIN_WIDTH = 20
"""The narrowest redline: on a narrower terminal lines are this long and wrap."""
_INDENT = "  "
_OP_LABEL = {
    "equal": "=",
    "changed": "~",
    "inserted": "+",
    "deleted": "-",
    "moved": ">",
}
_MARKS = {"+": ("{+", "+}"), "-": ("[-", "-]")}
_PARAGRAPH_BREAK = regex.compile(r"[^\S\n]*\n(?:[^\S\n]*\n)+[^\S\n]*|[\u2028\u2029]")
_PIECE = regex.compile(
    r"(?P<space>(?:(?=\s)\X(?<=\s))+)|(?P<seg>(?=[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}])(?=\w)\X)|\X"
)
_GRAPHEME = regex.compile(r"\X")

Style = Literal["=", "-", "+", "mark"]
Atom = tuple[Style, str, Literal["text", "space", "break"]]
"""A piece of a line: its style, its characters, and whether the line may break there
(``space``: at this white space, which then disappears; ``break``: before it, no space)."""


def view_width(columns: int | None) -> int:
    """The redline's width for a terminal of ``columns`` cells (``None``: not a terminal):
    the terminal's width within :data:`MIN_WIDTH`..:data:`WIDTH`, else :data:`WIDTH`."""
    return WIDTH if columns is None else max(MIN_WIDTH, min(WIDTH, columns))


def cells(text: str) -> int:
    """Terminal cells ``text`` takes: two for a grapheme cluster holding a wide or full-width
    character (East Asian Width W or F: Han, kana, Hangul, most emoji), none for one of only
    combining or format characters, one for any other."""
    if text.isascii():
        return len(text)
    total = 0
    for cluster in _GRAPHEME.findall(text):
        if any(unicodedata.east_asian_width(c) in "WF" for c in cluster):
            total += 2
        elif any(unicodedata.category(c) not in ("Mn", "Me", "Cf") for c in cluster):
            total += 1
    return total


def _mark(op: DiffOp, text: str, color: bool) -> str:
    if op == "=":
        return text
    if color:
        if op == "+":
            return click.style(text, fg="green", underline=True)
        return click.style(text, fg="red", strikethrough=True)
    opening, closing = _MARKS[op]
    return f"{opening}{text}{closing}"


def redline(spans: Sequence[tuple[DiffOp, str]], color: bool) -> str:
    """One block's word diff as marked-up text, unwrapped: the spans' own characters."""
    return "".join(_mark(op, text, color) for op, text in spans)


def summary(diff: LetterDiff, width: int = WIDTH) -> str:
    """The header: what was compared and how much changed, lines filled to ``width``."""
    counts = diff.alignment.counts()
    lines = [
        f"a: {diff.a.key}  ({diff.a.source}#{diff.a.part})",
        f"b: {diff.b.key}  ({diff.b.source}#{diff.b.part})",
    ]
    if diff.similarity is not None:
        lines.append(f"similarity: {diff.similarity:.3f}")
    lines.append("paragraphs: " + ", ".join(f"{n} {op}" for op, n in counts.items()))
    lines.append(f"words: +{diff.words_added} -{diff.words_removed}")
    ignored = diff.options.ignored()
    if ignored:
        lines.append(f"ignored: {ignored}")
    for change in diff.metadata:
        lines.append(f"{change.field}: {change.a or '—'}  →  {change.b or '—'}")
    s = diff.signatories
    lines.append(
        f"signatories: {len(s.common)} common, {len(s.only_b)} joined, {len(s.only_a)} left, "
        f"{len(s.renamed)} renamed"
    )
    lines.append("asks: " + ", ".join(f"{n} {name}" for name, n in diff.ask_counts().items()))
    return "\n".join(fill_text(line, width) for line in lines)


def diff_view(diff: LetterDiff, color: bool, only_changes: bool = False, width: int = WIDTH) -> str:
    """Summary, then every block (or only the changed ones), then signatory and ask changes;
    redlines filled to ``width`` terminal cells (see :func:`view_width`)."""
    out = [summary(diff, width), ""]
    for block in diff.alignment.blocks:
        if only_changes and block.op == "equal":
            continue
        label = _OP_LABEL[block.op]
        if block.op == "deleted":
            header = f"{label} a ¶{_number(block, 'a')} deleted"
        elif block.op == "moved":
            header = f"{label} b ¶{_number(block, 'b')} moved from a ¶{_number(block, 'a')}"
        else:
            header = f"{label} b ¶{_number(block, 'b')} {block.op}"
        if block.op in ("changed", "moved"):
            header += f", {block.ratio:.0%} alike"
        out.append(click.style(header, bold=True) if color else header)
        if block.op == "equal":
            out.append(wrap_redline([("=", block.b or "")], color, width, dim=True))
        else:
            out.append(wrap_redline(block.diff, color, width))
        out.append("")
    tail = _signatory_lines(diff) + _ask_lines(diff)
    out += [fill_text(line, width, rest="      ") for line in tail]
    return "\n".join(out).rstrip() + "\n"


def _number(block: Block, side: Literal["a", "b"]) -> int:
    """The 1-based number of the block's first paragraph in letter ``side`` (the block's op
    says it has one there)."""
    index = block.a_index if side == "a" else block.b_index
    if index is None:
        raise ValueError(f"a {block.op} block has no paragraph in letter {side}")
    return index + 1


def wrap_redline(
    spans: Sequence[tuple[DiffOp, str]], color: bool, width: int = WIDTH, dim: bool = False
) -> str:
    """A redline indented by two spaces and filled to ``width`` cells (the module docstring
    says where it breaks); ``dim`` mutes it (an equal block, with ``color``)."""
    lines: list[str] = []
    for paragraph in _paragraphs(spans, color):
        lines += _fill(paragraph, width, color, dim)
    return "\n".join(lines)


def _paragraphs(spans: Sequence[tuple[DiffOp, str]], color: bool) -> list[list[Atom]]:
    """The spans as atoms, one list per paragraph of B (a paragraph break in ``=`` or ``+``
    text starts a new one; one in ``-`` text is a deleted ``¶``)."""
    paragraphs: list[list[Atom]] = [[]]
    for op, text in spans:
        if op == "-":
            text = _PARAGRAPH_BREAK.sub("¶", text)
        chunks = _PARAGRAPH_BREAK.split(text)
        if op == "+":  # an inserted break ends its line with an inserted ¶
            chunks = [chunk + "¶" for chunk in chunks[:-1]] + chunks[-1:]
        for index, chunk in enumerate(chunks):
            if index:
                paragraphs.append([])
            if chunk:
                paragraphs[-1] += _span_atoms(op, chunk, color)
    return [paragraph for paragraph in paragraphs if paragraph]


def _span_atoms(op: DiffOp, text: str, color: bool) -> list[Atom]:
    """One span's atoms: its marks (without colour), white space where a line may break —
    not at the span's own ends, which would leave a mark or a coloured space dangling — and
    break points before the characters of scripts written without spaces."""
    atoms: list[Atom] = []
    pieces = list(_PIECE.finditer(text))
    for n, piece in enumerate(pieces):
        inside = 0 < n < len(pieces) - 1 or op == "="
        if piece.group("space"):
            space = piece.group().replace("\n", " ").replace("\t", " ")  # one line, one cell
            atoms.append((op, space, "space" if inside else "text"))
            continue
        if piece.group("seg") and n > 0 and atoms and atoms[-1][2] != "space":
            previous = atoms[-1][1][-1:]
            if previous and unicodedata.category(previous) not in ("Ps", "Pi"):
                atoms.append((op, "", "break"))
        atoms.append((op, piece.group(), "text"))
    if op != "=" and not color:
        opening, closing = _MARKS[op]
        atoms = [("mark", opening, "text"), *atoms, ("mark", closing, "text")]
    return atoms


def _fill(
    atoms: list[Atom],
    width: int,
    color: bool,
    dim: bool,
    first: str = _INDENT,
    rest: str = _INDENT,
) -> list[str]:
    """Lines of at most ``width`` cells (a longer word alone), the first indented by
    ``first``, the others by ``rest``."""
    words: list[tuple[list[Atom], list[Atom]]] = []  # (separator before, word)
    separator: list[Atom] = []
    word: list[Atom] = []
    for atom in atoms:
        if atom[2] == "text":
            word.append(atom)
            continue
        if word:
            words.append((separator, word))
            separator, word = [], []
        separator.append(atom)
    if word:
        words.append((separator, word))
    lines: list[str] = []
    line: list[Atom] = []
    used = cells(first)
    for before, word in words:
        needed = sum(cells(a[1]) for a in word)
        gap = sum(cells(a[1]) for a in before)
        if line and used + gap + needed > width:
            lines.append((rest if lines else first) + _render(line, color, dim))
            line, used = list(word), cells(rest) + needed
        else:
            line += before + word
            used += gap + needed
    if line:
        lines.append((rest if lines else first) + _render(line, color, dim))
    return lines


def fill_text(text: str, width: int = WIDTH, first: str = "", rest: str = "    ") -> str:
    """Plain ``text`` filled to ``width`` cells as the redline is, the first line indented by
    ``first`` and the others by ``rest``."""
    return "\n".join(_fill(_span_atoms("=", text, False), width, False, False, first, rest))


def _render(line: list[Atom], color: bool, dim: bool) -> str:
    """A line's atoms as text, runs of one style coloured together."""
    out: list[str] = []
    runs: list[tuple[Style, str]] = []
    for style, text, _ in line:
        if runs and runs[-1][0] == style:
            runs[-1] = (style, runs[-1][1] + text)
        elif text:
            runs.append((style, text))
    for style, text in runs:
        if not color or style == "mark":
            out.append(text)
        elif style == "=":
            out.append(click.style(text, dim=True) if dim else text)
        else:
            out.append(_mark("+" if style == "+" else "-", text, True))
    return "".join(out)


def _signatory_lines(diff: LetterDiff) -> list[str]:
    s = diff.signatories
    if not s.changed:
        return [f"Signatories: no change ({len(s.common)} in both)"]
    out = ["Signatories:"]
    out += [f"  + {name}" for name in s.only_b]
    out += [f"  - {name}" for name in s.only_a]
    out += [f"  ~ {r.a} → {r.b}  ({r.reason})" for r in s.renamed]
    return out


def _ask_lines(diff: LetterDiff) -> list[str]:
    changes = [c for c in diff.asks if c.status != "same" or c.verb_change]
    if not changes:
        return ["", f"Asks: no change ({len(diff.asks)})"]
    out = ["", "Asks:"]
    for change in changes:
        verb = ""
        if change.verb_change:
            verb = f" [{change.a_verb} → {change.b_verb}: {change.verb_change}]"
        text = change.b or change.a or ""
        out.append(f"  {change.status}{verb}: {textwrap.shorten(text, 100)}")
    return out
