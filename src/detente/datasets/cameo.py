"""CAMEO facts the importers need: root code -> PLOVER type and quad class, read from the one
codebook the event coder uses (events/codes.py, resources/events/codes.yaml).

Imports only need the root level (two digits), with the one root that splits in PLOVER
(08, yield: concessions vs. material retreats) resolved at the three-digit level.
Quad classes follow CAMEO/GDELT (01-05 verbal cooperation, 06-08 material cooperation,
09-13 verbal conflict, 14-20 material conflict), because imported Goldstein scores are
CAMEO-based and the two must agree.
"""

from __future__ import annotations

from detente.sectors import check_sectors
from detente.events.codes import load_codebook

# Views of the one codebook (events/codes.py over resources/events/codes.yaml), under the
# names the importers and the GDELT export use.
_BOOK = load_codebook()
_ROOTS = tuple(f"{r:02d}" for r in range(1, 21))

# CAMEO root -> PLOVER event type. 01 (public statements) has no PLOVER category.
ROOT_TO_PLOVER: dict[str, str | None] = dict(_BOOK.roots)

# Three-digit codes whose PLOVER type differs from their root's: returns, releases,
# easing of sanctions, allowing access and de-escalation are material retreats.
CODE_TO_PLOVER: dict[str, str] = dict(_BOOK.splits)

ROOT_TO_QUAD: dict[str, int] = {r: _BOOK.gdelt_quad_of_cameo(r) for r in _ROOTS}

# PLOVER's own quad classes (PLOVER manual, "Quad categories"), for POLECAT rows that
# carry a type but no quad code.
PLOVER_TO_QUAD: dict[str, int] = {t: _BOOK.plover_quad(t) for t in _BOOK.plover}

# The Goldstein score of each CAMEO root, for exporting our events (which may carry no
# CAMEO code of their own) in GDELT form and as a fallback on import.
ROOT_GOLDSTEIN: dict[str, float] = {r: _BOOK.goldstein(r) for r in _ROOTS}

# PLOVER type -> the CAMEO root it most often comes from, for the GDELT export.
PLOVER_TO_ROOT: dict[str, str] = {t: _BOOK.root_of_plover(t) for t in _BOOK.plover}

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
    ("(?i)media|news", "JRN"),  # PLOVER's MED is health workers
    ("(?i)education|university|school", "EDU"),
    ("(?i)non-governmental|ngo|human rights", "NGO"),
    ("(?i)intergovernmental|international", "IGO"),
    ("(?i)civilian|population|social", "CVL"),
)
check_sectors((code for _, code in ICEWS_SECTOR_PATTERNS), "ICEWS_SECTOR_PATTERNS")
