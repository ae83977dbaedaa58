"""Event dates: a date expression resolved against the article's publication date.

Weekdays, "today"/"yesterday", month-and-day and "last June" are resolved here (fast, and
with the right direction for planned events); other relative expressions ("last week",
"three years ago") go to dateparser with RELATIVE_BASE = the publication date, cached.
Vague expressions (a year alone, "recent years") give None rather than a false precision.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from detente.events.modality import clause_chain, full_chain

if TYPE_CHECKING:  # dates are read off a parsed sentence; resolving a text needs no spaCy
    from spacy.tokens import Doc, Span, Token

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}

_LEAD = re.compile(r"^(?:on|in|at|by|since|from|until|the|early|late|earlier|later)\s+", re.I)
_WEEKDAY = re.compile(
    r"^(?:(last|this past|past|this|next|coming|this coming)\s+)?"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?$", re.I)
_WEEKEND = re.compile(r"^(?:(last|this past|past|this|next|coming)\s+)?weekend$", re.I)
_DAYWORD = re.compile(r"^(today|tonight|yesterday|tomorrow|this morning|this afternoon|this evening|last night)$", re.I)
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MONTH_DAY = re.compile(rf"^{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?$", re.I)
_DAY_MONTH = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(\d{{4}}))?$", re.I)
_REL_MONTH = re.compile(rf"^(last|this|next|this past|past)\s+{_MONTH}$", re.I)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# Too vague to give a day: a bare year, decades, "recent years", seasons, "the past".
_VAGUE = re.compile(r"^(?:\d{4}s?|.*\b(?:years|decades|centuries|months|weeks|era|summer|winter|spring|"
                    r"autumn|fall|past|recent|recently|future|generation|generations|once|ago)\b.*)$", re.I)
_AGO = re.compile(r"^(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
                  r"(?:day|days|week|weeks|month|months|year|years))\s+ago$", re.I)
_RELATIVE_OK = re.compile(r"^(?:last|this|next|past)\s+(?:week|month)$", re.I)


def resolve(text: str, published: datetime | date | None, future: bool = False) -> str | None:
    """ISO date (YYYY-MM-DD) for a date expression, or None when it cannot be pinned to a day."""
    if published is None:
        return _absolute(text.strip())
    base = published.date() if isinstance(published, datetime) else published
    return _resolve_cached(" ".join(text.split()), base, future)


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, base: date, future: bool) -> str | None:
    t = text.strip(" ,.;")
    while (m := _LEAD.match(t)) and m.end() < len(t):
        t = t[m.end():]
    if found := _absolute(t):
        return found
    if m := _WEEKDAY.match(t):
        return _weekday(base, WEEKDAYS.index(m.group(2).lower()), (m.group(1) or "").lower(), future).isoformat()
    if m := _WEEKEND.match(t):
        return _weekday(base, 5, (m.group(1) or "").lower(), future).isoformat()
    if m := _DAYWORD.match(t):
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(m.group(1).lower(), 0)
        return (base + timedelta(days=shift)).isoformat()
    if m := _MONTH_DAY.match(t):
        return _month_day(base, _month(m.group(1)), int(m.group(2)), m.group(3))
    if m := _DAY_MONTH.match(t):
        return _month_day(base, _month(m.group(2)), int(m.group(1)), m.group(3))
    if m := _REL_MONTH.match(t):
        month, which = _month(m.group(2)), m.group(1).lower()
        year = base.year
        if which in ("last", "past", "this past"):
            year -= 1 if month >= base.month else 0
        elif which == "next":
            year += 1 if month <= base.month else 0
        return date(year, month, 1).isoformat()
    if _AGO.match(t) or _RELATIVE_OK.match(t):
        return _dateparser(t, base, future)
    if _VAGUE.match(t):
        return None
    return _dateparser(t, base, future)


def _month(word: str) -> int:
    return MONTHS[word.lower()[:3]]


def _absolute(t: str) -> str | None:
    if m := _ISO.match(t):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    for rx, mi, di in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        if (m := rx.match(t)) and m.group(3):
            try:
                return date(int(m.group(3)), _month(m.group(mi)), int(m.group(di))).isoformat()
            except ValueError:
                return None
    return None


def _weekday(base: date, wd: int, which: str, future: bool) -> date:
    if which in ("next", "coming", "this coming") or (future and which not in ("last", "past", "this past")):
        delta = (wd - base.weekday()) % 7 or (7 if which else 0)
        return base + timedelta(days=delta)
    back = (base.weekday() - wd) % 7
    if which == "last" and back == 0:
        back = 7
    return base - timedelta(days=back)


def _month_day(base: date, month: int, day: int, year: str | None) -> str | None:
    try:
        if year:
            return date(int(year), month, day).isoformat()
        # no year: the occurrence nearest the publication date (within six months either way)
        options = [date(base.year + k, month, day) for k in (-1, 0, 1)]
    except ValueError:
        return None
    return min(options, key=lambda d: abs((d - base).days)).isoformat()


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: date, future: bool) -> str | None:
    import dateparser  # slow to import; only needed for the expressions the fast paths miss

    settings = {"PREFER_DATES_FROM": "future" if future else "past",
                "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12),
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on odd input; a date we cannot read is no date
        return None
    return parsed.date().isoformat() if parsed else None


class SentenceDates:
    """The DATE entities of each sentence of a doc. `doc.ents` (and `Span.ents`, which reads it)
    builds every entity of the document on each call: read it once per doc, not once per event."""

    def __init__(self, doc: Doc) -> None:
        self.ents = doc.ents
        self.starts = [e.start for e in self.ents]

    def of(self, sent: Span) -> list[Span]:
        found = []
        # as Span.ents: the entities from the sentence's start on, up to one that runs past its end
        for ent in self.ents[bisect_left(self.starts, sent.start):]:
            if ent.end > sent.end:
                break
            if ent.label_ == "DATE":
                found.append(ent)
        return found


def event_date(trig: Token, published: datetime | date | None, future: bool,
               dates_of: SentenceDates | None = None) -> str | None:
    """The date of the event a trigger names: a date expression on the trigger or on a word it
    hangs from (nearest first), else the only date of its sentence. `future`: the event points
    forward ("will meet on Thursday" is the coming Thursday). `dates_of`: the doc's dates, when
    many events of one doc are dated."""
    dates = (dates_of or SentenceDates(trig.doc)).of(trig.sent)
    if not dates:
        return None
    own = {t.i for t in clause_chain(trig)}
    for gov in full_chain(trig):
        # a date on the saying verb ("..., he said Monday") is in the past even for a promise
        ahead = future and gov.i in own
        for ent in dates:
            r = ent.root
            if r.head == gov or (r.head.dep_ == "prep" and r.head.head == gov) or (
                    gov.pos_ in ("NOUN", "PROPN") and r.dep_ == "poss" and r.head == gov):
                if resolved := resolve(ent.text, published, ahead):
                    return resolved
    if len(dates) == 1:
        return resolve(dates[0].text, published, future)
    return None
