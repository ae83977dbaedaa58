"""The figures lexicon (currencies, percent words, time and measure units), read once from YAML."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

BUNDLED = "figures/lexicon.yaml"


@dataclass(frozen=True, slots=True)
class FigureLexicon:
    currency_symbols: dict[str, str]
    currency_codes: frozenset[str]
    currency_words: dict[str, str]
    percent_words: dict[str, str]
    percent_phrases: dict[str, str]
    duration_units: dict[str, str]
    relative_time_words: frozenset[str]
    measure_units: frozenset[str]
    vague_quantifiers: frozenset[str]
    name_labels: frozenset[str]
    time_labels: frozenset[str]
    spending_verbs: frozenset[str]


def load_lexicon(path: str | Path | None = None) -> FigureLexicon:
    """The lexicon at `path`, or the one shipped in detente/resources when None."""
    if path is None:
        text = resources.files("detente.resources").joinpath(BUNDLED).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return FigureLexicon(
        currency_symbols={str(k): v for k, v in raw["currency_symbols"].items()},
        currency_codes=frozenset(raw["currency_codes"]),
        currency_words={k.lower(): v for k, v in raw["currency_words"].items()},
        percent_words={str(k).lower(): v for k, v in raw["percent_words"].items()},
        percent_phrases={k.lower(): v for k, v in raw["percent_phrases"].items()},
        duration_units={k.lower(): v for k, v in raw["duration_units"].items()},
        relative_time_words=frozenset(w.lower() for w in raw["relative_time_words"]),
        measure_units=frozenset(w.lower() for w in raw["measure_units"]),
        vague_quantifiers=frozenset(w.lower() for w in raw["vague_quantifiers"]),
        name_labels=frozenset(raw["name_labels"]),
        time_labels=frozenset(raw["time_labels"]),
        spending_verbs=frozenset(w.lower() for w in raw["spending_verbs"]),
    )
