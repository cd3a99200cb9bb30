"""The terminal view of a :class:`LetterDiff`: a summary header, then a redline.

Pure functions returning strings. With ``color``, insertions are green and underlined,
deletions red and struck through (ANSI, via click.style); without it — when the output is
not a terminal — they are marked ``{+inserted+}`` and ``[-deleted-]`` (as ``wdiff`` does),
so the marks survive a pipe, a file or a grayscale printout.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Literal

import click

from compare.alignment import Block
from compare.comparison import LetterDiff
from compare.worddiff import DiffOp

_WIDTH = 88
_OP_LABEL = {
    "equal": "=",
    "changed": "~",
    "inserted": "+",
    "deleted": "-",
    "moved": ">",
}


def _mark(op: DiffOp, text: str, color: bool) -> str:
    if op == "=":
        return text
    if color:
        if op == "+":
            return click.style(text, fg="green", underline=True)
        return click.style(text, fg="red", strikethrough=True)
    return f"{{+{text}+}}" if op == "+" else f"[-{text}-]"


def redline(spans: Sequence[tuple[DiffOp, str]], color: bool) -> str:
    """One block's word diff as marked-up text."""
    return "".join(_mark(op, text, color) for op, text in spans)


def summary(diff: LetterDiff) -> str:
    """The header: what was compared and how much changed."""
    counts = diff.alignment.counts()
    lines = [
        f"a: {diff.a.key}  ({diff.a.source}#{diff.a.part})",
        f"b: {diff.b.key}  ({diff.b.source}#{diff.b.part})",
    ]
    if diff.similarity is not None:
        lines.append(f"similarity: {diff.similarity:.3f}")
    lines.append("paragraphs: " + ", ".join(f"{n} {op}" for op, n in counts.items()))
    lines.append(f"words: +{diff.words_added} -{diff.words_removed}")
    for change in diff.metadata:
        lines.append(f"{change.field}: {change.a or '—'}  →  {change.b or '—'}")
    s = diff.signatories
    lines.append(
        f"signatories: {len(s.common)} common, {len(s.only_b)} joined, {len(s.only_a)} left, "
        f"{len(s.renamed)} renamed"
    )
    lines.append("asks: " + ", ".join(f"{n} {name}" for name, n in diff.ask_counts().items()))
    return "\n".join(lines)


def _wrap(text: str, prefix: str) -> str:
    # Wrap the plain text first so ANSI codes never count towards the width.
    return "\n".join(
        textwrap.fill(
            paragraph,
            width=_WIDTH,
            initial_indent=prefix,
            subsequent_indent=" " * len(prefix),
            break_long_words=False,
            break_on_hyphens=False,
        )
        for paragraph in text.split("\n\n")
    )


def diff_view(diff: LetterDiff, color: bool, only_changes: bool = False) -> str:
    """Summary, then every block (or only the changed ones), then signatory and ask changes."""
    out = [summary(diff), ""]
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
            text = block.b or ""
            out.append(click.style(_wrap(text, "  "), dim=True) if color else _wrap(text, "  "))
        else:
            out.append(_wrap_marked(block.diff, color))
        out.append("")
    out += _signatory_lines(diff) + _ask_lines(diff)
    return "\n".join(out).rstrip() + "\n"


def _number(block: Block, side: Literal["a", "b"]) -> int:
    """The 1-based number of the block's first paragraph in letter ``side`` (the block's op
    says it has one there)."""
    index = block.a_index if side == "a" else block.b_index
    if index is None:
        raise ValueError(f"a {block.op} block has no paragraph in letter {side}")
    return index + 1


def _wrap_marked(spans: Sequence[tuple[DiffOp, str]], color: bool) -> str:
    """A redline wrapped at the view's width, counting only visible characters."""
    if not color:
        return _wrap(redline(spans, False), "  ")
    lines: list[str] = []
    for paragraph in _split_paragraphs(spans):
        line, width = "  ", 2
        for op, word in paragraph:
            if width + len(word) + 1 > _WIDTH and width > 2:
                lines.append(line.rstrip())
                line, width = "  ", 2
            line += _mark(op, word, True) + " "
            width += len(word) + 1
        lines.append(line.rstrip())
    return "\n".join(lines)


def _split_paragraphs(spans: Sequence[tuple[DiffOp, str]]) -> list[list[tuple[DiffOp, str]]]:
    """Words with their op, one list per paragraph (blank lines inside merged blocks)."""
    paragraphs: list[list[tuple[DiffOp, str]]] = [[]]
    for op, text in spans:
        for index, chunk in enumerate(text.split("\n\n")):
            if index:
                paragraphs.append([])
            paragraphs[-1] += [(op, word) for word in chunk.split()]
    return [p for p in paragraphs if p]


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
