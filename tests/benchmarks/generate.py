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


CAMPAIGN_SIZES = [1, 1, 1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40]
"""How many recipients a campaign letter goes to: most letters go to a few, some to many."""
TITLES = ["Minister", "Ambassador", "Secretary", "Commissioner", "Senator", "Governor"]
NAMES = [
    "Abara", "Berger", "Castell", "Dunmore", "Eskola", "Fontaine", "Garrow", "Halvorsen",
    "Ibarra", "Jansen", "Kovac", "Lindqvist", "Moreno", "Nakata", "Oduya", "Petrakis",
]  # fmt: skip


def seed_sentences() -> list[str]:
    """The sentences (of 8 words or more) of the seeds' paragraphs."""
    import re

    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            for sentence in re.split(r"(?<=[.!?])\s+", " ".join(block.split())):
                if len(sentence.split()) >= 8 and sentence[0].isupper():
                    found.append(sentence)
    return found


def generate_campaigns(folder: Path, count: int, seed: int = 7) -> dict[str, int]:
    """Write ``count`` letter files into ``folder`` as an archive of campaigns: each campaign
    is a letter of five paragraphs (sentences of the seeds, drawn at random, so campaigns
    share little) sent to ``CAMPAIGN_SIZES`` recipients over a week, each copy with its own
    recipient, salutation, date and one sentence changed; one copy in five also gains or
    loses a paragraph. Returns how many campaigns of each size were written."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    sizes: dict[str, int] = {}
    written = 0
    campaign = 0
    while written < count:
        size = min(rng.choice(CAMPAIGN_SIZES), count - written)
        sizes[str(size)] = sizes.get(str(size), 0) + 1
        title = f"Open letter number {campaign + 1} on human rights"
        paragraphs = [[rng.choice(sentences) for _ in range(3)] for _ in range(5)]
        year, day = 2000 + campaign % 24, 1 + rng.randrange(20)
        month = rng.choice(["March", "May", "October"])
        for copy in range(size):
            recipient = f"{rng.choice(TITLES)} {rng.choice(NAMES)} {copy + 1}"
            body = [list(p) for p in paragraphs]
            body[rng.randrange(5)][rng.randrange(3)] = rng.choice(sentences)
            if copy and rng.random() < 0.2:
                if rng.random() < 0.5:
                    body.pop(rng.randrange(len(body)))
                else:
                    body.insert(rng.randrange(len(body)), [rng.choice(sentences)])
            text = (
                f"{title}\n\n{day + copy % 7} {month} {year}\n\nTo: {recipient}\n\n"
                f"Dear {recipient},\n\n"
                + "\n\n".join(" ".join(p) for p in body)
                + "\n\nSincerely,\n\nGreen Rivers Coalition, Kenya\nClean Water Network, Ghana\n"
            )
            (folder / f"campaign_{written:05d}.txt").write_text(text, encoding="utf-8")
            written += 1
        campaign += 1
    return sizes
