"""Pronouns: "he said" -> the most recent compatible speaker or subject before it.

Good enough for attributing speech, not general coreference: a pronoun goes to the nearest
earlier mention of the right kind (a person of a compatible gender for he/she, a group for
they, a state or organisation for it), preferring subjects, looking back a few sentences.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from detente.actors.mention import Mention

# pronoun -> (kind, gender): kind person | group | thing
PRONOUNS: dict[str, tuple[str, str | None]] = {
    "he": ("person", "m"), "him": ("person", "m"), "his": ("person", "m"), "himself": ("person", "m"),
    "she": ("person", "f"), "her": ("person", "f"), "hers": ("person", "f"), "herself": ("person", "f"),
    "they": ("group", None), "them": ("group", None), "their": ("group", None), "themselves": ("group", None),
    "it": ("thing", None), "its": ("thing", None),
}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Verbs whose "it" subject is usually not an actor ("it is unrealistic", "it seems").
_EMPTY_IT_VERBS = frozenset({"be", "seem", "appear", "remain", "become", "look", "happen", "matter",
                             "take", "mean", "make", "cost", "rain", "get"})
LOOKBACK_SENTENCES = 4


def _is_subject(doc: Doc, m: Mention) -> bool:
    return any(t.dep_ in SUBJECT_DEPS for t in doc[m.start:m.end])


def _compatible(m: Mention, kind: str, gender: str | None) -> bool:
    if m.locative or (m.actor is None and m.label != "PERSON"):
        return False
    if kind == "person":
        return m.person and (gender is None or m.gender in (None, gender))
    if kind == "group":
        return m.plural and not m.person
    # "it": a state or organisation, or a body named by what it is ("the ministry")
    return not m.plural and not m.person and m.label in ("GPE", "ORG", "TITLE") and m.actor is not None


def _empty_it(token: Token) -> bool:
    head = token.head
    if token.dep_ not in SUBJECT_DEPS:
        return token.lower_ == "it"  # "it" as an object is rarely a speaker or an actor here
    if head.lemma_ in _EMPTY_IT_VERBS or head.pos_ in ("ADJ", "AUX") or head.lower_ in ("’s", "'s"):
        return True  # "it is unclear", "making it acceptable", "it's hard to imagine"
    if any(c.dep_ in ("aux", "cop") and c.lemma_ == "be" for c in head.children) and head.tag_ == "VBG":
        return True  # "it's unnerving"
    return any(c.dep_ in ("expl",) for c in head.children)


def _co_subjects(token: Token) -> set[int]:
    """The subject of the verb a non-reflexive object pronoun hangs off: a pronoun never refers
    to it ("the senator urged him to resign", "police arrested them"; not "his", not "himself")."""
    if token.dep_ not in ("dobj", "dative", "pobj") or token.lower_ in ("himself", "herself", "themselves"):
        return set()
    verb = token.head.head if token.dep_ == "pobj" else token.head
    for _ in range(4):  # "stopped the protesters and beat them": conjoined verbs share the subject
        found = {c.i for c in verb.children if c.dep_ in SUBJECT_DEPS}
        if found or verb.dep_ != "conj" or verb.head.i == verb.i:
            return found
        verb = verb.head
    return set()


def resolve_pronouns(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Add a mention for each resolvable third-person pronoun; returns all mentions in order."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    ordered = sorted(mentions, key=lambda m: m.start)
    added: list[Mention] = []
    # without a parser or sentencer the whole text is one sentence
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    sent_of = {}
    for n, s in enumerate(sents):
        for i in range(s.start, s.end):
            sent_of[i] = n
    pool = list(ordered)
    for token in doc:
        low = token.lower_
        if low not in PRONOUNS or token.i in taken or token.pos_ not in ("PRON", "DET"):
            continue
        kind, gender = PRONOUNS[low]
        if kind == "thing" and low == "it" and _empty_it(token):
            continue
        here = sent_of.get(token.i, 0)
        co_subjects = _co_subjects(token)
        best: Mention | None = None
        best_score = None
        for m in pool:
            if m.start >= token.i:
                continue
            back = here - sent_of.get(m.start, 0)
            if back > LOOKBACK_SENTENCES or not _compatible(m, kind, gender):
                continue
            if co_subjects.intersection(range(m.start, m.end)):
                continue  # "the senator urged him": him is not the senator
            subject = _is_subject(doc, m)
            # nearer sentences first; within a sentence subjects first, then the latest mention
            score = (back, 0 if subject else 1, -m.start if back == 0 else (0 if subject else -m.start))
            if best_score is None or score < best_score:
                best, best_score = m, score
        if best is None:
            continue
        m = Mention(token.i, token.i + 1, token.text, "PRON", best.actor, "pronoun",
                    actors=list(best.actors), plural=kind == "group",
                    gender=gender or best.gender, person=best.person)
        added.append(m)
        pool.append(m)
        pool.sort(key=lambda x: x.start)
    return sorted(ordered + added, key=lambda m: m.start)
