"""Who the sides of an event are: the actors its argument heads name.

parties.py finds which words of the parse are each side; this module reads them as actors
through the actors stage's resolved mentions: "both sides" and "each other" as the parties the
text introduced, "we" as the speaker, a thing acted on as whoever owns it ("a police station in
Kabul"), the speaker of a quotation for a speech act, the host of a visit, and a definite
"the talks" as the parties of the last such event (`inherit`, `complete`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from detente.actors import actors_in, mention_at
from detente.actors.kb import KnowledgeBase
from detente.actors.scope import sector_only
from detente.events.actor_heads import mention_actors
from detente.events.codes import CodeBook
from detente.events.parties import conjuncts, host_places, phrase, place_of
from detente.events.recoding import Recoding, consult_mode, regional_group
from detente.model import ActorRef, Event, EventArguments
from detente.model import Span as TextSpan
from detente.quotes.lexicon import SPEECH_VERBS

# "both sides", "the two countries", "each other": the parties the text has introduced.
_BOTH = re.compile(r"\b(?:both|the two|two)\s+(?:sides|countries|nations|governments|delegations|parties|"
                   r"leaders|men|presidents|states|powers|capitals|teams)\b|\beach other\b|\bone another\b", re.I)
_FIRST_PERSON = frozenset({"i", "we", "us", "me"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def text_span(span: Span) -> TextSpan:
    return TextSpan(span.start_char, span.end_char, span.text)


class Sides:
    """Reads argument heads as actors, with the knowledge base's sectors and states."""

    def __init__(self, kb: KnowledgeBase, political_sectors: frozenset[str] | set[str], codes: CodeBook,
                 consult: Recoding) -> None:
        self.kb = kb  # the sector words of things acted on ("a police station")
        self.political_sectors = political_sectors
        self.codes = codes
        self.consult = consult  # the words of regional groups ("European leaders")

    def resolve_with_words(self, doc: Doc, heads: list[Token], previous: list[Event], trig: Token,
                           exclude: list[ActorRef] = (), places: bool = False) -> tuple[list[ActorRef], list[Span]]:
        """The actors of argument heads, and the phrases that gave at least one of them. With
        `places`, a thing acted on that names no one stands for the state it lies in ("stormed a
        police headquarters in eastern Afghanistan"): an event's target, never its doer."""
        found: list[ActorRef] = []
        spans: list[Span] = []
        for head in heads:
            refs = [r for r in self._actors_of(doc, head, previous, trig) if r not in exclude]
            span = phrase(head)
            if not refs and places and head.pos_ == "NOUN":
                refs, span = self._owner(doc, head, trig, span, exclude)
            if refs:
                spans.append(span)
            found.extend(r for r in refs if r not in found)
        return found, spans

    def _owner(self, doc: Doc, head: Token, trig: Token, span: Span,
               exclude: list[ActorRef]) -> tuple[list[ActorRef], Span]:
        """Who a thing acted on belongs to: the state it lies in ("a military base in Jizan"), and
        the state's police, army or government when a modifier says whose it is ("stormed a
        police headquarters in eastern Afghanistan", "shelled an army base near Goma", the place
        then may hang off the verb); a police station in no place named is the police's."""
        sector = next((found[0] for c in head.children if c.dep_ in ("compound", "amod") and c.i < head.i
                       and (found := self.kb.sector_of([c.lemma_.lower()])) is not None
                       and found[0] in self.political_sectors), None)
        # "rejected the Iraqi and Turkish demands", "the Sudanese proposal": a demonym says whose
        states = [self.kb.states[iso].ref() for c in head.children
                  if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i
                  for t in conjuncts(c) if (iso := self._state_named(t)) is not None]
        where = None if states else place_of(head)
        own_place = where is not None
        if where is None and sector is not None and not states:
            where = place_of(trig)
        if where is not None:
            states = [r for r in mention_actors(mention_at(where)) or actors_in(phrase(where), places=True)
                      if r.country and r.country != "IGO"]
        if own_place:
            span = doc[span.start:max(span.end, phrase(where).end)]
        if sector is None:
            refs = states
        else:
            owners = {r.country for r in states if r.country in self.kb.states}
            refs = [self.kb.states[c].ref(sector) for c in owners] or [sector_only(sector)]
        return [r for r in refs if r not in exclude], span

    def _state_named(self, tok: Token) -> str | None:
        """The state a single word names as a state or a demonym ("Sudanese", "Turkish"), if one."""
        if tok.ent_type_ not in ("NORP", "GPE"):
            return None
        found = {t.key for t in self.kb.lookup(tok.text) if t.kind in ("state", "demonym") and not t.only_as}
        iso = next(iter(found)) if len(found) == 1 else None
        return iso if iso in self.kb.states else None

    def resolve(self, doc: Doc, heads: list[Token], previous: list[Event], trig: Token) -> list[ActorRef]:
        found: list[ActorRef] = []
        for head in heads:
            for ref in self._actors_of(doc, head, previous, trig):
                if ref not in found:
                    found.append(ref)
        return found

    def _actors_of(self, doc: Doc, head: Token, previous: list[Event], trig: Token) -> list[ActorRef]:
        span = phrase(head)
        if _BOTH.search(span.text):
            return self._parties(doc, head, previous)
        if head.lower_ in _FIRST_PERSON:
            speaker = self._speaker(doc, head)
            if speaker:
                return speaker
        refs: list[ActorRef] = []
        for h in conjuncts(head):
            for actor in mention_actors(mention_at(h)):
                if actor not in refs:
                    refs.append(actor)
        return refs or actors_in(span)

    def _parties(self, doc: Doc, head: Token, previous: list[Event]) -> list[ActorRef]:
        """The two (or more) parties introduced before: the last event with two, else the last two named."""
        sent_start = head.sent.start
        for ev in reversed(previous[-8:]):
            parties = list(dict.fromkeys([*ev.source, *ev.target]))
            if len(parties) >= 2:
                return parties
        mentions = [m for m in doc._.actor_mentions or [] if m.actor is not None and m.end <= head.i]
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        for m in reversed(mentions):
            if m.start < head.sent.start - 200:
                break
            for t in doc[m.start:m.end]:
                for other in t.conjuncts:
                    o = by_token.get(other.i)
                    if o is not None and o.actor != m.actor:
                        return [o.actor, m.actor] if o.start < m.start else [m.actor, o.actor]
        seen: list[ActorRef] = []
        keys: set[str] = set()
        for m in reversed(doc._.actor_mentions or []):
            if m.end > head.i or m.actor is None or (m.start >= sent_start and m.start > head.i):
                continue
            key = m.actor.country or m.actor.id
            if key not in keys:
                keys.add(key)
                seen.append(m.actor)
            if len(seen) == 2:
                break
        return list(reversed(seen)) if len(seen) == 2 else []

    def _speaker(self, doc: Doc, head: Token) -> list[ActorRef]:
        """First person inside a quotation: the quote's speaker, else the subject of the saying verb."""
        for q in doc._.quotes or [] if doc.has_extension("quotes") else []:
            if q.start <= head.idx < q.end and q.speaker is not None and q.speaker.actor is not None:
                return [q.speaker.actor]
        root = head.sent.root
        if root.lemma_ in SPEECH_VERBS:
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in _FIRST_PERSON:
                m = mention_at(subj)
                if m is not None and m.actor is not None:
                    return [m.actor]
                return actors_in(phrase(subj))
        return []


    def complete(self, event: Event, previous: list[Event]) -> None:
        """"After Tuesday's meeting, Mr. Rubio said": one party of a meeting the text has
        introduced; the other side is the other parties of the last such event with him."""
        ours = {a.country or a.id for a in event.source}
        for ev in reversed(previous[-12:]):
            if ev.type != event.type or not (ev.source and ev.target) or ev.negated:
                continue
            parties = [*ev.source, *ev.target]
            if ours & {a.country or a.id for a in parties}:
                others = [a for a in parties if (a.country or a.id) not in ours]
                if others:
                    event.target = others
                    event.arguments.target = [*ev.arguments.source, *ev.arguments.target]
                    event.rule = f"{event.rule}+coref-party"
                return

    def inherit(self, event: Event, trig: Token, previous: list[Event], doc: Doc) -> None:
        """"The meeting", "Tuesday's talks": take parties (and a missing date or place) from the
        last event of the same type in the document; failing that, for a meeting, the subject
        of the sentence before."""
        dets = [c for c in trig.children if c.dep_ in ("det", "poss")]
        definite = any(c.lower_ in _DEFINITE or c.ent_type_ == "DATE" for c in dets)
        bare_plural = not dets and trig.tag_ == "NNS"  # "after four hours of talks"
        if definite or bare_plural:
            for ev in reversed(previous[-12:]):
                if ev.type == event.type and (ev.source or ev.target) and ev.mode in (None, event.mode) \
                        and not ev.hypothetical and not ev.negated:
                    event.source, event.target = list(ev.source), list(ev.target)
                    event.arguments = EventArguments(list(ev.arguments.source), list(ev.arguments.target))
                    event.date = event.date or ev.date
                    event.location = event.location or ev.location
                    event.rule = f"{event.rule}+coref"
                    if event.type == "CONSULT" and event.mode is None:
                        event.mode = consult_mode(self.consult, [], event.source, event.target, event.location)
                        event.plover_score = self.codes.lookup(event.type, event.mode, event.cameo).plover_score
                    return
        if event.type == "CONSULT" and trig.sent.start > 0 and any(c.dep_ == "det" for c in trig.children):
            before = doc[trig.sent.start - 1].sent
            subj = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.tag_ in ("NNS", "NNPS"):
                refs = self._actors_of(doc, subj, previous, trig)
                event.source = refs
                event.arguments = EventArguments([text_span(phrase(subj))] if refs else [], [])
                event.rule = f"{event.rule}+previous-subject"
                if event.mode is None and regional_group(subj, self.consult):
                    event.mode = "multilateral"
                    codes = self.codes.lookup(event.type, event.mode, event.cameo)
                    event.plover_score = codes.plover_score


def quote_speaker(doc: Doc, trig: Token) -> tuple[Span, ActorRef] | None:
    """The resolved speaker of the quotation the trigger lies in, with the words naming them."""
    if not Doc.has_extension("quotes"):
        return None
    for q in doc._.quotes or []:
        if q.start <= trig.idx < q.end and q.speaker is not None and q.speaker.actor is not None:
            span = doc.char_span(q.speaker.start, q.speaker.end, alignment_mode="expand")
            if span is not None:
                return span, q.speaker.actor
    return None


def host(trig: Token, source: list[ActorRef]) -> tuple[ActorRef | None, Span | None]:
    """The state where a visit or talks took place, when it is not the visitors' own."""
    own = {a.country for a in source}
    for place in host_places(trig):
        span = phrase(place)
        for actor in mention_actors(mention_at(place)) or actors_in(span, places=True):
            if actor.country and actor.country != "IGO" and actor.country not in own:
                return actor, span
    return None, None
