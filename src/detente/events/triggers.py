"""Trigger matching: which tokens name events, and under which rule of triggers.yaml.

The Matcher (lexicon.py) finds every rule's words; a rule's constraints (its governors,
required prepositions, objects) must hold on the parse; where several rules match one head
token the longest match wins, then a rule whose object constraint held. Triggers inside
commentary ("analysts say ...") and inside what another event frames ("threatened to hit the EU
with tariffs") are left to the coder to skip (`in_commentary`, `framed`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from detente.events.lexicon import Lexicon, Rule, build_matcher
from detente.events.modality import ADJUNCT_PREPS
from detente.events.parties import conjuncts


@dataclass(slots=True)
class Candidate:
    rule: Rule
    span: Span  # the matched tokens
    trigger: Token  # their syntactic head


class Triggers:
    """Finds the event triggers of a doc (`__call__`) with the lexicon's rules."""

    def __init__(self, vocab: Vocab, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.matcher = build_matcher(vocab, lexicon)
        self.commentary_verbs = lexicon.commentary.get("verbs", frozenset())
        self.commentary_always = lexicon.commentary.get("always", frozenset())
        self.commentary_speakers = lexicon.commentary.get("speakers", frozenset())

    def __call__(self, doc: Doc) -> list[Candidate]:
        """The triggers of a doc, one per head token (the best-ranked rule), in order."""
        best: dict[int, Candidate] = {}
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
                best[trig.i] = Candidate(rule, span, trig)
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

    def in_commentary(self, trig: Token) -> bool:
        """Inside a sentence of commentary (\"analysts say ...\"), not news of an act."""
        root = trig.sent.root
        if trig.i == root.i or root.lemma_ not in self.commentary_verbs:
            return False
        if root.lemma_ in self.commentary_always:
            return True
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.lemma_.lower() in self.commentary_speakers


def _rank(rule: Rule, span: Span) -> tuple[int, bool, int]:
    """Which rule codes a token several match: the longest match, then a rule whose object
    constraint held ("accepted refugees" is asylum before it is approval), then the earlier."""
    return len(span), bool(rule.objects), -rule.order


def framed(trig: Token, framing: set[int]) -> bool:
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
