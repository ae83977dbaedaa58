"""The `detente_events` component: PLOVER events from trigger rules and the dependency parse.

For each trigger the Matcher finds (rules in resources/events/triggers.yaml), the coder takes
who and whom from the parse (parties.py) through the actors stage's resolved mentions, keeps
the event only when a side is known and a political actor acts (relevance.py),
marks negation and modality (modality.py), dates the event against the publication date
(dates.py), places it (places.py), and adds the compatibility codes (codes.py). Each Event
names the rule that made it, with "+" notes for later adjustments (e.g. "retreat.release
+future>CONCEDE", "+coref").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from detente.actors import actors_in, mention_at
from detente.actors.kb import load_kb
from detente.actors.scope import sector_only
from detente.events.parties import (Arguments, conjuncts, host_places, noun_arguments, phrase, place_of,
                                    reciprocal, verb_arguments)
from detente.events import recoding
from detente.events.codes import CodeBook
from detente.events.dates import resolve
from detente.events.lexicon import Lexicon, Rule, build_matcher, load_lexicon, verb_tagged_noun
from detente.events.modality import ADJUNCT_PREPS, clause_chain, full_chain, modality
from detente.events.places import Gazetteer
from detente.events.relevance import load_relevance
from detente.events.roles import load_roles
from detente.model import ActorRef, Event, EventArguments, Location, Offsets
from detente.quotes.lexicon import SPEECH_VERBS
from detente.model import Span as TextSpan

for _name in ("events", "event_arguments"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# "both sides", "the two countries", "each other": the parties the text has introduced.
_BOTH = re.compile(r"\b(?:both|the two|two)\s+(?:sides|countries|nations|governments|delegations|parties|"
                   r"leaders|men|presidents|states|powers|capitals|teams)\b|\beach other\b|\bone another\b", re.I)
_FIRST_PERSON = frozenset({"i", "we", "us", "me"})
# Verbs of saying: the one list, the quotes stage's.
_SPEECH = SPEECH_VERBS
_AID_CODES = recoding.table("aid_codes")
_MULTILATERAL = recoding.words("multilateral")
_PLURAL_GROUPS = frozenset({"leader", "minister", "official", "head", "diplomat", "envoy", "delegation",
                            "representative", "country", "nation", "government", "member", "ally", "state"})
_REGIONAL = frozenset({"european", "arab", "african", "western", "nordic", "baltic", "gulf", "asian", "g7",
                       "g20", "latin", "allied", "regional", "international", "world", "global"})
_LOC_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
_TYPES_OF_IS_TARGET = frozenset({"ASSAULT", "COERCE", "ACCUSE", "SANCTION", "PROTEST", "THREATEN", "REJECT", "SUPPORT"})
# A symmetric interaction: the modifiers and "between" phrases are all participants.
_SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# What is threatened, requested, promised, refused or alleged is the content of that event, not an
# event of its own ("threatened to hit the EU with tariffs" is one THREATEN, not also a SANCTION;
# "accused Kyiv of shelling the plant" is an accusation, not a shelling by the accuser).
_FRAMING = frozenset({"THREATEN", "REQUEST", "AGREE", "REJECT", "CONCEDE", "SANCTION", "ACCUSE"})
# Cooperation that is refused when negated, and what the refusal is about (PLOVER REJECT modes).
_REFUSABLE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_REFUSED_MODE = {"CONSULT": "meet", "CONCEDE": "yield", "RETREAT": "yield", "AID": "assist", "COOPERATE": "assist"}
# Who makes a street fight a riot rather than an armed attack.
_CROWDS = recoding.words("crowd")
# Coercive and violent acts that, held out rather than done, are threats (PLOVER THREATEN), with
# the threat's mode when the words of the threat do not give one.
_THREATENABLE = frozenset({"ASSAULT", "COERCE", "SANCTION"})
_THREAT_MODE = recoding.table("threat_modes")
_INTENDABLE = frozenset({"COOPERATE", "AID", "CONSULT", "SUPPORT"})
_WILLING = recoding.words("willing")
_PROMISING = recoding.words("promising")
# Killers that are no actor: disasters, accidents, disease.
_NATURAL = recoding.words("natural")
# Attackers that name the means of an attack (PLOVER ASSAULT modes).
_ATTACKER_MODES = recoding.table("attacker_modes")
_APPROVING = recoding.words("approving")
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@dataclass(slots=True)
class _Candidate:
    rule: Rule
    span: Span  # the matched tokens
    trigger: Token  # their syntactic head


@Language.factory("detente_events", default_config={"min_confidence": 0.0})
def make_event_coder(nlp: Language, name: str, min_confidence: float) -> "EventCoder":
    return EventCoder(nlp, min_confidence=min_confidence)


class EventCoder:
    """Sets `doc._.events` (list[Event]) and `doc._.event_arguments` (the argument spans, same order)."""

    def __init__(self, nlp: Language, min_confidence: float = 0.0, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.matcher = build_matcher(nlp.vocab, self.lexicon)
        self.codes = CodeBook()
        self.places = Gazetteer()
        self.relevance = load_relevance()
        self.roles = load_roles()  # the learned role tagger (roles.py); None: the rules alone
        self.kb = load_kb()  # the sector words of things acted on ("a police station")
        self.min_confidence = min_confidence
        self.commentary_verbs = self.lexicon.commentary.get("verbs", frozenset())
        self.commentary_always = self.lexicon.commentary.get("always", frozenset())
        self.commentary_speakers = self.lexicon.commentary.get("speakers", frozenset())

    # ------------------------------------------------------------------ pipeline entry
    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = []
        arguments: list[dict[str, list[Span]]] = []
        candidates = self._candidates(doc)
        # "approved the extradition", "backed the deployment": the approved action is the event
        content = {c.trigger.i for c in candidates}
        candidates = [c for c in candidates if not (c.rule.type == "SUPPORT" and c.trigger.lemma_ in _APPROVING and any(
            o.i in content for o in c.trigger.children if o.dep_ in ("dobj", "nsubjpass")))]
        framing = {c.trigger.i for c in candidates if c.rule.type in _FRAMING}
        for cand in candidates:
            if self._in_commentary(cand.trigger) or _framed(cand.trigger, framing):
                continue
            coded = self._code(doc, cand, events)
            if coded is None:
                continue
            event, args = coded
            if event.confidence >= self.min_confidence:
                events.append(event)
                arguments.append(args)
        self._share_assault_modes(doc, events)
        doc._.events = events
        doc._.event_arguments = arguments
        return doc

    def _share_assault_modes(self, doc: Doc, events: list[Event]) -> None:
        """"Drone strike kills two", "gunmen killed 13": a generic attack takes its mode (PLOVER
        ASSAULT modes name the means) from a more specific attack or an attacker in its sentence."""
        for ev in events:
            if ev.type != "ASSAULT" or ev.mode is not None:
                continue
            same = [o for o in events if o is not ev and o.type == "ASSAULT" and o.mode
                    and o.sentence == ev.sentence and not o.negated]
            mode = same[0].mode if same else None
            if mode is None:
                sent = doc.char_span(ev.sentence.start, ev.sentence.end, alignment_mode="expand")
                mode = next((_ATTACKER_MODES[t.lower_] for t in sent or [] if t.lower_ in _ATTACKER_MODES), None)
            if mode is not None:
                ev.mode = mode
                ev.plover_score = self.codes.lookup(ev.type, mode, ev.cameo).plover_score
                ev.rule = f"{ev.rule}+mode:{mode}"

    # ------------------------------------------------------------------ triggers
    def _candidates(self, doc: Doc) -> list[_Candidate]:
        best: dict[int, _Candidate] = {}
        for name, start, end in self.matcher(doc):
            rule = self.lexicon.rules[name]
            span = doc[start:end]
            trig = span.root
            if trig.ent_type_ in ("DATE", "TIME") and len(span) == 1:  # "March 4" is no march
                continue
            if not self._constraints_hold(rule, trig, span):
                continue
            old = best.get(trig.i)
            if old is None or _rank(rule, span) > _rank(old.rule, old.span):
                best[trig.i] = _Candidate(rule, span, trig)
        # a token inside a longer matched phrase is not a trigger of its own ("hunger" in "hunger strike")
        covered = {t.i for c in best.values() if len(c.span) > 1 for t in c.span if t.i != c.trigger.i}
        return sorted((c for i, c in best.items() if i not in covered), key=lambda c: c.trigger.i)

    def _constraints_hold(self, rule: Rule, trig: Token, span: Span) -> bool:
        is_noun = trig.pos_ in ("NOUN", "PROPN")
        if rule.governors and is_noun and (trig.lower_ in rule.nouns or trig.lemma_ in rule.nouns) and len(span) == 1:
            gov = trig.head.head if trig.dep_ == "pobj" else (trig.head.head if trig.dep_ == "conj" else trig.head)
            if gov.pos_ == "NUM" or gov.ent_type_ == "MONEY":  # "announced $33 million in assistance"
                gov = gov.head
            # "a curfew imposed after the clashes", "aid sent by the kingdom": a participle after the noun governs it
            participle = any(c.dep_ in ("acl", "amod", "relcl") and c.lemma_ in rule.governors and c.i > trig.i
                             for c in trig.children)
            if gov.lemma_ not in rule.governors and not participle:
                return False
        if rule.requires_prep and not any(c.dep_ == "prep" and c.lower_ in rule.requires_prep for c in trig.children):
            return False
        if rule.objects or rule.not_objects:
            words = _object_words(trig, span)
            if rule.objects and not (words & rule.objects):
                return False
            if words & rule.not_objects:
                return False
        return True

    def _in_commentary(self, trig: Token) -> bool:
        root = trig.sent.root
        if trig.i == root.i or root.lemma_ not in self.commentary_verbs:
            return False
        if root.lemma_ in self.commentary_always:
            return True
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.lemma_.lower() in self.commentary_speakers

    # ------------------------------------------------------------------ one event
    def _code(self, doc: Doc, cand: _Candidate, previous: list[Event]) -> tuple[Event, dict[str, list[Span]]] | None:
        rule, trig = cand.rule, cand.trigger
        notes: list[str] = []
        etype = rule.type
        if trig.pos_ in ("NOUN", "PROPN") and not (rule.verbs and trig.lemma_ in rule.verbs and verb_tagged_noun(trig)):
            args = noun_arguments(trig, rule.preps, etype in _SYMMETRIC, etype in _TYPES_OF_IS_TARGET, rule.governors)
        else:
            args = verb_arguments(trig, rule.preps, rule.theme)
        if rule.host:
            args.source, args.target = args.target, args.source
        if self.relevance.sense_against(etype, trig) is not None:
            return None  # "Spain beat Italy in the final": a trigger word in a sense that is no event
        if etype == "ASSAULT" and any(h.lemma_.lower() in _NATURAL or h.lower_ in _NATURAL for h in args.source):
            return None  # "the quake that killed 1,816 people": no one's attack
        mutual = reciprocal(args.target)  # "accused each other": between the doers
        args.source = _actor_heads(args.source)
        args.target = [h for h in _actor_heads(args.target) if h.i not in {s.i for s in args.source}]
        mod = modality(trig, self.lexicon.hypothetical)
        negated, hypothetical = mod.negated, mod.hypothetical
        mode = rule.mode
        cameo = rule.cameo
        demander = _demander(trig, mod.governed_by) if not mod.negated and etype not in ("REQUEST", "THREATEN") else None
        if demander is not None:
            # "Russia says Israel must end its attacks": the speaker demands it of the subject (PLOVER REQUEST)
            demanded = etype
            args.target = [h for h in args.source if h.i != demander.i]
            args.source = _actor_heads([demander])
            etype, cameo, hypothetical = "REQUEST", ("100" if mod.governed_by == "must" else "020"), False
            mode = self._content_mode("REQUEST", trig) or _REQUESTED_MODE.get(demanded)
            notes.append(f"{mod.governed_by}>REQUEST")
        elif negated and (rule.if_negated or (etype in _REFUSABLE and mod.governed_by not in ("no", "neither"))):
            # "will not lift the ban", "cannot recognize", "failed to reach agreement": a refusal
            etype, negated, cameo, mode = rule.if_negated or "REJECT", False, None, _REFUSED_MODE.get(etype)
            notes.append(f"negated>{etype}")
        elif rule.if_clause and _states_accord(trig):
            cameo = rule.if_clause  # "agreed that ...", "agree with the recommendation": an expression of accord, a statement
            notes.append("clause")
        if etype == "AGREE" and self._about_concession(trig):
            etype, cameo = "CONCEDE", "035"
            notes.append("content>CONCEDE")
        if etype in _THREATENABLE and not negated and _conditional(trig):
            hypothetical, why = True, "if"  # "to detain journalists if they publish ..."
        else:
            why = mod.governed_by
        if etype in _THREATENABLE and hypothetical and not negated and why in self.lexicon.threat_cues \
                and not any(c.dep_ == "aux" and c.lemma_ == "have" for t in clause_chain(trig)
                            for c in t.children):  # "may have launched": a guess about the past
            # "could suspend relations", "plans to invade", "may ban the party": held out, not done
            mode = self._content_mode("THREATEN", trig) or _THREAT_MODE.get(mode or "") or _THREAT_MODE.get(etype)
            etype, cameo = "THREATEN", "130"
            notes.append("conditional>THREATEN")
        elif etype == "AGREE" and trig.lemma_ in _PROMISING and self._threat_content(trig):
            # "vowed to retaliate", "promised arrests if ...": a promise of harm is a threat
            etype, cameo, mode = "THREATEN", "130", self._content_mode("THREATEN", trig)
            notes.append("content>THREATEN")
        if etype in _INTENDABLE and hypothetical and not negated and mod.governed_by in _WILLING:
            # "expressed willingness to cooperate", "ready to send aid": PLOVER AGREE, an intent to cooperate
            etype, cameo, mode = "AGREE", "030", None
            notes.append("intent>AGREE")
        if etype == "RETREAT" and hypothetical and not negated:
            # PLOVER: an announced, future retreat (release, withdrawal) is a verbal concession
            etype, cameo, mode = "CONCEDE", "035", None
            notes.append("future>CONCEDE")
        if etype == "ASSAULT" and any(h.lemma_.lower() in _CROWDS or h.lower_ in _CROWDS for h in args.source):
            # protesters clashing with police, rioters burning a station: a violent protest (PLOVER PROTEST riot)
            etype, cameo, mode = "PROTEST", "145", "riot"
            notes.append("crowd>PROTEST")
        source, source_spans = self._resolve_with_words(doc, args.source, previous, trig)
        target, target_spans = self._resolve_with_words(doc, args.target, previous, trig, exclude=source,
                                                        places=True)
        if not source and etype in _SPEECH_ACTS and (said := _quote_speaker(doc, trig)) is not None:
            # an appeal, accusation or threat inside a quotation is made by whoever said it
            source, source_spans = [said[1]], [said[0]]
            notes.append("speaker")
        if (etype in _SYMMETRIC or mutual) and not target and len(source) >= 2:
            # "Serbia and Kosovo agreed", "talks between Iran and Bahrain": each party acts on the
            # others; the first named is the source, the others the target (the store's dyads
            # are the same pairs either way)
            first = self._resolve(doc, args.source[:1], previous, trig)[:1] or source[:1]
            source, target = first, [a for a in source if a not in first]
            target_spans = source_spans[1:] or list(source_spans)
            source_spans = source_spans[:1]
            notes.append("parties")
        if etype == "CONSULT" and not target:
            host, where = _host(trig, source)
            if host is not None:
                # "arrived in Khartoum on a visit", "talks in Riyadh": the host state
                target, target_spans = [host], [where]
                notes.append("host")
        if not target and source and self.roles is not None and self.relevance.basis(etype, source, []):
            # no rule read a target: the learned tagger may find one among the sentence's actors
            if (found := self.roles.target(trig, etype, source_spans, source)) is not None:
                target, target_spans = found[0], [found[1]]
                notes.append("roles")
        sent = trig.sent
        date = self._date(trig, doc._.published, mod.future)
        location = self._location(trig)
        if mode is None:
            mode = self._content_mode(etype, trig)
        if etype == "CONSULT" and mode is None:
            if any(c.dep_ in ("amod", "compound", "nummod") and c.lower_ in _MULTILATERAL for c in trig.children):
                mode = "multilateral"  # "multilateral talks", "six-party talks", "a regional summit"
            else:
                mode = self._consult_mode(args, source, target, location)
        context = list(rule.context)
        for ctx in self._contexts(trig):
            if ctx not in context:
                context.append(ctx)
        if etype == "MOBILIZE" and "peacekeeping" in context:
            # troops sent to a peacekeeping mission: PLOVER AID (CAMEO 074), not a build-up
            etype, cameo, mode = "AID", "074", None
            notes.append("peacekeeping>AID")
        if etype == "AID" and cameo in (None, "070"):
            # CAMEO's aid sub-codes follow what is given: economic 071, military 072, humanitarian 073
            cameo = next((code for ctx, code in _AID_CODES.items() if ctx in context), cameo)
        if etype == "ASSAULT" and "cyber" in context:
            # "hackers targeted the network", "hit by a cyber attack": PLOVER codes cyber attacks as COERCE
            etype, cameo, mode = "COERCE", "170", "cyber"
            notes.append("cyber>COERCE")
        codes = self.codes.lookup(etype, mode, cameo)
        confidence = rule.confidence if rule.confidence is not None else (
            0.6 if trig.pos_ in ("NOUN", "PROPN") and len(cand.span) == 1 else 0.75)
        confidence += 0.1 if source else -0.15
        confidence -= 0.1 if hypothetical else 0.0
        # the sentence's own action (near the root of the parse) rather than a mention deep inside it
        depth = len(full_chain(trig)) - 1
        confidence += 0.1 if depth <= 1 else -0.05 * min(depth - 2, 3)
        if _in_background(trig):  # "curfew imposed after clashes": the clashes are the background
            confidence -= 0.15
            notes.append("background")
        if mod.governed_by and (hypothetical or negated):
            notes.append(f"{'negated' if negated else 'hypothetical'}:{mod.governed_by}")
        event = Event(
            type=etype, trigger=TextSpan(cand.span.start_char, cand.span.end_char, cand.span.text),
            sentence=Offsets(sent.start_char, sent.end_char), mode=mode, context=context,
            source=source, target=target, date=date, location=location, negated=negated,
            hypothetical=hypothetical, cameo=codes.cameo, quad_class=codes.quad_class,
            goldstein=codes.goldstein, plover_score=codes.plover_score,
            confidence=round(min(0.99, max(0.05, confidence)), 2),
            rule="+".join([rule.name, *notes]),
        )
        event.arguments = EventArguments([_text_span(sp) for sp in source_spans if event.source],
                                         [_text_span(sp) for sp in target_spans if event.target])
        if not source and not hypothetical and trig.pos_ in ("NOUN", "PROPN"):
            self._inherit(event, trig, previous, doc)
        elif source and not target and etype in _SYMMETRIC and trig.pos_ in ("NOUN", "PROPN"):
            self._complete(event, previous)
        if not event.source and self.roles is not None and \
                (found := self.roles.source(trig, etype, event.target)) is not None:
            # no rule read the doer: the tagger may find one among the sentence's actors
            event.source, event.arguments.source = found[0], [_text_span(found[1])]
            event.rule += "+roles:source"
        if not event.source and not event.target:
            return None  # a reported act with no actor at all is not event data
        basis = self.relevance.basis(event.type, event.source, event.target)
        if basis is None:
            return None  # no political actor acts: a product, a company, a celebrity
        event.rule = f"{event.rule}+actor:{basis}"
        spans = {"source": source_spans, "target": target_spans}
        return event, spans

    # ------------------------------------------------------------------ actors
    def _resolve_with_words(self, doc: Doc, heads: list[Token], previous: list[Event], trig: Token,
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
                       and found[0] in self.relevance.political_sectors), None)
        # "rejected the Iraqi and Turkish demands", "the Sudanese proposal": a demonym says whose
        states = [self.kb.states[iso].ref() for c in head.children
                  if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i
                  for t in conjuncts(c) if (iso := self._state_named(t)) is not None]
        where = None if states else place_of(head)
        own_place = where is not None
        if where is None and sector is not None and not states:
            where = place_of(trig)
        if where is not None:
            states = [r for r in _mention_actors(mention_at(where)) or actors_in(phrase(where), places=True)
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

    def _resolve(self, doc: Doc, heads: list[Token], previous: list[Event], trig: Token) -> list[ActorRef]:
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
            for actor in _mention_actors(mention_at(h)):
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
        if root.lemma_ in _SPEECH:
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in _FIRST_PERSON:
                m = mention_at(subj)
                if m is not None and m.actor is not None:
                    return [m.actor]
                return actors_in(phrase(subj))
        return []

    # ------------------------------------------------------------------ when, where, how
    def _date(self, trig: Token, published, future: bool) -> str | None:
        sent = trig.sent
        dates = [e for e in sent.ents if e.label_ == "DATE"]
        if not dates:
            return None
        own = {t.i for t in clause_chain(trig)}
        for gov in full_chain(trig):
            # a date on the saying verb ("..., he said Monday") is in the past even for a promise
            ahead = future and gov.i in own
            for ent in dates:
                r = ent.root
                if r.head == gov or (r.head.dep_ == "prep" and r.head.head == gov) or (
                        gov.pos_ in ("NOUN", "PROPN") and r.dep_ == "poss" and r.head == gov):
                    if resolved := resolve(ent.text, published, ahead):
                        return resolved
        if len(dates) == 1:
            return resolve(dates[0].text, published, future)
        return None

    def _location(self, trig: Token) -> Location | None:
        govs = clause_chain(trig)
        last = govs[-1]
        if trig.dep_ in ("nsubj", "nsubjpass") or last.i == trig.i:
            # "The meeting came ... and took place in Riyadh": the subject's other predicates
            govs = govs + [c for c in last.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        for gov in govs:
            for prep in (c for c in gov.children if c.dep_ == "prep" and c.lower_ in _LOC_PREPS):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    place = self._place(pobj)
                    if place is not None:
                        return place
        for gov in govs:  # "clashed with police in Lyon": the place hangs off the other party
            for prep in (c for c in gov.children if c.dep_ == "prep" and c.lower_ not in _LOC_PREPS):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    for inner in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ in _LOC_PREPS):
                        for place_tok in (g for g in inner.children if g.dep_ == "pobj"):
                            if (place := self._place(place_tok, depth=2)) is not None:
                                return place
        return None

    def _place(self, tok: Token, depth: int = 0) -> Location | None:
        ent = _entity(tok)
        if ent is not None and ent.label_ in ("GPE", "LOC", "FAC"):
            return self.places.locate(ent.text) or Location(name=ent.text)
        if tok.pos_ == "PROPN":  # a known city the tagger took for something else ("in Lyon" as PERSON)
            known = self.places.locate(ent.text if ent is not None else tok.text)
            if known is not None and known.lat is not None:
                return known
        for c in tok.children:  # "the Turkish capital, Ankara"; "a palace in Riyadh"
            if c.dep_ == "appos" or (depth < 2 and c.dep_ == "prep" and c.lower_ in _LOC_PREPS):
                inner = c if c.dep_ == "appos" else next((g for g in c.children if g.dep_ == "pobj"), None)
                if inner is not None and (found := self._place(inner, depth + 1)):
                    return found
        return None

    def _about_concession(self, trig: Token) -> bool:
        content = [c for c in trig.children if c.dep_ in ("xcomp", "dobj", "prep", "ccomp")]
        return any(t.lemma_.lower() in self.lexicon.concessions for c in content for t in c.subtree)

    def _threat_content(self, trig: Token) -> bool:
        content = [c for c in trig.children if c.dep_ in ("xcomp", "dobj", "ccomp")]
        # what is promised, not how it is described ("the war-devastated country" is no threat)
        acts = [t for c in content for t in c.subtree
                if t.pos_ in ("VERB", "NOUN") and t.dep_ not in ("amod", "compound", "npadvmod", "poss")]
        words = {t.lemma_.lower() for t in acts}
        pairs = {f"{t.lemma_.lower()} {t.nbor().lower_}" for t in acts if t.i + 1 < len(t.doc)}
        return bool((words | pairs) & self.lexicon.threat_content)

    def _content_mode(self, etype: str, trig: Token) -> str | None:
        modes = self.lexicon.content_modes.get(etype)
        if not modes:
            return None
        words = {t.lemma_.lower() for t in trig.subtree if t.i != trig.i} | {t.lower_ for t in trig.subtree}
        for mode, cues in modes.items():
            if words & cues:
                return mode
        return None

    def _consult_mode(self, args: Arguments, source: list[ActorRef], target: list[ActorRef],
                      location: Location | None) -> str | None:
        parties = [*source, *target]
        countries = {a.country for a in parties if a.country and a.country != "IGO"}
        if len(countries) >= 3 or any(a.country == "IGO" for a in parties):
            return "multilateral"
        for head in args.source:
            if head.tag_ in ("NNS", "NNPS") and head.lemma_ in _PLURAL_GROUPS and any(
                    c.lower_ in _REGIONAL for c in head.children if c.dep_ in ("amod", "compound")):
                return "multilateral"
        if location is not None and location.country and countries and location.country not in countries \
                and len(countries) >= 2:
            return "third-party"
        return None

    def _contexts(self, trig: Token) -> list[str]:
        words = {t.lower_ for t in trig.subtree} | {t.lemma_.lower() for t in trig.subtree}
        if trig.pos_ in ("NOUN", "PROPN") and trig.dep_ in ("dobj", "nsubjpass"):
            words |= {t.lower_ for t in trig.head.subtree}
        return [ctx for ctx, cues in self.lexicon.contexts.items() if words & cues]

    # ------------------------------------------------------------------ coreferent mentions
    def _complete(self, event: Event, previous: list[Event]) -> None:
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

    def _inherit(self, event: Event, trig: Token, previous: list[Event], doc: Doc) -> None:
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
                        event.mode = self._consult_mode(Arguments(), event.source, event.target, event.location)
                        event.plover_score = self.codes.lookup(event.type, event.mode, event.cameo).plover_score
                    return
        if event.type == "CONSULT" and trig.sent.start > 0 and any(c.dep_ == "det" for c in trig.children):
            before = doc[trig.sent.start - 1].sent
            subj = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.tag_ in ("NNS", "NNPS"):
                refs = self._actors_of(doc, subj, previous, trig)
                event.source = refs
                event.arguments = EventArguments([_text_span(phrase(subj))] if refs else [], [])
                event.rule = f"{event.rule}+previous-subject"
                if event.mode is None and subj.lemma_ in _PLURAL_GROUPS and any(
                        c.lower_ in _REGIONAL for c in subj.children if c.dep_ in ("amod", "compound")):
                    event.mode = "multilateral"
                    codes = self.codes.lookup(event.type, event.mode, event.cameo)
                    event.plover_score = codes.plover_score


_QUANTITIES = frozenset({"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "millions",
                         "number", "group", "handful", "scores", "score", "members", "member", "some", "many",
                         "most", "all", "several", "few", "one", "two", "three"})
_NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})


def _rank(rule: Rule, span: Span) -> tuple[int, bool, int]:
    """Which rule codes a token several match: the longest match, then a rule whose object
    constraint held ("accepted refugees" is asylum before it is approval), then the earlier."""
    return len(span), bool(rule.objects), -rule.order


def _actor_heads(heads: list[Token]) -> list[Token]:
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


def _mention_actors(m) -> list[ActorRef]:
    """All actors of a mention ("American and Russian officials" names two). A place counts:
    the mention is the head of an argument ("an attack on Kyiv", "talks between Iran and
    Bahrain"), so the place stands for its state."""
    if m is None:
        return []
    if hasattr(m, "all_actors"):
        return list(m.all_actors())
    return [m.actor] if m.actor is not None else []


_REQUESTED_MODE = {"CONSULT": "meet", "CONCEDE": "yield", "RETREAT": "yield", "AID": "assist", "COOPERATE": "assist",
                   "SUPPORT": "assist"}
_OBLIGING = frozenset({"must", "should"})
_PRONOUNS = frozenset({"i", "we", "he", "she", "it", "they", "you"})


def _conditional(trig: Token) -> bool:
    """An act held out on a condition: an if/unless clause hangs off the trigger or its clause."""
    for t in clause_chain(trig)[:2]:
        for c in t.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                return True
    return False


def _states_accord(trig: Token) -> bool:
    """"agreed that ...", "said they agree with the recommendation": agreeing with a view, not
    to a course of action (no infinitive, no object, nothing agreed on or to)."""
    deps = {c.dep_ for c in trig.children}
    if "xcomp" in deps or "dobj" in deps:
        return False
    if "ccomp" in deps:
        return True
    preps = {c.lower_ for c in trig.children if c.dep_ == "prep" and c.i > trig.i}
    return "with" in preps and not preps & {"on", "to", "upon", "over"}


def _demander(trig: Token, why: str | None) -> Token | None:
    """The speaker who says someone else must or should do what the trigger names, if any:
    the subject of a saying verb whose reported clause puts the trigger under "must"/"should"
    and has a subject of its own that is not a pronoun (a pronoun is most often the speaker)."""
    if why not in _OBLIGING:
        return None
    clause = next((t for t in clause_chain(trig) if any(
        c.dep_ == "aux" and c.lower_ == why for c in t.children)), None)
    if clause is None or clause.dep_ != "ccomp" or clause.head.lemma_ not in _SPEECH:
        return None
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in _PRONOUNS:
        return None
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.lower_ in _PRONOUNS | _FIRST_PERSON:
        return None
    return speaker


# Events that are speech acts: made by whoever said them.
_SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE", "CONCEDE", "PROTEST"})


def _text_span(span: Span) -> TextSpan:
    return TextSpan(span.start_char, span.end_char, span.text)


def _quote_speaker(doc: Doc, trig: Token) -> tuple[Span, ActorRef] | None:
    """The resolved speaker of the quotation the trigger lies in, with the words naming them."""
    if not Doc.has_extension("quotes"):
        return None
    for q in doc._.quotes or []:
        if q.start <= trig.idx < q.end and q.speaker is not None and q.speaker.actor is not None:
            span = doc.char_span(q.speaker.start, q.speaker.end, alignment_mode="expand")
            if span is not None:
                return span, q.speaker.actor
    return None


def _host(trig: Token, source: list[ActorRef]) -> tuple[ActorRef | None, Span | None]:
    """The state where a visit or talks took place, when it is not the visitors' own."""
    own = {a.country for a in source}
    for place in host_places(trig):
        span = phrase(place)
        for actor in _mention_actors(mention_at(place)) or actors_in(span, places=True):
            if actor.country and actor.country != "IGO" and actor.country not in own:
                return actor, span
    return None, None


# Prepositions that set an event as the background of another ("after clashes", "amid protests").
_BACKGROUND_PREPS = frozenset({"after", "following", "amid", "amidst", "despite", "before", "since", "for"})


def _in_background(trig: Token) -> bool:
    t = trig
    for _ in range(6):
        if t.head.i == t.i:
            return False
        if t.dep_ in ("pobj", "pcomp") and t.head.lower_ in _BACKGROUND_PREPS:
            return True
        if t.dep_ in ("ccomp", "xcomp", "relcl") or (t.dep_ == "advcl" and not any(
                c.dep_ == "mark" and c.lower_ in _BACKGROUND_PREPS for c in t.children)):
            return False
        if t.dep_ == "advcl":  # "after the troops withdrew"
            return True
        t = t.head
    return False


def _framed(trig: Token, framing: set[int]) -> bool:
    """Inside what a threat, request, promise or refusal is about (not merely an adjunct of it)."""
    t = trig
    for _ in range(8):
        if t.head.i == t.i or t.dep_ in ("ccomp", "relcl", "advcl") or (
                t.dep_ == "prep" and t.lower_ in ADJUNCT_PREPS):
            return False
        t = t.head
        if t.i in framing:
            return True
    return False


def _object_words(trig: Token, span: Span) -> set[str]:
    """Lemmas of what a trigger acts on: its objects (and their compounds), or for a noun,
    its "of" phrase, its compounds and modifiers, and the noun itself."""
    words: set[str] = set()
    heads: list[Token] = []
    for c in trig.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "dative", "compound", "amod", "nmod", "poss"):
            heads.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("of", "from", "to", "with", "on"):
            heads.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prt":
            words.add(c.lower_)
        elif c.dep_ == "xcomp":  # "declined to comment"
            words.add(c.lemma_.lower())
    # "hand over the remains": the object hangs off the verb of a phrase match
    for t in span:
        if t.i != trig.i:
            heads.extend(c for c in t.children if c.dep_ in ("dobj", "pobj"))
    if trig.pos_ in ("NOUN", "PROPN"):
        words.add(trig.lemma_.lower())
    if trig.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in trig.children):
        # intransitive use: "soldiers deployed to the Golan Heights"
        heads.extend(c for c in trig.children if c.dep_ == "nsubj")
        # an object the parser took for an adverbial noun ("eased curfew hours")
        heads.extend(c for c in trig.children if c.dep_ == "npadvmod" and c.i > trig.i and c.ent_type_ not in ("DATE", "TIME"))
        if trig.dep_ == "acl" and trig.tag_ == "VBN":  # "platforms suspended by the regulator": the noun is the object
            heads.append(trig.head)
    for h in heads:
        for t in conjuncts(h):
            words.add(t.lemma_.lower())
            words.add(t.lower_)
            for c in t.children:
                if c.dep_ in ("compound", "amod"):
                    words.add(c.lemma_.lower())
                elif c.dep_ == "prep" and c.lower_ == "of":  # "thousands of troops"
                    words.update(g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
    return words


def _entity(tok: Token) -> Span | None:
    if not tok.ent_type_:
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None
