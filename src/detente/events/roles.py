"""A learned role tagger: for an event's trigger, is each actor mention of its sentence the
source, the target, or neither?

The dependency rules (parties.py) read a side from one construction at a time; where none of
them applies the side stays empty ("Turkey's foreign minister, on arrival, warned Armenia's
government", a target two clauses away). This model scores every resolved actor mention in the
trigger's sentence from general features of the parse (the dependency path between trigger and
mention with the prepositions on it, direction and distance, the event type, what kind of actor
the mention names, whether the rules read it as the source) and is used where the rules found
no target. Its weights are a multinomial logistic regression trained by scripts/train_roles.py
on the tuned parts of the dev sets (no sentence is stored, only feature weights), shipped in
resources/events/roles.json.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from detente.actors.mention import Mention, mentions_in
from detente.model import ActorRef

RESOURCE = Path(__file__).resolve().parent.parent / "resources" / "events" / "roles.json"
ROLES = ("none", "source", "target")
# Longer paths than this are one feature value: the model learns nothing specific from them.
_MAX_PATH = 4


@dataclass(slots=True)
class Candidate:
    """An actor mention of the trigger's sentence and the token that heads it in the parse."""

    mention: Mention
    head: Token
    span: Span
    actors: list[ActorRef]


def candidates(trig: Token) -> list[Candidate]:
    """The resolved actor mentions of the trigger's sentence, each with its syntactic head."""
    doc = trig.doc
    found = []
    for m in mentions_in(trig.sent):
        actors = m.all_actors()
        if not actors or m.start <= trig.i < m.end:
            continue
        span = doc[m.start:m.end]
        found.append(Candidate(m, span.root, span, actors))
    return found


def _chain(tok: Token) -> list[Token]:
    """The token and its ancestors, nearest first."""
    return [tok, *tok.ancestors]


def _label(tok: Token) -> str:
    # a prepositional object is known by its preposition ("pobj:with", "pobj:against")
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent", "dative"):
        return f"{tok.head.dep_}:{tok.head.lower_}"
    if tok.dep_ in ("prep", "agent") and tok.head.dep_ == "pobj":
        return ""
    return tok.dep_


def dependency_path(trig: Token, head: Token) -> tuple[str, str]:
    """(up, down): the relations from the trigger up to the common ancestor, and from there down
    to the mention's head, prepositions folded into their objects."""
    up_chain = _chain(trig)
    positions = {t.i: k for k, t in enumerate(up_chain)}
    down: list[str] = []
    t = head
    while t.i not in positions:
        if t.dep_ not in ("prep", "agent"):
            down.append(_label(t))
        if t.head.i == t.i:
            return "none", "none"  # different sentences' roots: no path
        t = t.head
    up = [x.dep_ for x in up_chain[:positions[t.i]]]
    down.reverse()
    fmt = (lambda labels: "/".join(labels) if len(labels) <= _MAX_PATH else "long")
    return fmt(up), fmt(down)


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"


def _kind(actors: list[ActorRef]) -> str:
    a = actors[0]
    if a.country == "IGO" or a.sector == "IGO":
        return "igo"
    if a.sector is None and a.country and a.id == a.country:
        return "state"
    return a.sector or ("person" if a.country != a.id else "other")


def features(trig: Token, cand: Candidate, etype: str, source_spans: list[Span],
             source_actors: list[ActorRef], rank: int) -> list[str]:
    """The feature names of one (trigger, mention) pair."""
    up, down = dependency_path(trig, cand.head)
    pos = "N" if trig.pos_ in ("NOUN", "PROPN") else "V"
    side = "after" if cand.head.i > trig.i else "before"
    dist = _bucket(abs(cand.head.i - trig.i))
    first_down = down.split("/")[0] if down not in ("", "none", "long") else down
    is_src = any(s.start < cand.span.end and cand.span.start < s.end for s in source_spans)
    own = {a.country for a in source_actors if a.country}
    same = bool(own) and all(a.country in own for a in cand.actors)
    kind = _kind(cand.actors)
    f = [
        "bias", f"pos={pos}", f"type={etype}", f"up={up}", f"down={down}", f"path={up}|{down}",
        f"pos_path={pos}|{up}|{down}", f"type_down={etype}|{down}", f"first={first_down}",
        f"type_first={etype}|{first_down}", f"side={side}", f"dist={dist}", f"side_dist={side}|{dist}",
        f"type_side={etype}|{side}", f"dep={_label(cand.head)}", f"label={cand.mention.label}",
        f"kind={kind}", f"type_kind={etype}|{kind}", f"rank={min(rank, 3)}",
        f"src={is_src}", f"same_country={same}", f"has_src={bool(source_spans)}",
        f"locative={cand.mention.locative}", f"via={cand.mention.via}",
        f"in_subtree={cand.head in set(trig.subtree)}", f"lemma={trig.lemma_.lower()}",
        f"lemma_side={trig.lemma_.lower()}|{side}",
    ]
    if is_src:
        f.append(f"src_path={up}|{down}")
    if same:
        f.append(f"same_type={etype}")
    return f


@dataclass(slots=True)
class RoleModel:
    """Weights of a multinomial logistic regression over feature names (rows: features,
    columns: ROLES), and the probability a mention needs to be taken as a target."""

    index: dict[str, int]
    weights: np.ndarray
    threshold: float

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        scores = np.zeros((len(rows), len(ROLES)))
        for k, names in enumerate(rows):
            ids = [self.index[n] for n in names if n in self.index]
            if ids:
                scores[k] = self.weights[ids].sum(axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        return p / p.sum(axis=1, keepdims=True)

    def target(self, trig: Token, etype: str, source_spans: list[Span],
               source_actors: list[ActorRef]) -> tuple[list[ActorRef], Span] | None:
        """The mention most likely to be the event's target, if likely enough and not the source."""
        return self.pick(trig, etype, "target", source_spans, source_actors)

    def source(self, trig: Token, etype: str, target_actors: list[ActorRef]) -> tuple[list[ActorRef], Span] | None:
        """The mention most likely to be the doer of an event the rules found no doer of."""
        return self.pick(trig, etype, "source", [], [], exclude=target_actors)

    def pick(self, trig: Token, etype: str, role: str, source_spans: list[Span],
             source_actors: list[ActorRef], exclude: list[ActorRef] = ()) -> tuple[list[ActorRef], Span] | None:
        """The mention most likely to fill `role`: its probability at least the threshold and
        above that of the other roles; never one whose actors are all the source's (or all in
        `exclude`, the other side)."""
        col = ROLES.index(role)
        taken = [*source_actors, *exclude]
        cands = [c for c in candidates(trig) if not all(a in taken for a in c.actors)]
        if not cands:
            return None
        rows = [features(trig, c, etype, source_spans, source_actors, k) for k, c in enumerate(cands)]
        p = self.probabilities(rows)
        best = int(np.argmax(p[:, col]))
        if p[best, col] < self.threshold or p[best, col] < p[best].max():
            return None
        cand = cands[best]
        return [a for a in cand.actors if a not in taken], cand.span

    def to_json(self, meta: dict) -> str:
        """The weights file: a header, then one feature a line (diffs stay readable)."""
        names = sorted(self.index, key=self.index.get)
        head = json.dumps({"roles": list(ROLES), "threshold": self.threshold, **meta})
        lines = [f"  {json.dumps(n)}: {json.dumps([round(float(w), 4) for w in self.weights[self.index[n]]])}"
                 for n in names]
        return head[:-1] + ', "weights": {\n' + ",\n".join(lines) + "\n}}"


@lru_cache(maxsize=2)
def load_roles(path: Path = RESOURCE) -> RoleModel | None:
    """The shipped weights, or None when there are none (the rules alone then decide)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data.get("roles") or ()) != ROLES:
        raise ValueError(f"{path}: roles {data.get('roles')!r}, expected {ROLES}")
    names = list(data["weights"])
    return RoleModel(index={n: k for k, n in enumerate(names)},
                     weights=np.array([data["weights"][n] for n in names], dtype=float).reshape(len(names), len(ROLES)),
                     threshold=float(data["threshold"]))
