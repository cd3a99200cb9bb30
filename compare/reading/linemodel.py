"""The learned line labeller: a linear-chain CRF (python-crfsuite) over line features.

In: the lines of a letter part. Out: a label per line with the model's confidence (the
marginal probability of the label it chose). Where the model is unsure — its confidence below
:data:`TRUST` — the rule label stands instead, and :func:`label_lines` says so.

Which model: ``--model FILE`` (the CLI sets ``$COMPARE_MODEL``), else ``$COMPARE_MODEL`` (``none``:
the rules alone), else
the one ``compare-letters train`` wrote in the user's data directory, else the model shipped
in the package (``compare/data/line_model.crfsuite``, with its sidecar
``line_model.json``: training-data digest, feature version, parameters, cross-validation
scores). A model whose sidecar names another :data:`~compare.reading.features.FEATURE_VERSION`
is refused. This is the only module that imports ``pycrfsuite`` (about 5 ms).

Training (:func:`train`): L-BFGS with elastic-net regularisation (CRFsuite's defaults for
``lbfgs``; ``c1``/``c2`` in :data:`PARAMS`, chosen by leave-one-site-out cross-validation in
``tests/benchmarks/reading.py``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from compare.models import Document
from compare.reading.features import FEATURE_VERSION, Features, line_features
from compare.reading.labels import Label, rule_labels

MODEL_NAME = "line_model.crfsuite"
TRUST = 0.5
"""Below this confidence the rule label is kept (a coin-flip model should not overrule)."""
RULE_WEIGHT = 1.0
"""Scales the per-label rule weights (:func:`rule_weights`): the model overrules a rule
label only when it finds its own label that many times as likely. Checked by
leave-one-site-out facts (``tests/benchmarks/reading.py --rule_weight=…``)."""
_WEIGHT_RANGE = (0.25, 20.0)


@lru_cache(maxsize=4)
def rule_weights(path: str) -> dict[str, float]:
    """Per rule label, the odds that the rules are right when they give it, measured on the
    training data (``rule_weights`` in the model's sidecar; 1 each without one): the rules
    find a salutation or a signature line far more reliably than body text or chrome, so
    the model needs more evidence to overrule the former."""
    sidecar = Path(path).with_suffix(".json")
    if not sidecar.is_file():
        return {}
    found = json.loads(sidecar.read_text(encoding="utf-8")).get("rule_weights", {})
    return {str(k): float(v) for k, v in found.items()}


def measure_rule_weights(sequences: Sequence[tuple[list[Features], list[str]]]) -> dict[str, float]:
    """The odds (precision / (1 - precision), clipped to 0.25..20) that a rule label is the
    hand-checked label, per rule label, over ``sequences``. Each letter file weighs the same
    (its precision for the label, averaged over the files that have the label), so one long
    file — a grid of a thousand signature cards — does not decide for all."""
    shares: dict[str, list[float]] = {}
    for features, labels in sequences:
        agree: dict[str, int] = {}
        total: dict[str, int] = {}
        for row, label in zip(features, labels, strict=True):
            rule = next((k[5:] for k in row if k.startswith("rule=")), "none")
            total[rule] = total.get(rule, 0) + 1
            agree[rule] = agree.get(rule, 0) + (rule == label)
        for rule, count in total.items():
            shares.setdefault(rule, []).append(agree[rule] / count)
    low, high = _WEIGHT_RANGE
    weights = {}
    for rule, found in shares.items():
        precision = (sum(found) + 1) / (len(found) + 2)  # Laplace: rare labels stay near even
        weights[rule] = round(min(max(precision / (1 - precision), low), high), 3)
    return weights


PARAMS: dict[str, Any] = {"c1": 0.05, "c2": 0.05, "max_iterations": 200}
_LETTER_LABELS = frozenset({"body", "heading", "list-item", "salutation"})


@dataclass(frozen=True)
class LabelledLine:
    """One line of a part as the labeller read it."""

    number: int
    """1-based line number in the document."""
    text: str
    label: Label | None
    """The label used (``None`` for a blank line)."""
    confidence: float
    """The model's marginal probability for ``label`` (1.0 for blank lines and rules)."""
    rule: Label | None
    """What the structural rules alone say."""
    source: str
    """``model``, ``rules`` (the model was unsure, or there is no model) or ``grammar`` (the
    model's label broke the letter's grammar, see :func:`_grammar`)."""


def user_model_path() -> Path:
    """Where ``compare-letters train`` writes a model by default (platformdirs)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("compare-letters")) / MODEL_NAME


def model_path() -> Path | None:
    """The model in use (see the module docstring), ``None`` when there is none."""
    chosen = os.environ.get("COMPARE_MODEL")
    if chosen == "none":
        return None  # the rules alone (for comparison)
    if chosen:
        return Path(chosen)
    user = user_model_path()
    if user.is_file():
        return user
    shipped = Path(str(resources.files("compare").joinpath("data", MODEL_NAME)))
    return shipped if shipped.is_file() else None


@lru_cache(maxsize=4)
def _tagger(path: str) -> Any:
    import pycrfsuite

    from compare.errors import InputError

    sidecar = Path(path).with_suffix(".json")
    if sidecar.is_file():
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        if meta.get("feature_version") != FEATURE_VERSION:
            raise InputError(path, "the line model was trained on other features; retrain it")
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(path)
    except (OSError, ValueError) as error:
        raise InputError(path, f"not a line model ({error})") from error
    return tagger


def has_model() -> bool:
    """Whether a learned model is in use (else the rules label every line)."""
    return model_path() is not None


def label_document(document: Document) -> list[LabelledLine]:
    """Every line of ``document`` (:func:`~compare.reading.splitting.document_lines`) with
    its label: the model reads the whole file at once, so it sees every letter in it."""
    from compare.reading.labels import document_rule_labels
    from compare.reading.splitting import document_lines

    return label_lines(document_lines(document.text), rules=document_rule_labels(document))


def label_lines(
    lines: Sequence[str], first_line: int = 0, rules: Sequence[Label | None] | None = None
) -> list[LabelledLine]:
    """Every line of ``lines`` with its label, confidence and the rule label (``rules``, when
    the caller has them, else :func:`~compare.reading.labels.rule_labels` of ``lines``)."""
    rules = list(rules) if rules is not None else rule_labels(list(lines))
    rows = [i for i, line in enumerate(lines) if line.strip()]
    path = model_path()
    chosen: dict[int, tuple[Label, float, str]] = {}
    features: list[Features] = []
    if path is not None and rows:
        tagger = _tagger(str(path))
        features = line_features(lines, rules)
        tagger.set(_items(features))
        known = set(tagger.labels())
        weights = rule_weights(str(path))
        for position, (row, tag) in enumerate(zip(rows, tagger.tag(), strict=True)):
            confidence = float(tagger.marginal(tag, position))
            rule = rules[row]
            against = float(tagger.marginal(rule, position)) if rule in known else 0.0
            weight = RULE_WEIGHT * weights.get(rule or "", 1.0)
            if confidence >= TRUST and (tag == rule or confidence >= weight * against):
                chosen[row] = (tag, confidence, "model")
    if not any(label in _LETTER_LABELS for label, _, _ in chosen.values()):
        chosen = {}  # the model sees no letter here: the rules read it (they may find one)
    if chosen:
        _grammar(lines, rows, rules, features, chosen)
    result = []
    for i, line in enumerate(lines):
        rule = rules[i]
        label, confidence, source = chosen.get(i, (rule or "chrome", 1.0, "rules"))
        result.append(
            LabelledLine(
                first_line + i + 1, line, label if line.strip() else None, confidence, rule, source
            )
        )
    return result


_GREETING_WORDS = 14
"""The most words of a salutation the cue lists do not know ("Members of the Board,"): a
longer line, or one ending like a sentence, that the model calls the salutation is text."""

_WEB = re.compile(r"https?://|www\.|\S@\S+\.\w")
"""A web or e-mail address in a line."""

_SANDWICH = 3
"""How many lines below a title, heading or name-led line right under a signature
:func:`_grammar` looks for another signature, to read it as one of the list."""

_INTRO_LINES = 3
"""The most lines of running text above the salutation that :func:`_grammar` reads as the
page's introduction (a standfirst is one to three paragraphs)."""


def _grammar(
    lines: Sequence[str],
    rows: list[int],
    rules: Sequence[Label | None],
    features: list[Features],
    chosen: dict[int, tuple[Label, float, str]],
) -> None:
    """Repairs by the grammar of a letter, where the model breaks it (source ``grammar``):

    * a wrapped sentence: a line right under a body or list-item line (no blank line between)
      that ends without closing punctuation, starting lower-case or with a digit, continues
      it and takes its label;
    * the signatures that end a file: after the last closing or signature heading, name- or
      organisation-like lines that are not running text and reach the end of the file are
      the signature block when the rules say so;
    * a letter with no title: the rules' title line above the salutation and body, when the
      model calls it chrome; a line presenting the letter ("… wrote the following letter
      to …", :func:`compare.reading.lexicon.presents_letter`) above it is never the title;
    * a line the model calls a date but that holds no date keeps the rules' label, and one
      it calls an address line that opens with a date ("11 May, 2009Reinstate …") is a date;
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
    * no address block inside a signature list (:func:`_addresses_among_signatures`), and
      no address line alone amid page furniture (:func:`_isolated_addresses`);
    * a petition page's feed line ("Jane D. signed just now",
      :func:`compare.reading.signatories.signed_entry`) is a signature wherever it stands;
    * no title or heading inside a signature list: such a line right under a signature,
      with another within three lines below, is one, and so is a line opening with a name
      or an organisation there (a signer's card
      with a comment: "Jane Roe, Example Org, We stand with …");
    * a signature block ends at the first line after the closing that no signature takes:
      a separator rule, a dated entry ("12 Mar 2024 Outlet headline …"), an acronym's
      definition or a line with two of the page's own words that opens with no name ("…
      download … click here"; right after the closing, such a line is page furniture but
      the block goes on: "+ Click to add your signature").
      From there on, lines called signatures are page furniture (definitions are notes), up
      to a signature heading that opens another list; name-less lines right above it
      ("Further reading:") go with it.
    """

    def label(row: int) -> Label | None:
        return chosen[row][0] if row in chosen else rules[row]

    from compare.reading.dates import date_in_labelled_line
    from compare.reading.lexicon import is_salutation, split_salutation

    for n, row in enumerate(rows):
        if row in chosen and chosen[row][0] == "date" and not date_in_labelled_line(lines[row]):
            del chosen[row]  # a date line holds a date: else the rules' label stands
        elif label(row) == "recipient" and features[n].get("date_start"):
            chosen[row] = ("date", chosen.get(row, ("date", 1.0, ""))[1], "grammar")

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
            chosen[row] = (label(above) or "body", chosen.get(row, ("body", 1.0, ""))[1], "grammar")
    ends = [n for n, row in enumerate(rows) if label(row) in ("closing", "signature-heading")]
    if ends:
        tail = list(range(ends[-1] + 1, len(rows)))
        if tail and all(
            rules[rows[n]] == "signature" and not features[n].get("prose") for n in tail
        ):
            for n in tail:
                if label(rows[n]) == "chrome":
                    chosen[rows[n]] = ("signature", chosen[rows[n]][1], "grammar")
    first_letter = next((row for row in rows if label(row) in _LETTER_LABELS), None)
    for n, row in enumerate(rows):
        if first_letter is not None and row >= first_letter:
            break
        if features[n].get("presents") and label(row) == "title":
            chosen[row] = ("chrome", chosen.get(row, ("chrome", 1.0, ""))[1], "grammar")
    if first_letter is not None and not any(label(row) == "title" for row in rows):
        titles = [
            row
            for n, row in enumerate(rows)
            if row < first_letter and rules[row] == "title" and not features[n].get("presents")
        ]
        if titles and label(titles[-1]) == "chrome":
            chosen[titles[-1]] = ("title", chosen.get(titles[-1], ("title", 1.0, ""))[1], "grammar")
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
    first_text = next((n for n, row in enumerate(rows) if label(row) in _LETTER_LABELS), len(rows))

    def glued(n: int) -> bool:  # "… in June.Madame la Ministre," before the letter's text
        text = lines[rows[n]].strip()
        greeting = split_salutation(text)[0]
        return n <= first_text and greeting != text and is_salutation(greeting)

    run_on = next(
        (
            n
            for n in range(closing)
            if (label(rows[n]) in _LETTER_LABELS and features[n].get("salutation_run_on"))
            or glued(n)
        ),
        None,
    )
    if not salutations and run_on is not None:
        row = rows[run_on]
        chosen[row] = ("salutation", chosen.get(row, ("salutation", 1.0, ""))[1], "grammar")
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
                chosen[rows[n]] = (new, chosen.get(rows[n], (new, 1.0, ""))[1], "grammar")
        running = ("body", "list-item", "heading")
        addressed = next((n for n in range(first) if label(rows[n]) == "recipient"), first)
        intro = [n for n in range(addressed) if label(rows[n]) in running]
        later = [n for n in range(first + 1, len(rows)) if label(rows[n]) in running]
        if intro and not opened and len(intro) <= _INTRO_LINES and len(later) >= 2 * len(intro):
            for n in intro:
                chosen[rows[n]] = ("chrome", chosen.get(rows[n], ("chrome", 1.0, ""))[1], "grammar")
        closings = [n for n in range(first + 1, len(rows)) if label(rows[n]) == "closing"]
        if closings:
            for n in range(first + 1, closings[0]):
                row = rows[n]
                if label(row) in ("signature", "signature-heading") and rules[row] == "body":
                    chosen[row] = ("body", chosen.get(row, ("body", 1.0, ""))[1], "grammar")
    _labelled_address(lines, rows, rules, chosen, label)
    if not any(label(row) == "salutation" for row in rows):
        _intro_above_address(rows, chosen, label)
    from compare.reading.signatories import signed_entry

    for row in rows:
        if label(row) != "signature" and signed_entry(lines[row]):
            chosen[row] = ("signature", chosen.get(row, ("signature", 1.0, ""))[1], "grammar")
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
            chosen[row] = ("signature", chosen.get(row, ("signature", 1.0, ""))[1], "grammar")
    _addresses_among_signatures(lines, rows, chosen, label)
    _isolated_addresses(lines, rows, chosen, label)
    _announced_list(lines, rows, features, chosen, label)
    _end_signatures(rows, features, chosen, label)


def _labelled_address(
    lines: Sequence[str],
    rows: list[int],
    rules: Sequence[Label | None],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """The address-label rules of :func:`_grammar`."""
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
            chosen[row] = ("recipient", chosen.get(row, ("recipient", 1.0, ""))[1], "grammar")
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
                chosen[row] = ("recipient", chosen.get(row, ("recipient", 1.0, ""))[1], "grammar")
    for row in rows:
        if label(row) in _LETTER_LABELS:
            return
        if rules[row] == "recipient" and label(row) == "chrome" and is_labelled_address(lines[row]):
            chosen[row] = ("recipient", chosen.get(row, ("recipient", 1.0, ""))[1], "grammar")


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
            chosen[row] = ("signature", chosen.get(row, ("signature", 1.0, ""))[1], "grammar")


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
            chosen[row] = ("chrome", chosen[row][1], "grammar")


def _intro_above_address(
    rows: list[int],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """The introduction rule of :func:`_grammar` for a letter with no salutation: at most
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
            chosen[rows[n]] = ("chrome", chosen.get(rows[n], ("chrome", 1.0, ""))[1], "grammar")


def _announced_list(
    lines: Sequence[str],
    rows: list[int],
    features: list[Features],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """The announced-list rule of :func:`_grammar`: a line announcing signatories that the
    model reads as text ("Endorsed as of 19 November:", "International networks:"), followed
    by at least :data:`_LIST_MIN` lines that each open with a name or an organisation (the
    entries may go on to describe the signer), is a signature heading over those signatures;
    further announcing lines among them are headings too. The list ends at the first line
    that is neither."""
    from compare.reading.signatories import opens_with_signer

    n = 0
    while n < len(rows):
        own = features[n]
        if not (own.get("sig_announce") or own.get("sig_heading")) or label(rows[n]) not in (
            "body",
            "chrome",
            "signature-heading",
        ):
            n += 1
            continue
        run: list[tuple[int, Label]] = [(n, "signature-heading")]
        m = n + 1
        while m < len(rows) and label(rows[m]) in _LIST_LABELS:
            if features[m].get("sig_announce") or features[m].get("sig_heading"):
                run.append((m, "signature-heading"))
            elif opens_with_signer(lines[rows[m]]):
                run.append((m, "signature"))
            else:
                break
            m += 1
        if sum(new == "signature" for _, new in run) >= _LIST_MIN:
            for k, new in run:
                chosen[rows[k]] = (new, chosen.get(rows[k], (new, 1.0, ""))[1], "grammar")
        n = m


_LIST_LABELS = frozenset({"body", "list-item", "heading", "signature-heading"})
"""Labels :func:`_announced_list` may turn into a list's; any other ends the list: a date,
an address, a title or a closing (the next letter may open there), page furniture, or
signatures the model already found."""
_LIST_MIN = 3
"""The fewest entries under an announcing line for :func:`_announced_list` to read a list."""


def _end_signatures(
    rows: list[int],
    features: list[Features],
    chosen: dict[int, tuple[Label, float, str]],
    label: Callable[[int], Label | None],
) -> None:
    """The last rule of :func:`_grammar`: where a signature block stops."""
    closings = [n for n, row in enumerate(rows) if label(row) == "closing"]
    if not closings:
        return

    def page_line(n: int) -> bool:
        return any(features[n].get(cue) for cue in _PAGE_LINE) and not (
            features[n].get("name") or features[n].get("org_head")
        )

    signed = False  # a signature seen since the closing: a page line after it ends the block
    breaker = None
    for n in range(closings[0] + 1, len(rows)):
        if any(features[n].get(cue) for cue in _NO_SIGNATURE) or (signed and page_line(n)):
            breaker = n
            break
        if label(rows[n]) == "signature" and page_line(n):
            chosen[rows[n]] = ("chrome", chosen.get(rows[n], ("chrome", 1.0, ""))[1], "grammar")
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
            chosen[row] = (new, chosen.get(row, (new, 1.0, ""))[1], "grammar")


_NO_SIGNATURE = ("ruler", "date_start", "gloss")
"""Features of a line that never belongs to a signature block (see :func:`_end_signatures`)."""
_PAGE_LINE = ("page_words=<=2", "page_words=>2")
"""Features of a line with two or more of the page's own words ("Download the open letter?
Click here"): page furniture, never a signature, unless it opens with a name or an
organisation (a signer's comment: "Jane Roe, Please share and sign"; one such word is not
enough either: "Email: …", "and 57 more")."""


def model_digest() -> str:
    """The sha256 of the model in use ("" without one): part of every parse's cache key."""

    path = model_path()
    if path is None or not path.is_file():
        return ""
    return _file_digest(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _file_digest(path: str, _mtime_ns: int) -> str:
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def model_labels(lines: list[str]) -> list[Label | None]:
    """The labels :func:`label_lines` chooses: the parser's default labeller."""
    return [line.label for line in label_lines(lines)]


def _items(features: list[Features]) -> Any:
    import pycrfsuite

    return pycrfsuite.ItemSequence([_item(row) for row in features])


def _item(row: Features) -> dict[str, float | str]:
    """A feature row as CRFsuite takes it: true flags weigh 1, false ones are left out."""
    return {
        key: 1.0 if value is True else value for key, value in row.items() if value is not False
    }


def train(
    sequences: Sequence[tuple[list[Features], list[str]]], target: Path, meta: dict[str, Any]
) -> None:
    """Train on ``(features, labels)`` sequences and write the model to ``target`` and its
    sidecar (``meta`` plus the feature version and parameters) beside it, atomically."""
    import pycrfsuite

    from compare.files import write_atomically, write_text

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in sequences:
        trainer.append(_items(features), labels)
    trainer.set_params(PARAMS)
    write_atomically(target, lambda path: trainer.train(str(path)))
    sidecar = {
        **meta,
        "feature_version": FEATURE_VERSION,
        "params": PARAMS,
        "rule_weights": measure_rule_weights(sequences),
    }
    write_text(target.with_suffix(".json"), json.dumps(sidecar, indent=2, sort_keys=True) + "\n")
    _tagger.cache_clear()
    rule_weights.cache_clear()


def tag_with(model: Path, features: list[Features]) -> list[str]:
    """The labels a given model file gives a feature sequence (for cross-validation)."""
    tagger = _tagger(str(model))
    return list(tagger.tag(_items(features)))
