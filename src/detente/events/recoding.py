"""The re-coding rules' words: named entries of resources/events/recoding.yaml, loaded once.

The coder (component.py) applies each rule where its step of coding is; this module only
gives every rule's words or table by name, with the examples that tests/test_events.py runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RESOURCE = Path(__file__).resolve().parent.parent / "resources" / "events" / "recoding.yaml"


@dataclass(frozen=True, slots=True)
class Recoding:
    name: str
    why: str
    note: str | None
    words: frozenset[str]
    table: dict[str, str]
    examples: tuple[dict[str, Any], ...]


@lru_cache(maxsize=1)
def load_recoding(path: Path = RESOURCE) -> dict[str, Recoding]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules: dict[str, Recoding] = {}
    for raw in data.get("rules") or ():
        name = raw.get("name")
        if not name or name in rules or not (raw.get("words") or raw.get("table")):
            raise ValueError(f"{path}: re-coding rule {raw!r} needs a unique name and words or a table")
        rules[name] = Recoding(name=name, why=raw.get("why", ""), note=raw.get("note"),
                               words=frozenset(str(w).lower() for w in raw.get("words") or ()),
                               table={str(k): str(v) for k, v in (raw.get("table") or {}).items()},
                               examples=tuple(raw.get("examples") or ()))
    return rules


def words(name: str) -> frozenset[str]:
    return load_recoding()[name].words


def table(name: str) -> dict[str, str]:
    return dict(load_recoding()[name].table)
