"""The `detente_actors` spaCy component: resolves every actor mention of a Doc once.

Sets `doc._.actor_mentions` (list[Mention], pronouns and titles included, with a token index
for `mention_at`/`actors_in`) and `doc._.entities` (list[Entity] for the contract: spaCy's
entities and the knowledge-base names it missed, each with its resolved actor or None).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from detente.actors.coref import resolve_pronouns
from detente.actors.kb import KnowledgeBase, load_kb
from detente.actors.mention import Mention, set_mentions
from detente.actors.resolve import Resolver
from detente.actors.unknown import own_actors
from detente.model import Entity

# Entity labels that can be actors or places; the others (DATE, MONEY...) keep actor None.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


@Language.factory("detente_actors", default_config={"kb_paths": []})
def make_actor_resolver(nlp: Language, name: str, kb_paths: Sequence[str]) -> "ActorResolver":
    return ActorResolver(nlp, load_kb([Path(p) for p in kb_paths]))


class ActorResolver:
    """Resources (knowledge base, PhraseMatcher) are built once here, never per document."""

    def __init__(self, nlp: Language, kb: KnowledgeBase):
        self.kb = kb
        self.resolver = Resolver(nlp, kb)

    def __call__(self, doc: Doc) -> Doc:
        mentions, names = self.resolver(doc)
        mentions = own_actors(doc, mentions, self.kb)
        mentions = resolve_pronouns(doc, mentions)
        set_mentions(doc, mentions)
        doc._.entities = entities(doc, mentions, names, self.kb)
        return doc


def _root_mention(index: list[int], ent) -> int:
    """The index of the mention at an entity's root, or -1."""
    return index[ent.root.i] if ent.root.i < len(index) else -1


def _own_state(kb: KnowledgeBase, ent, actor, m: Mention | None):
    """The actor of a demonym or state entity: its own conjunct of a coordinated group, or its
    state when no mention resolved it."""
    states = {t.key for t in kb.lookup(ent.text) if t.kind in ("state", "demonym") and not t.only_as}
    if len(states) != 1:
        return actor
    iso3 = next(iter(states))
    if m is not None and len(m.actors) > 1:
        return next((a for a in m.actors if a.country == iso3), actor)
    if m is not None and m.person and iso3 in kb.states and (m.start, m.end) != (ent.start, ent.end):
        return kb.states[iso3].ref()  # "Israeli" in "the Israeli prime minister": the state, not the man
    if actor is None and iso3 in kb.states:
        return kb.states[iso3].ref()
    return actor


def _same_name(doc: Doc, m: Mention, ent) -> bool:
    """The mention and the entity are the same words, an article aside ("the United States")."""
    def bare(start: int, end: int) -> tuple[int, int]:
        return (start + 1, end) if end - start > 1 and doc[start].lower_ == "the" else (start, end)
    return bare(m.start, m.end) == bare(ent.start, ent.end)


def entities(doc: Doc, mentions: list[Mention], names: Sequence[Mention] = (),
             kb: KnowledgeBase | None = None) -> list[Entity]:
    """spaCy's entities with their actors, plus named mentions spaCy missed ("the Kremlin").
    `names` are names inside a title mention ("Russia" in "Russia's foreign minister"): the
    entity gets the name's own actor, not the title's. A demonym or state entity gets its state:
    the conjunct of its own country in "American and Russian officials", the bare state when it
    only colours a noun ("American interests")."""
    index = doc._.actor_index
    own = {i: m for m in names for i in range(m.start, m.end)}
    found: list[Entity] = []
    covered: set[int] = set()
    for ent in doc.ents:
        actor = None
        label = ent.label_
        if ent.label_ in ACTOR_LABELS and ent.root.i in own:
            actor = own[ent.root.i].actor
        elif ent.label_ in ACTOR_LABELS:
            n = index[ent.root.i]
            if n < 0:
                n = next((index[i] for i in range(ent.start, ent.end) if index[i] >= 0), -1)
            if n >= 0:
                m = mentions[n]
                actor = m.actor
                if label == "PERSON" and m.label in ("GPE", "ORG") and m.via in ("kb", "metonym"):
                    label = m.label  # the KB knows "Kyiv" and "AfD" better than the tagger
                elif label in ("ORG", "LOC", "FAC") and m.label == "GPE" and m.via in ("kb", "metonym") \
                        and _same_name(doc, m, ent):
                    label = "GPE"  # "the United States" or "Herat" tagged ORG: a state or city is a GPE
                elif label != "PERSON" and m.label == "PERSON" and (m.start, m.end) == (ent.start, ent.end):
                    label = "PERSON"  # "Montalvo" after "Robert Montalvo", "Trump" tagged ORG
        span = ent
        named = own.get(ent.root.i)
        if named is not None and named.label == "ORG" and named.via == "kb" and named.start <= ent.start \
                and ent.end <= named.end and (named.start, named.end) != (ent.start, ent.end):
            # "Germany" in "the co-leader of the Alternative for Germany party": the organisation
            span = doc[named.start + 1:named.end] if doc[named.start].lower_ == "the" else doc[named.start:named.end]
            label = "ORG"
            if covered.intersection(range(span.start, span.end)):
                continue
        elif _root_mention(index, ent) >= 0:
            m = mentions[_root_mention(index, ent)]
            inside = m.start <= ent.start and ent.end <= m.end and (m.start, m.end) != (ent.start, ent.end)
            if m.label == "PERSON" and m.via == "kb" and m.start <= ent.start and ent.end <= m.end:
                span = doc[m.start:m.end]  # the KB's full name ("Ursula von der" + "Leyen")
                if covered.intersection(range(span.start, span.end)):
                    continue
            elif m.label == "ORG" and m.via == "kb" and inside and ent.label_ in ACTOR_LABELS:
                # "Germany" in "Alternative for Germany": the entity is the KB's organisation
                span = doc[m.start + 1:m.end] if doc[m.start].lower_ == "the" else doc[m.start:m.end]
                label = "ORG"
                if covered.intersection(range(span.start, span.end)):
                    continue
            elif m.label == "TITLE" and m.person and inside and ent.label_ == "ORG" and kb is not None \
                    and m.actor is not None and m.actor.country in kb.states:
                # "Defense" in "Defense Secretary Pete Hegseth": his government's department, not him
                actor = kb.states[m.actor.country].ref("GOV")
        if kb is not None and ent.label_ in ("NORP", "GPE") and label in ("NORP", "GPE"):
            actor = _own_state(kb, ent, actor, mentions[index[ent.root.i]] if index[ent.root.i] >= 0 else None)
        found.append(Entity(start=span.start_char, end=span.end_char, text=span.text, label=label, actor=actor))
        covered.update(range(span.start, span.end))
    for m in [*mentions, *names]:
        if m.label in ("PERSON", "ORG", "GPE", "NORP") and not covered.intersection(range(m.start, m.end)):
            span = doc[m.start:m.end]
            if span[0].lower_ == "the":
                span = span[1:]
            if len(span):
                found.append(Entity(start=span.start_char, end=span.end_char, text=span.text,
                                    label=m.label, actor=m.actor))
    found.sort(key=lambda e: e.start)
    return found
