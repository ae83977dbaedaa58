"""Actors of their own for the parties the knowledge base does not hold.

Event data needs a known side; a named person or organisation the knowledge base has never
heard of ("Ahmed Bako", "Zentrix Corp") is still someone who acted, and a group known only by
what it is ("police", "protesters") still belongs to a state when the sentence names one.
- A named person or organisation with no actor gets one: its id from the name (the slug KB
  people also use), its sector from a title or group word ending its name ("the Justice and
  Equality Movement" stays unknown, "the Kivu Farmers Union" is LAB), its country from the
  only state its sentence names (none when there are several: no guessing between them).
- A group known only by its sector takes the country the same way ("Police arrested dozens
  in Lagos" -> NGA-COP); with no state or several named, it keeps no country.
- People counted, not named ("Two were arrested", "police detained dozens") are civilians.
Runs before pronoun resolution, so that "he" after an unknown person resolves to him.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from detente.actors.kb import SECTOR_NOUN, KnowledgeBase
from detente.actors.mention import Mention
from detente.actors.scope import is_locative, sector_only, slug
from detente.model import ActorRef

NAME_LABELS = frozenset({"PERSON", "ORG"})
# Nouns that count people when they head an argument on their own ("dozens were detained").
COUNT_NOUNS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


def own_actors(doc: Doc, mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """Give unresolved names and state-less groups the actor their sentence allows; returns
    all mentions, new ones (names spaCy tagged that no mention covers) included."""
    if not doc.has_annotation("SENT_START"):
        return mentions  # no sentences to read a country from, and no parse to place names
    states = _sentence_states(doc, mentions, kb)
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS or taken.intersection(range(ent.start, ent.end)):
            continue
        if is_locative(ent.root) or not any(t.is_alpha and t.is_title for t in ent):
            continue  # "in Zentrix Park" is a place; all-lower or all-digit names are tagger noise
        added.append(Mention(ent.start, ent.end, ent.text, ent.label_, None, "name",
                             person=ent.label_ == "PERSON"))
    added.extend(_crowds(doc, taken))
    for m in [*mentions, *added]:
        country = states.get(doc[m.start].sent.start)
        if m.actor is None and m.label in NAME_LABELS and not m.locative:
            span = _bare(doc[m.start:m.end])
            if not len(span):
                continue
            sector = None if m.label == "PERSON" else _name_sector(span, kb)
            m.actor = ActorRef(slug(span.text), span.text, country, sector, None)
        elif m.actor is not None and country and m.actor.country is None and m.actor.sector \
                and m.actor.id == m.actor.sector and not m.actors:
            sector = m.actor.sector
            m.actor = ActorRef(f"{country}-{sector}", f"{country} {SECTOR_NOUN.get(sector, sector)}", country,
                               sector, None)
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def _crowds(doc: Doc, taken: set[int]) -> list[Mention]:
    """People counted, not named: a bare number or "dozens", "hundreds" as the subject or object
    of a verb ("Two were arrested", "police detained dozens") are civilians. With an "of" phrase
    ("hundreds of soldiers", "thousands of dollars") the noun it names decides, so none is made."""
    found = []
    for t in doc:
        if t.i in taken or t.dep_ not in ARGUMENT_DEPS or t.head.pos_ not in ("VERB", "AUX"):
            continue
        if not (t.lemma_.lower() in COUNT_NOUNS or (t.tag_ == "CD" and t.like_num)):
            continue
        if t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY") or any(
                c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
            continue
        found.append(Mention(t.i, t.i + 1, t.text, "TITLE", sector_only("CVL"), "count", plural=True))
    return found


def _bare(span: Span) -> Span:
    """The name without a leading article or a trailing possessive."""
    if len(span) and span[0].lower_ == "the":
        span = span[1:]
    if len(span) and span[-1].tag_ == "POS":
        span = span[:-1]
    return span


def _name_sector(span: Span, kb: KnowledgeBase) -> str | None:
    """The sector of a group or title word ending an organisation's name ("Kivu Farmers Union")."""
    found = kb.sector_of([t.lemma_.lower() for t in span])
    return found[0] if found else None


def _sentence_states(doc: Doc, mentions: list[Mention], kb: KnowledgeBase) -> dict[int, str]:
    """Sentence start -> the one state the sentence names (by name, capital, city or demonym)."""
    seen: dict[int, set[str]] = {}
    for m in mentions:
        actor = m.actor
        if actor is None or not actor.country or actor.country == "IGO" or actor.country not in kb.states:
            continue
        if m.label in ("GPE", "NORP") or actor.id == actor.country:
            seen.setdefault(doc[m.start].sent.start, set()).add(actor.country)
    return {start: next(iter(c)) for start, c in seen.items() if len(c) == 1}
