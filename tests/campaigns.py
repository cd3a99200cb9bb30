"""Crafted campaign corpora for the family and batch tests: one letter sent to many
recipients (recipient, salutation and one sentence varied), plus unrelated letters."""

from __future__ import annotations

import random
from pathlib import Path

CAMPAIGNS = {
    "rivers": (
        "Open letter on the protection of rivers",
        [
            "We write on behalf of community groups, fishers and farmers who depend on the "
            "rivers of the region for water, food and their livelihoods. Upstream dams, sand "
            "mining and untreated industrial waste have emptied wetlands and poisoned wells.",
            "Independent monitoring of river flow and water quality has shown that pollution "
            "levels exceed national standards at most sampling stations, and that the "
            "seasonal floods that renew the floodplain soils no longer arrive.",
            "We urge you to suspend new dam licences until a basin-wide environmental "
            "assessment is published, to fund independent water quality monitoring, and to "
            "enforce the existing penalties against companies discharging waste.",
        ],
        "Your ministry has a particular responsibility for {topic}.",
    ),
    "libraries": (
        "Open letter on public library funding",
        [
            "Public libraries are the only free indoor space left in many towns: children do "
            "their homework there, job seekers print applications, and older readers find "
            "company and help with online services.",
            "Budget cuts over the last decade have closed branches, shortened opening hours "
            "and replaced trained librarians with volunteers, while book purchases have "
            "fallen by half.",
            "We call on you to restore the library grant, to protect opening hours by law, "
            "and to fund a national programme of digital skills classes in every branch.",
        ],
        "We ask your office to take the lead on {topic}.",
    ),
    "roads": (
        "Open letter on road safety near schools",
        [
            "Every morning children walk and cycle to school along roads built for fast "
            "traffic, without crossings, pavements or lighting. Parents and teachers have "
            "counted near misses at almost every school gate they surveyed.",
            "Speed limits of twenty miles per hour, raised crossings and school streets "
            "closed to through traffic at opening and closing times have cut injuries "
            "sharply wherever councils tried them.",
            "We ask you to make school streets the default, to fund safe crossings at every "
            "primary school, and to publish injury data for each school catchment.",
        ],
        "The council's transport committee decides on {topic}.",
    ),
    "fisheries": (
        "Statement on coastal fisheries quotas",
        [
            "Small-scale fishers land most of the fish eaten along the coast, yet hold a "
            "sliver of the national quota, which industrial trawlers lease and trade among "
            "themselves.",
            "Stocks of cod, hake and sardine have declined for six seasons in a row, and "
            "scientific advice to lower catches has been ignored in every quota round.",
            "We demand that quotas follow the scientific advice, that a fair share be set "
            "aside for small boats, and that trawling be banned inside the six-mile zone.",
        ],
        "Ministers of agriculture share the duty for {topic}.",
    ),
}
TOPICS = [
    "water",
    "health",
    "finance",
    "education",
    "transport",
    "justice",
    "housing",
    "energy",
    "trade",
    "tourism",
    "culture",
    "defence",
]
SIGNERS = "Sincerely,\n\nGreen Rivers Coalition, Kenya\nClean Water Network, Ghana\n"


def campaign_letter(
    campaign: str, recipient: str, day: int | None, sentence: int = 0, month: str = "May"
) -> str:
    """One letter of ``campaign`` to ``recipient`` dated ``day`` (of ``month`` 2021; undated
    when ``None``), with the varied sentence about topic number ``sentence``."""
    title, paragraphs, varied = CAMPAIGNS[campaign]
    topic = TOPICS[sentence % len(TOPICS)]
    body = list(paragraphs)
    body[1] = f"{body[1]} {varied.format(topic=topic)}"
    dateline = f"{day} {month} 2021\n\n" if day is not None else ""
    return (
        f"{title}\n\n{dateline}To: {recipient}\n\nDear {recipient},\n\n"
        + "\n\n".join(body)
        + f"\n\n{SIGNERS}"
    )


RECIPIENTS = [
    "Minister Amara Okafor",
    "Minister Bruno Keller",
    "Minister Chen Wei",
    "Minister Dara Novak",
    "Minister Elif Yilmaz",
    "Minister Farid Haddad",
    "Minister Greta Lind",
    "Minister Hugo Moreau",
    "Minister Ines Duarte",
    "Minister Jonas Berg",
    "Minister Kofi Mensah",
    "Minister Lena Petrova",
]


def write_campaign(
    folder: Path, campaign: str, size: int, prefix: str, days: list[int] | None = None
) -> list[Path]:
    """``size`` files ``<prefix>_NN.txt``, one per recipient, dated ``days`` (default: one
    per day from 3 May)."""
    days = days or [3 + n for n in range(size)]
    written = []
    for n in range(size):
        path = folder / f"{prefix}_{n:02d}.txt"
        path.write_text(
            campaign_letter(campaign, RECIPIENTS[n % len(RECIPIENTS)], days[n], sentence=n),
            encoding="utf-8",
        )
        written.append(path)
    return written


def write_single(folder: Path, campaign: str, name: str, recipient: str = "The Mayor") -> Path:
    """One letter of ``campaign`` alone (a singleton when no other letter shares it)."""
    path = folder / name
    path.write_text(campaign_letter(campaign, recipient, 20), encoding="utf-8")
    return path


SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pa", "ni", "ges", "bri", "mon"]
THEME_PHRASES = [
    ("end the use of the death penalty", "release those held in arbitrary detention"),
    ("protect freedom of expression online", "end forced labour in the cotton fields"),
]
"""Ask endings the early campaigns use (first) and the late ones (second): themes that fall
and rise."""
ORGANISATIONS = [
    f"{name} {kind}, {country}"
    for name, kind, country in [
        ("Amara", "Rights Watch", "Kenya"),
        ("Bellweather", "Foundation", "Ghana"),
        ("Cordova", "Legal Aid Network", "Peru"),
        ("Danube", "Human Rights Association", "Serbia"),
        ("Elmwood", "Coalition", "Canada"),
        ("Fjord", "Refugee Council", "Norway"),
        ("Granite", "Justice Project", "Chile"),
        ("Harbour", "Press Freedom Centre", "Malta"),
        ("Indigo", "Women's Network", "India"),
        ("Juniper", "Prisoners' Aid Society", "Ireland"),
        ("Kestrel", "Democracy Institute", "Poland"),
        ("Lagoon", "Environmental Defenders", "Fiji"),
    ]
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def _sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(_word(rng) for _ in range(words))
    return text[:1].upper() + text[1:] + "."


def write_archive(folder: Path, count: int, seed: int = 7) -> int:
    """``count`` letter files in ``folder``: campaigns (1 to 6 copies each, to recipients
    "Minister <Name> <n>", a few days apart, one sentence varied) of made-up words, so that
    campaigns share little, spread over the 24 years 2000-2023; each asks two things (the
    early campaigns about the death penalty and detention, the late ones about expression
    and forced labour) and is signed by two organisations of every campaign and three of
    :data:`ORGANISATIONS` drawn at random. Returns the number of campaigns."""
    rng = random.Random(seed)
    names = ["Abara", "Berger", "Castell", "Dunmore", "Eskola", "Fontaine", "Garrow"]
    written = campaign = 0
    campaigns = max(1, count // 3)
    while written < count:
        size = min(rng.choice([1, 1, 2, 3, 4, 6]), count - written)
        year = 2000 + min(23, campaign * 24 // campaigns)
        day = 1 + rng.randrange(20)
        late = year >= 2012
        asks = THEME_PHRASES[1] if late else THEME_PHRASES[0]
        body = [" ".join(_sentence(rng) for _ in range(2)) for _ in range(3)]
        ask = f"We urge you to {asks[0]} and to {_word(rng)} {_word(rng)} {_word(rng)}."
        ask2 = f"We call on you to {asks[1]} and {_word(rng)} {_word(rng)}."
        signers = ["Greens Coalition, Kenya", "Water Network, Ghana", *rng.sample(ORGANISATIONS, 3)]
        for copy in range(size):
            recipient = f"Minister {rng.choice(names)} {written + 1}"
            paragraphs = list(body)
            paragraphs[copy % 3] += " " + _sentence(rng, 8)
            text = (
                f"Open letter number {campaign + 1}\n\n{day + copy} May {year}\n\n"
                f"To: {recipient}\n\nDear {recipient},\n\n"
                + "\n\n".join([*paragraphs, ask, ask2])
                + "\n\nSincerely,\n\n"
                + "\n".join(signers)
                + "\n"
            )
            (folder / f"letter_{written:04d}.txt").write_text(text, encoding="utf-8")
            written += 1
        campaign += 1
    return campaign
