"""Train the learned role tagger (src/detente/events/roles.py) on the TUNED parts of the dev sets
in ../shared/dev and write its weights to src/detente/resources/events/roles.json.

    .venv/bin/python scripts/train_roles.py [--sets conflibert,m2e2,rams] [--l2 1.0] [--min-count 2]

The pipeline runs with the rules alone (the tagger off). For each gold event of a tuned part
that our coder also found (ConfliBERT: the sentence's main event; M2E2, RAMS: our event at the
gold trigger), every resolved actor mention of the trigger's sentence is one example, labelled
target / source / none by overlap with the gold spans (a reciprocal gold party, ConfliBERT R or
a meeting's entity, is the source when it is the first named, else the target). The locked
parts (bench/events.py `locked`) are never read here. Only feature weights are written: no
sentence, word list or span of the dev sets goes into the file.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_events", ROOT / "bench" / "events.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_events"] = bench
_spec.loader.exec_module(bench)

from detente.events.roles import RESOURCE, ROLES, RoleModel, candidates, features  # noqa: E402


def conflibert_items() -> list[tuple[str, bench.Gold]]:
    items = []
    for line in (bench.CONFLIBERT / "cameo_ner_train.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        text = " ".join(d["tokens"])
        if bench.locked(bench._norm(text)):
            continue
        offs = bench._token_offsets(d["tokens"])
        spans = {k: [bench._char_span(offs, s["start"], s["end"]) for s in d[f"{k}_spans"]]
                 for k in ("source", "target", "reciprocal")}
        items.append((text, bench.Gold(key="", source=spans["source"], target=spans["target"],
                                       both=spans["reciprocal"])))
    return items


def m2e2_items() -> list[tuple[str, bench.Gold]]:
    items = []
    for line in bench.M2E2.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if not d["events"] or bench.locked(d["doc_id"]):
            continue
        offs = bench._token_offsets(d["words"])
        text = " ".join(d["words"])
        for e in d["events"]:
            etype = bench.M2E2_TYPES.get(e["event_type"])
            if etype is None:
                continue
            roles = defaultdict(list)
            for a in e["arguments"]:
                roles[a["role"]].append(bench._char_span(offs, a["start"], a["end"]))
            items.append((text, bench.Gold(
                key="", type=etype, trigger=bench._char_span(offs, e["trigger"]["start"], e["trigger"]["end"]),
                source=[s for r in bench.M2E2_SOURCE for s in roles[r]],
                target=[s for r in bench.M2E2_TARGET for s in roles[r]],
                both=[s for r in bench.M2E2_BOTH for s in roles[r]])))
    return items


def rams_items() -> list[tuple[str, bench.Gold]]:
    items = []
    for line in bench.RAMS.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        etype = bench._rams_type(d["event_type"])
        if etype is None or bench.locked(d["doc_key"]):
            continue
        offs = bench._token_offsets(d["text"].split(" "))
        roles = defaultdict(list)
        for a in d["arguments"]:
            roles[a["role"]].append(bench._char_span(offs, a["start"], a["end"] + 1))
        items.append((d["text"], bench.Gold(
            key="", type=etype, trigger=bench._char_span(offs, d["trigger"]["start"], d["trigger"]["end"] + 1),
            source=[s for r in bench.RAMS_SOURCE for s in roles[r]],
            target=[s for r in bench.RAMS_TARGET for s in roles[r]],
            both=[s for r in bench.RAMS_BOTH for s in roles[r]])))
    return items


def _overlaps(span: tuple[int, int], gold: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in gold)


def examples(nlp, items: list[tuple[str, bench.Gold]]) -> tuple[list[list[str]], list[int], list[int]]:
    """Feature rows, role labels and event numbers of every candidate mention of every event found."""
    texts = list(dict.fromkeys(t for t, _ in items))
    docs = dict(zip(texts, bench.run(nlp, texts)))
    rows, labels, groups = [], [], []
    for number, (text, gold) in enumerate(items):
        doc = docs[text]
        if gold.trigger is None:
            ev = bench.main_event(doc._.events)
        else:
            sent = next(((s.start_char, s.end_char) for s in doc.sents
                         if s.start_char <= gold.trigger[0] < s.end_char), None)
            ev = bench.pick(doc._.events, gold, sent)
        if ev is None:
            continue
        trig_span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        if trig_span is None:
            continue
        trig = trig_span.root
        source_spans = [sp for a in ev.arguments.source
                        if (sp := doc.char_span(a.start, a.end, alignment_mode="expand")) is not None]
        first_both = True
        for k, cand in enumerate(candidates(trig)):
            chars = (cand.span.start_char, cand.span.end_char)
            if _overlaps(chars, gold.target):
                label = 2
            elif _overlaps(chars, gold.source):
                label = 1
            elif _overlaps(chars, gold.both):
                label, first_both = (1 if first_both else 2), False
            else:
                label = 0
            rows.append(features(trig, cand, ev.type, source_spans, ev.source, k))
            labels.append(label)
            groups.append(number)
    return rows, labels, groups


def cross_validate(rows: list[list[str]], labels: list[int], groups: list[int], folds: int, min_count: int) -> None:
    """Held-out figures of the target choice the coder makes, by folds of whole events: of the
    events given a target, how many got a gold one (precision), and of the events with a gold
    target among the mentions that are not the source, how many got one (recall)."""
    y = np.array(labels)
    g = np.array(groups)
    fold = g % folds
    for l2 in (0.3, 1.0, 3.0, 10.0):
        probs = np.zeros((len(rows), len(ROLES)))
        for k in range(folds):
            train = np.flatnonzero(fold != k)
            model = fit([rows[i] for i in train], [labels[i] for i in train], l2, min_count)
            test = np.flatnonzero(fold == k)
            probs[test] = model.probabilities([rows[i] for i in test])
        not_src = np.array(["src=True" not in r for r in rows])
        for threshold in (0.3, 0.4, 0.5, 0.6):
            given = right = with_gold = 0
            for event in np.unique(g):
                idx = np.flatnonzero((g == event) & not_src)
                if not len(idx):
                    continue
                with_gold += bool((y[idx] == 2).any())
                best = idx[int(np.argmax(probs[idx, 2]))]
                if probs[best, 2] >= threshold and probs[best, 2] >= probs[best].max():
                    given += 1
                    right += y[best] == 2
            print(f"l2={l2} threshold={threshold}: precision {right / max(given, 1):.3f} of {given},"
                  f" recall {right / max(with_gold, 1):.3f} of {with_gold}")


def fit(rows: list[list[str]], labels: list[int], l2: float, min_count: int) -> RoleModel:
    counts = Counter(n for r in rows for n in set(r))
    names = sorted(n for n, c in counts.items() if c >= min_count)
    index = {n: k for k, n in enumerate(names)}
    cells = [(i, index[n]) for i, r in enumerate(rows) for n in set(r) if n in index]
    X = sparse.csr_matrix((np.ones(len(cells)), ([i for i, _ in cells], [j for _, j in cells])),
                          shape=(len(rows), len(names)))
    Y = np.eye(len(ROLES))[labels]
    shape = (len(names), len(ROLES))
    bias = index["bias"]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        W = w.reshape(shape)
        s = X @ W
        s -= s.max(axis=1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        penalty = W.copy()
        penalty[bias] = 0.0  # the prior of each role is not shrunk
        value = -(Y * logp).sum() + 0.5 * l2 * (penalty ** 2).sum()
        grad = X.T @ (np.exp(logp) - Y) + l2 * penalty
        return value, grad.ravel()

    res = minimize(loss, np.zeros(shape).ravel(), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return RoleModel(index=index, weights=res.x.reshape(shape), threshold=0.5)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="conflibert,m2e2,rams")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--threshold", type=float, default=0.5, help="P(target) a mention needs to be taken")
    ap.add_argument("--out", type=Path, default=RESOURCE)
    ap.add_argument("--cv", type=int, default=0, help="print K-fold held-out figures for a grid of l2 and thresholds")
    ap.add_argument("--cache", type=Path, help="keep the examples here (a pickle) to re-run without the pipeline")
    args = ap.parse_args(argv)
    if not bench.DEV.exists():
        print("../shared/dev is not present: nothing to train on", file=sys.stderr)
        return 1
    if args.cache is not None and args.cache.exists():
        rows, labels, groups, sizes = pickle.loads(args.cache.read_bytes())
    else:
        from detente.nlp import load_pipeline

        nlp = load_pipeline()
        nlp.get_pipe("detente_events").roles = None  # the features see what the rules alone read
        loaders = {"conflibert": conflibert_items, "m2e2": m2e2_items, "rams": rams_items}
        rows, labels, groups = [], [], []
        sizes = {}
        for name in args.sets.split(","):
            r, y, g = examples(nlp, loaders[name]())
            base = max(groups, default=-1) + 1
            rows += r
            labels += y
            groups += [base + n for n in g]
            sizes[name] = len(r)
            print(name, len(r), "examples", Counter(ROLES[k] for k in y))
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps((rows, labels, groups, sizes)))
    if args.cv:
        cross_validate(rows, labels, groups, args.cv, args.min_count)
        return 0
    model = fit(rows, labels, args.l2, args.min_count)
    model.threshold = args.threshold
    p = model.probabilities(rows)
    print("training accuracy", round(float((p.argmax(axis=1) == np.array(labels)).mean()), 3))
    meta = {"trained_by": "scripts/train_roles.py", "trained_on": {k: f"{v} mentions (tuned parts)" for k, v in sizes.items()},
            "l2": args.l2, "min_count": args.min_count}
    args.out.write_text(model.to_json(meta) + "\n", encoding="utf-8")
    print("wrote", args.out, len(model.index), "features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
