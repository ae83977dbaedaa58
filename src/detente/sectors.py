"""The one list of sectors an actor can belong to: CAMEO/PLOVER agent codes and their labels.

Every sector code the project writes comes from here: the title words of the knowledge base
(resources/kb/sectors.yaml), the knowledge base's people and organisations, our own group
actors ("Russian military"), and the sectors given to rows imported from other datasets
(datasets/cameo.py). A label is the plain plural noun that names a country's actors of the
sector, so that "RUS" + "MIL" reads "Russian military".

JRN and MED are easy to confuse: PLOVER's MED is health workers (doctors, nurses,
hospitals), not the media; news outlets and journalists are JRN.

A module of its own at the top of the package, not in actors/, so that the dataset importers
can use it without loading the spaCy pipeline that actors/ brings in.
"""

from __future__ import annotations

from collections.abc import Iterable

from detente.errors import DetenteError

SECTORS: dict[str, str] = {
    "GOV": "government",
    "MIL": "military",
    "LEG": "legislature",
    "JUD": "judiciary",
    "COP": "police",
    "SPY": "intelligence services",
    "REB": "rebels",
    "INS": "insurgents",
    "UAF": "armed men",
    "PRM": "paramilitaries",
    "OPP": "opposition",
    "PTY": "parties",
    "ELI": "former officials",
    "CVL": "civilians",
    "BUS": "business",
    "JRN": "media",
    "EDU": "academia",
    "REL": "religious leaders",
    "MED": "health workers",
    "HLH": "health services",
    "NGO": "aid groups",
    "SOC": "civil society groups",
    "LAB": "labour",
    "AGR": "farmers",
    "CRM": "criminals",
    "REF": "refugees",
    "IGO": "international organisations",
    "UNK": "unknown",
}


class UnknownSectorError(DetenteError, ValueError):
    """A sector code that is not in the one list (a typo in a resource file, most likely)."""


def sector_label(code: str) -> str:
    """The label of a sector code ("MIL" -> "military"); an unknown code is its own label."""
    return SECTORS.get(code, code)


def check_sectors(codes: Iterable[str | None], where: str) -> None:
    """Raise UnknownSectorError naming `where` if any code is not in the list (None is no sector)."""
    unknown = sorted({c for c in codes if c is not None and c not in SECTORS})
    if unknown:
        raise UnknownSectorError(f"{where}: unknown sector code(s) {', '.join(unknown)}; "
                                 f"known: {', '.join(SECTORS)}")
