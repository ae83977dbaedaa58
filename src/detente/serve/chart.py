"""The dyad page's chart as SVG, drawn with pygal.

matplotlib (what `detente dyad --plot` uses for print-quality files) spent about 2 s of
CPU on each chart of 90 months, most of it laying out text; a server drawing a chart per
dyad and period cannot afford that on a page view. pygal writes SVG elements directly
(tens of milliseconds for the same chart, bench/serve.py) and is thread-safe, so no lock
is needed. The chart is two pygal charts stacked in one SVG document: the mean Goldstein
score per period with the detector's levels and dashed lines at the shifts (top), and the
events by quad class per period (bottom), the same reading as the matplotlib figure.
"""

from __future__ import annotations

import datetime as dt
import re

import pygal
from pygal.style import Style

from detente.analysis.dyads import DyadSeries
from detente.analysis.plot import QUAD_COLOURS, QUAD_NAMES
from detente.analysis.shifts import Shift

WIDTH, TONE_HEIGHT, COUNT_HEIGHT = 1000, 380, 220
# Per period, its middle: a shift dated inside a period falls on the right side of its point.
HALF = {"day": dt.timedelta(0), "week": dt.timedelta(days=3.5), "month": dt.timedelta(days=15)}
_ROOT = re.compile(r"<svg\b")
# pygal always writes its tooltip configuration as an inline script; without its tooltip
# library (not loaded: it would come from the internet) the script does nothing.
_CONFIG_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)


def _style(colours: tuple[str, ...]) -> Style:
    return Style(background="white", plot_background="white", colors=colours, font_family="sans-serif",
                 label_font_size=11, major_label_font_size=11, legend_font_size=11, title_font_size=12)


def _common(height: int, series: DyadSeries) -> dict:
    # No script: the SVG is shown as an <img>, and pygal's default tooltip script would be
    # fetched from the internet.
    first, last = series.periods[0].start, series.periods[-1].start
    return {"width": WIDTH, "height": height, "js": [], "disable_xml_declaration": True, "show_legend": True,
            "legend_at_bottom": True, "legend_at_bottom_columns": 4, "margin": 8, "margin_bottom": 24,
            "truncate_label": -1,
            # The two panels line up: the same date axis over the same span, and y labels of the
            # same width (pygal sizes the left margin from the labels' characters).
            "xrange": (_at(first, series.by), _at(last, series.by)),
            "x_value_formatter": lambda d: d.strftime("%Y-%m-%d"),
            "value_formatter": lambda v: f"{v:{_LABEL_WIDTH}.0f}"}


_LABEL_WIDTH = 4


def _at(day: dt.date, by: str) -> dt.datetime:
    """Where a period starting on `day` is drawn: its middle."""
    return dt.datetime.combine(day, dt.time()) + HALF[by]


def _tone_chart(series: DyadSeries, shifts: list[Shift]) -> str:
    chart = pygal.DateTimeLine(**_common(TONE_HEIGHT, series), style=_style(("#555555", "#2a4b8d", "#2a4b8d")),
                               range=(-10.5, 10.5), allow_interruptions=True, dots_size=3,
                               y_title="mean Goldstein (−10 … +10)")
    points = [(_at(p.start, series.by), p.goldstein) for p in series.periods if p.goldstein is not None]
    chart.add("mean Goldstein per " + series.by, points)
    if shifts and points:
        # The levels between shifts, as the detector saw them: one flat segment each.
        edges = [points[0][0], *(dt.datetime.combine(s.date, dt.time()) for s in shifts), points[-1][0]]
        levels = [shifts[0].before, *(s.after for s in shifts)]
        steps: list = []
        for (lo, hi), level in zip(zip(edges, edges[1:]), levels):
            steps += [(lo, level), (hi, level), None]
        chart.add("level between shifts", steps, show_dots=False, stroke_style={"width": 3})
        marks: list = []
        for s in shifts:
            at = dt.datetime.combine(s.date, dt.time())
            marks += [(at, -10.5), (at, 10.5), None]
        chart.add("shift", marks, show_dots=False, stroke_style={"width": 1.5, "dasharray": "6, 4"})
    return chart.render(is_unicode=True)


def _count_chart(series: DyadSeries) -> str:
    # Stacked areas on the tone panel's date axis (pygal stacks only on a category axis, whose
    # points would not fall under the dates above): each quad class is drawn as the running
    # total up to it, filled down to zero, the tallest first, so each band shows its own count.
    # Areas rather than bars: a fifth of the SVG elements (360 bars of 90 months took 0.4-0.6 s).
    quads = list(QUAD_NAMES)
    chart = pygal.DateTimeLine(**_common(COUNT_HEIGHT, series),
                               style=_style(tuple(QUAD_COLOURS[q] for q in reversed(quads))),
                               fill=True, show_dots=False, y_title=f"events per {series.by}")
    chart.range = (0, max(1, max((sum(p.quad.values()) for p in series.periods), default=0)))
    totals = [0] * len(series.periods)
    stacked: list[tuple[str, list[int]]] = []
    for quad in quads:
        totals = [t + p.quad.get(quad, 0) for t, p in zip(totals, series.periods)]
        stacked.append((QUAD_NAMES[quad], totals))
    for name, heights in reversed(stacked):
        chart.add(name, [(_at(p.start, series.by), h) for p, h in zip(series.periods, heights)])
    return chart.render(is_unicode=True)


def _placed(svg: str, y: int, height: int) -> str:
    """A pygal chart as a nested <svg> at height `y` of the document."""
    svg = _CONFIG_SCRIPT.sub("", svg)
    return _ROOT.sub(f'<svg x="0" y="{y}" width="{WIDTH}" height="{height}"', svg, count=1)


def dyad_chart_svg(series: DyadSeries, shifts: list[Shift]) -> bytes:
    """The whole chart of `series` as one SVG document."""
    top = _placed(_tone_chart(series, shifts), 0, TONE_HEIGHT)
    bottom = _placed(_count_chart(series), TONE_HEIGHT, COUNT_HEIGHT)
    height = TONE_HEIGHT + COUNT_HEIGHT
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}">{top}{bottom}</svg>').encode()
