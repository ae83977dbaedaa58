"""A chart of a dyad's relation over time, with the detected shifts marked.

Built on a bare matplotlib `Figure` (no pyplot, so no GUI backend and no global state):
the Agg renderer writes PNG, the SVG renderer SVG, chosen by the file's suffix.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from detente.analysis.dyads import AnalysisError, DyadSeries
from detente.analysis.shifts import Shift

QUAD_COLOURS = {"1": "#4c9f70", "2": "#1b6e3a", "3": "#e39b4c", "4": "#b8322a"}
QUAD_NAMES = {"1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict",
              "4": "material conflict"}
FORMATS = {".png": "png", ".svg": "svg"}


def plot_dyad(series: DyadSeries, shifts: list[Shift], out_path: str | Path) -> Path:
    """Write the chart of `series` (tone above, events by quad class below) to `out_path`."""
    out = Path(out_path)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise AnalysisError(f"{out}: the chart is written as .png or .svg")
    if not series.periods:
        raise AnalysisError(f"no events between {series.dyad[0]} and {series.dyad[1]} to plot")
    fig = Figure(figsize=(10, 6), layout="constrained")
    tone_ax, count_ax = fig.subplots(2, 1, sharex=True, height_ratios=[2, 1])
    # Each period is drawn at its middle, so that a shift dated inside it falls on the
    # right side of its point.
    half = {"day": dt.timedelta(0), "week": dt.timedelta(days=3.5), "month": dt.timedelta(days=15)}[series.by]
    starts = [dt.datetime.combine(p.start, dt.time()) + half for p in series.periods]
    tones = [p.goldstein for p in series.periods]
    sizes = [12 + 6 * min(p.events, 40) for p in series.periods]
    tone_ax.axhline(0, color="#999999", linewidth=0.8)
    tone_ax.plot(starts, tones, color="#555555", linewidth=0.8, alpha=0.6)
    tone_ax.scatter(starts, tones, s=sizes, c=tones, cmap="RdYlGn", vmin=-10, vmax=10,
                    edgecolors="#333333", linewidths=0.5, zorder=3)
    tone_ax.set_ylabel("mean Goldstein\n(-10 conflict .. +10 cooperation)")
    tone_ax.set_ylim(-10.5, 10.5)
    width = {"day": 0.8, "week": 5.5, "month": 25}[series.by]
    bottom = [0] * len(starts)
    for quad, colour in QUAD_COLOURS.items():
        heights = [p.quad[quad] for p in series.periods]
        count_ax.bar(starts, heights, width=width, bottom=bottom, color=colour, label=QUAD_NAMES[quad])
        bottom = [b + h for b, h in zip(bottom, heights)]
    count_ax.set_ylabel(f"events per {series.by}")
    count_ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), fontsize="small", ncols=4, frameon=False)
    locator = AutoDateLocator()
    count_ax.xaxis.set_major_locator(locator)
    count_ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    # The levels between shifts, as the detector saw them.
    edges = [starts[0], *(dt.datetime.combine(sh.date, dt.time()) for sh in shifts), starts[-1]]
    levels = [shifts[0].before, *(sh.after for sh in shifts)] if shifts else []
    for (lo, hi), level in zip(zip(edges, edges[1:]), levels):
        tone_ax.hlines(level, lo, hi, colors="#2a4b8d", linewidths=2, alpha=0.5)
    for shift in shifts:
        for ax in (tone_ax, count_ax):
            ax.axvline(shift.date, color="#2a4b8d", linestyle="--", linewidth=1.2)
        tone_ax.annotate(f"{shift.date.isoformat()}\n{shift.before:+.1f} -> {shift.after:+.1f}",
                         xy=(shift.date, 9.5), fontsize="small", color="#2a4b8d", va="top", ha="left",
                         xytext=(3, 0), textcoords="offset points")
    a, b = series.dyad
    link = "->" if series.directed else "-"
    fig.suptitle(f"{a} {link} {b}: relations by {series.by}" + (f", {len(shifts)} shift(s)" if shifts else ""))
    fig.savefig(out, format=fmt, dpi=120)
    return out
