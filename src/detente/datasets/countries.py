"""Country names and codes of imported datasets -> ISO 3166-1 alpha-3.

Conversion runs over the distinct values of a file (a few hundred at most), never per row;
the importers join the resulting small table in SQL.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache

import pycountry

from detente.datasets.cameo import CAMEO_COUNTRY_EXCEPTIONS

# Values that mean "no country" in the datasets' own conventions.
_MISSING = {"", "NA", "N/A", "NULL", "NONE", "-"}


@lru_cache(maxsize=1)
def _converter():
    import country_converter as coco

    # country_converter logs every unmatched name at WARNING: missing is a normal answer here.
    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter()


def _iso3(code: str) -> str | None:
    code = code.upper()
    code = CAMEO_COUNTRY_EXCEPTIONS.get(code, code)
    if code == "XKX" or pycountry.countries.get(alpha_3=code) is not None:
        return code
    return None


def names_to_iso3(values: Iterable[str | None]) -> dict[str, str | None]:
    """Country names as ICEWS writes them ("Russian Federation", "Occupied Palestinian
    Territory") -> ISO3; values that are already ISO3 codes pass through."""
    wanted = sorted({v for v in values if v is not None and v.strip().upper() not in _MISSING})
    out: dict[str, str | None] = {}
    by_name = []
    for value in wanted:
        if len(value) == 3 and value.isupper() and _iso3(value):
            out[value] = _iso3(value)
        else:
            by_name.append(value)
    if by_name:
        converted = _converter().convert(by_name, to="ISO3", not_found=None)
        if isinstance(converted, str):
            converted = [converted]
        for value, iso in zip(by_name, converted):
            # With not_found=None country_converter hands back the input unchanged.
            out[value] = _iso3(iso) if isinstance(iso, str) and len(iso) == 3 else None
    return out


def cameo_to_iso3(values: Iterable[str | None]) -> dict[str, str | None]:
    """CAMEO actor country codes (GDELT's Actor1CountryCode) -> ISO3. Regional codes
    (AFR, EUR, WST, ...) have no country and map to None."""
    return {v: _iso3(v) for v in {v for v in values if v}}


def iso3_to_names(codes: Iterable[str | None]) -> dict[str, str | None]:
    """ISO3 -> a short English name without commas ("Venezuela", not "Venezuela,
    Bolivarian Republic of"), as place names end in GDELT."""
    wanted = sorted({c for c in codes if c})
    if not wanted:
        return {}
    names = _converter().convert(wanted, src="ISO3", to="name_short", not_found=None)
    if isinstance(names, str):
        names = [names]
    return {c: (n if isinstance(n, str) and n != c else None) for c, n in zip(wanted, names)}
