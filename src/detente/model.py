"""The data model: what every stage produces and the contract JSON is built from.

The shapes mirror ../shared/design/CONTRACT.md field for field. Stages create these
objects; `Article.to_dict()` is the one place the contract JSON is made.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A canonical actor: who a mention refers to, as of the article's date."""

    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    org: str | None = None


@dataclass(slots=True)
class Span:
    """Characters `text[start:end]` of the article text."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity(Span):
    label: str = "ORG"
    actor: ActorRef | None = None


@dataclass(slots=True)
class Speaker(Span):
    actor: ActorRef | None = None


@dataclass(slots=True)
class Quote(Span):
    kind: str = "direct"  # direct | indirect | mixed
    speaker: Speaker | None = None
    cue: Span | None = None


@dataclass(slots=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class Offsets:
    start: int
    end: int


@dataclass(slots=True)
class EventArguments:
    """The words each side of an event was read from (a pronoun, "both sides", a name...)."""

    source: list[Span] = field(default_factory=list)
    target: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    type: str
    trigger: Span
    sentence: Offsets
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    source: list[ActorRef] = field(default_factory=list)
    target: list[ActorRef] = field(default_factory=list)
    date: str | None = None
    location: Location | None = None
    negated: bool = False
    hypothetical: bool = False
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    plover_score: float | None = None
    confidence: float = 0.0
    rule: str | None = None  # provenance: the rule or model that made this event
    arguments: EventArguments = field(default_factory=EventArguments)


@dataclass(slots=True)
class Figure(Span):
    value: float | None = None  # None for vague amounts ("tens of thousands")
    unit: str | None = None
    kind: str = "other"  # money | percent | count | duration | other
    about: str | None = None


@dataclass(slots=True)
class Document:
    """One input document as read, before cleaning."""

    doc_id: str
    origin: str
    text: str
    format: str  # text | html | warc | jsonl
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    title: str | None = None


@dataclass(slots=True)
class Article:
    doc_id: str
    article_id: str
    origin: str
    text: str
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    headline: str | None = None
    dek: str | None = None
    credits: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    language: str | None = None  # ISO 639-1, set by the pipeline (detente.language)
    analysed: bool = True  # False: not in a language detente analyses, so the lists stay empty
    language_note: str | None = None  # why it was not analysed or its language assumed (stderr, not the contract)

    def to_dict(self) -> dict[str, Any]:
        """The contract JSON object for this article (CONTRACT.md, key order kept)."""
        return {
            "doc_id": self.doc_id,
            "article_id": self.article_id,
            "origin": self.origin,
            "source": self.source,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "headline": self.headline,
            "dek": self.dek,
            "credits": list(self.credits),
            "text": self.text,
            "language": self.language,
            "entities": [dataclasses.asdict(e) for e in self.entities],
            "quotes": [dataclasses.asdict(q) for q in self.quotes],
            "events": [dataclasses.asdict(e) for e in self.events],
            "figures": [dataclasses.asdict(f) for f in self.figures],
        }


@dataclass(slots=True)
class ReadError:
    """A document that could not be read or processed; the run goes on without it."""

    doc_id: str
    origin: str
    error: str

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "origin": self.origin, "error": self.error}
