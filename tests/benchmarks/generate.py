"""A generated archive for the benchmarks: the seeds' letters with paragraphs shuffled and
dates moved, so every file is a different letter built from real letter text."""

from __future__ import annotations

import random
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def generate_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """Write ``count`` letter files into ``folder``."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for number in range(count):
        text = sources[number % len(sources)]
        blocks = text.split("\n\n")
        middle = blocks[3:-3]
        rng.shuffle(middle)
        year = 2000 + number % 25
        body = "\n\n".join(blocks[:3] + middle + blocks[-3:])
        body = body.replace("2014", str(year)).replace("2020", str(year))
        (folder / f"letter_{number:05d}.txt").write_text(body, encoding="utf-8")
