"""The grammar of a letter, where the line model breaks it: repairs to its labels.

In: a file's lines, the rows (indexes of its non-blank lines), the rules' label of each line,
the line features (:func:`compare.reading.features.line_features`) and the labels the model
chose with their confidence (``{line: (label, confidence, "model")}``). Out: nothing; the
chosen labels are repaired in place, each repair marked with source ``grammar``. The rules
are listed in :func:`repair`'s docstring, each one a small function below; they read only
the lines, features, cue lists of the data files and the labels, never a letter's own
words. The model is in :mod:`compare.reading.linemodel`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from compare.reading.features import Features
from compare.reading.labels import Label
from compare.text import ends_sentence

LETTER_LABELS = frozenset({"body", "heading", "list-item", "salutation"})
"""Labels of the letter's own opening and text: a model that gives no line one of them sees no
letter, and the rules read the part instead."""


_GREETING_WORDS = 14
"""The most words of a salutation the cue lists do not know ("Members of the Board,"): a
longer line, or one ending like a sentence, that the model calls the salutation is text."""

_WEB = re.compile(r"https?://|www\.|\S@\S+\.\w")
"""A web or e-mail address in a line."""

_SANDWICH = 3
"""How many lines below a title, heading or name-led line right under a signature
:func:`repair` looks for another signature, to read it as one of the list."""

_INTRO_LINES = 3
"""The most lines of running text above the salutation that :func:`repair` reads as the
page's introduction (a standfirst is one to three paragraphs)."""


def _relabel(chosen: dict[int, tuple[Label, float, str]], row: int, new: Label) -> None:
    """Give line ``row`` the label ``new`` as a grammar repair, keeping the model's
    confidence in the line (1.0 for a line the model left to the rules)."""
    chosen[row] = (new, chosen.get(row, (new, 1.0, ""))[1], "grammar")


def repair(
    lines: Sequence[str],
    rows: list[int],
    rules: Sequence[Label | None],
    features: list[Features],
    chosen: dict[int, tuple[Label, float, str]],
) -> None:
    """Repairs by the grammar of a letter, where the model breaks it (source ``grammar``):

    * a row of page widgets ("Share: Facebook Twitter Email",
      :func:`compare.reading.lexicon.is_widget_line`) is page furniture, whatever the model
      calls it;
    * a wrapped sentence: a line right under a body or list-item line (no blank line between)
      that ends without closing punctuation, starting lower-case or with a digit, continues
      it and takes its label;
    * the signatures that end a file: after the last closing or signature heading, name- or
      organisation-like lines that are not running text and reach the end of the file are
      the signature block when the rules say so;
    * a headline the model calls page furniture under a title that only names the kind of
      text ("JOINT STATEMENT") is the title (:func:`_headline_under_kind`), and a sentence
      it calls a second title is the standfirst (:func:`_standfirst_under_title`);
    * a headline the model calls the address block right above the text is the title
      (:func:`_headline_above_text`), and a list of addressees it calls the title is the
      recipient (:func:`_addressees_as_title`); a title word atop the address block, set
      apart from it, heads the letter (:func:`_title_atop_address`);
    * a letter with no title: the rules' title line above the salutation and body, when the
      model calls it chrome; a line presenting the letter ("… sent the following statement
      to …", :func:`compare.reading.lexicon.presents_letter`) above it is never the title;
    * with no date found, the dateline nearest above the letter's text that the rules call
      the date (a front matter's ``date:``) and the model page furniture is the date;
    * a line the model calls a date but that holds no date keeps the rules' label, and one
      it calls an address line that opens with a date ("2 June, 2015Rehire …") is a date;
    * a line holding a web or e-mail address, or a sentence (over 14 words, or ending with
      a full stop or semicolon), is no salutation unless the rules read one;
    * a letter with no salutation, with a line of text before its closing that opens with a
      greeting run into its first sentence ("Sir – We share …", "Dear Editor,We write …":
      :func:`compare.reading.lexicon.split_salutation`), or a line up to its first line of
      text with a greeting glued to its end ("… in June.Madame la Ministre,"), has the
      first such line as its salutation;
    * no signatures before the salutation (when no letter has closed before it): the name
      lines right above it are the address block, any further up page furniture;
    * no running text before the salutation (or, with none, before the address block): a
      few body lines above it, with a letter of at least twice as many below it and no
      closing before it, are the page's introduction to the letter (chrome, as the
      labelling guide has it);
    * no signatures inside the body: a line the model calls a signature between the
      salutation and a closing line below it keeps the rules' label when they call it body;
    * a line before the salutation (or, with none, the closing) that addresses the letter
      without a colon after "To" ("To Acme Corp, Globex and Initech:",
      :func:`compare.reading.recipients.is_to_line`) is the recipient;
    * an address label alone ("To:") before the closing heads the lines below it, up to the
      next line of text or salutation, as the address block (not signatures);
    * an address line with its label ("To: …", "Petition to: …", "Destinataire : …") above
      the letter's first line of text is the recipient, not page furniture (unless it holds
      a web or e-mail address);
    * a line announcing signatories read as text, over at least three name- or
      organisation-led lines, heads a signature list (:func:`_announced_list`);
    * no address block inside a signature list (:func:`_addresses_among_signatures`), no
      gaps in a signature wall (:func:`_wall_gaps`), no
      address line alone amid page furniture (:func:`_isolated_addresses`), and no
      signature stamped with a time of day (:func:`_post_stamps`); a comment feed is page
      furniture (:func:`_comment_feed`);
    * a bare name between a letter's text and the next letter's title signs the first
      (:func:`_signed_before_next`);
    * with no salutation, no lone signature above the letter's text
      (:func:`_signature_above_text`); with no closing and no signature, an honorific-led
      name right after the text signs it (:func:`_lone_signer`);
    * a petition page's feed line ("Jane R. signed just now",
      :func:`compare.reading.signatories.signed_entry`) is a signature wherever it stands;
    * no title or heading inside a signature list: such a line right under a signature,
      with another within three lines below, is one, and so is a line opening with a name
      or an organisation there (a signer's card
      with a comment: "Jane Roe, Example Org, We stand with …");
    * a signature block ends at the first line after the closing that no signature takes:
      a separator rule, a dated entry ("12 Mar 2024 Outlet headline …"), an acronym's
      definition or a line with two of the page's own words that opens with no name ("…
      download … click here"; right after the closing, such a line is page furniture but
      the block goes on: "+ Add your name to this letter").
      From there on, lines called signatures are page furniture (definitions are notes), up
      to a signature heading that opens another list; name-less lines right above it
      ("Further reading:") go with it.
    """

    def label(row: int) -> Label | None:
        return chosen[row][0] if row in chosen else rules[row]

    from compare.reading.dates import date_in_labelled_line, parse_date_line
    from compare.reading.lexicon import is_salutation, is_widget_line, split_salutation

    for n, row in enumerate(rows):
        if row in chosen and chosen[row][0] == "date" and not date_in_labelled_line(lines[row]):
            del chosen[row]  # a date line holds a date: else the rules' label stands
        elif label(row) == "recipient" and features[n].get("date_start"):
            _relabel(chosen, row, "date")

    for n, row in enumerate(rows[1:], start=1):
        above = rows[n - 1]
        text, prior = lines[row].strip(), lines[above].rstrip()
        if (
            above == row - 1
            and label(above) in ("body", "list-item")
            and label(row) == "chrome"
            and prior[-1:] not in tuple('.!?:;"”’)')
            and (text[:1].islower() or text[:1].isdigit())
        ):
            _relabel(chosen, row, label(above) or "body")
    ends = [n for n, row in enumerate(rows) if label(row) in ("closing", "signature-heading")]
    if ends:
        tail = list(range(ends[-1] + 1, len(rows)))
        if tail and all(
            rules[rows[n]] == "signature" and not features[n].get("prose") for n in tail
        ):
            for n in tail:
                if label(rows[n]) == "chrome":
                    _relabel(chosen, rows[n], "signature")
    for row in rows:
        if label(row) != "chrome" and is_widget_line(lines[row]):
            _relabel(chosen, row, "chrome")
    first_letter = next((row for row in rows if label(row) in LETTER_LABELS), None)
    _headline_above_text(lines, rows, chosen, label)
    _headline_under_kind(lines, rows, chosen, label)
    _standfirst_under_title(lines, rows, chosen, label)
    _addressees_as_title(lines, rows, rules, chosen, label)
    _title_atop_address(rows, features, chosen, label)
    if first_letter is not None and not any(label(row) == "date" for row in rows):
        dated = [row for row in rows if row < first_letter and rules[row] == "date"]
        if dated and label(dated[-1]) == "chrome" and parse_date_line(lines[dated[-1]]):
            _relabel(chosen, dated[-1], "date")
    for n, row in enumerate(rows):
        if first_letter is not None and row >= first_letter:
            break
        if features[n].get("presents") and label(row) == "title":
            _relabel(chosen, row, "chrome")
    if first_letter is not None and not any(label(row) == "title" for row in rows):
        titles = [
            row
            for n, row in enumerate(rows)
            if row < first_letter and rules[row] == "title" and not features[n].get("presents")
        ]
        if titles and label(titles[-1]) == "chrome":
            _relabel(chosen, titles[-1], "title")
    for n, row in enumerate(rows):
        text = lines[row].strip()
        sentence = len(text.split()) > _GREETING_WORDS or text.endswith((".", ";", "?"))
        if (
            row in chosen
            and label(row) == "salutation"
            and not features[n].get("salutation")
            and not features[n].get("salutation_run_on")
            and (_WEB.search(text) or sentence)
            and not is_salutation(split_salutation(text)[0])  # "… today.Dear Minister,"
        ):
            del chosen[row]  # a web address or a sentence is no greeting: the rules' label
    salutations = [n for n, row in enumerate(rows) if label(row) == "salutation"]
    closing = next((n for n, row in enumerate(rows) if label(row) == "closing"), len(rows))
    first_text = next((n for n, row in enumerate(rows) if label(row) in LETTER_LABELS), len(rows))

    def glued(n: int) -> bool:  # "… in June.Madame la Ministre," before the letter's text
        text = lines[rows[n]].strip()
        greeting = split_salutation(text)[0]
        return n <= first_text and greeting != text and is_salutation(greeting)

    run_on = next(
        (
            n
            for n in range(closing)
            if (label(rows[n]) in LETTER_LABELS and features[n].get("salutation_run_on"))
            or glued(n)
        ),
        None,
    )
    if not salutations and run_on is not None:
        row = rows[run_on]
        _relabel(chosen, row, "salutation")
        salutations = [run_on]
    if salutations:
        # No signatures before the salutation: the block of name lines right above it is the
        # address block, and name lines further up are page furniture.
        first = salutations[0]
        before = [n for n in range(first) if label(rows[n]) in ("signature", "signature-heading")]
        opened = any(label(rows[n]) == "closing" for n in range(first))
        if before and not opened:
            block = first
            while block > 0 and label(rows[block - 1]) in ("signature", "recipient", "date"):
                block -= 1
            for n in before:
                new: Label = "recipient" if n >= block else "chrome"
                _relabel(chosen, rows[n], new)
        running = ("body", "list-item", "heading")
        addressed = next((n for n in range(first) if label(rows[n]) == "recipient"), first)
        intro = [n for n in range(addressed) if label(rows[n]) in running]
        later = [n for n in range(first + 1, len(rows)) if label(rows[n]) in running]
        if intro and not opened and len(intro) <= _INTRO_LINES and len(later) >= 2 * len(intro):
            for n in intro:
                _relabel(chosen, rows[n], "chrome")
        closings = [n for n in range(first + 1, len(rows)) if label(rows[n]) == "closing"]
        if closings:
            for n in range(first + 1, closings[0]):
                row = rows[n]
                if label(row) in ("signature", "signature-heading") and rules[row] == "body":
                    _relabel(chosen, row, "body")
    _labelled_address(lines, rows, rules, chosen, label)
    if not any(label(row) == "salutation" for row in rows):
        _intro_above_address(rows, chosen, label)
        _signature_above_text(rows, features, chosen, label)
    from compare.reading.signatories import signed_entry

    for row in rows:
        if label(row) != "signature" and signed_entry(lines[row]):
            _relabel(chosen, row, "signature")
    for n in range(1, len(rows) - 1):
        row, own = rows[n], label(rows[n])
        if (
            own in ("title", "heading", "body", "chrome")
            and label(rows[n - 1]) == "signature"
            and any(label(r) == "signature" for r in rows[n + 1 : n + 1 + _SANDWICH])
            and (
                own in ("title", "heading")
                or features[n].get("name")
                or features[n].get("org_head")
            )
        ):
            _relabel(chosen, row, "signature")
    _addresses_among_signatures(lines, rows, chosen, label)
    _wall_gaps(lines, rows, features, chosen, label)
    _isolated_addresses(lines, rows, chosen, label)
    _post_stamps(lines, rows, chosen, label)
    _comment_feed(lines, rows, chosen, label)
    _signed_before_next(lines, rows, features, chosen, label)
    _lone_signer(rows, features, chosen, label)
    _announced_list(lines, rows, rules, features, chosen, label)
    _end_signatures(lines, rows, features, chosen, label)


def _labelled_address(
    lines: Sequence[str],
    rows: list[int],
    rules: Sequence[Label | None],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """The address-label rules of :func:`repair`."""
    from compare.reading.recipients import (
        is_bare_address_label,
        is_labelled_address,
        is_to_line,
    )

    closing = next((n for n, row in enumerate(rows) if label(row) == "closing"), len(rows))
    opening = next((n for n, row in enumerate(rows) if label(row) == "salutation"), closing)
    for n in range(opening):
        row = rows[n]
        if label(row) in ("body", "chrome", "signature") and is_to_line(lines[row]):
            _relabel(chosen, row, "recipient")
    for n in range(closing):
        if not is_bare_address_label(lines[rows[n]]):
            continue
        block = [n]
        for m in range(n + 1, closing):
            if label(rows[m]) in ("salutation", "body", "list-item", "heading", "title", "date"):
                break
            block.append(m)
        if len(block) > 1:
            for m in block:
                row = rows[m]
                _relabel(chosen, row, "recipient")
    for row in rows:
        if label(row) in LETTER_LABELS:
            return
        if rules[row] == "recipient" and label(row) == "chrome" and is_labelled_address(lines[row]):
            _relabel(chosen, row, "recipient")


def _addresses_among_signatures(
    lines: Sequence[str],
    rows: list[int],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """No address block inside a signature list: between the first closing and the last
    signature, with no salutation there (no second letter opens), lines the model calls the
    recipient that carry no address label ("To: …") are more of the list."""
    from compare.reading.recipients import is_bare_address_label, is_labelled_address

    closing = next((n for n, row in enumerate(rows) if label(row) == "closing"), None)
    signed = [n for n, row in enumerate(rows) if label(row) == "signature"]
    if closing is None or not signed or signed[-1] <= closing:
        return
    inside = range(closing + 1, signed[-1])
    if any(label(rows[n]) == "salutation" for n in inside):
        return
    for n in inside:
        row = rows[n]
        if (
            label(row) == "recipient"
            and not is_labelled_address(lines[row])
            and not is_bare_address_label(lines[row])
        ):
            _relabel(chosen, row, "signature")


_WALL_SIGNATURES = 20
"""The fewest signatures of a signature wall (:func:`_wall_gaps`)."""
_WALL_DENSITY = 0.5
"""The least share of a wall's lines that are signatures (:func:`_wall_gaps`)."""


def _wall_gaps(
    lines: Sequence[str],
    rows: list[int],
    features: list[Features],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """No gaps in a signature wall: from the first signature after the first closing to the
    last signature, with no salutation or second closing between (no second letter), at
    least :data:`_WALL_SIGNATURES` signatures making at least :data:`_WALL_DENSITY` of the
    lines, a line opening with a person's name or an organisation that the model reads as
    a title, heading, text or page furniture is another signer's card ("Jane Roe, Acme,
    It did not start this year …"), unless it opens a block after the letter
    (:func:`compare.reading.runin.opens_after_letter`)."""
    from compare.reading.runin import opens_after_letter

    closing = next((n for n, row in enumerate(rows) if label(row) == "closing"), None)
    if closing is None:
        return
    signed = [n for n in range(closing + 1, len(rows)) if label(rows[n]) == "signature"]
    if len(signed) < _WALL_SIGNATURES:
        return
    span = range(signed[0], signed[-1] + 1)
    if len(signed) < _WALL_DENSITY * len(span) or any(
        label(rows[n]) in ("salutation", "closing") for n in span
    ):
        return
    for n in span:
        row = rows[n]
        if (
            label(row) in ("title", "heading", "body", "chrome")
            and (features[n].get("name") or features[n].get("org_head"))
            and not opens_after_letter(lines[row])
        ):
            _relabel(chosen, row, "signature")


def _isolated_addresses(
    lines: Sequence[str],
    rows: list[int],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """No address line alone amid page furniture: a line the model calls the recipient,
    with page furniture right above and right below it and no address label of its own,
    is a menu item or a caption like its neighbours (an address block stands by the
    letter's date, salutation or text)."""
    from compare.reading.recipients import is_labelled_address

    for n in range(1, len(rows) - 1):
        row = rows[n]
        if (
            row in chosen
            and label(row) == "recipient"
            and label(rows[n - 1]) == "chrome"
            and label(rows[n + 1]) == "chrome"
            and not is_labelled_address(lines[row])
        ):
            _relabel(chosen, row, "chrome")


_CLOCK = re.compile(r"(?<![\d:])(?:[01]?\d|2[0-3])[:.h][0-5]\d(?::[0-5]\d)?(?![\d:])")
"""A time of day ("19:33", "7.05", "10h30", "16:04:34")."""


def _post_stamps(
    lines: Sequence[str],
    rows: list[int],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """No signature or text stamped with a time: after the letter's first line of text, a
    line the model calls a signature or text that is a stamp (:func:`_is_stamp`: "4 Mar
    2016, 09:12") is the page's stamp of a post or comment (letters are dated by the day),
    and so is a short name line ending in a comma right above it (the stamp's author:
    "Jane Roe,"): page furniture."""
    text_at = next((n for n, row in enumerate(rows) if label(row) == "body"), len(rows))
    for n in range(text_at + 1, len(rows)):
        row = rows[n]
        if not (label(row) in ("signature", "body") and _is_stamp(lines[row])):
            continue
        _relabel(chosen, row, "chrome")
        above = rows[n - 1]
        if (
            label(above) == "signature"
            and lines[above].rstrip().endswith(",")
            and len(lines[above].split()) <= _STAMP_NAME_WORDS
        ):
            _relabel(chosen, above, "chrome")


_STAMP_NAME_WORDS = 4
"""The most words of the author's name line above a post stamp (:func:`_post_stamps`)."""


def _is_stamp(line: str) -> bool:
    """A comment's or post's stamp: a short line with a date and a time of day ("Jane
    2019-03-08 09:12:51 +0200", "3 May 2021 at 10:15")."""
    from compare.reading.dates import find_dates

    text = line.strip()
    return (
        len(text.split()) <= _STAMP_WORDS and bool(_CLOCK.search(text)) and bool(find_dates(text))
    )


_STAMP_WORDS = 8
"""The most words of a comment's stamp line (:func:`_is_stamp`)."""
_FEED_MIN = 3
"""The fewest stamps that make a comment feed (:func:`_comment_feed`)."""
_FEED_GAP = 3
"""The most lines between two stamps of one comment feed."""
_FEED_HEADING_WORDS = 4
"""The most words of the heading right above a comment feed ("Latest supporters")."""


def _comment_feed(
    lines: Sequence[str],
    rows: list[int],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """A page's comment feed is page furniture: a run of at least :data:`_FEED_MIN` stamps
    (:func:`_is_stamp`), at most :data:`_FEED_GAP` lines apart, with the comments between
    them, the one right above the first stamp, and a short heading without end punctuation
    right above that ("Latest supporters"). Only lines the model calls text or furniture
    are taken; signatures, closings and the letter's own lines above the feed stay."""
    stamps = [n for n, row in enumerate(rows) if _is_stamp(lines[row])]
    runs: list[list[int]] = []
    for n in stamps:
        if runs and n - runs[-1][-1] <= _FEED_GAP:
            runs[-1].append(n)
        else:
            runs.append([n])
    for run in runs:
        if len(run) < _FEED_MIN:
            continue
        first = run[0] - 1 if run[0] > 0 else run[0]
        heading = first - 1
        if heading >= 0:
            text = lines[rows[heading]].strip()
            if len(text.split()) <= _FEED_HEADING_WORDS and not ends_sentence(text):
                first = heading
        for n in range(first, run[-1] + 1):
            row = rows[n]
            if label(row) in ("body", "heading", "list-item", "chrome"):
                _relabel(chosen, row, "chrome")


def _signature_above_text(
    rows: list[int],
    features: list[Features],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """For a letter with no salutation, no lone signature above its first line of text or
    address: one line the model calls a signature there, with no closing or signature
    heading before the text, is the letter's title when it stands right above it and no
    title is found, else page furniture (a list of signers printed above a letter comes
    with its heading or runs to several lines, and is left alone)."""
    first = next(
        (n for n, row in enumerate(rows) if label(row) in ("body", "list-item", "recipient")),
        None,
    )
    if first is None:
        return
    above = [n for n in range(first) if label(rows[n]) in _SIGNATURE_LABELS]
    if len(above) != 1 or label(rows[above[0]]) != "signature":
        return
    if any(label(rows[n]) == "closing" for n in range(first)):
        return
    n = above[0]
    titled = any(label(row) == "title" for row in rows)
    new: Label = (
        "title" if n == first - 1 and not titled and not features[n].get("prose") else "chrome"
    )
    _relabel(chosen, rows[n], new)


_SIGNATURE_LABELS = frozenset({"signature", "signature-heading"})


def _signed_before_next(
    lines: Sequence[str],
    rows: list[int],
    features: list[Features],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """On a letters page, each letter is signed by a bare name before the next one's title:
    a name line (no sentence, set off by blank lines) that the model reads as text or
    furniture, right after a letter's text and right before a title or dateline followed by
    more text, is the signature of the letter above (so the page splits there). A headline
    the model reads as text there (:func:`_headline`) is the next letter's title. The last
    line of the page, such a name right after a letter's text, signs that letter."""
    for n in range(1, len(rows)):
        own = features[n]
        if not (
            label(rows[n]) in ("body", "chrome")
            and label(rows[n - 1]) == "body"
            and own.get("name")
            and own.get("blank_before")
            and (own.get("blank_after") or n == len(rows) - 1)
            and not own.get("prose")
        ):
            continue
        last = all(label(rows[m]) == "chrome" for m in range(n + 1, len(rows)))
        following = n + 2 < len(rows) and label(rows[n + 2]) in ("body", "salutation")
        titled = following and label(rows[n + 1]) in ("title", "date")
        headline = following and label(rows[n + 1]) == "body" and _headline(lines[rows[n + 1]])
        if not (last or titled or headline):
            continue
        _relabel(chosen, rows[n], "signature")
        if headline:
            row = rows[n + 1]
            _relabel(chosen, row, "title")


def _headline_above_text(
    lines: Sequence[str],
    rows: list[int],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """A headline the model calls the address block, right above a letter's first line of
    text with no salutation, where it cannot be an address line
    (:func:`compare.reading.recipients.is_address_line`: "Support efforts to save the
    reef"), is the letter's title."""
    from compare.reading.recipients import is_address_line

    for n in range(len(rows) - 1):
        row, below = rows[n], rows[n + 1]
        if (
            label(row) == "recipient"
            and label(below) in ("body", "list-item")
            and (n == 0 or label(rows[n - 1]) != "recipient")
            and _headline(lines[row])
            and not is_address_line(lines[row])
        ):
            _relabel(chosen, row, "title")


_LISTED = re.compile(r"\S,\s+\S")
"""A list of names: a comma between them ("Acme and Globex" may be one name)."""


def _addressees_as_title(
    lines: Sequence[str],
    rows: list[int],
    rules: Sequence[Label | None],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """A list of addressees the model calls the title ("Acme Bank, Globex Trust, and
    Initech Capital" over a petition): before the letter's first line of text, a line the
    rules read as the address block, that can be an address line
    (:func:`compare.reading.recipients.is_address_line`: every content word capitalised, no
    verb) and lists names, is the recipient."""
    from compare.reading.recipients import is_address_line

    for row in rows:
        if label(row) in LETTER_LABELS:
            return
        text = lines[row].strip()
        if (
            label(row) == "title"
            and rules[row] == "recipient"
            and _LISTED.search(text)
            and is_address_line(text)
        ):
            _relabel(chosen, row, "recipient")


def _title_atop_address(
    rows: list[int],
    features: list[Features],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """A title the model puts at the top of the address block ("Open Letter to the Prime
    Minister", a blank line, then "The Prime Minister", "1 Main Street"): with no title found,
    a first address line holding a title word (``[title] words`` of ``letter.toml``), set
    apart from the address lines below it by a blank line, is the title."""
    if any(label(row) == "title" for row in rows):
        return
    for n in range(len(rows) - 1):
        if label(rows[n]) in LETTER_LABELS:
            return
        if (
            label(rows[n]) == "recipient"
            and (n == 0 or label(rows[n - 1]) != "recipient")
            and label(rows[n + 1]) == "recipient"
            and features[n].get("title_word")
            and features[n].get("blank_after")
        ):
            _relabel(chosen, rows[n], "title")
            return


_KIND_WORDS = 3
"""The most words of a title that only names the kind of text ("Joint statement")."""


def _headline_under_kind(
    lines: Sequence[str],
    rows: list[int],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """A title that only names the kind of text ("JOINT STATEMENT", "Open letter": at most
    :data:`_KIND_WORDS` words, all of them title words of ``letter.toml``) over a headline
    the model calls page furniture, right before the letter's date, address or text: the
    headline is the title (the one nearest the letter is read)."""
    from compare.reading.lexicon import lexicon

    kinds = lexicon().title_words
    for n in range(len(rows) - 2):
        row, below, after = rows[n], rows[n + 1], rows[n + 2]
        words = re.findall(r"[^\W\d_]+", lines[row].casefold())
        if (
            label(row) == "title"
            and 0 < len(words) <= _KIND_WORDS
            and all(w in kinds for w in words)
            and label(below) == "chrome"
            and _headline(lines[below])
            and label(after) in ("date", "recipient", "salutation", *LETTER_LABELS)
        ):
            _relabel(chosen, below, "title")


_STANDFIRST_WORDS = 8
"""The fewest words of a sentence under the title that :func:`_standfirst_under_title` reads
as the standfirst."""


def _standfirst_under_title(
    lines: Sequence[str],
    rows: list[int],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """A sentence the model calls a second title (more than :data:`_STANDFIRST_WORDS`
    words, ending like a sentence, under another title) is the page's standfirst: page
    furniture, so the title above stays the title."""
    titled = False
    for row in rows:
        if label(row) in LETTER_LABELS:
            return
        if label(row) != "title":
            continue
        text = lines[row].strip()
        if titled and len(text.split()) > _STANDFIRST_WORDS and ends_sentence(text):
            _relabel(chosen, row, "chrome")
        titled = True


_HEADLINE_WORDS = 16
"""The most words of a headline (:func:`_headline`)."""


def _headline(line: str) -> bool:
    """A line that reads as a headline: at most :data:`_HEADLINE_WORDS` words, opening with
    a capital, not ending like a sentence or a clause (".", ",", ";", ":")."""
    text = line.strip()
    return (
        0 < len(text.split()) <= _HEADLINE_WORDS
        and text[:1].isupper()
        and not text.endswith((".", ",", ";", ":", "!", "?"))
    )


def _lone_signer(
    rows: list[int],
    features: list[Features],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """A letter with no closing and no signature at all is signed by a line right after its
    text (within :data:`_LONE_SIGNER_REACH` lines) that opens with an honorific and a name
    and is no sentence ("Dr Jane Roe, Leeds, UK"), even amid page furniture: an honorific
    before a name is the surest mark of a signer."""
    if any(label(row) in (*_SIGNATURE_LABELS, "closing") for row in rows):
        return
    text = [n for n, row in enumerate(rows) if label(row) in ("body", "list-item")]
    if not text:
        return
    for n in range(text[-1] + 1, min(text[-1] + 1 + _LONE_SIGNER_REACH, len(rows))):
        own = features[n]
        if own.get("honorific") and own.get("name") and not own.get("prose"):
            _relabel(chosen, rows[n], "signature")
            return


_LONE_SIGNER_REACH = 2
"""How many lines after a letter's text :func:`_lone_signer` looks for its signer."""


def _intro_above_address(
    rows: list[int],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """The introduction rule of :func:`repair` for a letter with no salutation: at most
    :data:`_INTRO_LINES` lines of text above its address block, with at least twice as many
    below it and no closing before it, are the page's introduction (chrome)."""
    addressed = next((n for n, row in enumerate(rows) if label(row) == "recipient"), None)
    if addressed is None or any(label(rows[n]) == "closing" for n in range(addressed)):
        return
    running = ("body", "list-item", "heading")
    intro = [n for n in range(addressed) if label(rows[n]) in running]
    later = [n for n in range(addressed + 1, len(rows)) if label(rows[n]) in running]
    if intro and len(intro) <= _INTRO_LINES and len(later) >= 2 * len(intro):
        for n in intro:
            _relabel(chosen, rows[n], "chrome")


def _announced_list(
    lines: Sequence[str],
    rows: list[int],
    rules: Sequence[Label | None],
    features: list[Features],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """The announced-list rule of :func:`repair`: a line announcing signatories that the
    model reads as text ("Endorsed as of 19 November:", "International networks:"), followed
    by at least :data:`_LIST_MIN` lines that each open with a name or an organisation (the
    entries may go on to describe the signer), is a signature heading over those signatures;
    further announcing lines among them are headings too. Lines the model calls page
    furniture, notes or signatures are taken too where the rules read them as signatures (an entry's
    name in a second script, "Example Network" then its name in Chinese, goes with it). The
    list ends at the first line that is none of these."""
    from compare.reading.signatories import announces_signers, opens_with_signer

    n = 0
    while n < len(rows):
        own = features[n]
        announcing = (
            own.get("sig_announce") or own.get("sig_heading") or announces_signers(lines[rows[n]])
        )
        if not announcing or label(rows[n]) not in (
            "body",
            "chrome",
            "signature-heading",
        ):
            n += 1
            continue
        run: list[tuple[int, Label]] = [(n, "signature-heading")]
        m = n + 1
        while m < len(rows) and (
            label(rows[m]) in _LIST_LABELS
            or (label(rows[m]) in ("chrome", "footnote") and rules[rows[m]] == "signature")
        ):
            if features[m].get("sig_announce") or features[m].get("sig_heading"):
                run.append((m, "signature-heading"))
            elif opens_with_signer(lines[rows[m]]) or rules[rows[m]] == "signature":
                run.append((m, "signature"))
            else:
                break
            m += 1
        if sum(new == "signature" for _, new in run) >= _LIST_MIN:
            for k, new in run:
                _relabel(chosen, rows[k], new)
        n = m


_LIST_LABELS = frozenset({"body", "list-item", "heading", "signature-heading", "signature"})
"""Labels :func:`_announced_list` may turn into a list's (or keep: signatures); any other
ends the list (a date, an address, a title or a closing: the next letter may open there;
page furniture), unless the rules read the line as a signature."""
_LIST_MIN = 3
"""The fewest entries under an announcing line for :func:`_announced_list` to read a list."""


def _end_signatures(
    lines: Sequence[str],
    rows: list[int],
    features: list[Features],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """The last rule of :func:`repair`: where a signature block stops (the block opens
    at the first closing or, with none, the first signature heading). A line opening a
    block that follows a letter ("Media contact: …",
    :func:`compare.reading.runin.opens_after_letter`) ends it too."""
    from compare.reading.runin import opens_after_letter

    closings = [n for n, row in enumerate(rows) if label(row) == "closing"] or [
        n for n, row in enumerate(rows) if label(row) == "signature-heading"
    ]
    if not closings:
        return

    def page_line(n: int) -> bool:
        return any(features[n].get(cue) for cue in _PAGE_LINE) and not (
            features[n].get("name") or features[n].get("org_head")
        )

    signed = False  # a signature seen since the closing: a page line after it ends the block
    breaker = None
    for n in range(closings[0] + 1, len(rows)):
        if (
            any(features[n].get(cue) for cue in _NO_SIGNATURE)
            or (signed and page_line(n))
            or opens_after_letter(lines[rows[n]])
        ):
            breaker = n
            break
        if label(rows[n]) == "signature" and page_line(n):
            _relabel(chosen, rows[n], "chrome")
        signed = signed or label(rows[n]) == "signature"
    if breaker is None:
        return
    first = breaker
    while first - 1 > closings[0] and label(rows[first - 1]) == "signature":
        above = features[first - 1]
        if not (above.get("colon_end") or not (above.get("name") or above.get("org"))):
            break
        first -= 1
    for n in range(first, len(rows)):
        row = rows[n]
        if label(row) == "signature-heading":
            break
        if label(row) == "signature":
            new: Label = "footnote" if features[n].get("gloss") else "chrome"
            _relabel(chosen, row, new)


_NO_SIGNATURE = ("ruler", "date_start", "gloss")
"""Features of a line that never belongs to a signature block (see :func:`_end_signatures`)."""
_PAGE_LINE = ("page_words=<=2", "page_words=>2")
"""Features of a line with two or more of the page's own words ("Download the open letter?
Click here"): page furniture, never a signature, unless it opens with a name or an
organisation (a signer's comment: "Jane Roe, Please share and sign"; one such word is not
enough either: "Email: …", "and 57 more")."""
