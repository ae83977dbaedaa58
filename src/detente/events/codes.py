"""Compatibility codes: CAMEO code, quad class, Goldstein and PLOVER scores for an event.

The table is our own resource file (resources/events/codes.yaml), loaded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

# Our own data files, shipped inside the package.
RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "events"

# The Phoenix quad classes of CAMEO roots: 01-02 statements and appeals (0, neutral), 03-05
# verbal cooperation, 06-08 material cooperation, 09-13 and 16 (reduce relations) verbal
# conflict, 14-15 and 17-20 material conflict.
_ROOT_QUAD = {f"{r:02d}": (0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 or r == 16 else 4)
              for r in range(1, 21)}


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
        return _ROOT_QUAD.get(cameo[:2])
