"""How sure the coder is of an event: a prior by the kind of trigger, raised for a known doer
and for the sentence's own action, lowered for what is only planned, nested deep in the parse
or set as the background of another event ("a curfew imposed after clashes")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.events.modality import full_chain

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.events.lexicon import Rule

# Prepositions that set an event as the background of another ("after clashes", "amid protests").
_BACKGROUND_PREPS = frozenset({"after", "following", "amid", "amidst", "despite", "before", "since", "for"})


def confidence(rule: Rule, span: Span, has_source: bool, hypothetical: bool) -> tuple[float, bool]:
    """The event's confidence (0.05-0.99) and whether it is in the background of another."""
    trig = span.root
    value = rule.confidence if rule.confidence is not None else (
        0.6 if trig.pos_ in ("NOUN", "PROPN") and len(span) == 1 else 0.75)
    value += 0.1 if has_source else -0.15
    value -= 0.1 if hypothetical else 0.0
    # the sentence's own action (near the root of the parse) rather than a mention deep inside it
    depth = len(full_chain(trig)) - 1
    value += 0.1 if depth <= 1 else -0.05 * min(depth - 2, 3)
    background = in_background(trig)
    if background:
        value -= 0.15
    return round(min(0.99, max(0.05, value)), 2), background


def in_background(trig: Token) -> bool:
    """Under "after", "amid", "despite" ... or an adverbial clause: what another event follows from."""
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
