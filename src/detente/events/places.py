"""Places: a gazetteer of capitals and news cities (our resources/events/places.yaml),
with countries named as places resolved to their ISO code through pycountry."""

from __future__ import annotations

from pathlib import Path

import yaml

from detente.model import Location

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


def _country_code(key: str) -> str | None:
    if key in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[key]
    import pycountry

    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        return None
