"""Actors: every mention resolved to a canonical entity with country and sector.

Public API (used by quotes and events; keep these signatures):
- component `detente_actors`: sets `doc._.entities` (list[Entity]) and
  `doc._.actor_mentions` (list[Mention], pronouns and titles included).
- `actors_in(span) -> list[ActorRef]`: the resolved actors of the mentions inside a token span.
- `mention_at(token) -> Mention | None`: the resolved mention covering a token.
- `load_kb(extra_paths) -> KnowledgeBase`: the knowledge base, loaded once per process.
"""

from detente.actors.component import ActorResolver
from detente.actors.kb import KnowledgeBase, load_kb
from detente.actors.mention import Mention, actors_in, mention_at, mentions_in

__all__ = ["ActorResolver", "KnowledgeBase", "Mention", "actors_in", "load_kb", "mention_at", "mentions_in"]
