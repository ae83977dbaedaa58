"""Is a coded event event data? Who acts decides, and the trigger's sense in its sentence.

Two mechanisms, each with its words in resources/events/relevance.yaml, chosen by measurement
on the dev sets (bench/events.py: events per 1,000 words on non-political web pages against
type and party accuracy on news sentences):
- `basis`: an event is kept when one of its sides is a political actor (a state, an
  international organisation, a political sector such as GOV, MIL, REB, OPP), or when it is a
  protest, attack or coercion done by or to civilians, workers, criminals and other collective
  actors. The basis is written into the event's rule ("+actor:state"), so a user sees why.
  A protest, attack or coercion by or to a named person or organisation the knowledge base
  does not hold counts too ("+actor:contentious"): the act is contentious whoever does it.
  Companies, celebrities and products acting alone give nothing.
- `contest`-like senses: a trigger word used in the sense of a sports result ("Spain beat
  Italy in the final") is no assault whoever the parties are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from detente.model import ActorRef

RESOURCE = Path(__file__).resolve().parent.parent / "resources" / "events" / "relevance.yaml"


@dataclass(frozen=True, slots=True)
class Sense:
    """A sense of trigger words in which they name no event of `types`."""

    name: str
    why: str
    types: frozenset[str]
    words: frozenset[str]
    cues: frozenset[str]
    cue_forms: frozenset[str]
    # a pattern of the sentence's text, for cues no word list can hold ("2-1", "6-4, 7-5")
    cue_pattern: re.Pattern[str] | None = None
    examples_none: tuple[str, ...] = ()
    examples_kept: tuple[str, ...] = ()

    def holds(self, etype: str, trig: Token) -> bool:
        if etype not in self.types or not ({trig.lemma_.lower(), trig.lower_} & self.words):
            return False
        sent = trig.sent
        nouns = [t for t in sent if t.pos_ in ("NOUN", "PROPN")]
        found = {t.lemma_.lower() for t in nouns} | {t.lower_ for t in nouns}
        found |= {f"{a.lower_} {b.lower_}" for a, b in zip(sent, sent[1:])}
        forms = {t.lower_ for t in sent}
        return bool(found & self.cues or forms & self.cue_forms) or bool(
            self.cue_pattern is not None and self.cue_pattern.search(sent.text))


@dataclass(frozen=True, slots=True)
class Relevance:
    political_sectors: frozenset[str]
    collective_sectors: frozenset[str]
    collective_types: frozenset[str]
    senses: tuple[Sense, ...]

    def basis(self, etype: str, source: list[ActorRef], target: list[ActorRef]) -> str | None:
        """Why the event is event data ("state", "igo", a political sector, "collective"), or None."""
        sides = [*source, *target]
        for actor in sides:
            if actor.country == "IGO" or actor.sector == "IGO":
                return "igo"
            if actor.sector in self.political_sectors:
                return actor.sector.lower()
            if actor.sector is None and actor.country and actor.id == actor.country:
                return "state"  # the state itself ("Spain", "the Kremlin" resolves to GOV)
        if etype in self.collective_types and any(a.sector in self.collective_sectors for a in sides):
            return "collective"
        if etype in self.collective_types and any(a.sector is None and a.country != a.id for a in sides):
            # a named person or organisation the knowledge base does not hold, arresting,
            # attacking or protesting: the act itself is contentious
            return "contentious"
        return None

    def sense_against(self, etype: str, trig: Token) -> Sense | None:
        """The sense in which the trigger names no event of this type, if its sentence shows one."""
        return next((s for s in self.senses if s.holds(etype, trig)), None)


def _words(values) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@lru_cache(maxsize=4)
def load_relevance(path: Path = RESOURCE) -> Relevance:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    senses = []
    for raw in data.get("senses") or ():
        if not raw.get("name") or not raw.get("words") or not (raw.get("cues") or raw.get("cue_forms")
                                                               or raw.get("cue_pattern")):
            raise ValueError(f"{path}: sense {raw!r} needs a name, words and cues")
        examples = raw.get("examples") or {}
        senses.append(Sense(name=raw["name"], why=raw.get("why", ""), types=frozenset(raw.get("types") or ()),
                            words=_words(raw["words"]), cues=_words(raw.get("cues")),
                            cue_forms=_words(raw.get("cue_forms")),
                            cue_pattern=re.compile(raw["cue_pattern"]) if raw.get("cue_pattern") else None,
                            examples_none=tuple(examples.get("none") or ()),
                            examples_kept=tuple(examples.get("kept") or ())))
    return Relevance(political_sectors=frozenset(data.get("political_sectors") or ()),
                     collective_sectors=frozenset(data.get("collective_sectors") or ()),
                     collective_types=frozenset(data.get("collective_types") or ()),
                     senses=tuple(senses))
