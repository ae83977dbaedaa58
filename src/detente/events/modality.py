"""Negation, hypothetical/planned/conditional events, and the clause a trigger sits in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only annotations: the functions read the parse of tokens they are given
    from spacy.tokens import Token

# Relations climbed from a trigger to the verbs that govern it within its own clause.
_CLIMB = frozenset({"xcomp", "conj", "dobj", "pobj", "prep", "pcomp", "acl", "amod", "compound",
                    "nsubj", "nsubjpass", "attr", "oprd", "appos", "npadvmod", "agent", "dative"})
_FORWARD_MODALS = frozenset({"will", "shall", "'ll", "would", "wo"})
_PLANNING = frozenset({"plan", "intend", "expect", "schedule", "set", "due", "prepare", "aim", "hope", "seek"})
_PLANNED_ADJ = frozenset({"planned", "proposed", "possible", "potential", "future", "prospective", "upcoming",
                          "expected", "scheduled", "hypothetical", "would-be"})


# Prepositions that attach circumstances (time, place, cause), not the content of the verb.
ADJUNCT_PREPS = frozenset({"in", "during", "at", "after", "before", "amid", "since", "despite", "following"})


@dataclass(slots=True)
class Modality:
    negated: bool
    hypothetical: bool
    future: bool  # points forward in time (resolve "Thursday" to the coming one)
    governed_by: str | None  # the lemma that made it hypothetical or negated, for tracing


def clause_chain(trig: Token) -> list[Token]:
    """The trigger and the tokens above it in the same clause (stops at ccomp, relcl and the root)."""
    chain = [trig]
    t = trig
    while t.dep_ in _CLIMB and t.head.i != t.i and not (t.dep_ == "prep" and t.lower_ in ADJUNCT_PREPS):
        t = t.head
        chain.append(t)
    return chain


def full_chain(trig: Token) -> list[Token]:
    """The trigger and all its heads up to the sentence root (used for dates and places)."""
    chain = [trig]
    t = trig
    while t.head.i != t.i:
        t = t.head
        chain.append(t)
    return chain


def modality(trig: Token, hyp: dict[str, frozenset[str]]) -> Modality:
    modals = hyp.get("modals", frozenset()) - hyp.get("not_hypothetical_modals", frozenset())
    governors = hyp.get("governors", frozenset())
    negators = hyp.get("negating_governors", frozenset())
    markers = hyp.get("markers", frozenset())
    negated = hypothetical = future = False
    why: str | None = None
    chain = clause_chain(trig)
    # a noun trigger is negated by its verb only when it is what the verb does ("did not hold
    # talks"), not when it is a circumstance of it ("was not prompted by the phone call")
    noun = trig.pos_ in ("NOUN", "PROPN")
    negatable = len(chain)
    if noun:  # through the verbs whose object it is: "failed to reach an agreement"
        negatable, t = 0, trig
        while t.dep_ in ("dobj", "nsubjpass", "attr", "xcomp", "conj") and t.head.i != t.i:
            t, negatable = t.head, negatable + 1
    for depth, t in enumerate(chain):
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "neither")):
                if depth <= negatable and (depth == 0 or t.pos_ in ("VERB", "AUX")):
                    negated, why = True, why or c.lower_
            elif c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in modals | {"'ll", "wo"}:
                hypothetical, why = True, why or c.lower_
                future = future or c.lower_ in _FORWARD_MODALS
            elif c.dep_ == "mark" and c.lower_ in markers:
                hypothetical, why = True, why or c.lower_
            elif c.dep_ == "amod" and c.lower_ in _PLANNED_ADJ and t.pos_ == "NOUN":
                hypothetical, why = True, why or c.lower_
        if depth == 0:
            # "no more military drills", "never again talks"
            left = [t2 for c in t.lefts for t2 in c.subtree]
            if any(t2.lower_ in ("no", "never", "not") for t2 in left):
                negated, why = True, why or "no"
            continue
        if t.lemma_ in negators and t.pos_ in ("VERB", "NOUN") and depth <= negatable:
            negated, why = True, why or t.lemma_
        elif t.lemma_ in governors and t.pos_ in ("VERB", "NOUN", "ADJ"):
            hypothetical, why = True, why or t.lemma_
            if t.lemma_ in _PLANNING and _present(t):
                future = True
    if trig.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.children) and not future:
        # a bare infinitive under a present-tense planning verb ("intend to hand over")
        future = any(t.lemma_ in _PLANNING and _present(t) for t in chain[1:])
    return Modality(negated, hypothetical, future, why)


def _present(t: Token) -> bool:
    if t.tag_ in ("VBZ", "VBP"):
        return True
    auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ in ("VBZ", "VBP") or c.lower_ in _FORWARD_MODALS for c in auxes):
        return True
    return t.pos_ == "ADJ" and t.head.tag_ in ("VBZ", "VBP")  # "is due to"
