"""The GDELT 2.0 event table layout: 61 tab-separated columns, no header, in this order."""

from __future__ import annotations


def _actor(n: int) -> list[str]:
    return [f"Actor{n}{f}" for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                     "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")]


def _geo(prefix: str) -> list[str]:
    return [f"{prefix}Geo_{f}" for f in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code",
                                         "Lat", "Long", "FeatureID")]


GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *_actor(1), *_actor(2),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *_geo("Actor1"), *_geo("Actor2"), *_geo("Action"),
    "DATEADDED", "SOURCEURL",
)

assert len(GDELT_COLUMNS) == 61
