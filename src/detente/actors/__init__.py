"""Actors: every mention resolved to a canonical entity with country and sector.

Public API (used by quotes and events; keep these signatures):
- component `detente_actors`: sets `doc._.entities` (list[Entity]) and
  `doc._.actor_mentions` (list[Mention], pronouns and titles included).
- `actors_in(span) -> list[ActorRef]`: the resolved actors of the mentions inside a token span.
- `mention_at(token) -> Mention | None`: the resolved mention covering a token.
"""

from detente.actors.component import Mention, actors_in, mention_at

__all__ = ["Mention", "actors_in", "mention_at"]
