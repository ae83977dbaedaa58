"""The `detente_events` component: PLOVER events from trigger rules and the dependency parse.

For each trigger the Matcher finds (lexicon.py, resources/events/triggers.yaml), the coder
1. takes the argument heads of each side from the parse (parties.py);
2. runs the re-coding rules (recoding.py, recoding.yaml) at each stage of what it knows:
   the argument heads, then negation and modality (modality.py);
3. reads the heads as actors (sides.py) through the actors stage's resolved mentions, dates
   the event (dates.py), places it (places.py) and runs the rules on parties and context;
4. adds the one codebook's codes (codes.py) and its confidence (confidence.py);
5. keeps the event only when a side is known and a political actor acts (relevance.py).
Each Event names the rule that made it, with "+" notes for each later change (e.g.
"retreat.release+future>CONCEDE", "+coref", "+actor:state").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from detente.actors.kb import load_kb
from detente.events.actor_heads import actor_heads
from detente.events.codes import CodeBook
from detente.events.confidence import confidence
from detente.events.dates import SentenceDates, event_date
from detente.events.lexicon import Lexicon, Rule, load_lexicon, verb_tagged_noun
from detente.events.modality import modality
from detente.events.parties import Arguments, noun_arguments, reciprocal, verb_arguments
from detente.events.places import Gazetteer
from detente.events.recoding import Coding, Recoder, content_mode
from detente.events.relevance import load_relevance
from detente.events.roles import load_roles
from detente.events.sides import Sides, host, quote_speaker, text_span
from detente.events.triggers import Candidate, Triggers, framed
from detente.model import Event, EventArguments, Offsets
from detente.model import Span as TextSpan

for _name in ("events", "event_arguments"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_TYPES_OF_IS_TARGET = frozenset({"ASSAULT", "COERCE", "ACCUSE", "SANCTION", "PROTEST", "THREATEN", "REJECT", "SUPPORT"})
# A symmetric interaction: the modifiers and "between" phrases are all participants.
_SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# What is threatened, requested, promised, refused or alleged is the content of that event, not an
# event of its own ("threatened to hit the EU with tariffs" is one THREATEN, not also a SANCTION;
# "accused Kyiv of shelling the plant" is an accusation, not a shelling by the accuser).
_FRAMING = frozenset({"THREATEN", "REQUEST", "AGREE", "REJECT", "CONCEDE", "SANCTION", "ACCUSE"})
# Events that are speech acts: made by whoever said them.
_SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE", "CONCEDE", "PROTEST"})


@Language.factory("detente_events", default_config={"min_confidence": 0.0})
def make_event_coder(nlp: Language, name: str, min_confidence: float) -> "EventCoder":
    return EventCoder(nlp, min_confidence=min_confidence)


class EventCoder:
    """Sets `doc._.events` (list[Event]) and `doc._.event_arguments` (the argument spans, same order)."""

    def __init__(self, nlp: Language, min_confidence: float = 0.0, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.triggers = Triggers(nlp.vocab, self.lexicon)
        self.codes = CodeBook()
        self.places = Gazetteer()
        self.relevance = load_relevance()
        self.roles = load_roles()  # the learned role tagger (roles.py); None: the rules alone
        self.recoder = Recoder(self.lexicon)
        self.sides = Sides(load_kb(), self.relevance.political_sectors, self.codes,
                           self.recoder.rules["consult_parties"])
        self.min_confidence = min_confidence

    # ------------------------------------------------------------------ pipeline entry
    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = []
        arguments: list[dict[str, list[Span]]] = []
        candidates = self.recoder.drop_approvals(self.triggers(doc))
        framing = {c.trigger.i for c in candidates if c.rule.type in _FRAMING}
        dates = SentenceDates(doc)
        for cand in candidates:
            if self.triggers.in_commentary(cand.trigger) or framed(cand.trigger, framing):
                continue
            coded = self._code(doc, cand, events, dates)
            if coded is None:
                continue
            event, args = coded
            if event.confidence >= self.min_confidence:
                events.append(event)
                arguments.append(args)
        self.recoder.share_assault_modes(doc, events, self.codes)
        doc._.events = events
        doc._.event_arguments = arguments
        return doc

    # ------------------------------------------------------------------ one event
    def _code(self, doc: Doc, cand: Candidate, previous: list[Event],
              dates: SentenceDates) -> tuple[Event, dict[str, list[Span]]] | None:
        rule, trig = cand.rule, cand.trigger
        if self.relevance.sense_against(rule.type, trig) is not None:
            return None  # "Spain beat Italy in the final": a trigger word in a sense that is no event
        c = Coding(trig, rule, self._arguments(rule, trig), type=rule.type, cameo=rule.cameo, mode=rule.mode)
        self.recoder.apply("arguments", c)
        if c.dropped:
            return None
        args = c.args
        mutual = reciprocal(args.target)  # "accused each other": between the doers
        args.source = actor_heads(args.source)
        args.target = [h for h in actor_heads(args.target) if h.i not in {s.i for s in args.source}]
        mod = modality(trig, self.lexicon.hypothetical)
        c.negated, c.hypothetical, c.governed_by, c.why = mod.negated, mod.hypothetical, mod.governed_by, mod.governed_by
        self.recoder.apply("modality", c)

        # who and whom
        source, source_spans = self.sides.resolve_with_words(doc, args.source, previous, trig)
        target, target_spans = self.sides.resolve_with_words(doc, args.target, previous, trig, exclude=source,
                                                             places=True)
        if not source and c.type in _SPEECH_ACTS and (said := quote_speaker(doc, trig)) is not None:
            # an appeal, accusation or threat inside a quotation is made by whoever said it
            source, source_spans = [said[1]], [said[0]]
            c.notes.append("speaker")
        if (c.type in _SYMMETRIC or mutual) and not target and len(source) >= 2:
            # "Serbia and Kosovo agreed", "talks between Iran and Bahrain": each party acts on the
            # others; the first named is the source, the others the target (the store's dyads
            # are the same pairs either way)
            first = self.sides.resolve(doc, args.source[:1], previous, trig)[:1] or source[:1]
            source, target = first, [a for a in source if a not in first]
            target_spans = source_spans[1:] or list(source_spans)
            source_spans = source_spans[:1]
            c.notes.append("parties")
        if c.type == "CONSULT" and not target:
            where_actor, where = host(trig, source)
            if where_actor is not None:
                # "arrived in Khartoum on a visit", "talks in Riyadh": the host state
                target, target_spans = [where_actor], [where]
                c.notes.append("host")
        if not target and source and self.roles is not None and self.relevance.basis(c.type, source, []):
            # no rule read a target: the learned tagger may find one among the sentence's actors
            if (found := self.roles.target(trig, c.type, source_spans, source)) is not None:
                target, target_spans = found[0], [found[1]]
                c.notes.append("roles")
        c.source, c.target = source, target

        # when, where, how
        date = event_date(trig, doc._.published, mod.future, dates)
        c.location = self.places.event_location(trig)
        if c.mode is None:
            c.mode = content_mode(self.lexicon, c.type, trig)
        self.recoder.apply("parties", c)
        c.context = list(rule.context)
        for ctx in self._contexts(trig):
            if ctx not in c.context:
                c.context.append(ctx)
        self.recoder.apply("context", c)

        codes = self.codes.lookup(c.type, c.mode, c.cameo)
        sure, background = confidence(rule, cand.span, bool(source), c.hypothetical)
        if background:  # "curfew imposed after clashes": the clashes are the background
            c.notes.append("background")
        if mod.governed_by and (c.hypothetical or c.negated):
            c.notes.append(f"{'negated' if c.negated else 'hypothetical'}:{mod.governed_by}")
        sent = trig.sent
        event = Event(
            type=c.type, trigger=TextSpan(cand.span.start_char, cand.span.end_char, cand.span.text),
            sentence=Offsets(sent.start_char, sent.end_char), mode=c.mode, context=c.context,
            source=source, target=target, date=date, location=c.location, negated=c.negated,
            hypothetical=c.hypothetical, cameo=codes.cameo, quad_class=codes.quad_class,
            goldstein=codes.goldstein, plover_score=codes.plover_score, confidence=sure,
            rule="+".join([rule.name, *c.notes]),
        )
        event.arguments = EventArguments([text_span(sp) for sp in source_spans if event.source],
                                         [text_span(sp) for sp in target_spans if event.target])
        if not source and not c.hypothetical and trig.pos_ in ("NOUN", "PROPN"):
            self.sides.inherit(event, trig, previous, doc)
        elif source and not target and c.type in _SYMMETRIC and trig.pos_ in ("NOUN", "PROPN"):
            self.sides.complete(event, previous)
        if not event.source and self.roles is not None and \
                (found := self.roles.source(trig, c.type, event.target)) is not None:
            # no rule read the doer: the tagger may find one among the sentence's actors
            event.source, event.arguments.source = found[0], [text_span(found[1])]
            event.rule += "+roles:source"
        if not event.source and not event.target:
            return None  # a reported act with no actor at all is not event data
        basis = self.relevance.basis(event.type, event.source, event.target)
        if basis is None:
            return None  # no political actor acts: a product, a company, a celebrity
        event.rule = f"{event.rule}+actor:{basis}"
        spans = {"source": source_spans, "target": target_spans}
        return event, spans

    def _arguments(self, rule: Rule, trig: Token) -> Arguments:
        """The argument heads of each side, from the parse (parties.py)."""
        if trig.pos_ in ("NOUN", "PROPN") and not (rule.verbs and trig.lemma_ in rule.verbs and verb_tagged_noun(trig)):
            args = noun_arguments(trig, rule.preps, rule.type in _SYMMETRIC, rule.type in _TYPES_OF_IS_TARGET,
                                  rule.governors)
        else:
            args = verb_arguments(trig, rule.preps, rule.theme)
        if rule.host:
            args.source, args.target = args.target, args.source
        return args

    def _contexts(self, trig: Token) -> list[str]:
        words = {t.lower_ for t in trig.subtree} | {t.lemma_.lower() for t in trig.subtree}
        if trig.pos_ in ("NOUN", "PROPN") and trig.dep_ in ("dobj", "nsubjpass"):
            words |= {t.lower_ for t in trig.head.subtree}
        return [ctx for ctx, cues in self.lexicon.contexts.items() if words & cues]
