"""Reading an attribution off the parse: the cue, its speaker, and what it reports.

All functions here read one spaCy parse (the pipeline's); none parses again. A cue is a token
matched by the speech lexicon (or "according to"). From it:
- `subject_of(cue)` and `mention_range(subject)`: the subject mention of the attribution (through participles, coordinated
  verbs and relative clauses), trimmed to the mention itself ("Lawrence Freedman", not his
  apposition; "Yuri Ushakov" rather than "A senior Kremlin official").
- `cue_span(cue)`: the cue word with what belongs to it ("told reporters", "wrote in an online
  essay", "according to").
- `reported_content(cue)`: the token range of what an indirect or mixed attribution reports.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from detente.quotes.lexicon import AUDIENCE_VERBS, FRAMING_VERBS, MEDIUM_NOUNS, RELATIVE_PRONOUNS

# Dependents that follow a name but are not part of the mention.
_NOT_MENTION = frozenset({"relcl", "appos", "acl", "advcl", "punct", "parataxis"})
# How far up a subject is looked for when the cue verb has none of its own.
_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp"})
# Speech verbs that report a request or warning as "X to do Y".
_OBJECT_CONTROL = frozenset({"urge", "ask", "tell", "warn", "call", "demand", "advise", "beg",
                             "implore", "encourage", "press", "remind"})
_SUBJECT_DEPS = frozenset({"nsubj"})
_MARK_TOKENS = frozenset({'"', "“", "”", "„", "«", "»", "''", "``"})
_CONTENT_SKIP_DEPS = frozenset({"punct", "cc", "conj", "advcl", "prt", "nsubj", "nsubjpass",
                                "aux", "auxpass", "neg", "mark", "agent"})


def is_according(cue: Token) -> bool:
    return cue.lower_ == "according" and cue.i + 1 < len(cue.doc) and cue.nbor(1).lower_ == "to"


def subject_of(cue: Token) -> Token | None:
    """The token heading the speaker's noun phrase in the cue's paragraph, or None."""
    subject = _subject(cue)
    if subject is None:
        return None
    low, high = sorted((subject.i, cue.i))
    if any("\n" in t.text for t in cue.doc[low:high]):
        return None
    return subject


def _subject(cue: Token) -> Token | None:
    if is_according(cue):
        for pobj in cue.nbor(1).children:
            if pobj.dep_ == "pobj":
                return pobj
        return None
    verb = cue
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in _SUBJECT_DEPS:
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head  # "Mr. Dmitriev, who said …": the antecedent speaks
                return child
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and _can_speak(verb.head):
            # "His office issued a statement saying …": the issuer speaks; else the statement does.
            noun = verb.head
            host = noun.head.head if noun.dep_ == "pobj" else noun.head
            if noun.lemma_.lower() in MEDIUM_NOUNS and host.pos_ in ("VERB", "AUX"):
                found = next((c for c in host.children if c.dep_ in _SUBJECT_DEPS), None)
                if found is not None:
                    return found
            return noun
        if verb.dep_ not in _CLIMB or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _can_speak(noun: Token) -> bool:
    """A noun a participle can report for: a statement, a tweet, a named person or body."""
    return noun.pos_ == "PROPN" or noun.lemma_.lower() in MEDIUM_NOUNS or noun.ent_type_ in (
        "PERSON", "ORG", "NORP", "GPE")


def mention_range(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the mention headed by `head`, appositions and clauses cut."""
    if head.pos_ == "PRON":
        return head.i, head.i + 1
    if head.pos_ != "PROPN":
        # "A senior Kremlin official, Yuri Ushakov": the named apposition is the mention.
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                head = child
                break
    excluded: set[int] = set()
    for child in head.children:
        if _joins_word(child):
            continue  # "Gould-Davies", "al-Hayya"
        if child.dep_ == "appos" and child.left_edge.i > 0 and not head.doc[child.left_edge.i - 1].is_punct:
            continue  # no comma before it: a misparsed part of the name, not an apposition
        if child.dep_ in _NOT_MENTION or (child.dep_ == "prep" and child.i > head.i + 2):
            excluded.update(t.i for t in child.subtree)
    start = head.i
    while start > head.left_edge.i and start - 1 not in excluded:
        start -= 1
    end = head.i + 1
    while end <= head.right_edge.i and end not in excluded:
        end += 1
    doc = head.doc
    # A mention never runs over a paragraph break (the parser sometimes joins a dateline or a
    # timestamp paragraph to the next sentence).
    for i in range(head.i - 1, start - 1, -1):
        if "\n" in doc[i].text:
            start = i + 1
            break
    for i in range(head.i + 1, end):
        if "\n" in doc[i].text:
            end = i
            break
    while start < head.i and (doc[start].is_punct and not _joins_word(doc[start]) or doc[start].dep_ == "cc"):
        start += 1
    while end - 1 > head.i and (doc[end - 1].is_punct and not _joins_word(doc[end - 1]) or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


def _joins_word(token: Token) -> bool:
    """A hyphen inside a name, written without spaces."""
    return (token.text in "-‐‑" and token.i > 0 and not token.nbor(-1).whitespace_
            and not token.whitespace_ and token.i + 1 < len(token.doc))


def mention_head(head: Token) -> Token:
    """The token inside `mention_range(head)` whose resolution gives the speaker's actor."""
    start, end = mention_range(head)
    if start <= head.i < end:
        return head
    return next((t for t in head.doc[start:end] if t.head.i < start or t.head.i >= end), head.doc[start])


def cue_span(cue: Token) -> tuple[int, int]:
    """Token range of the cue: the verb plus the audience and medium that follow it."""
    doc = cue.doc
    if is_according(cue):
        return cue.i, cue.i + 2
    end = cue.i + 1
    by_position = {c.left_edge.i: c for c in cue.children if c.i > cue.i}
    while end in by_position:
        child = by_position[end]
        if child.dep_ == "prt":
            end = child.right_edge.i + 1
        elif child.dep_ in ("dobj", "dative") and cue.lemma_ in AUDIENCE_VERBS and _is_audience(child):
            end = child.right_edge.i + 1
        elif child.dep_ == "prep" and child.lower_ == "in" and _medium(child):
            end = child.right_edge.i + 1
        elif child.dep_ == "prep" and cue.lemma_ in FRAMING_VERBS and child.lower_ in ("of", "on", "to") \
                and end == cue.i + 1:
            end = child.i + 1  # "spoke of", "called on", "referred to"
        else:
            break
    return cue.i, min(end, len(doc))


def _is_audience(obj: Token) -> bool:
    # "told reporters" / "told the BBC", not "told a story" (what is told is content).
    return obj.pos_ in ("PROPN", "PRON") or obj.lemma_ in {
        "reporter", "journalist", "audience", "crowd", "supporter", "lawmaker", "colleague",
        "interviewer", "viewer", "listener", "reader", "host", "delegate", "official", "member",
        "student", "voter", "people", "agency", "network", "newspaper", "station", "magazine",
        "committee", "senator", "congress", "parliament", "donor", "attendee", "outlet", "assembly",
        "council", "court", "jury", "panel", "press", "lawmakers", "crowd", "gathering", "board"}


def _medium(prep: Token) -> bool:
    return any(c.dep_ == "pobj" and c.lemma_.lower() in MEDIUM_NOUNS for c in prep.children)


def reported_content(cue: Token, cue_end: int, *, speech: bool) -> tuple[int, int] | None:
    """Token range [start, end) of the reported content of an attribution, or None.

    `speech` says whether the cue is a speech verb proper (its clause complement is reported
    speech) rather than a framing verb (content only when quoted words are in it, checked by
    the caller).
    """
    doc = cue.doc
    if is_according(cue):
        return _rest_of_clause(cue, cue.head)
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if speech and clauses:
        right = [c for c in clauses if c.i > cue.i]
        clause = right[0] if right else clauses[0]
        start, end = clause.left_edge.i, clause.right_edge.i + 1
        for sibling in clauses:  # "said that …, and that …" parsed as two complements
            if sibling.i != clause.i and sibling.i > clause.i:
                end = max(end, sibling.right_edge.i + 1)
        while start < end and (doc[start].dep_ == "mark" and doc[start].lower_ == "that"):
            start += 1
        return (start, end) if end > start else None
    if speech and cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        # "As the press secretary explained, three taxes were postponed …"
        return _rest_of_clause(cue, cue.head)
    if speech and cue.dep_ == "parataxis" and not any(c.dep_ in ("dobj", "xcomp") for c in cue.children):
        # "First, he said, both countries would …": the host clause is what was said.
        return _rest_of_clause(cue, cue.head)
    if cue.lemma_ in _OBJECT_CONTROL:
        controlled = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i]
        if controlled:
            return cue_end, controlled[-1].right_edge.i + 1
    last = doc[cue_end - 1]
    if last.dep_ == "prep" and last.head.i == cue.i:
        objects = [c for c in last.children if c.i >= cue_end]
        if objects:
            return cue_end, max(c.right_edge.i for c in objects) + 1
    tail = [c for c in cue.children if c.i >= cue_end and c.dep_ not in _CONTENT_SKIP_DEPS]
    # A plain object ("confirmed their deaths") is reported speech only when it quotes words.
    if not tail or not _has_mark(doc, cue_end, tail):
        return None
    return cue_end, max(c.right_edge.i for c in tail) + 1


def _has_mark(doc: Doc, start: int, tail: list[Token]) -> bool:
    end = max(c.right_edge.i for c in tail) + 1
    return any(t.text in _MARK_TOKENS for t in doc[start:end])


def _rest_of_clause(cue: Token, host: Token) -> tuple[int, int] | None:
    """The host clause without the attribution: the side after the cue, else the side before."""
    own = {t.i for t in cue.subtree}
    if host.i in own:
        return None
    left, right = host.left_edge.i, host.right_edge.i + 1
    after = [i for i in range(cue.right_edge.i + 1, right) if i not in own]
    before = [i for i in range(left, cue.left_edge.i) if i not in own]
    side = after if len([i for i in after if not cue.doc[i].is_punct]) >= 2 else before
    if not side:
        return None
    return side[0], side[-1] + 1


def trim(doc: Doc, start: int, end: int, keep: frozenset[int]) -> tuple[int, int]:
    """Drop edge punctuation from a token range, except tokens in `keep` (paired quote marks)."""
    while start < end and ((doc[start].is_punct and start not in keep) or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and end - 1 not in keep or doc[end - 1].is_space):
        end -= 1
    return start, end
