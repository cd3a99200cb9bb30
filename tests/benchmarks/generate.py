"""Generated archives for the benchmarks: well-formed letters with a known answer.

Each file is one letter as people write them — a title, a place and date, the recipient,
a salutation, body paragraphs, a closing and a list of signing organisations — so the reader
parses it into one letter (not fragments). Body sentences are drawn from a large word pool
(``/usr/share/dict/words`` when present, else pseudo-words made by a seeded RNG), each letter
on its own few hundred topic words plus a shared stock of common words, so distinct letters
share some vocabulary (as letters on one subject do) but not their text.

Two shapes (:func:`generate_archive`):

* ``"distinct"``: mostly distinct letters, with about ``near_share`` (5%) of them a reworded
  copy of an earlier letter (planted near-duplicates: some words replaced, a sentence dropped
  or added, paragraphs sometimes swapped, a new date, recipient and signatories);
* ``"campaign"``: about 60% of the letters belong to campaign families of hundreds or
  thousands (sizes log-uniform between 100 and 2,000, capped at a quarter of the archive):
  one template sent by many, each copy with its own recipient, one personal paragraph and a
  few words changed; the rest as ``"distinct"``.

Everything is a pure function of ``(count, shape, seed)``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DICTIONARY = Path("/usr/share/dict/words")

_FUNCTION = (
    "the", "of", "and", "to", "in", "for", "that", "on", "with", "as", "by", "at", "from",
    "this", "these", "their", "our", "we", "our", "is", "are", "be", "will", "must", "should",
    "has", "have", "was", "were", "not", "all", "its", "which", "who", "it", "an", "a",
)  # fmt: skip
_OPENERS = (
    "We write to", "We urge you to", "We call on you to", "It is time to", "We ask you to",
    "Our organisations", "In recent months", "As you know", "We are concerned that",
    "We welcome efforts to", "Therefore we", "We believe that", "This is why we",
)  # fmt: skip
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_CLOSINGS = ("Sincerely,", "Yours sincerely,", "Respectfully,", "With kind regards,")
_TITLES = ("Mr.", "Ms.", "Dr.", "Minister", "President", "Ambassador", "Secretary")


def word_pool(size: int = 60_000, seed: int = 11) -> list[str]:
    """``size`` distinct lower-case words: the system dictionary's plain words (letters
    only, 4+ characters) when it has enough, else seeded pseudo-words."""
    rng = random.Random(seed)
    words: list[str] = []
    if DICTIONARY.exists():
        seen = set()
        for line in DICTIONARY.read_text(encoding="utf-8", errors="ignore").split():
            plain = len(line) >= 4 and line.isascii() and line.isalpha() and line.islower()
            if plain and line not in seen:
                seen.add(line)
                words.append(line)
    if len(words) < size:
        consonants, vowels = "bcdfghjklmnprstvwz", "aeiou"
        made = set(words)
        while len(made) < size:
            made.add(
                "".join(
                    rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 4))
                )
            )
        words = sorted(made)
    rng.shuffle(words)
    return words[:size]


@dataclass(frozen=True)
class Archive:
    """A generated archive: file names and texts, and what was planted."""

    names: tuple[str, ...]
    texts: tuple[str, ...]
    planted: tuple[tuple[int, int], ...]
    """(original, reworded copy) positions of the planted near-duplicates."""
    families: tuple[tuple[int, ...], ...] = field(default=())
    """Positions of each campaign family's letters (``"campaign"`` shape)."""

    def write(self, folder: Path) -> None:
        """Write each letter as ``folder/<name>``."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in zip(self.names, self.texts, strict=True):
            (folder / name).write_text(text, encoding="utf-8")


@dataclass
class _Body:
    title: str
    paragraphs: list[list[str]]  # sentences per paragraph


class _Writer:
    def __init__(self, rng: random.Random, pool: list[str]) -> None:
        self.rng = rng
        self.pool = pool
        self.common = pool[:1500]
        self.rare = pool[1500:]

    def topic(self) -> list[str]:
        return self.rng.sample(self.rare, 250)

    def sentence(self, topic: list[str]) -> str:
        rng = self.rng
        words = [rng.choice(_OPENERS)]
        for _ in range(rng.randint(10, 22)):
            roll = rng.random()
            if roll < 0.35:
                words.append(rng.choice(_FUNCTION))
            elif roll < 0.55:
                words.append(rng.choice(self.common))
            else:
                words.append(rng.choice(topic))
        text = " ".join(words)
        if rng.random() < 0.3:
            text = text.replace(" and ", ", and ", 1)
        return text + "."

    def body(self) -> _Body:
        topic = self.topic()
        paragraphs = [
            [self.sentence(topic) for _ in range(self.rng.randint(2, 5))]
            for _ in range(self.rng.randint(4, 8))
        ]
        title_words = " ".join(w.capitalize() for w in self.rng.sample(topic, 4))
        return _Body(title=f"Open Letter on {title_words}", paragraphs=paragraphs)

    def reworded(self, body: _Body, rate: float) -> _Body:
        """``body`` with about ``rate`` of its words replaced, a sentence dropped or added,
        and sometimes two paragraphs swapped."""
        rng = self.rng
        topic = self.topic()[:40]  # a new sentence's words
        paragraphs = []
        for paragraph in body.paragraphs:
            sentences = []
            for sentence in paragraph:
                words = sentence.split(" ")
                for n in range(1, len(words) - 1):
                    if rng.random() < rate:
                        words[n] = rng.choice(self.common)
                sentences.append(" ".join(words))
            paragraphs.append(sentences)
        if rng.random() < 0.5:
            target = rng.choice(paragraphs)
            if len(target) > 1:
                target.pop(rng.randrange(len(target)))
        if rng.random() < 0.5:
            rng.choice(paragraphs).append(self.sentence(topic))
        if rng.random() < 0.3 and len(paragraphs) > 2:
            a, b = rng.sample(range(len(paragraphs)), 2)
            paragraphs[a], paragraphs[b] = paragraphs[b], paragraphs[a]
        return _Body(title=body.title, paragraphs=paragraphs)

    def letter(self, body: _Body, number: int) -> str:
        """The letter's file text: title, place and date, recipient, salutation, body,
        closing and signatories."""
        rng = self.rng
        name = " ".join(w.capitalize() for w in rng.sample(self.common, 2))
        title = rng.choice(_TITLES)
        place = rng.choice(self.common).capitalize()
        date = f"{rng.randint(1, 28)} {rng.choice(_MONTHS)} {2000 + number % 25}"
        signatories = [
            f"{' '.join(w.capitalize() for w in rng.sample(self.pool, rng.randint(1, 3)))} "
            f"{rng.choice(('Network', 'Coalition', 'Association', 'Foundation', 'Watch'))}"
            for _ in range(rng.randint(2, 9))
        ]
        parts = [
            body.title,
            f"{place}, {date}",
            f"To: {title} {name}",
            f"Dear {title} {name.split()[-1]},",
            *(" ".join(p) for p in body.paragraphs),
            rng.choice(_CLOSINGS),
            "\n".join(signatories),
        ]
        return "\n\n".join(parts) + "\n"


def generate_archive(
    count: int,
    shape: str = "distinct",
    seed: int = 7,
    near_share: float = 0.05,
    rewording: tuple[float, float] = (0.02, 0.25),
) -> Archive:
    """``count`` letters of ``shape`` (``"distinct"`` or ``"campaign"``, see the module
    docstring). Planted copies reword a share of their original's words drawn uniformly
    from ``rewording``. Raises ``ValueError`` for another shape."""
    if shape not in ("distinct", "campaign"):
        raise ValueError(f"unknown shape {shape!r}")
    rng = random.Random(seed)
    writer = _Writer(rng, word_pool())
    bodies: list[_Body | None] = [None] * count
    families: list[tuple[int, ...]] = []
    if shape == "campaign":
        free = list(range(count))
        rng.shuffle(free)
        target = int(count * 0.6)
        cap = max(2, count // 4)
        taken = 0
        while taken < target:
            size = min(
                cap, target - taken, int(math.exp(rng.uniform(math.log(100), math.log(2000))))
            )
            if size < 2:
                break
            members = tuple(sorted(free[taken : taken + size]))
            taken += size
            template = writer.body()
            for member in members:
                copy = writer.reworded(template, rng.uniform(0.0, 0.05))
                if rng.random() < 0.5:
                    personal = [writer.sentence(writer.topic()[:30])]
                    copy.paragraphs.insert(rng.randrange(1, len(copy.paragraphs)), personal)
                bodies[member] = copy
            families.append(members)
    planted: list[tuple[int, int]] = []
    rest = [n for n in range(count) if bodies[n] is None]
    copies = set(rng.sample(rest[1:], int(len(rest) * near_share))) if len(rest) > 1 else set()
    originals: list[int] = []
    for n in rest:
        if n in copies and originals:
            original = rng.choice(originals)
            source = bodies[original]
            assert source is not None
            bodies[n] = writer.reworded(source, rng.uniform(*rewording))
            planted.append((original, n))
        else:
            bodies[n] = writer.body()
            originals.append(n)
    texts = tuple(writer.letter(body, n) for n, body in enumerate(bodies) if body is not None)
    names = tuple(f"letter_{n:06d}.txt" for n in range(count))
    return Archive(names=names, texts=texts, planted=tuple(planted), families=tuple(families))


def generate_corpus(folder: Path, count: int, seed: int = 7, shape: str = "distinct") -> Archive:
    """Write ``count`` letter files of ``shape`` into ``folder`` (see
    :func:`generate_archive`); returns the archive."""
    archive = generate_archive(count, shape, seed)
    archive.write(folder)
    return archive


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
