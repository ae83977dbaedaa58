"""Does a learned type classifier help the rule coder? Train one and measure; ship nothing unless it helps.

    .venv/bin/python scripts/train_events.py [--seed 13] [--test-share 0.3]

A bag-of-words (lemma-free, lower-cased words and bigrams of a story's first 60 words)
multinomial logistic regression in numpy, trained on the NGEC synthetic stories (../shared,
read at run time; nothing is copied). Reported on a held-out share of the synthetic stories:
the classifier alone, the rule coder alone (bench/events.py's main event), and a hybrid (the
classifier's type when its probability is at least --threshold, else the rules'). Then the
same classifier on the ConfliBERT sentences (real news), mapped to quad classes, against the
rules: does what it learned carry over to real sentences?
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import events as bench  # noqa: E402  (bench/events.py: the data loaders and the main-event choice)

_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset("the a an of to in and on for with by at from as is was were are be been has have had that this "
                  "it its their his her they he she said says will would could after over into about than more but "
                  "or not also which who new".split())
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
        "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}


def features(text: str, n_words: int = 60) -> list[str]:
    words = [w for w in _WORD.findall(text.lower())[:n_words] if w not in _STOP]
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]


class BagOfWords:
    def __init__(self, texts: list[str], labels: list[str], min_count: int = 3, epochs: int = 600, rate: float = 8.0):
        counts = Counter(f for t in texts for f in set(features(t)))
        self.vocab = {f: j for j, (f, c) in enumerate(counts.most_common()) if c >= min_count}
        self.labels = sorted(set(labels))
        x = self.matrix(texts)
        y = np.eye(len(self.labels))[[self.labels.index(lab) for lab in labels]]
        self.w = np.zeros((len(self.vocab), len(self.labels)), dtype=np.float32)
        self.b = np.zeros(len(self.labels), dtype=np.float32)
        for _ in range(epochs):
            p = self._softmax(x @ self.w + self.b)
            self.w -= rate * (x.T @ (p - y) / len(texts) + 1e-4 * self.w)
            self.b -= rate * (p - y).mean(0)

    def matrix(self, texts: list[str]) -> np.ndarray:
        m = np.zeros((len(texts), len(self.vocab)), dtype=np.float32)
        for r, t in enumerate(texts):
            for f in features(t):
                if (j := self.vocab.get(f)) is not None:
                    m[r, j] = 1.0
        return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-6)

    @staticmethod
    def _softmax(z: np.ndarray) -> np.ndarray:
        z = z - z.max(1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(1, keepdims=True)

    def predict(self, texts: list[str]) -> tuple[list[str], np.ndarray]:
        p = self._softmax(self.matrix(texts) @ self.w + self.b)
        return [self.labels[i] for i in p.argmax(1)], p.max(1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--test-share", type=float, default=0.3)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--test-stories", type=int, default=400, help="held-out stories run through the pipeline")
    args = ap.parse_args(argv)
    if not bench.SYNTHETIC.exists():
        print("../shared/dev is not present", file=sys.stderr)
        return 1
    df = bench.load_synthetic()
    order = list(range(len(df)))
    random.Random(args.seed).shuffle(order)
    cut = int(len(order) * (1 - args.test_share))
    train, test = order[:cut], order[cut:][: args.test_stories]
    model = BagOfWords([df.text.iloc[i] for i in train], [df.label.iloc[i] for i in train])
    test_texts, gold = [df.text.iloc[i] for i in test], [df.label.iloc[i] for i in test]
    predicted, prob = model.predict(test_texts)

    from detente.nlp import load_pipeline

    nlp = load_pipeline()
    ruled = [ev.type if (ev := bench.story_event(d)) is not None else "NONE" for d in bench.run(nlp, test_texts)]
    hybrid = [p if q >= args.threshold else r for p, q, r in zip(predicted, prob, ruled)]
    acc = lambda pred: sum(p == g for p, g in zip(pred, gold)) / len(gold)  # noqa: E731
    print(f"synthetic held-out ({len(gold)} stories, trained on {len(train)}): classifier {acc(predicted):.3f}, "
          f"rules {acc(ruled):.3f}, hybrid(p>={args.threshold}) {acc(hybrid):.3f}")

    rows, _ = bench.load_conflibert()
    texts, labels = [t for t, _ in rows], [lab for _, lab in rows]
    c_pred, c_prob = model.predict(texts)
    docs = bench.run(nlp, texts)
    rules_q = [bench.conflibert_class(bench.main_event(d._.events)) for d in docs]
    # the classifier knows no "no event": keep the rules' 0, else its quad when confident
    hybrid_q = [QUAD[p] if (q >= args.threshold and r != 0) else r for p, q, r in zip(c_pred, c_prob, rules_q)]
    qacc = lambda pred: sum(p == g for p, g in zip(pred, labels)) / len(labels)  # noqa: E731
    print(f"conflibert ({len(labels)} sentences) quad accuracy: classifier {qacc([QUAD[p] for p in c_pred]):.3f}, "
          f"rules {qacc(rules_q):.3f}, hybrid {qacc(hybrid_q):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
