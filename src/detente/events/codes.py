"""The one CAMEO/PLOVER codebook: CAMEO code, quad class, Goldstein and PLOVER scores.

The table is our own resource file (resources/events/codes.yaml), loaded once
(`load_codebook`). The event coder and the dataset imports and exports read it alike
(datasets/cameo.py keeps its names as views of it). Two quad-class conventions are kept
because two audiences need them, each named: `quad_of_cameo` (Phoenix, ConfliBERT's five
classes: statements and appeals apart, "reduce relations" verbal) and `gdelt_quad_of_cameo`
(CAMEO/GDELT, which imported Goldstein scores follow).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

# Our own data files, shipped inside the package.
RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "events"

# The Phoenix quad classes of CAMEO roots: 01-02 statements and appeals (0, neutral), 03-05
# verbal cooperation, 06-08 material cooperation, 09-13 and 16 (reduce relations) verbal
# conflict, 14-15 and 17-20 material conflict.
_ROOT_QUAD = {f"{r:02d}": (0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 or r == 16 else 4)
              for r in range(1, 21)}


# CAMEO/GDELT quad classes of roots: 01-05 verbal cooperation, 06-08 material cooperation,
# 09-13 verbal conflict, 14-20 material conflict.
_GDELT_ROOT_QUAD = {f"{r:02d}": (1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4) for r in range(1, 21)}


@dataclass(frozen=True, slots=True)
class Codes:
    cameo: str | None
    quad_class: int
    goldstein: float | None
    plover_score: float


class CodeBook:
    def __init__(self, text: str | None = None) -> None:
        if text is None:
            text = (RESOURCES / "codes.yaml").read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        self.plover: dict[str, dict] = data["plover"]
        self.cameo: dict[str, tuple[str, float]] = {
            str(k): (", ".join(map(str, v[:-1])), float(v[-1])) for k, v in data["cameo"].items()}
        self.roots: dict[str, str | None] = {str(k): v for k, v in (data.get("roots") or {}).items()}
        self.splits: dict[str, str] = {str(k): v for k, v in (data.get("splits") or {}).items()}

    def plover_of_cameo(self, cameo: str) -> str | None:
        """The PLOVER type of a CAMEO code: its own split if it has one, else its root's."""
        for n in range(len(cameo), 2, -1):
            if cameo[:n] in self.splits:
                return self.splits[cameo[:n]]
        return self.roots.get(cameo[:2])

    def root_of_plover(self, plover_type: str) -> str:
        """The CAMEO root a PLOVER type is exported as: that of its default code."""
        return str(self.plover[plover_type]["cameo"])[:2]

    def plover_quad(self, plover_type: str) -> int:
        return int(self.plover[plover_type]["quad"])

    def goldstein(self, cameo: str) -> float | None:
        """Goldstein score of a code, falling back to its parent codes (0841 -> 084 -> 08)."""
        for n in range(len(cameo), 1, -1):
            entry = self.cameo.get(cameo[:n])
            if entry:
                return entry[1]
        return None

    def lookup(self, plover_type: str, mode: str | None = None, cameo: str | None = None) -> Codes:
        entry = self.plover[plover_type]
        code = cameo or entry.get("cameo")
        score = (entry.get("modes") or {}).get(mode, entry["score"]) if mode else entry["score"]
        return Codes(cameo=code, quad_class=int(entry["quad"]),
                     goldstein=self.goldstein(code) if code else None, plover_score=float(score))

    @staticmethod
    def quad_of_cameo(cameo: str) -> int | None:
        """Phoenix quad class (0 for statements and appeals, 16 verbal conflict)."""
        return _ROOT_QUAD.get(cameo[:2])

    @staticmethod
    def gdelt_quad_of_cameo(cameo: str) -> int | None:
        """CAMEO/GDELT quad class (01-05 verbal cooperation ... 14-20 material conflict)."""
        return _GDELT_ROOT_QUAD.get(cameo[:2])


@lru_cache(maxsize=1)
def load_codebook() -> CodeBook:
    """The shipped codebook, read once per process."""
    return CodeBook()
