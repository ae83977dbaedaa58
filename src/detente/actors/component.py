"""The `detente_actors` component (first cut: spaCy's entities, no resolution yet)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from detente.model import ActorRef, Entity

for _name in ("entities", "actor_mentions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(slots=True)
class Mention:
    """A stretch of tokens that refers to an actor (name, title, metonym or pronoun)."""

    start: int  # token offsets in the Doc
    end: int
    text: str
    label: str
    actor: ActorRef | None
    via: str  # how it was resolved: name, kb, title, metonym, demonym, pronoun, ...


def actors_in(span: Span) -> list[ActorRef]:
    doc = span.doc
    found: list[ActorRef] = []
    for m in doc._.actor_mentions or []:
        if m.start >= span.start and m.end <= span.end and m.actor and m.actor not in found:
            found.append(m.actor)
    return found


def mention_at(token: Token) -> Mention | None:
    for m in token.doc._.actor_mentions or []:
        if m.start <= token.i < m.end:
            return m
    return None


@Language.factory("detente_actors")
def make_actor_resolver(nlp: Language, name: str) -> "ActorResolver":
    return ActorResolver()


class ActorResolver:
    def __call__(self, doc: Doc) -> Doc:
        doc._.entities = [
            Entity(start=e.start_char, end=e.end_char, text=e.text, label=e.label_, actor=None)
            for e in doc.ents
        ]
        doc._.actor_mentions = []
        return doc
