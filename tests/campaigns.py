"""Crafted campaign corpora for the family and batch tests: one letter sent to many
recipients (recipient, salutation and one sentence varied), plus unrelated letters."""

from __future__ import annotations

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
