"""Quote attribution accuracy against PolNeAR (../shared/dev/polnear, brat standoff).

    .venv/bin/python bench/quotes.py --split dev            # the 84 dev articles
    .venv/bin/python bench/quotes.py --split train --limit 200

Each article's .txt runs through the whole pipeline verbatim (`clean.verbatim_article` then
`pipeline.annotate`), so predicted offsets index the same text as the gold. Gold: every
Content span of an attribution; a discontinuous span counts by its fragments (each fragment is
one gold item, with its attribution's Source and Cue). Brat also splits a contiguous content at
every sentence boundary ("392 484;485 565"): fragments separated by whitespace alone are joined
back into one span by default (`--strict-fragments` counts them apart).

Metrics:
- quote spans: a prediction matches a gold fragment when shared characters / characters of
  either (union) >= 0.5, after trimming whitespace, quotation marks and edge punctuation from
  both; matching is one-to-one, best overlap first. Precision, recall, F1; and exact-span F1
  (trimmed spans identical).
- speaker accuracy over matched pairs whose gold has a Source: the predicted speaker span
  overlaps a Source fragment.
- subsets: `direct` = gold fragments containing a quotation mark (“ ” " or the '' that the
  NYT archive texts use) against predictions that hold
  quoted words (kind direct or mixed); `speech` = gold attributions whose cue is a speech word
  (our lexicon, inflected) or whose content is quoted; `non-speech` (beliefs, wishes, plans as
  PolNeAR marks them) is reported as recall only: we do not try to extract them.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from detente import clean
from detente.model import Document, Quote
from detente.nlp import load_pipeline
from detente.pipeline import annotate
from detente.quotes.lexicon import FRAMING_VERBS, SPEECH_VERBS

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
POLNEAR = SHARED / "dev" / "polnear"

_QUOTE_MARKS = "\"“”„«»‘’'`"
_EDGE = set(_QUOTE_MARKS + " \t\r\n.,;:!?—–-()[]…")
_ANN = re.compile(r"^(T\d+)\t(\w+) ([\d ;]+)\t")
_REL = re.compile(r"^(E\d+)\t(.*)$")
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
              "spoke": "speak", "spoken": "speak", "according": "according"}


@dataclass
class Gold:
    start: int
    end: int
    direct: bool
    speech: bool
    sources: list[tuple[int, int]] = field(default_factory=list)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _lemma(word: str) -> str:
    word = word.lower().strip(_QUOTE_MARKS + ".,")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix):
            stem = word[: -len(suffix)] + repl
            if stem in SPEECH_VERBS or stem in FRAMING_VERBS:
                return stem
    return word


def _is_speech_cue(cue_text: str) -> bool:
    return any(_lemma(w) in SPEECH_VERBS or _lemma(w) in FRAMING_VERBS or _lemma(w) == "according"
               for w in cue_text.split())


def _has_mark(content: str) -> bool:
    """A quotation mark: curly or straight double quotes, or the '' of archive feeds."""
    return any(c in content for c in "\"“”") or "''" in content or "``" in content


def _join_fragments(text: str, frags: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fragments separated by nothing but whitespace are one span (brat splits at sentences)."""
    joined: list[tuple[int, int]] = []
    for s, e in sorted(frags):
        if joined and not text[joined[-1][1]:s].strip():
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


def read_gold(text: str, ann: str, join: bool = True) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        m = _ANN.match(line)
        if m:
            frags = [tuple(map(int, f.split())) for f in m.group(3).split(";")]
            spans[m.group(1)] = (m.group(2), frags)  # type: ignore[assignment]
            continue
        m = _REL.match(line)
        if m:
            relations.append(dict(part.split(":", 1) for part in m.group(2).split()))
    gold: list[Gold] = []
    for rel in relations:
        if "Content" not in rel or rel["Content"] not in spans:
            continue
        content = spans[rel["Content"]][1]
        if join:
            content = _join_fragments(text, content)
        sources = spans[rel["Source"]][1] if rel.get("Source") in spans else []
        cue_text = " ".join(text[s:e] for s, e in spans[rel["Cue"]][1]) if rel.get("Cue") in spans else ""
        quoted = any(_has_mark(text[s:e]) for s, e in content)
        speech = quoted or _is_speech_cue(cue_text)
        for s, e in content:
            ts, te = _trim(text, s, e)
            if te > ts:
                gold.append(Gold(ts, te, _has_mark(text[s:e]), speech, list(sources)))
    return gold


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    if shared <= 0:
        return 0.0
    return shared / (max(a[1], b[1]) - min(a[0], b[0]))


def match(preds: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool = False) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), best overlap first."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(gold):
            score = float(p == g) if exact else _overlap(p, g)
            if score >= 0.5:
                pairs.append((score, i, j))
    used_p, used_g, out = set(), set(), []
    for _score, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def prf(self, name: str) -> str:
        c = self.counts
        p = c[f"{name}.tp_p"] / c[f"{name}.pred"] if c[f"{name}.pred"] else 0.0
        r = c[f"{name}.tp_g"] / c[f"{name}.gold"] if c[f"{name}.gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        line = f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (pred {c[f'{name}.pred']}, gold {c[f'{name}.gold']})"
        if c[f"{name}.spk_n"]:
            line += f"  speaker {c[f'{name}.spk_ok'] / c[f'{name}.spk_n']:.3f} (n={c[f'{name}.spk_n']})"
        return line


def score(text: str, quotes: list[Quote], gold: list[Gold], tally: Tally, show: bool, name: str) -> None:
    trimmed = [_trim(text, q.start, q.end) for q in quotes]
    subsets = {
        "all": (list(range(len(quotes))), list(range(len(gold)))),
        "direct": ([i for i, q in enumerate(quotes) if q.kind in ("direct", "mixed")],
                   [j for j, g in enumerate(gold) if g.direct]),
        "speech": (list(range(len(quotes))), [j for j, g in enumerate(gold) if g.speech]),
    }
    for subset, (pi, gi) in subsets.items():
        preds = [trimmed[i] for i in pi]
        golds = [(gold[j].start, gold[j].end) for j in gi]
        pairs = match(preds, golds)
        tally.add(f"{subset}.pred", len(preds))
        tally.add(f"{subset}.gold", len(golds))
        tally.add(f"{subset}.tp_p", len(pairs))
        tally.add(f"{subset}.tp_g", len(pairs))
        for i, j in pairs:
            g, q = gold[gi[j]], quotes[pi[i]]
            if g.sources:
                tally.add(f"{subset}.spk_n")
                ok = q.speaker is not None and any(q.speaker.start < e and s < q.speaker.end for s, e in g.sources)
                tally.add(f"{subset}.spk_ok", int(ok))
                if show and not ok and subset == "direct":
                    src = " / ".join(text[s:e] for s, e in g.sources)
                    print(f"  SPEAKER {name}: got {q.speaker.text if q.speaker else None!r} want {src!r} :: {q.text[:80]!r}")
        exact = match(preds, golds, exact=True)
        tally.add(f"{subset}_exact.pred", len(preds))
        tally.add(f"{subset}_exact.gold", len(golds))
        tally.add(f"{subset}_exact.tp_p", len(exact))
        tally.add(f"{subset}_exact.tp_g", len(exact))
        if show and subset == "direct":
            hit_p = {i for i, _ in pairs}
            hit_g = {j for _, j in pairs}
            for i, p in enumerate(preds):
                if i not in hit_p:
                    print(f"  FP {name}: [{quotes[pi[i]].kind}] {text[p[0]:p[1]][:100]!r}")
            for j, g in enumerate(golds):
                if j not in hit_g:
                    print(f"  FN {name}: {text[g[0]:g[1]][:100]!r}")
    nonspeech = [(g.start, g.end) for g in gold if not g.speech]
    tally.add("nonspeech.gold", len(nonspeech))
    tally.add("nonspeech.tp_g", len(match(trimmed, nonspeech)))


def articles(split: str, limit: int | None) -> list[tuple[str, str, str]]:
    folder = POLNEAR / split
    texts = {p.stem: p for p in (folder / "text").glob("*.txt")}
    out = []
    seen: set[str] = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        # A few articles were annotated by several annotators (agreement checks): the first
        # annotation (by file name) stands for the article, so each article counts once.
        if stem in texts and stem not in seen:
            seen.add(stem)
            out.append((stem, texts[stem].read_text(encoding="utf-8"), ann.read_text(encoding="utf-8")))
    return out[:limit] if limit else out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=None, help="first N articles only (sorted by name)")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N articles")
    parser.add_argument("--show", action="store_true", help="print misses of the direct subset and wrong speakers")
    parser.add_argument("--strict-fragments", action="store_true",
                        help="count every brat fragment apart, even fragments split only by whitespace")
    args = parser.parse_args(argv)
    if not POLNEAR.exists():
        print(f"{POLNEAR} is not present", file=sys.stderr)
        return 1
    items = articles(args.split, None)[args.offset:]
    items = items[: args.limit] if args.limit else items
    docs = [clean.verbatim_article(Document(doc_id=name, origin=name, text=text, format="text"))
            for name, text, _ in items]
    golds = {name: (text, read_gold(text, ann, join=not args.strict_fragments)) for name, text, ann in items}
    tally = Tally()
    began = time.perf_counter()
    words = 0
    # Only the stages quotes depend on: one parse, actors, quotes (events/figures are not scored here).
    nlp = load_pipeline(("detente_actors", "detente_quotes"))
    for article in annotate(docs, nlp=nlp):
        if not hasattr(article, "quotes"):
            print(f"error: {article}", file=sys.stderr)
            continue
        text, gold = golds[article.doc_id]
        words += len(text.split())
        if args.show:
            print(f"# {article.doc_id}")
        score(text, article.quotes, gold, tally, args.show, article.doc_id)
    elapsed = time.perf_counter() - began
    print(f"PolNeAR {args.split} (offset {args.offset}, {'strict' if args.strict_fragments else 'joined'} fragments): {len(items)} articles, {words} words, {elapsed:.0f} s")
    for name in ("direct", "speech", "all"):
        print(f"{name:>8}: {tally.prf(name)}")
        print(f"{name + ' exact':>14}: {tally.prf(name + '_exact').split('  (')[0]}")
    c = tally.counts
    print(f"non-speech attributions (not extracted): {c['nonspeech.gold']} gold fragments, "
          f"{c['nonspeech.tp_g']} overlapped by a prediction")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
