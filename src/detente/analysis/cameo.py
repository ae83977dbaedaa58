"""CAMEO facts the importers need, written by us: root code -> PLOVER type and quad class.

The events helper may ship a full CAMEO -> PLOVER table in `detente/resources/events/`;
imports only need the root level (two digits), with the one root that splits in PLOVER
(08, yield: concessions vs. material retreats) resolved at the three-digit level.
Quad classes follow CAMEO/GDELT (01-05 verbal cooperation, 06-08 material cooperation,
09-13 verbal conflict, 14-20 material conflict), because imported Goldstein scores are
CAMEO-based and the two must agree.
"""

from __future__ import annotations

# CAMEO root -> PLOVER event type. 01 (public statements) has no PLOVER category.
ROOT_TO_PLOVER: dict[str, str | None] = {
    "01": None,
    "02": "REQUEST",    # appeal
    "03": "AGREE",      # express intent to cooperate
    "04": "CONSULT",
    "05": "SUPPORT",    # diplomatic cooperation
    "06": "COOPERATE",  # material cooperation
    "07": "AID",
    "08": "CONCEDE",    # yield (084-087 are RETREAT, below)
    "09": "ACCUSE",     # investigate
    "10": "REQUEST",    # demand
    "11": "ACCUSE",     # disapprove
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",   # exhibit force posture
    "16": "SANCTION",   # reduce relations
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",    # fight
    "20": "ASSAULT",    # unconventional mass violence
}

# Three-digit codes whose PLOVER type differs from their root's: returns, releases,
# easing of sanctions, allowing access and de-escalation are material retreats.
CODE_TO_PLOVER: dict[str, str] = {"084": "RETREAT", "085": "RETREAT", "086": "RETREAT", "087": "RETREAT"}

ROOT_TO_QUAD: dict[str, int] = {
    **{f"{r:02d}": 1 for r in range(1, 6)},
    **{f"{r:02d}": 2 for r in range(6, 9)},
    **{f"{r:02d}": 3 for r in range(9, 14)},
    **{f"{r:02d}": 4 for r in range(14, 21)},
}

# PLOVER's own quad classes (PLOVER manual, "Quad categories"), for POLECAT rows that
# carry a type but no quad code.
PLOVER_TO_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

# A representative Goldstein score per CAMEO root, for exporting our events (which may
# carry no CAMEO code of their own) in GDELT form and as a fallback on import.
ROOT_GOLDSTEIN: dict[str, float] = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0,
    "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2,
    "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
}

# PLOVER type -> the CAMEO root it most often comes from, for the GDELT export.
PLOVER_TO_ROOT: dict[str, str] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "CONCEDE": "08", "COOPERATE": "06",
    "AID": "07", "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "SANCTION": "16", "MOBILIZE": "15", "COERCE": "17",
    "ASSAULT": "18",
}

# CAMEO actor country codes that are not ISO 3166 alpha-3 (older or non-UN codes).
CAMEO_COUNTRY_EXCEPTIONS: dict[str, str] = {"KOS": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}

# Sector words used by ICEWS (comma-separated "Source Sectors") -> CAMEO/PLOVER sector,
# in priority order: the first pattern that matches wins.
ICEWS_SECTOR_PATTERNS: tuple[tuple[str, str], ...] = (
    ("(?i)military|armed forces|army|navy|air force|defense", "MIL"),
    ("(?i)rebel|separatist", "REB"),
    ("(?i)insurgen|terror", "INS"),
    ("(?i)police", "COP"),
    ("(?i)opposition|dissident", "OPP"),
    ("(?i)legislative|parliament", "LEG"),
    ("(?i)judicial|court", "JUD"),
    ("(?i)party", "PTY"),
    ("(?i)executive|government|ministry|cabinet|elite", "GOV"),
    ("(?i)business|corporate|industry", "BUS"),
    ("(?i)media|news", "MED"),
    ("(?i)education|university|school", "EDU"),
    ("(?i)non-governmental|ngo|human rights", "NGO"),
    ("(?i)intergovernmental|international", "IGO"),
    ("(?i)civilian|population|social", "CVL"),
)
