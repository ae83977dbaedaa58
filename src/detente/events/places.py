"""Places: a gazetteer of capitals and news cities (our resources/events/places.yaml),
with countries named as places resolved to their ISO code through pycountry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from detente.events.modality import clause_chain
from detente.model import Location

if TYPE_CHECKING:  # places are read off a parsed sentence; the gazetteer itself needs no spaCy
    from spacy.tokens import Token

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "events"

# Common names pycountry does not know by these spellings.
_COUNTRY_NAMES = {"russia": "RUS", "iran": "IRN", "syria": "SYR", "turkey": "TUR", "türkiye": "TUR",
                  "south korea": "KOR", "north korea": "PRK", "britain": "GBR", "great britain": "GBR",
                  "england": "GBR", "scotland": "GBR", "the united states": "USA", "united states": "USA",
                  "america": "USA", "u.s.": "USA", "us": "USA", "the u.s.": "USA", "uk": "GBR", "u.k.": "GBR",
                  "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN", "tanzania": "TZA",
                  "moldova": "MDA", "taiwan": "TWN", "palestine": "PSE", "gaza strip": "PSE", "the gaza strip": "PSE",
                  "the west bank": "PSE", "west bank": "PSE", "kosovo": "XKX", "czech republic": "CZE",
                  "ivory coast": "CIV", "congo": "COD", "the netherlands": "NLD", "holland": "NLD",
                  "the united arab emirates": "ARE", "united arab emirates": "ARE", "u.a.e.": "ARE", "uae": "ARE",
                  "the philippines": "PHL", "the gulf": None, "europe": None, "the middle east": None}


# Prepositions that place an event ("talks in Riyadh", "clashes near Goma").
LOC_PREPS = frozenset({"in", "at", "near", "outside", "inside"})


class Gazetteer:
    def __init__(self, path: Path | None = None) -> None:
        data = yaml.safe_load((path or RESOURCES / "places.yaml").read_text(encoding="utf-8"))
        self.places = {name.lower(): (name, v[0], float(v[1]), float(v[2])) for name, v in data["places"].items()}
        for alias, target in (data.get("aliases") or {}).items():
            self.places[alias.lower()] = self.places[target.lower()]

    def locate(self, name: str) -> Location | None:
        key = " ".join(name.split()).strip(" ,.").lower()
        if key.startswith("the ") and key not in self.places and key not in _COUNTRY_NAMES:
            key = key[4:]
        if key in self.places:
            canonical, country, lat, lon = self.places[key]
            return Location(name=canonical, country=country, lat=lat, lon=lon)
        country = _country_code(key)
        if country is not None:
            return Location(name=name.strip(), country=country)
        return None

    def event_location(self, trig: Token) -> Location | None:
        """Where the event a trigger names took place: a place phrase on the trigger or on the
        words of its clause (nearest first), else one hanging off another party of it."""
        govs = clause_chain(trig)
        last = govs[-1]
        if trig.dep_ in ("nsubj", "nsubjpass") or last.i == trig.i:
            # "The meeting came ... and took place in Riyadh": the subject's other predicates
            govs = govs + [c for c in last.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        for gov in govs:
            for prep in (c for c in gov.children if c.dep_ == "prep" and c.lower_ in LOC_PREPS):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    place = self.place(pobj)
                    if place is not None:
                        return place
        for gov in govs:  # "clashed with police in Lyon": the place hangs off the other party
            for prep in (c for c in gov.children if c.dep_ == "prep" and c.lower_ not in LOC_PREPS):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    for inner in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ in LOC_PREPS):
                        for place_tok in (g for g in inner.children if g.dep_ == "pobj"):
                            if (place := self.place(place_tok, depth=2)) is not None:
                                return place
        return None

    def place(self, tok: Token, depth: int = 0) -> Location | None:
        """The place a token names: its place entity, a known city the tagger took for something
        else, or a place in apposition to it or in a phrase under it."""
        ent = _entity(tok)
        if ent is not None and ent[1] in ("GPE", "LOC", "FAC"):
            return self.locate(ent[0]) or Location(name=ent[0])
        if tok.pos_ == "PROPN":  # a known city the tagger took for something else ("in Lyon" as PERSON)
            known = self.locate(ent[0] if ent is not None else tok.text)
            if known is not None and known.lat is not None:
                return known
        for c in tok.children:  # "the Turkish capital, Ankara"; "a palace in Riyadh"
            if c.dep_ == "appos" or (depth < 2 and c.dep_ == "prep" and c.lower_ in LOC_PREPS):
                inner = c if c.dep_ == "appos" else next((g for g in c.children if g.dep_ == "pobj"), None)
                if inner is not None and (found := self.place(inner, depth + 1)):
                    return found
        return None


def _entity(tok: Token) -> tuple[str, str] | None:
    """The text and label of the entity a token is in. Read from the IOB tags around the token,
    not from `doc.ents`, which builds every entity of the document on each call."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text, tok.ent_type_


def _country_code(key: str) -> str | None:
    if key in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[key]
    import pycountry

    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        return None
