"""Re-coding rules: named steps that change an event's type, mode or CAMEO code, or drop it,
on the words around its trigger once a trigger rule has typed it.

Each rule is a small function registered here under its name with the stage of coding whose
facts it reads (`STAGES`); its words, tables, types and target codes live in
resources/events/recoding.yaml, in the order the rules run, with examples that one
parametrised test runs (tests/test_events.py). The coder (component.py) holds one `Coding`
per event and calls `Recoder.apply(stage, coding)` at each stage; a rule that fires writes its
note into the event's rule, so every change can be traced back to its entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from detente.events.actor_heads import actor_heads
from detente.events.modality import clause_chain
from detente.quotes.lexicon import SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from detente.events.codes import CodeBook
    from detente.events.lexicon import Lexicon, Rule
    from detente.events.parties import Arguments
    from detente.model import ActorRef, Event, Location

RESOURCE = Path(__file__).resolve().parent.parent / "resources" / "events" / "recoding.yaml"

# The steps of coding, in order; a rule reads only what is known at its stage.
STAGES = ("candidates", "arguments", "modality", "parties", "context", "document")


@dataclass(frozen=True, slots=True)
class Recoding:
    """One entry of recoding.yaml: a rule's words and what it re-codes to."""

    name: str
    why: str
    note: str | None = None
    types: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    table: dict[str, str] = field(default_factory=dict)
    modes: dict[str, str] = field(default_factory=dict)
    to: dict[str, str | None] = field(default_factory=dict)
    examples: tuple[dict[str, Any], ...] = ()


@dataclass(slots=True)
class Coding:
    """One event while it is coded: what its trigger rule gave, changed step by step."""

    trigger: Token
    rule: Rule
    args: Arguments
    type: str
    cameo: str | None
    mode: str | None
    negated: bool = False
    hypothetical: bool = False
    governed_by: str | None = None  # the word modality found the trigger under ("must", "not")
    why: str | None = None  # what makes it hypothetical for a threat ("if" for a conditional)
    source: list[ActorRef] = field(default_factory=list)
    target: list[ActorRef] = field(default_factory=list)
    location: Location | None = None
    context: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)
    dropped: bool = False

    def become(self, to: dict[str, str | None]) -> None:
        """Take a rule's `to:` (type, cameo, mode; a key that is present is set, even to null)."""
        if "type" in to:
            self.type = str(to["type"])
        if "cameo" in to:
            self.cameo = to["cameo"]
        if "mode" in to:
            self.mode = to["mode"]


@dataclass(frozen=True, slots=True)
class _Mechanism:
    stage: str
    test: Callable[[Coding, Recoding, Lexicon], bool] | None  # None: a stage over many events (a method)
    unless: tuple[str, ...] = ()  # rules that, having fired, leave this one out


_MECHANISMS: dict[str, _Mechanism] = {}


def _rule(name: str, stage: str, unless: tuple[str, ...] = ()):
    def register(fn: Callable[[Coding, Recoding, Lexicon], bool]) -> Callable[[Coding, Recoding, Lexicon], bool]:
        _MECHANISMS[name] = _Mechanism(stage, fn, unless)
        return fn
    return register


# Rules over all candidates or all events of a document are Recoder methods, not per-event tests.
_MECHANISMS["approving"] = _Mechanism("candidates", None)  # Recoder.drop_approvals
_MECHANISMS["attacker_modes"] = _Mechanism("document", None)  # Recoder.share_assault_modes


@lru_cache(maxsize=4)
def load_recoding(path: Path = RESOURCE) -> dict[str, Recoding]:
    """The rules of recoding.yaml by name, in the order they run; each must have a mechanism
    here and examples, and each mechanism an entry (ValueError otherwise)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules: dict[str, Recoding] = {}
    for raw in data.get("rules") or ():
        name = raw.get("name")
        if not name or name in rules or name not in _MECHANISMS or not raw.get("why") or not raw.get("examples"):
            raise ValueError(f"{path}: re-coding rule {raw!r} needs a unique name with a mechanism in "
                             f"events/recoding.py, a `why` and examples")
        for key in ("types", "words", "modifiers"):
            if any(not isinstance(w, str) for w in raw.get(key) or ()):
                # YAML reads a bare no, yes, on, off as a boolean: such words must be quoted
                raise ValueError(f"{path}: re-coding rule {name!r}: {key} must be strings, got {raw[key]!r}")
        rules[name] = Recoding(
            name=name, why=raw["why"], note=raw.get("note"),
            types=frozenset(raw.get("types") or ()),
            words=frozenset(w.lower() for w in raw.get("words") or ()),
            modifiers=frozenset(w.lower() for w in raw.get("modifiers") or ()),
            table={str(k): str(v) for k, v in (raw.get("table") or {}).items()},
            modes={str(k): str(v) for k, v in (raw.get("modes") or {}).items()},
            to=dict(raw.get("to") or {}), examples=tuple(raw["examples"]))
    missing = set(_MECHANISMS) - set(rules)
    if missing:
        raise ValueError(f"{path}: no entry for re-coding rules {sorted(missing)}")
    return rules


def note_of(rule: Recoding, coding: Coding) -> str | None:
    if rule.note is None:
        return None
    return rule.note.format(governed_by=coding.governed_by, type=coding.type, mode=coding.mode)


class Recoder:
    """Runs the rules of each stage, in recoding.yaml's order, over one event's Coding."""

    def __init__(self, lexicon: Lexicon, path: Path = RESOURCE) -> None:
        self.lexicon = lexicon
        self.rules = load_recoding(path)
        self._stages: dict[str, list[tuple[Recoding, _Mechanism]]] = {s: [] for s in STAGES}
        for rule in self.rules.values():
            mech = _MECHANISMS[rule.name]
            if mech.test is not None:
                self._stages[mech.stage].append((rule, mech))

    def apply(self, stage: str, coding: Coding) -> None:
        for rule, mech in self._stages[stage]:
            if coding.dropped:
                return
            if any(n in coding.fired for n in mech.unless):
                continue
            if mech.test(coding, rule, self.lexicon):
                coding.fired.append(rule.name)
                if (note := note_of(rule, coding)) is not None:
                    coding.notes.append(note)

    # ------------------------------------------------------------------ stages over many events
    def drop_approvals(self, candidates: list[Any]) -> list[Any]:
        """Stage `candidates` ("approving"): "approved the extradition", "backed the deployment"
        are the approved action's event, not support. Candidates have `.rule` and `.trigger`."""
        rule = self.rules["approving"]
        content = {c.trigger.i for c in candidates}
        return [c for c in candidates if not (c.rule.type in rule.types and c.trigger.lemma_ in rule.words and any(
            o.i in content for o in c.trigger.children if o.dep_ in ("dobj", "nsubjpass")))]

    def share_assault_modes(self, doc: Doc, events: list[Event], codes: CodeBook) -> None:
        """Stage `document` ("attacker_modes"): "Drone strike kills two", "gunmen killed 13": a
        generic attack takes its mode (PLOVER ASSAULT modes name the means) from a more specific
        attack or an attacker in its sentence."""
        rule = self.rules["attacker_modes"]
        for ev in events:
            if ev.type not in rule.types or ev.mode is not None:
                continue
            same = [o for o in events if o is not ev and o.type == ev.type and o.mode
                    and o.sentence == ev.sentence and not o.negated]
            mode = same[0].mode if same else None
            if mode is None:
                sent = doc.char_span(ev.sentence.start, ev.sentence.end, alignment_mode="expand")
                mode = next((rule.table[t.lower_] for t in sent or [] if t.lower_ in rule.table), None)
            if mode is not None:
                ev.mode = mode
                ev.plover_score = codes.lookup(ev.type, mode, ev.cameo).plover_score
                ev.rule = f"{ev.rule}+{rule.note.format(governed_by=None, type=ev.type, mode=mode)}"


# ---------------------------------------------------------------------- the rules, by stage
# Each returns whether it fired; the stage, the order and the words are the entry's.

def _word_in(heads: list[Token], words: frozenset[str]) -> bool:
    return any(h.lemma_.lower() in words or h.lower_ in words for h in heads)


@_rule("natural", "arguments")
def _natural(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type in r.types and _word_in(c.args.source, r.words):
        c.dropped = True  # "the quake that killed 1,816 people": no one's attack
        return True
    return False


@_rule("demanded", "modality")
def _demanded(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.negated or c.type in r.types:
        return False
    demander = _demander(c.trigger, c.governed_by, r.table)
    if demander is None:
        return False
    demanded = c.type
    c.args.target = [h for h in c.args.source if h.i != demander.i]
    c.args.source = actor_heads([demander])
    c.become(r.to)
    c.cameo, c.hypothetical = r.table[c.governed_by], False
    c.mode = content_mode(lex, c.type, c.trigger) or r.modes.get(demanded)
    return True


@_rule("refused", "modality", unless=("demanded",))
def _refused(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if not c.negated or not (c.rule.if_negated or (c.type in r.types and c.governed_by not in r.words)):
        return False
    refused = c.type
    c.type = c.rule.if_negated or str(r.to["type"])
    c.negated, c.cameo, c.mode = False, None, r.modes.get(refused)
    return True


@_rule("accord", "modality", unless=("demanded", "refused"))
def _accord(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.rule.if_clause and _states_accord(c.trigger):
        c.cameo = c.rule.if_clause
        return True
    return False


@_rule("concession", "modality")
def _concession(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type not in r.types:
        return False
    content = [k for k in c.trigger.children if k.dep_ in ("xcomp", "dobj", "prep", "ccomp")]
    if any(t.lemma_.lower() in lex.concessions for k in content for t in k.subtree):
        c.become(r.to)
        return True
    return False


@_rule("conditional", "modality")
def _conditional_rule(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type in r.types and not c.negated and _conditional(c.trigger, r.words):
        c.hypothetical, c.why = True, "if"
        return True
    return False


@_rule("held_out", "modality")
def _held_out(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type not in r.types or not c.hypothetical or c.negated or c.why not in lex.threat_cues:
        return False
    if any(k.dep_ == "aux" and k.lemma_ == "have" for t in clause_chain(c.trigger) for k in t.children):
        return False  # "may have launched": a guess about the past
    mode = content_mode(lex, "THREATEN", c.trigger) or r.table.get(c.mode or "") or r.table.get(c.type)
    c.become(r.to)
    c.mode = mode
    return True


@_rule("promising", "modality")
def _promising(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type in r.types and c.trigger.lemma_ in r.words and _threat_content(lex, c.trigger):
        c.become(r.to)
        c.mode = content_mode(lex, c.type, c.trigger)
        return True
    return False


@_rule("willing", "modality")
def _willing(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type in r.types and c.hypothetical and not c.negated and c.governed_by in r.words:
        c.become(r.to)
        return True
    return False


@_rule("future_retreat", "modality")
def _future_retreat(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type in r.types and c.hypothetical and not c.negated:
        c.become(r.to)
        return True
    return False


@_rule("crowd", "modality")
def _crowd(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type in r.types and _word_in(c.args.source, r.words):
        c.become(r.to)
        return True
    return False


@_rule("multilateral", "parties")
def _multilateral(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type in r.types and c.mode is None and any(
            k.dep_ in ("amod", "compound", "nummod") and k.lower_ in r.words for k in c.trigger.children):
        c.become(r.to)  # "multilateral talks", "six-party talks", "a regional summit"
        return True
    return False


@_rule("consult_parties", "parties", unless=("multilateral",))
def _consult_parties(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type not in r.types or c.mode is not None:
        return False
    c.mode = consult_mode(r, c.args.source, c.source, c.target, c.location)
    return c.mode is not None


@_rule("peacekeeping", "context")
def _peacekeeping(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type in r.types and r.words & set(c.context):
        c.become(r.to)
        return True
    return False


@_rule("aid_codes", "context")
def _aid_codes(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type in r.types and c.cameo in (None, "070"):
        code = next((code for ctx, code in r.table.items() if ctx in c.context), None)
        if code is not None:
            c.cameo = code
            return True
    return False


@_rule("cyber", "context")
def _cyber(c: Coding, r: Recoding, lex: Lexicon) -> bool:
    if c.type in r.types and r.words & set(c.context):
        c.become(r.to)
        return True
    return False


# ---------------------------------------------------------------------- what the rules read

def regional_group(head: Token, r: Recoding) -> bool:
    """"European leaders", "Arab ministers": a plural group of a region's states."""
    return head.lemma_ in r.words and any(k.lower_ in r.modifiers for k in head.children
                                          if k.dep_ in ("amod", "compound"))


def consult_mode(r: Recoding, heads: list[Token], source: list[ActorRef], target: list[ActorRef],
                 location: Location | None) -> str | None:
    """The CONSULT mode its parties give: multilateral (three states or more, an IGO, a region's
    leaders), third-party (two states meeting in a third), else none."""
    parties = [*source, *target]
    countries = {a.country for a in parties if a.country and a.country != "IGO"}
    if len(countries) >= 3 or any(a.country == "IGO" for a in parties):
        return "multilateral"
    if any(h.tag_ in ("NNS", "NNPS") and regional_group(h, r) for h in heads):
        return "multilateral"
    if location is not None and location.country and countries and location.country not in countries \
            and len(countries) >= 2:
        return "third-party"
    return None


def content_mode(lex: Lexicon, etype: str, trig: Token) -> str | None:
    """The mode the words under the trigger give (triggers.yaml's content_modes of the type)."""
    modes = lex.content_modes.get(etype)
    if not modes:
        return None
    words = {t.lemma_.lower() for t in trig.subtree if t.i != trig.i} | {t.lower_ for t in trig.subtree}
    for mode, cues in modes.items():
        if words & cues:
            return mode
    return None


def _threat_content(lex: Lexicon, trig: Token) -> bool:
    content = [c for c in trig.children if c.dep_ in ("xcomp", "dobj", "ccomp")]
    # what is promised, not how it is described ("the war-devastated country" is no threat)
    acts = [t for c in content for t in c.subtree
            if t.pos_ in ("VERB", "NOUN") and t.dep_ not in ("amod", "compound", "npadvmod", "poss")]
    words = {t.lemma_.lower() for t in acts}
    pairs = {f"{t.lemma_.lower()} {t.nbor().lower_}" for t in acts if t.i + 1 < len(t.doc)}
    return bool((words | pairs) & lex.threat_content)


def _conditional(trig: Token, marks: frozenset[str]) -> bool:
    """An act held out on a condition: an if/unless clause hangs off the trigger or its clause."""
    for t in clause_chain(trig)[:2]:
        for c in t.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
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


_PRONOUNS = frozenset({"i", "we", "he", "she", "it", "they", "you"})
_FIRST_PERSON = frozenset({"i", "we", "us", "me"})


def _demander(trig: Token, why: str | None, obliging: dict[str, str]) -> Token | None:
    """The speaker who says someone else must or should do what the trigger names, if any:
    the subject of a saying verb whose reported clause puts the trigger under "must"/"should"
    and has a subject of its own that is not a pronoun (a pronoun is most often the speaker)."""
    if why not in obliging:
        return None
    clause = next((t for t in clause_chain(trig) if any(
        c.dep_ == "aux" and c.lower_ == why for c in t.children)), None)
    if clause is None or clause.dep_ != "ccomp" or clause.head.lemma_ not in SPEECH_VERBS:
        return None
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in _PRONOUNS:
        return None
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.lower_ in _PRONOUNS | _FIRST_PERSON:
        return None
    return speaker
