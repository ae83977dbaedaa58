"""Figures: money, percentages, counts and durations, with numeric value, unit and what they are about.

Public API:
- component `detente_figures`: sets `doc._.figures` (list[model.Figure], in text order).
- `parse_number(words) -> float | None`: the value of a number phrase ("2.5bn", "a dozen").
"""

from detente.figures.component import FigureExtractor
from detente.figures.numbers import parse_number

__all__ = ["FigureExtractor", "parse_number"]
