"""Mentions and the per-document index that `mention_at` and `actors_in` read."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from detente.model import ActorRef

for _name in ("entities", "actor_mentions", "actor_index"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(slots=True)
class Mention:
    """A stretch of tokens that refers to an actor (name, title, metonym, demonym or pronoun)."""

    start: int  # token offsets in the Doc
    end: int
    text: str
    label: str  # PERSON | ORG | GPE | NORP | TITLE | PRON ...
    actor: ActorRef | None
    via: str  # how it was resolved: kb, name, title, apposition, metonym, demonym, coref, pronoun, ...
    # Every actor of a coordinated group ("American and Russian officials"): [USA-GOV, RUS-GOV].
    actors: list[ActorRef] = field(default_factory=list)
    # A place named as where something happened ("talks in Riyadh"), not who acted.
    locative: bool = False
    plural: bool = False
    gender: str | None = None  # "m" | "f" for people when known (pronoun resolution)
    person: bool = False  # refers to one person (a name, a title or pronoun resolved to one)

    def all_actors(self) -> list[ActorRef]:
        if self.actors:
            return list(self.actors)
        return [self.actor] if self.actor is not None else []


def set_mentions(doc: Doc, mentions: list[Mention]) -> None:
    """Store the mentions and an index token -> mention, built once per doc."""
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    index: list[int] = [-1] * len(doc)
    for n, m in enumerate(mentions):
        for i in range(m.start, m.end):
            if index[i] == -1:
                index[i] = n
    doc._.actor_mentions = mentions
    doc._.actor_index = index


def mention_at(token: Token) -> Mention | None:
    """The mention covering a token (e.g. the subject head of "said"), or None."""
    doc = token.doc
    index = doc._.actor_index
    if index is None or token.i >= len(index):
        return None
    n = index[token.i]
    return doc._.actor_mentions[n] if n >= 0 else None


def mentions_in(span: Span) -> list[Mention]:
    """The mentions that lie inside a token span, in text order."""
    doc = span.doc
    index = doc._.actor_index
    if index is None:
        return []
    seen: list[int] = []
    for n in index[span.start:span.end]:
        if n >= 0 and (not seen or seen[-1] != n) and n not in seen:
            seen.append(n)
    mentions = doc._.actor_mentions
    return [mentions[n] for n in seen if mentions[n].start >= span.start and mentions[n].end <= span.end]


def actors_in(span: Span, *, places: bool = False) -> list[ActorRef]:
    """The resolved actors of the mentions inside a token span, coordination-aware: every
    conjunct of "Britain, France and Germany" and of "American and Russian officials".
    Places ("in Riyadh") are left out unless `places` is true."""
    found: list[ActorRef] = []
    for m in mentions_in(span):
        if m.locative and not places:
            continue
        for actor in m.all_actors():
            if actor not in found:
                found.append(actor)
    return found
