"""Date lines: a line that is only a date ("Wednesday, November 9, 2016", "9 Nov 2016 14.20 GMT").

Under a story's headline such a line is the story's own date, and on a page that fuses stories
of several days it is the only date a story has; anywhere else it is the page's stamp. Either
way it is not a line of the story's text. Parsed here without any locale machinery: English
month names, the orders news sites print, an optional weekday and clock time.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {name: number for number, names in enumerate((
    "jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
    "aug august", "sep sept september", "oct october", "nov november", "dec december"), start=1)
    for name in names.split()}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_CLOCK = r"(?:,?\s*(?:at\s+)?\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
# the orders a date is printed in: "November 9, 2016", "9 November 2016", "2016-11-09"
# "Published 19 February 2025", "First posted on: …": when the story came out, still its date
# ("Updated …" is when the page changed: a stamp, left to the rules)
_PUBLISHED = r"(?:(?:first\s+)?(?:published|posted)(?:\s+on)?:?\s+)?"
_DATE_LINES = [re.compile(rf"^{_PUBLISHED}{_WEEKDAY}{body}{_CLOCK}$", re.I) for body in (
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}",
    r"(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)",
)]
MAX_CHARS = 60


def is_date_line(line: str) -> bool:
    """Whether a line is only a date, as printed (a misprinted day still makes it a stamp)."""
    return _parts(line) is not None


def date_of(line: str) -> date | None:
    """The date a line consists of, or None if the line holds anything else or no real date."""
    parts = _parts(line)
    if parts is None:
        return None
    year, month, day = parts
    try:
        return date(year, month, day)
    except ValueError:
        return None  # "November 39, 2016": not a date


def _parts(line: str) -> tuple[int, int, int] | None:
    line = line.strip()
    if len(line) > MAX_CHARS:
        return None
    match = next((m for m in (pattern.match(line) for pattern in _DATE_LINES) if m), None)
    if not match:
        return None
    month_name = match.group("month")
    month = int(month_name) if month_name.isdigit() else _MONTHS.get(month_name.lower())
    if month is None:
        return None
    return int(match.group("year")), month, int(match.group("day"))
