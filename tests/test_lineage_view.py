"""The corpus report's "Asks that recur" stays bounded: wordings, not asks, capped rows,
capped recipients, cut texts (compare.rendering.context.lineage)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compare.rendering.context.lineage import (
    LINEAGE_RECIPIENTS,
    WORDING_CHARS,
    WORDINGS_SHOWN,
    cut_spans,
    recurring_asks,
    verb_line,
)
from compare.trends import AskFamily, FamilyAsk
from compare.trends.lineage import Copy


def ask(year: int, text: str, wording: str = "same", verb: str = "urge", copies: int = 0):
    diff = () if wording == "first" else (("=", text),)
    return FamilyAsk(
        key=f"letter-{year}-{text[:4]}",
        date=f"{year}-03-01",
        index=0,
        text=text,
        verb=verb,
        strength=3,
        recipient=f"Minister {year}",
        themes=(),
        wording=wording,  # type: ignore[arg-type]
        similarity=1.0,
        diff=diff,  # type: ignore[arg-type]
        also=tuple(Copy(f"copy-{year}-{n}", f"Envoy {year}-{n}", 0) for n in range(copies)),
    )


def family(asks):
    years = tuple(sorted({a.year for a in asks}))
    return AskFamily(
        label="Fund the water board",
        themes=(),
        asks=tuple(asks),
        years=years,
        status="persisting",
        status_year=years[0],
        gaps=(),
        verb_trend="steady",
        verb_changes=(),
    )


def test_asks_in_the_same_words_are_one_row_spanning_their_years():
    asks = [ask(2001, "Fund the water board.", "first")]
    asks += [ask(year, "Fund the water board.") for year in range(2002, 2006)]
    asks += [ask(2006, "Fund the water board fully.", "reworded")]
    (card,) = recurring_asks([family(asks)], {}).families
    assert [row.year for row in card.asks] == ["2001–2005", "2006"]
    assert [row.repeated for row in card.asks] == [4, 0]
    assert card.asks[0].letters == 5 and card.left_out == 0 and card.last == ()


def test_a_family_of_many_wordings_shows_the_first_and_the_last_and_counts_the_rest():
    asks = [ask(2000, "Wording 0 of the ask.", "first")]
    asks += [ask(2000 + n, f"Wording {n} of the ask.", "reworded") for n in range(1, 20)]
    (card,) = recurring_asks([family(asks)], {}).families
    assert len(card.asks) + len(card.last) == WORDINGS_SHOWN
    assert card.left_out == 20 - WORDINGS_SHOWN
    assert card.last[0].year == "2019"
    assert card.left_out_years == f"{2000 + WORDINGS_SHOWN - 1}–2018"
    assert len(card.widths) == 4 and abs(sum(card.widths) - 100) < 0.5


def test_a_row_names_a_few_recipients_and_counts_the_others():
    asks = [ask(2001, "Fund the board.", "first", copies=30), ask(2002, "Fund it.", "reworded")]
    (card,) = recurring_asks([family(asks)], {}).families
    first = card.asks[0]
    assert first.letters == 31
    assert first.recipient.endswith(f"and {31 - LINEAGE_RECIPIENTS} more")
    assert first.recipient.count(",") == LINEAGE_RECIPIENTS - 1


def test_a_long_wording_is_cut_on_a_word():
    long = "Fund the water board " * 40
    asks = [ask(2001, long, "first"), ask(2002, "Fund it.", "reworded")]
    (card,) = recurring_asks([family(asks)], {}).families
    text = "".join(t for _, t in card.asks[0].spans)
    assert text.endswith("…") and len(text) <= WORDING_CHARS + 1
    assert text[:-1].rstrip().split()[-1] in {"Fund", "the", "water", "board"}


def test_runs_of_one_verb_are_written_once_with_their_count():
    assert verb_line(["request"] * 9 + ["urge"]) == "request ×9 → urge"
    assert verb_line(["urge", "urge"]) == "urge → urge"


@given(
    st.lists(
        st.tuples(st.sampled_from("=+"), st.text(alphabet="ab ", min_size=1, max_size=30)),
        max_size=8,
    ),
    st.integers(min_value=1, max_value=80),
)
def test_cut_spans_keeps_a_prefix_of_the_text_and_marks_the_cut(spans, limit):
    cut = cut_spans(spans, limit)
    whole = "".join(t for _, t in spans)
    text = "".join(t for _, t in cut)
    if len(whole) <= limit:
        assert cut == tuple(spans)
    else:
        assert text.endswith("…")
        assert whole.startswith(text[:-1].rstrip()) and len(text) <= limit + 1
