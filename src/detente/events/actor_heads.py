"""Which argument heads can name actors: counted groups read through to what they count
("hundreds of protesters"), relative pronouns to the noun they stand for, and dates,
numbers and adverbs left out; and all the actors one mention names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.actors import mention_at

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detente.model import ActorRef

_QUANTITIES = frozenset({"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "millions",
                         "number", "group", "handful", "scores", "score", "members", "member", "some", "many",
                         "most", "all", "several", "few", "one", "two", "three"})
_NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})


def actor_heads(heads: list[Token]) -> list[Token]:
    """The heads that may name actors, once each, in order."""
    seen: set[int] = set()
    kept = []
    for h in heads:
        of = next((g for c in h.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj"), None)
        if of is not None and (h.pos_ == "NUM" or h.lemma_.lower() in _QUANTITIES or h.ent_type_ == "CARDINAL"):
            h = of  # "hundreds of protesters", "a group of soldiers"
        counted = (m := mention_at(h)) is not None and m.via == "count"  # "Two were arrested": people
        if h.i in seen or not counted and (h.ent_type_ in _NOT_ACTOR_ENTS or h.pos_ in ("NUM", "ADV", "VERB", "ADJ")):
            continue
        if h.lower_ in ("that", "which", "who", "whom") and h.head.dep_ == "relcl":
            h = h.head.head  # the noun the relative clause is about
        seen.add(h.i)
        kept.append(h)
    return kept


def mention_actors(m) -> list[ActorRef]:
    """All actors of a mention ("American and Russian officials" names two). A place counts:
    the mention is the head of an argument ("an attack on Kyiv", "talks between Iran and
    Bahrain"), so the place stands for its state."""
    if m is None:
        return []
    if hasattr(m, "all_actors"):
        return list(m.all_actors())
    return [m.actor] if m.actor is not None else []
