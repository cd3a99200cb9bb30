"""Line features for the learned line labeller.

In: the lines of one letter part. Out: per non-blank line, a dict of feature name → value
(what python-crfsuite takes), built from

* today's rules as features, not decisions: the label :func:`~compare.reading.labels.rule_labels`
  gives the line, and each cue the rules test (a salutation, a closing, a date that parses,
  a cc marker, a footnote mark, a signature heading, chrome phrases, a URL, prose shape);
* layout: position in the part, length, shape (case, punctuation at the end, bullets and
  numbers, digits), blank lines around, lines repeated elsewhere in the part, distance to the
  nearest salutation and closing cue;
* signature-block evidence: organisation words, a country, honorifics, title words, a name
  shape, commas;
* stop-word density (``data/stopwords.toml``) and voice: first- and second-person words and
  the page's own words ("sign", "share", "comment") from ``data/voice.toml``;
* the same, shorter, for the neighbouring lines (``-1:``, ``+1:``, ``-2:``, ``+2:``).

Vocabulary comes only from the readable data files (cue words, stop words, countries,
organisation words, honorifics): there is no open bag of words, so the model cannot
memorise letters. :data:`FEATURE_VERSION` changes whenever a feature does (a model trained on
other features is refused).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from compare.reading import signatories
from compare.reading.countries import match_country
from compare.reading.dates import find_dates, parse_date_line
from compare.reading.footnotes import footnote_start
from compare.reading.labels import Label, rule_labels
from compare.reading.lexicon import (
    cc_start,
    has_title_word,
    is_chrome,
    is_closing,
    is_footnote_heading,
    is_prose,
    is_salutation,
    is_url,
    presents_letter,
    split_salutation,
)
from compare.reading.signatories import announced_kind, is_signatory_heading

FEATURE_VERSION = 7

_BULLET = re.compile(r"^\s*(?:[-•*·▪◦‣–—]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)])\s")
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_WINDOW = 2
_RULER = re.compile(r"^[\s\-=_*~·•#.–—]{3,}$")
_GLOSS = re.compile(
    r"^\W{0,3}(?P<short>[A-Z][A-Za-z0-9&]*[A-Z0-9](?:\s[A-Z][A-Za-z0-9&]{0,4}){0,2})"
    r"\s*(?::|=|\s[–—-])\s+(?P<long>\S.*)$"
)

Features = dict[str, float | str | bool]


@lru_cache(maxsize=1)
def voice_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/voice.toml``: who a line speaks as and to."""
    from compare.datafiles import load_data, word_lists

    lists = word_lists(load_data("voice"), "voice")
    return {name: frozenset(w.lower() for w in words) for name, words in lists.items()}


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The stop words of every language in ``data/stopwords.toml``."""
    from compare.datafiles import load_data, word_lists

    lists = word_lists(load_data("stopwords"), "stop_words")
    return frozenset(word.lower() for words in lists.values() for word in words)


def line_features(
    lines: Sequence[str], rules: Sequence[Label | None] | None = None
) -> list[Features]:
    """The features of each non-blank line of ``lines`` (in order); ``rules`` are the rule
    labels when the caller has them already."""
    rules = list(rules) if rules is not None else rule_labels(list(lines))
    rows = [i for i, line in enumerate(lines) if line.strip()]
    counts = Counter(lines[i].strip().lower() for i in rows)
    own = [_own(lines, i, rules[i], counts, rows, n) for n, i in enumerate(rows)]
    _distances(own)
    _regions(own)
    _blocks(lines, rows, own)
    _conjunctions(own)
    near_far = [_neighbours(row) for row in own]
    features: list[Features] = []
    for n in range(len(rows)):
        row: Features = {"bias": 1.0, **own[n]}
        for step in range(1, _WINDOW + 1):
            for sign, m in (("-", n - step), ("+", n + step)):
                prefix = f"{sign}{step}:"
                if 0 <= m < len(rows):
                    source = near_far[m][0 if step == 1 else 1]
                    row.update({prefix + key: value for key, value in source.items()})
                else:
                    row[prefix + "edge"] = True
        features.append(row)
    return features


_NEIGHBOUR_KEYS = (
    "rule",
    "salutation",
    "closing",
    "date",
    "chrome",
    "prose",
    "bullet",
    "sig_heading",
    "org",
    "name",
    "len",
    "end",
    "footnote",
    "cc",
    "ruler",
    "gloss",
    "presents",
)


_NEAR = frozenset(_NEIGHBOUR_KEYS)
_FAR = frozenset(_NEIGHBOUR_KEYS[:8])


def _neighbours(own: Features) -> tuple[Features, Features]:
    """What the lines next to ``own``'s line see of it, and what the lines two away see: its
    features whose name (before any ``=``) is one of :data:`_NEIGHBOUR_KEYS`, and one of
    their first eight; flags that are false are left out (CRFsuite ignores them)."""
    near: Features = {}
    far: Features = {}
    for key, value in own.items():
        if value is not False:
            name = key.partition("=")[0]
            if name in _NEAR:
                near[key] = value
                if name in _FAR:
                    far[key] = value
    return near, far


def _own(
    lines: Sequence[str],
    i: int,
    rule: Label | None,
    counts: Counter[str],
    rows: list[int],
    n: int,
) -> Features:
    """The line's own features: its cues and shape (:func:`_cues`) and its place."""
    line = lines[i]
    text = line.strip()
    found: Features = {
        f"rule={rule or 'none'}": True,
        f"pos={_bucket(int(10 * n / max(len(rows), 1)), (1, 3, 5, 7, 9))}": True,
        "first": n == 0,
        "last": n == len(rows) - 1,
        "blank_before": i == 0 or not lines[i - 1].strip(),
        "blank_after": i + 1 >= len(lines) or not lines[i + 1].strip(),
        "repeated": counts[text.lower()] > 1,
    }
    found.update(_cues(line))
    return found


@lru_cache(maxsize=65536)
def _cues(line: str) -> dict[str, float | str | bool]:
    """What the line itself says, whatever surrounds it (memoised: archives repeat lines)."""
    text = line.strip()
    words = _WORD.findall(text)
    lower = list(map(str.lower, words))
    stops = stop_words()
    footnote = footnote_start(line)
    found: Features = {
        f"len={_bucket(len(text), (3, 10, 25, 50, 90, 160, 300))}": True,
        f"words={_bucket(len(words), (1, 2, 4, 7, 12, 25, 50))}": True,
        f"end={_end(text)}": True,
        f"start={_start(text)}": True,
        "salutation": is_salutation(line),
        "closing": is_closing(line),
        "chrome": is_chrome(line),
        "prose": is_prose(line),
        "title_word": has_title_word(line),
        "date": parse_date_line(line) is not None,
        "url": is_url(line),
        "email": "@" in text and bool(_EMAIL.search(text)),
        "time": ":" in text and bool(_TIME.search(text)),
        "cc": cc_start(line) is not None,
        "footnote": footnote is not None,
        # with numbers allowed, every other mark still opens a footnote
        "footnote_n": footnote is not None or footnote_start(line, allow_numbers=True) is not None,
        "footnote_heading": is_footnote_heading(line),
        "sig_heading": is_signatory_heading(line) is not None,
        "sig_announce": announced_kind(text) is not None,
        "bullet": bool(_BULLET.match(line)),
        "indent": line[:1].isspace(),
        "digits": len(_DIGIT.findall(text)) / max(len(text), 1),
        "upper": sum(map(str.isupper, [w for w in words if len(w) > 1])) / max(len(words), 1),
        "capital": sum(map(str.isupper, [w[0] for w in words])) / max(len(words), 1),
        "stop": sum(map(stops.__contains__, lower)) / max(len(words), 1),
        "nwords": len(words),
        f"commas={min(text.count(','), 4)}": True,
        "colon_end": text.endswith(":"),
        "pipe": "|" in text or " > " in text or "»" in text,
        "ruler": bool(_RULER.match(text)),
        "gloss": is_gloss(text),
        "date_start": _starts_with_date(text),
        "presents": presents_letter(text),
        "salutation_run_on": bool(split_salutation(text)[1]),
    }
    voice = voice_words()
    for name in ("first_person", "second_person", "page_words"):
        hits = sum(map(voice[name].__contains__, lower))
        found[f"{name}={_bucket(hits, (0, 1, 2))}"] = True
    found.update(_signature_evidence(text))
    return found


def is_gloss(text: str) -> bool:
    """An acronym's definition: "ABC: Association for Better Cities", "XYZ – Xenial Youth
    Zone" (the capitals of the definition spell the acronym's letters in order)."""
    match = _GLOSS.match(text)
    if not match:
        return False
    letters = [c for c in match.group("short") if c.isupper()]
    initials = [w[0] for w in _WORD.findall(match.group("long")) if w[0].isupper()]
    if len(letters) < 2 or len(initials) < 2 or letters[0] != initials[0]:
        return False
    return _in_order(letters, initials) or _in_order(initials, letters)


def _in_order(part: list[str], whole: list[str]) -> bool:
    """Whether ``part`` is a subsequence of ``whole``."""
    rest = iter(whole)
    return all(item in rest for item in part)


def _starts_with_date(text: str) -> bool:
    """A date followed by more words ("12 Mar 2024 Outlet headline …"): a dated link or
    entry, not a date line."""
    found = find_dates(text[:40])
    if not found:
        return False
    written = found[0][0]
    at = text.find(written)
    return 0 <= at <= 3 and len(_WORD.findall(text[at + len(written) :])) >= 3


def _signature_evidence(text: str) -> Features:
    words = signatories._words()
    tokens = text.split()
    first = tokens[0].lower().rstrip(",") if tokens else ""
    head = text.split(",", 1)[0].strip()
    return {
        "org": signatories._looks_like_org(text),
        "org_head": signatories._looks_like_org(head),
        "name": signatories._is_person_name(head),
        "honorific": first in words.prefixes,
        "title_start": signatories._starts_with_title(text),
        "country": match_country(text.split(",")[-1].strip().strip("()")) is not None,
    }


def _distances(own: list[Features]) -> None:
    """Add how far (in non-blank lines) the nearest salutation cue above and closing cue
    below stand, bucketed, and which side of them the line is on."""
    last_salutation: int | None = None
    for n, row in enumerate(own):
        if row["salutation"]:
            last_salutation = n
        row[f"since_salutation={_gap(n, last_salutation)}"] = True
    next_closing: int | None = None
    for n in range(len(own) - 1, -1, -1):
        if own[n]["closing"]:
            next_closing = n
        own[n][f"until_closing={_gap(next_closing, n)}"] = True
    seen_closing = False
    for row in own:
        row["after_closing"] = seen_closing
        seen_closing = seen_closing or bool(row["closing"])


def _regions(own: list[Features]) -> None:
    """Where the main run of running text lies (the letter's body, most often): the stretch
    of lines with the largest sum of prose scores (Kadane's maximum-sum subarray; a prose
    line scores by its word count, any other line costs 3), and each line's side of it.
    Also the length of the run of short name- or organisation-like lines a line is in
    (signature lists are such runs)."""
    scores = [(min(int(str(row["nwords"])), 60) if row["prose"] else -3.0) for row in own]
    best, best_range, total, start = 0.0, (0, -1), 0.0, 0
    for n, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, n
        total += score
        if total > best:
            best, best_range = total, (start, n)
    first, last = best_range
    for n, row in enumerate(own):
        side = "in" if first <= n <= last else "before" if n < first else "after"
        row[f"main={side}"] = True
        gap = first - n if n < first else n - last if n > last else 0
        row[f"main_gap={_bucket(gap, (0, 1, 2, 4, 8, 16))}"] = True
    listy = [bool(row["name"] or row["org"]) and not row["prose"] for row in own]
    n = 0
    while n < len(own):
        if not listy[n]:
            n += 1
            continue
        end = n
        while end + 1 < len(own) and listy[end + 1]:
            end += 1
        for m in range(n, end + 1):
            own[m][f"name_run={_bucket(end - n + 1, (1, 2, 4, 8, 20))}"] = True
        n = end + 1


_SIDES = ("in", "before", "after")
"""The sides of the main run of text :func:`_regions` gives a line (one each)."""
_CUES = ("title_word", "date", "salutation", "closing", "org", "name", "prose", "chrome", "url")


def _conjunctions(own: list[Features]) -> None:
    """Each cue that fires, paired with the line's side of the main run of text: a title
    word above the body means a title, below it a footer link; an organisation below the
    body means a signatory, above it a masthead."""
    for row in own:
        side = next((side for side in _SIDES if f"main={side}" in row), "none")
        for cue in _CUES:
            if row.get(cue) is True:
                row[f"{cue}&main={side}"] = True


def _blocks(lines: Sequence[str], rows: list[int], own: list[Features]) -> None:
    """Each line's place in its block (lines between blank lines) and the block's size."""
    starts = [n for n, i in enumerate(rows) if n == 0 or i - rows[n - 1] > 1]
    places: list[int] = []
    sizes: list[int] = []
    for start, end in zip(starts, [*starts[1:], len(rows)], strict=True):
        places += range(end - start)
        sizes += [end - start] * (end - start)
    for n, row in enumerate(own):
        row[f"block={_bucket(sizes[n], (1, 2, 3, 5, 10, 30))}"] = True
        row[f"in_block={_bucket(places[n], (0, 1, 3))}"] = True


def _gap(later: int | None, earlier: int | None) -> str:
    if later is None or earlier is None:
        return "none"
    return _bucket(later - earlier, (0, 1, 2, 4, 8, 16, 40))


def _bucket(value: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _end(text: str) -> str:
    if not text:
        return "none"
    last = text[-1]
    if last in ".!?":
        return "stop"
    if last in ",;":
        return "comma"
    if last == ":":
        return "colon"
    if last in ")]\"'”’":
        return "close"
    return "word" if last.isalnum() else "other"


def _start(text: str) -> str:
    if not text:
        return "none"
    first = text[0]
    if first.isupper():
        return "upper"
    if first.islower():
        return "lower"
    if first.isdigit():
        return "digit"
    return "mark"
