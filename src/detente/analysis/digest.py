"""Your Places: what is new about the countries, regions and actors a reader follows.

For each place, the digest lists the events involving it, the quotes by or about it and
the shifts in its relations, since a date (the events' own dates, as `detente digest
--since` asks) and/or since an instant (what was ingested after the reader's last visit,
as the web page asks). It reads the store only.

A place is an ISO3 country code ("UKR"), a region named as the UN's statistical regions
or continents name them ("Eastern Europe", "Europe": country_converter's tables, the one
source of which country lies where), or an actor id ("sergey-lavrov").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from detente.analysis.dyads import AnalysisError, check_actor
from detente.analysis.records import EventQuery, QuoteQuery, event_records, quote_records
from detente.analysis.shifts import Shift, dyad_shifts
from detente.store.db import Store

ITEMS_PER_PLACE = 20       # events and quotes listed per place (the totals say how many more)
PARTNERS_PER_PLACE = 4     # relations searched for shifts: the place's most frequent partners
DEFAULT_WINDOW = dt.timedelta(days=30)


@dataclass(frozen=True, slots=True)
class Place:
    code: str                      # as the reader wrote it (ISO3, region name, actor id)
    kind: str                      # country | region | actor
    name: str
    members: tuple[str, ...]       # the ISO3 codes or actor id that events are matched on

    def to_dict(self) -> dict:
        return {"code": self.code, "kind": self.kind, "name": self.name, "members": list(self.members)}


@lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[str, tuple[str, ...]]]:
    """lowercase region name -> (its name, member ISO3 codes), UN regions and continents."""
    import logging

    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    data = coco.CountryConverter().data
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for column in ("continent", "UNregion"):
        for name, group in data.groupby(column):
            if isinstance(name, str) and name:
                out[name.lower()] = (name, tuple(sorted(group["ISO3"].dropna())))
    return out


def region_names() -> list[str]:
    return sorted(name for name, _ in _regions().values())


def resolve_places(store: Store, codes: Iterable[str]) -> list[Place]:
    """Reader's codes -> places; an unknown one is an AnalysisError naming it."""
    from detente.datasets.countries import iso3_to_names

    places: list[Place] = []
    for raw in codes:
        code = raw.strip()
        if not code:
            continue
        region = _regions().get(code.lower())
        if len(code) == 3 and code.isalpha() and code.upper() == code:
            name = iso3_to_names([code]).get(code) or code
            places.append(Place(code, "country", name, (code,)))
        elif region is not None:
            places.append(Place(code, "region", region[0], region[1]))
        else:
            found = store.con.execute(
                "SELECT actor_name FROM entities WHERE actor_id = ? AND actor_name IS NOT NULL LIMIT 1", [code]).fetchone()
            if found is None:
                try:
                    check_actor(store, code)
                except AnalysisError:
                    raise AnalysisError(f"unknown place {code!r}: use an ISO3 country code (UKR), a region "
                                        f"(Europe, Eastern Europe, Western Asia, ...) or an actor id "
                                        f"(sergey-lavrov)") from None
            places.append(Place(code, "actor", found[0] if found else code, (code,)))
    if not places:
        raise AnalysisError("no place given")
    return places


@dataclass(slots=True)
class PlaceDigest:
    place: Place
    events_total: int
    events: list[dict]
    quotes_total: int
    quotes: list[dict]
    shifts: list[Shift] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"place": self.place.to_dict(), "events_total": self.events_total, "events": self.events,
                "quotes_total": self.quotes_total, "quotes": self.quotes,
                "shifts": [shift_record(s) for s in self.shifts]}


@dataclass(slots=True)
class Digest:
    since: dt.date | None
    added_since: dt.datetime | None
    places: list[PlaceDigest]

    def to_dict(self) -> dict:
        return {"since": self.since.isoformat() if self.since else None,
                "added_since": self.added_since.isoformat() if self.added_since else None,
                "places": [p.to_dict() for p in self.places]}

    @property
    def empty(self) -> bool:
        return not any(p.events or p.quotes or p.shifts for p in self.places)


def shift_record(shift: Shift) -> dict:
    """A shift as data, with a stable id (a reader who saw it once is not told again)."""
    return {"id": shift_id(shift), **shift.to_dict()}


def shift_id(shift: Shift) -> str:
    return f"{shift.dyad[0]}-{shift.dyad[1]}@{shift.date.isoformat()}"


def default_since(store: Store, window: dt.timedelta = DEFAULT_WINDOW) -> dt.date | None:
    """A month before the newest event of the store: 'recent' for a corpus of any age."""
    newest = store.con.execute("SELECT max(date) FROM events").fetchone()[0]
    return newest - window if newest else None


def partners(store: Store, place: Place, n: int = PARTNERS_PER_PLACE) -> list[tuple[str, str]]:
    """The place's most frequent country partners, as (member, partner) dyads to search."""
    rows = store.con.execute("""
        SELECT CASE WHEN mine_is_source THEN src ELSE tgt END AS mine,
               CASE WHEN mine_is_source THEN target_country ELSE source_country END AS other, count(*) AS n
        FROM (
            SELECT source_country, target_country,
                   list_contains($m, source_country) OR list_contains($m, source_id) AS mine_is_source,
                   CASE WHEN list_contains($m, source_id) THEN source_id ELSE source_country END AS src,
                   CASE WHEN list_contains($m, target_id) THEN target_id ELSE target_country END AS tgt
            FROM events
            WHERE list_contains($m, source_country) OR list_contains($m, source_id)
               OR list_contains($m, target_country) OR list_contains($m, target_id)
        )
        WHERE other IS NOT NULL AND other <> 'IGO' AND NOT list_contains($m, other)
        GROUP BY ALL ORDER BY n DESC, other LIMIT $n
    """, {"m": list(place.members), "n": n}).fetchall()
    return [(mine, other) for mine, other, _ in rows]


def place_shifts(store: Store, place: Place, since: dt.date | None) -> list[Shift]:
    out = []
    for mine, other in partners(store, place):
        try:
            out.extend(dyad_shifts(store, mine, other, since=since))
        except AnalysisError:
            continue  # a partner seen only as a target of its own rows: nothing to read
    return sorted(out, key=lambda s: s.date, reverse=True)


def place_digest(store: Store, places: list[Place], *, since: dt.date | None = None,
                 added_since: dt.datetime | None = None, limit: int = ITEMS_PER_PLACE) -> Digest:
    """The digest of `places`: events and quotes dated on or after `since` and ingested
    after `added_since` (either may be None), and shifts dated on or after `since`."""
    out = []
    for place in places:
        n_events, events = event_records(
            store, EventQuery(actors=place.members, start=since, added_since=added_since), limit=limit)
        n_quotes, quotes = quote_records(
            store, QuoteQuery(actors=place.members, start=since, added_since=added_since), limit=limit)
        out.append(PlaceDigest(place, n_events, events, n_quotes, quotes, place_shifts(store, place, since)))
    return Digest(since, added_since, out)


# -- plain renderings (HTML is rendered by the web layer's templates) ------------------------

def _sides(actors: list[dict]) -> str:
    return ", ".join(a.get("name") or a.get("country") or "?" for a in actors) or "?"


def _line(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def render_text(digest: Digest, *, markdown: bool = False) -> str:
    """The digest for a terminal or an e-mail body (plain text or Markdown)."""
    h1, h2, bullet = ("# ", "### ", "- ") if markdown else ("", "  ", "    ")
    window = []
    if digest.since:
        window.append(f"since {digest.since.isoformat()}")
    if digest.added_since:
        window.append(f"added after {digest.added_since.isoformat(timespec='seconds')}")
    lines = [f"{h1}Your Places: {', '.join(p.place.name for p in digest.places)}"
             + (f" ({'; '.join(window)})" if window else "")]
    for pd in digest.places:
        lines += ["", f"{'## ' if markdown else ''}{pd.place.name} [{pd.place.code}]"]
        if not (pd.events or pd.quotes or pd.shifts):
            lines.append(f"{bullet}nothing new")
            continue
        if pd.shifts:
            lines.append(f"{h2}Shifts in relations")
            for s in pd.shifts:
                lines.append(f"{bullet}{s.date.isoformat()} {s.dyad[0]}-{s.dyad[1]}: mean Goldstein "
                             f"{s.before:+.1f} -> {s.after:+.1f}")
        if pd.events:
            lines.append(f"{h2}Events ({pd.events_total})")
            for e in pd.events:
                lines.append(f"{bullet}{e['date']} {e['type'] or e['cameo']}: {_sides(e['source'])} -> "
                             f"{_sides(e['target'])}: {_line(e['sentence_text'])}")
        if pd.quotes:
            lines.append(f"{h2}Quotes ({pd.quotes_total})")
            for q in pd.quotes:
                who = (q["speaker"] or {}).get("actor") or {}
                speaker = who.get("name") or (q["speaker"] or {}).get("text") or "unattributed"
                lines.append(f"{bullet}{(q['published'] or '')[:10]} {speaker}: “{_line(q['text'])}”")
    return "\n".join(lines) + "\n"
