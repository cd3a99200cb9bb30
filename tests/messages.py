"""Reading what the CLI says on stderr: each message starts ``compare-letters: KIND:`` and
is wrapped at 80 columns, its later lines indented by two spaces."""

from __future__ import annotations


def messages(text: str) -> list[str]:
    """The messages of ``text``, each unwrapped to one line (continuation lines joined with
    a space); a line that is neither a message nor a continuation is its own item."""
    found: list[str] = []
    for line in text.splitlines():
        if line.startswith("  ") and found and found[-1].startswith("compare-letters: "):
            found[-1] += " " + line.strip()
        elif line.strip():
            found.append(line)
    return found
