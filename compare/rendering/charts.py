"""The corpus report's charts, drawn as vector SVG — the only module that imports matplotlib.

In: the chart data of :mod:`compare.rendering.chartdata`. Out: :class:`~compare.rendering.
chartdata.Chart` s (title, caption, text alternative and inline SVG markup), or ``None``
when there is nothing to draw. :func:`corpus_charts` draws all of them.

Import this module only where a chart is drawn (the corpus report does, inside
:func:`compare.rendering.context.corpus_context`): importing matplotlib costs about 0.8 s,
which no other command should pay. Each chart then takes about 0.05-0.15 s to draw
(``tests/benchmarks/charts.py`` measures both).

How they are drawn:

- matplotlib's own SVG backend, no pyplot (no GUI backend, no global figure state), with
  matplotlib's defaults and :data:`STYLE` applied for the drawing only, so a user's
  ``matplotlibrc`` changes nothing;
- text stays text (``svg.fonttype = none``) in DejaVu Sans, the report's own font, at print
  sizes of 7-9 pt: WeasyPrint sets it with the report's fonts (falling back to Noto for
  scripts DejaVu lacks) and it can be selected and searched in the PDF; letter text is
  never read as mathtext (``text.parse_math = False``);
- colours from the Okabe-Ito palette (safe for the common colour-vision deficiencies) and,
  for the heatmap, one hue from light to dark (readable in grayscale); the stopped bars are
  also hatched;
- deterministic: a fixed ``svg.hashsalt``, no date or creator in the metadata, the
  metadata block dropped — the same data gives the same bytes.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from compare.models import Letter
from compare.rendering.chartdata import (
    Chart,
    CorpusCharts,
    SignatoryFlow,
    TermChanges,
    ThemeYears,
    YearVolume,
    signatory_flow,
    term_changes,
    theme_years,
    year_volume,
)
from compare.similarity import SimilarPair
from compare.trends import CorpusTrends

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

BLUE, VERMILLION, SKY, GREY, ORANGE = "#0072B2", "#D55E00", "#56B4E9", "#BBBBBB", "#E69F00"
"""Okabe & Ito, "Color Universal Design" (2008): distinguishable with any common colour-vision
deficiency."""
WIDTH = 6.8
"""Figure width in inches (173 mm): the text width of an A4 or letter page, less a margin."""
STYLE: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "compare-letters",
    "font.family": ["DejaVu Sans"],
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "legend.fontsize": 7.5,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "text.color": "#111111",
    "hatch.linewidth": 0.6,
    "text.parse_math": False,
}
"""The rcParams every chart is drawn with (on top of matplotlib's defaults)."""
CELL_LABELS_MAX = 400
"""Above this many heatmap cells the counts are not printed in them (too small to read)."""

ROTATE_YEARS = 14
"""With more years than this the year labels are turned upright."""
LABEL_MAX = 48
"""Row labels longer than this many characters are cut (with …) to leave the chart room."""

_ID = re.compile(r'\b(id="|href="#|url\(#)')
_STYLE_ATTRIBUTE = re.compile(r'\bstyle="([^"]*)"')


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(STYLE)
        with warnings.catch_warnings():
            # Metrics of characters DejaVu lacks (CJK terms, say) are approximate; the PDF
            # renderer sets them in a font that has them.
            warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
            yield


def _figure(
    height: float,
    left: float,
    bottom: float,
    top: float = 0.3,
    right: float = 0.1,
    columns: int = 1,
    gap: float = 0.0,
) -> tuple[Figure, list[Axes]]:
    """A figure ``WIDTH`` × ``height`` inches with ``columns`` axes side by side, margins and
    the gap between axes in inches. Margins are set, not found by matplotlib's constrained
    layout, which would draw every chart twice (half the drawing time)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH, height))
    width = (WIDTH - left - right - gap * (columns - 1)) / columns
    figure.subplots_adjust(
        left=left / WIDTH,
        right=1 - right / WIDTH,
        bottom=bottom / height,
        top=1 - top / height,
        wspace=gap / width,
    )
    return figure, list(figure.subplots(1, columns, squeeze=False)[0])


def _text_width(texts: Sequence[str], size: float) -> float:
    """Width in inches of the widest of ``texts`` set in DejaVu Sans at ``size`` points (as
    matplotlib measures it; 0 for no texts)."""
    from matplotlib.font_manager import FontProperties, findfont, get_font

    font = get_font(findfont(FontProperties(family="DejaVu Sans")))
    font.set_size(size, 72)
    widest = 0.0
    for text in texts:
        font.set_text(text, 0.0)
        widest = max(widest, font.get_width_height()[0] / 64)
    return widest / 72


def svg_markup(figure: Figure, name: str, alt: str) -> str:
    """``figure`` as inline SVG: no XML declaration, doctype, metadata or stylesheet; ids
    prefixed with ``name-``; styles as presentation attributes; ``role="img"``,
    ``aria-label`` and ``<title>`` from ``alt``."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.DOTALL)
    svg = re.sub(r"\s*<defs>\s*<style[^>]*>.*?</style>\s*</defs>", "", svg, count=1, flags=re.S)
    svg = _ID.sub(lambda m: f"{m.group(1)}{name}-", svg)
    svg = _STYLE_ATTRIBUTE.sub(lambda m: _presentation(m.group(1)), svg)
    opening = svg.index(">") + 1
    return (
        f'{svg[: opening - 1]} class="chart-svg" role="img" aria-label={quoteattr(alt)}>'
        f"<title>{escape(alt)}</title>{svg[opening:]}"
    )


def _presentation(style: str) -> str:
    """``fill: #fff; stroke-width: 0.8`` as ``fill="#fff" stroke-width="0.8"``: SVG reads
    both, but in an HTML page the style attribute is also HTML's CSS, which has no such
    properties (WeasyPrint logs a warning for each)."""
    pairs = (item.split(":", 1) for item in style.split(";") if ":" in item)
    return " ".join(f"{key.strip()}={quoteattr(value.strip())}" for key, value in pairs)


def _year_axis(axes: Axes, years: Sequence[int], most: int = 32) -> None:
    """Years as the x axis's labels, upright when many; at most ``most`` of them labelled
    (every second, third, … year beyond that)."""
    step = -(-len(years) // most)
    labels = [str(year) if index % step == 0 else "" for index, year in enumerate(years)]
    axes.set_xticks(range(len(years)), labels)
    if len(years) > ROTATE_YEARS:
        axes.tick_params(axis="x", labelrotation=90)


def _year_labels(years: Sequence[int]) -> float:
    """Extra margin in inches that upright year labels need (when there are many)."""
    return 0.2 if len(years) > ROTATE_YEARS else 0.0


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def _plural(count: int, word: str) -> str:
    """``1 copy``, ``2 copies``, ``3 themes``."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


def theme_chart(data: ThemeYears) -> Chart | None:
    """Heatmap of asks per theme (rows) and year (columns), counts in the cells; ``None``
    without a dated themed ask."""
    if not data.years or not data.labels:
        return None
    import matplotlib
    import numpy as np

    counts = np.array(data.counts, dtype=float)
    peak = float(counts.max())
    with _style():
        labels = [_shorten(label) for label in data.labels]
        top = 0.3 + _year_labels(data.years)
        figure, (axes,) = _figure(
            top + 0.12 + 0.19 * len(labels),
            left=_text_width(labels, 7.5) + 0.12,
            bottom=0.12,
            top=top,
        )
        shown = np.ma.masked_equal(counts, 0)
        cmap = matplotlib.colormaps["Blues"].with_extremes(bad="#ffffff")
        # pcolormesh, not imshow: imshow would embed a bitmap.
        axes.pcolormesh(
            np.arange(-0.5, len(data.years)),
            np.arange(-0.5, len(data.labels)),
            shown,
            cmap=cmap,
            vmin=0,
            vmax=max(peak, 1) * 1.1,
            edgecolors="#dddddd",
            linewidth=0.5,
        )
        axes.set_ylim(len(data.labels) - 0.5, -0.5)
        _year_axis(axes, data.years)
        axes.xaxis.tick_top()
        axes.set_yticks(range(len(labels)), labels)
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        if counts.size <= CELL_LABELS_MAX:
            for (row, column), value in np.ndenumerate(counts):
                if value:
                    dark = value > 0.55 * peak
                    axes.text(
                        column,
                        row,
                        str(int(value)),
                        ha="center",
                        va="center",
                        fontsize=7.5,
                        color="#ffffff" if dark else "#111111",
                    )
        totals = counts.sum(axis=1)
        top = int(totals.argmax())
        alt = (
            f"Heatmap of {_plural(len(data.labels), 'theme')} by "
            f"{_plural(len(data.years), 'year')} ({data.years[0]}–{data.years[-1]}). "
            f"Most asked overall: {data.labels[top]} ({int(totals[top])} asks)."
        )
        svg = svg_markup(figure, "themes", alt)
    notes = ["Each cell counts the asks on that theme in that year's letters; darker is more."]
    if data.copies:
        notes.append(
            f"Near-duplicate copies of a letter sent in the same year count once "
            f"({_plural(data.copies, 'copy')} folded in)."
        )
    if data.undated:
        notes.append(f"{_plural(data.undated, 'undated letter')} left out.")
    return Chart("themes", "Themes of the asks, year by year", " ".join(notes), alt, svg)


def volume_chart(data: YearVolume) -> Chart | None:
    """Letters per year (distinct letters and further copies, stacked) beside asks per year;
    ``None`` with fewer than two years."""
    if len(data.years) < 2:
        return None
    from matplotlib.ticker import MaxNLocator

    positions = list(range(len(data.years)))
    with _style():
        extra = _year_labels(data.years)
        crowded = len(data.years) > ROTATE_YEARS  # no room to print each bar's number
        figure, (left, right) = _figure(
            2.3 + extra, left=0.4, bottom=0.55 + extra, columns=2, gap=0.55
        )
        left.bar(positions, data.letters, color=BLUE, label="distinct letters")
        if any(data.copies):
            left.bar(
                positions,
                data.copies,
                bottom=data.letters,
                color=SKY,
                label="near-duplicate copies",
            )
            left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - extra / 1.4), ncols=2)
        left.set_title("Letters per year")
        right.bar(positions, data.asks, color=ORANGE)
        right.set_title("Asks per year")
        for axes, values in (
            (left, [a + b for a, b in zip(data.letters, data.copies, strict=True)]),
            (right, list(data.asks)),
        ):
            _year_axis(axes, data.years, most=16)  # half the width
            axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
            axes.set_ylim(0, max(values) * 1.2 + 0.5)
            for position, value in zip(positions, [] if crowded else values, strict=False):
                axes.annotate(
                    str(value),
                    (position, value),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=7.5,
                )
        busiest = max(positions, key=lambda i: (data.asks[i], -i))
        alt = (
            f"Bar charts of letters and asks per year, {data.years[0]}–{data.years[-1]}: "
            f"{sum(data.letters)} distinct letters"
            + (f" and {sum(data.copies)} near-duplicate copies" if any(data.copies) else "")
            + f"; most asks in {data.years[busiest]} ({data.asks[busiest]})."
        )
        svg = svg_markup(figure, "volume", alt)
    caption = (
        "Left: letters sent each year; near-duplicate copies (the same letter to several "
        "recipients) stacked on top. Right: their asks, each group of copies counted once."
    )
    if data.undated:
        caption += f" {_plural(data.undated, 'undated letter')} left out."
    return Chart("volume", "Letters and asks per year", caption, alt, svg)


def signatory_chart(data: SignatoryFlow) -> Chart | None:
    """Signatories per year: returning and joining above the axis, no longer signing below;
    ``None`` with fewer than two years."""
    if len(data.years) < 2:
        return None
    from matplotlib.ticker import MaxNLocator

    positions = list(range(len(data.years)))
    stopped = [-value for value in data.stopped]
    with _style():
        extra = _year_labels(data.years)
        figure, (axes,) = _figure(2.6 + extra, left=0.6, bottom=0.3 + extra, top=0.4)
        axes.bar(positions, data.returning, color=GREY, label="signed again")
        axes.bar(
            positions, data.joined, bottom=data.returning, color=BLUE, label="joined (first letter)"
        )
        axes.bar(
            positions,
            stopped,
            color=VERMILLION,
            hatch="///",
            edgecolor="#ffffff",
            label="stopped (none from this year on)",
        )
        axes.axhline(0, color="#555555", linewidth=0.8)
        _year_axis(axes, data.years)
        axes.set_ylabel("signatories")
        tops = [a + b for a, b in zip(data.returning, data.joined, strict=True)]
        reach = max([*tops, *data.stopped, 1])
        axes.set_ylim(-reach * 1.25 if any(data.stopped) else 0, reach * 1.25)
        crowded = len(data.years) > ROTATE_YEARS  # no room to print each bar's number
        numbers = zip(positions, tops, data.joined, data.stopped, strict=True)
        for position, top, joined, gone in [] if crowded else numbers:
            axes.annotate(f"+{joined}", (position, top), xytext=(0, 2), **_label("bottom"))
            if gone:
                axes.annotate(f"−{gone}", (position, -gone), xytext=(0, -2), **_label("top"))
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        axes.yaxis.set_major_formatter(lambda value, _: f"{abs(value):g}")
        alt = (
            f"Bar chart of signatories per year, {data.years[0]}–{data.years[-1]}: "
            + "; ".join(
                f"{year} {joined} joined, {gone} stopped"
                for year, joined, gone in zip(data.years, data.joined, data.stopped, strict=True)
            )
            + "."
        )
        svg = svg_markup(figure, "signatories", alt)
    caption = (
        "Above the line, each year's signatories: grey had signed an earlier letter, blue "
        "signed for the first time (+). Below it, those whose last letter was in the previous "
        "year with letters (−). Signatories are matched by name across letters."
    )
    if data.undated_only:
        caption += f" {_plural(data.undated_only, 'signatory')} of undated letters only left out."
    return Chart("signatories", "Signatories joining and leaving", caption, alt, svg)


def _label(va: str) -> dict[str, Any]:
    return {"textcoords": "offset points", "ha": "center", "va": va, "fontsize": 7.5}


def terms_chart(data: TermChanges | None) -> Chart | None:
    """Dot charts of the rising (blue, left panel) and falling (vermillion, right panel)
    terms' fitted change, each labelled with the years it is used; ``None`` without such
    terms. A side with no term is not drawn (an empty panel reading "none" says nothing a
    sentence cannot): the chart is then one panel, titled "Rising terms" or "Falling terms",
    and its caption says that no term fell or rose."""
    if data is None:
        return None
    from matplotlib.ticker import MaxNLocator

    sides = [
        (terms, colour, title)
        for terms, colour, title in (
            (data.rising, BLUE, "Rising"),
            (data.falling, VERMILLION, "Falling"),
        )
        if terms
    ]
    if not sides:
        return None
    reach = max(abs(change) for _, change, _, _ in data.rising + data.falling)
    with _style():
        figure, panels = _figure(
            0.85 + 0.17 * max(len(data.rising), len(data.falling)),
            left=_text_width([_term_label(*term) for term in data.rising], 7.5) + 0.12
            if data.rising
            else 0.3,
            right=_text_width([_term_label(*term) for term in data.falling], 7.5) + 0.12
            if data.falling
            else 0.1,
            bottom=0.5,
            columns=len(sides),
            gap=0.3,
        )
        for axes, (terms, colour, title) in zip(panels, sides, strict=True):
            axes.set_title(title)
            rows = list(range(len(terms)))
            changes = [change for _, change, _, _ in terms]
            axes.hlines(rows, 0, changes, color=colour, linewidth=1.4)
            axes.scatter(changes, rows, color=colour, s=20, zorder=3)
            axes.set_yticks(rows, [_term_label(*term) for term in terms])
            axes.set_ylim(len(terms) - 0.5, -0.5)
            axes.tick_params(axis="y", length=0)
            axes.spines["left"].set_visible(False)
            axes.axvline(0, color="#555555", linewidth=0.8)
            axes.xaxis.set_major_locator(MaxNLocator(nbins=3))
            if title == "Rising":
                axes.set_xlim(0, reach * 1.1)
            else:
                axes.set_xlim(-reach * 1.1, 0)
                axes.yaxis.tick_right()
                axes.spines["right"].set_visible(True)
                axes.spines["right"].set_color("#555555")
                axes.spines["left"].set_visible(len(sides) == 2)
        figure.supxlabel(
            f"fitted change of the term's weight (tf-idf of each year's letters), "
            f"{data.first_year} to {data.last_year}",
            fontsize=7.5,
        )
        alt = (
            f"Dot charts of the terms rising and falling from {data.first_year} to "
            f"{data.last_year}. Rising most: "
            f"{', '.join(t for t, _, _, _ in data.rising[:3]) or 'none'}. Falling most: "
            f"{', '.join(t for t, _, _, _ in data.falling[:3]) or 'none'}."
        )
        svg = svg_markup(figure, "terms", alt)
    sides_shown = (
        "more (left) or less (right)" if len(sides) == 2 else "more" if data.rising else "less"
    )
    caption = (
        f"How much {sides_shown} each term weighs in the later years' letters "
        "than in the earlier ones, with the years it is used in brackets; the longer the line, "
        "the larger the change. Terms used by at least two letters."
    )
    if not data.falling:
        caption += " No term fell."
    if not data.rising:
        caption += " No term rose."
    title = "Rising and falling terms" if len(sides) == 2 else f"{sides[0][2]} terms"
    return Chart("terms", title, caption, alt, svg)


def _term_label(term: str, change: float, first: int, last: int) -> str:
    return f"{term} ({first}–{last})" if first != last else f"{term} ({first})"


def corpus_charts(
    letters: Sequence[Letter], trends: CorpusTrends, pairs: Sequence[SimilarPair]
) -> CorpusCharts:
    """Every chart of the corpus report (``pairs``: the corpus's similar pairs, whose
    near-duplicate flags fold copies, :mod:`compare.rendering.chartdata`)."""
    return CorpusCharts(
        themes=theme_chart(theme_years(letters, trends, pairs)),
        volume=volume_chart(year_volume(letters, pairs)),
        signatories=signatory_chart(signatory_flow(letters, trends)),
        terms=terms_chart(term_changes(trends)),
    )
