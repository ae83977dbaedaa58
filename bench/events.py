"""Accuracy and cost of the event coder on the dev sets in ../shared/dev (read at run time only).

    .venv/bin/python bench/events.py [--conflibert 600] [--synthetic 300] [--no-titles] [--errors N] [--seed 13] [--speed]

- ConfliBERT (cameo_class_train.tsv, 5-way label): each sentence's main event gives its class
  through its CAMEO code's Phoenix quad (01-02 statements and appeals -> 0, 03-05 -> 1, 06-08 ->
  2, 09-13 and 16 -> 3, 14-15 and 17-20 -> 4); no event gives 0. Quad-class accuracy.
- ConfliBERT source/target (cameo_ner_train.txt, BIO tags S/T, matched to the labelled
  sentences by their letters and digits): for sentences whose quad class we got right (and
  non-zero), is the main event's source right? "parse": the head of a source phrase lies in
  the gold S span; "actor": a resolved mention of one of the event's source actors overlaps it.
- NGEC synthetic stories (PLOVER `label`): the story's main event is the most confident event
  of the first sentence that has one (the lead states the story's event), else none. Type
  accuracy over the sample.
- NGEC synthetic titles, sentence level: the bodies often drift from their label, but each of the
  distinct title templates states the labelled event. Each template, its placeholders filled with
  real names (a fixed-seed draw from ~20 states and their capitals), turned into a plain sentence
  (headline words kept; Title Case lowered except names and acronyms; a full stop), is run
  verbatim one per document. Type accuracy of the main event, mode accuracy when the type is
  right, the confusion matrix (gold rows, predicted columns), and the largest confusions; also
  the type accuracy of the same titles with their Title Case kept (printed headlines).
- NGEC synthetic stories with their filled title as the first paragraph (headline + body):
  type accuracy by the same story rule, next to the body-only figure above.
- Events per sentence (over-generation) on both.
- --speed: words/second of the whole pipeline with and without detente_events on the same texts.

The pipeline is the one `detente.pipeline.annotate` uses (`load_pipeline()`), fed documents made
the same way (`verbatim_article`, `doc._.published` set) so that the argument spans the coder
leaves on the Doc can be checked against the gold tags.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CONFLIBERT = SHARED / "dev" / "conflibert"
SYNTHETIC = SHARED / "dev" / "ngec-synthetic" / "gpt_synthetic_events_2023-10-19_19.csv.zip"


def _key_chars(text: str) -> list[int]:
    """Positions of letters and digits (not modifier letters such as ʼ): a tokenisation-proof index."""
    return [i for i, ch in enumerate(text) if unicodedata.category(ch)[0] in "LN" and unicodedata.category(ch) != "Lm"]


def _norm(text: str) -> str:
    return "".join(text[i] for i in _key_chars(text)).lower()


def load_conflibert() -> tuple[list[tuple[str, int]], dict[str, dict[str, list[tuple[int, int]]]]]:
    """Labelled sentences, and gold S/T spans in key-character offsets by normalised sentence."""
    rows = []
    for line in (CONFLIBERT / "cameo_class_train.tsv").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            text, label = line.rsplit("\t", 1)
            rows.append((text, int(label)))
    gold: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for block in (CONFLIBERT / "cameo_ner_train.txt").read_text(encoding="utf-8").split("\n\n"):
        toks = [ln.rsplit(" ", 1) for ln in block.splitlines() if " " in ln]
        if not toks:
            continue
        spans: dict[str, list[tuple[int, int]]] = {"S": [], "T": []}
        pos, cur, start = 0, None, 0
        for word, tag in toks + [("", "O")]:
            n = len(_norm(word))
            if cur and not tag.startswith("I-"):
                spans[cur].append((start, pos))
                cur = None
            if tag.startswith("B-") and tag[2:] in spans:
                cur, start = tag[2:], pos
            pos += n
        gold[_norm(" ".join(w for w, _ in toks))] = spans
    return rows, gold


def load_synthetic():
    import pandas as pd

    with zipfile.ZipFile(SYNTHETIC) as z:
        with z.open(z.namelist()[0]) as fh:
            return pd.read_csv(fh)


def run(nlp, texts: list[str]):
    """Docs for texts, made as detente.pipeline makes them (verbatim articles, no publication date)."""
    from detente.clean import verbatim_article
    from detente.model import Document
    from detente.pipeline import _docs

    articles = [verbatim_article(Document(doc_id=f"b{i}", origin="bench", text=t, format="text"))
                for i, t in enumerate(texts)]
    return list(nlp.pipe(_docs(nlp, articles), batch_size=32))


def main_event(events):
    """The sentence's main event: the most confident, not negated; the earliest on ties."""
    live = [e for e in events if not e.negated]
    return max(live, key=lambda e: (e.confidence, -e.trigger.start)) if live else None


def conflibert_class(ev) -> int:
    """ConfliBERT's 5-way label for our main event: the Phoenix quad class of its CAMEO code
    (statements and appeals, CAMEO 01-02, are 0; reduce relations, 16, is verbal conflict),
    the PLOVER quad when there is no code, 0 when there is no event."""
    from detente.events.codes import CodeBook

    if ev is None:
        return 0
    quad = CodeBook.quad_of_cameo(ev.cameo) if ev.cameo else None
    return quad if quad is not None else ev.quad_class


def story_event(doc):
    for sent in doc.sents:
        inside = [e for e in doc._.events if sent.start_char <= e.trigger.start < sent.end_char]
        if (ev := main_event(inside)) is not None:
            return ev
    return None


def bench_conflibert(nlp, n: int, seed: int) -> dict:
    rows, gold = load_conflibert()
    random.Random(seed).shuffle(rows)
    rows = rows[:n]
    docs = run(nlp, [t for t, _ in rows])
    correct = 0
    confusion: Counter = Counter()
    n_events = 0
    src_total = src_parse = src_actor = tgt_total = tgt_parse = 0
    for (text, label), doc in zip(rows, docs):
        n_events += len(doc._.events)
        ev = main_event(doc._.events)
        pred = conflibert_class(ev)
        confusion[(label, pred)] += 1
        correct += pred == label
        spans = gold.get(_norm(text))
        if ev is None or pred != label or pred == 0 or spans is None or not spans["S"]:
            continue
        keys = _key_chars(text)
        index = {pos: k for k, pos in enumerate(keys)}
        args = doc._.event_arguments[doc._.events.index(ev)]

        def key_of(char: int) -> int | None:
            for c in range(char, min(char + 40, len(text))):
                if c in index:
                    return index[c]
            return None

        def hit(phrases, gold_spans) -> bool:
            for ph in phrases:
                k = key_of(ph.root.idx)
                if k is not None and any(a <= k < b for a, b in gold_spans):
                    return True
            return False

        src_total += 1
        src_parse += hit(args["source"], spans["S"])
        mentions = [m for m in doc._.actor_mentions or [] if m.actor is not None and m.actor in ev.source]
        for m in mentions:
            a, b = key_of(doc[m.start].idx), key_of(doc[m.end - 1].idx)
            if a is not None and b is not None and any(a < gb and b >= ga for ga, gb in spans["S"]):
                src_actor += 1
                break
        if spans["T"]:
            tgt_total += 1
            tgt_parse += hit(args["target"], spans["T"])
    return {"sentences": len(rows), "quad_accuracy": correct / len(rows), "events_per_sentence": n_events / len(rows),
            "typed_with_gold_source": src_total, "source_parse": src_parse / max(src_total, 1),
            "source_actor": src_actor / max(src_total, 1), "typed_with_gold_target": tgt_total,
            "target_parse": tgt_parse / max(tgt_total, 1),
            "confusion": {f"{g}->{p}": c for (g, p), c in sorted(confusion.items())}}


def bench_synthetic(nlp, n: int, seed: int) -> dict:
    df = load_synthetic().sample(n=n, random_state=seed)
    docs = run(nlp, list(df["text"]))
    correct = correct_mode = with_mode = 0
    n_events = n_sents = 0
    confusion: Counter = Counter()
    for label, mode, doc in zip(df["label"], df["mode"], docs):
        n_events += len(doc._.events)
        n_sents += sum(1 for _ in doc.sents)
        ev = story_event(doc)
        pred = ev.type if ev is not None else "NONE"
        confusion[(label, pred)] += 1
        correct += pred == label
        if isinstance(mode, str) and pred == label:
            with_mode += 1
            correct_mode += (ev.mode or "").upper() == mode.upper()
    per_type = {}
    for lab in sorted({g for g, _ in confusion}):
        tot = sum(c for (g, _), c in confusion.items() if g == lab)
        per_type[lab] = f"{confusion[(lab, lab)]}/{tot}"
    return {"stories": n, "type_accuracy": correct / n, "mode_accuracy_when_type_right": correct_mode / max(with_mode, 1),
            "events_per_sentence": n_events / max(n_sents, 1), "per_type": per_type,
            "top_confusions": [f"{g}->{p}: {c}" for (g, p), c in confusion.most_common(40) if g != p][:15]}


# Names for the title placeholders: states with their capitals (a fixed-seed draw per title).
_STATES = (("Russia", "Moscow"), ("Ukraine", "Kyiv"), ("China", "Beijing"), ("India", "New Delhi"),
           ("Pakistan", "Islamabad"), ("Iran", "Tehran"), ("Israel", "Jerusalem"), ("Egypt", "Cairo"),
           ("Turkey", "Ankara"), ("Brazil", "Brasilia"), ("Mexico", "Mexico City"), ("Nigeria", "Abuja"),
           ("Kenya", "Nairobi"), ("Ethiopia", "Addis Ababa"), ("France", "Paris"), ("Germany", "Berlin"),
           ("Japan", "Tokyo"), ("Indonesia", "Jakarta"), ("Colombia", "Bogota"), ("Saudi Arabia", "Riyadh"),
           ("South Africa", "Pretoria"), ("Venezuela", "Caracas"))
_PLACEHOLDER = re.compile(r"\{(country_[123]|city)\}")
_TITLE_WORD = re.compile(r"(?<![\w'’-])([A-Z][a-z][a-z'’-]*)")


def fill_title(template: str, rng: random.Random) -> tuple[str, str]:
    """(headline, plain sentence) for a title template: placeholders filled with distinct states
    (the city is the capital of one of them or of another state), Title Case lowered in the
    sentence except for the names filled in and the first word."""
    states = rng.sample(_STATES, 4)
    names = {"country_1": states[0][0], "country_2": states[1][0], "country_3": states[2][0],
             "city": states[rng.choice((0, 3))][1]}
    headline = _PLACEHOLDER.sub(lambda m: names[m.group(1)], " ".join(template.split()))
    parts = _PLACEHOLDER.split(" ".join(template.split()))
    out = []
    for k, part in enumerate(parts):
        if k % 2:
            out.append(names[part])
        else:
            out.append(_TITLE_WORD.sub(lambda m: m.group(1).lower(), part))
    sentence = "".join(out).strip()
    sentence = sentence[:1].upper() + sentence[1:]
    if sentence[-1:] not in ".!?":
        sentence += "."
    return headline, sentence


def title_set(seed: int):
    """Distinct title templates with label and mode (one label per template in the data), filled."""
    df = load_synthetic().drop_duplicates("title").sort_values("title")
    rng = random.Random(seed)
    rows = []
    for title, label, mode in zip(df["title"], df["label"], df["mode"]):
        headline, sentence = fill_title(title, rng)
        rows.append((title, headline, sentence, label, mode if isinstance(mode, str) else None))
    return rows


def confusion_table(confusion: Counter) -> str:
    """Gold rows, predicted columns, counts (blank for zero)."""
    gold = sorted({g for g, _ in confusion})
    pred = sorted({p for _, p in confusion})
    width = 5
    head = " " * 10 + "".join(p[:width - 1].rjust(width) for p in pred)
    lines = [head]
    for g in gold:
        cells = "".join((str(confusion[(g, p)]) if confusion[(g, p)] else ".").rjust(width) for p in pred)
        lines.append(g[:9].ljust(10) + cells)
    return "\n".join(lines)


def bench_titles(nlp, seed: int, show_errors: int = 0) -> tuple[dict, str]:
    rows = title_set(seed)
    docs = run(nlp, [r[2] for r in rows])
    correct = correct_mode = with_mode = n_events = 0
    confusion: Counter = Counter()
    errors = []
    for (template, _headline, sentence, label, mode), doc in zip(rows, docs):
        n_events += len(doc._.events)
        ev = main_event(doc._.events)
        pred = ev.type if ev is not None else "NONE"
        confusion[(label, pred)] += 1
        correct += pred == label
        if pred != label:
            errors.append(f"  {label}/{mode} -> {pred}/{ev.mode if ev else ''} [{ev.rule if ev else ''}]: {sentence}")
        elif mode is not None:
            with_mode += 1
            correct_mode += (ev.mode or "").upper() == mode.upper()
    per_type = {}
    for lab in sorted({g for g, _ in confusion}):
        tot = sum(c for (g, _), c in confusion.items() if g == lab)
        per_type[lab] = f"{confusion[(lab, lab)]}/{tot}"
    result = {"titles": len(rows), "type_accuracy": round(correct / len(rows), 3),
              "mode_accuracy_when_type_right": round(correct_mode / max(with_mode, 1), 3),
              "with_gold_mode": with_mode, "events_per_sentence": round(n_events / len(rows), 2),
              "per_type": per_type,
              "top_confusions": [f"{g}->{p}: {c}" for (g, p), c in confusion.most_common(60) if g != p][:15]}
    # the same titles as printed headlines (Title Case kept): how much the tagger's trouble with it costs
    headline_docs = run(nlp, [r[1] for r in rows])
    headline_right = sum((ev.type if (ev := main_event(d._.events)) is not None else "NONE") == r[3]
                         for r, d in zip(rows, headline_docs))
    result["type_accuracy_title_case_kept"] = round(headline_right / len(rows), 3)
    table = confusion_table(confusion)
    if show_errors:
        table += "\n" + "\n".join(errors[:show_errors])
    return result, table


def bench_headline_stories(nlp, n: int, seed: int) -> dict:
    """The same story sample as bench_synthetic, the filled title as the first paragraph."""
    df = load_synthetic().sample(n=n, random_state=seed)
    filled = {t: h for t, h, _s, _l, _m in title_set(seed)}
    docs = run(nlp, [f"{filled[t]}\n\n{body}" for t, body in zip(df["title"], df["text"])])
    correct = correct_mode = with_mode = 0
    for label, mode, doc in zip(df["label"], df["mode"], docs):
        ev = story_event(doc)
        pred = ev.type if ev is not None else "NONE"
        correct += pred == label
        if isinstance(mode, str) and pred == label:
            with_mode += 1
            correct_mode += (ev.mode or "").upper() == mode.upper()
    return {"stories": n, "type_accuracy_headline_plus_body": round(correct / n, 3),
            "mode_accuracy_when_type_right": round(correct_mode / max(with_mode, 1), 3)}


def bench_speed(seed: int) -> dict:
    from detente.nlp import DETENTE_COMPONENTS, load_pipeline

    rows, _ = load_conflibert()
    random.Random(seed).shuffle(rows)
    texts = [t for t, _ in rows[:300]] + list(load_synthetic().sample(n=40, random_state=seed)["text"])
    words = sum(len(t.split()) for t in texts)
    out = {"words": words}
    docs = []
    # without first, then with, then without again: the order must not decide the result
    for label, comps in (("without_events", tuple(c for c in DETENTE_COMPONENTS if c != "detente_events")),
                         ("with_events", DETENTE_COMPONENTS),
                         ("without_events_again", tuple(c for c in DETENTE_COMPONENTS if c != "detente_events"))):
        nlp = load_pipeline(comps)
        run(nlp, texts[:20])  # warm up
        best = float("inf")
        for _ in range(2):  # the machine is shared: the better of two runs
            t0 = time.perf_counter()
            done = run(nlp, texts)
            best = min(best, time.perf_counter() - t0)
        out[f"{label}_words_per_s"] = round(words / best)
        if label == "without_events":
            docs = done
    # the coder alone, on the same parsed documents (those of the run without it)
    coder = load_pipeline().get_pipe("detente_events")
    t0 = time.perf_counter()
    for doc in docs:
        coder(doc)
    out["detente_events_alone_words_per_s"] = round(words / (time.perf_counter() - t0))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--conflibert", type=int, default=600, help="sentences sampled (0: skip)")
    ap.add_argument("--synthetic", type=int, default=300, help="stories sampled (0: skip)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--titles", action=argparse.BooleanOptionalAction, default=True,
                    help="sentence-level titles, and headline + body stories when --synthetic is not 0")
    ap.add_argument("--errors", type=int, default=0, help="print this many title errors")
    ap.add_argument("--speed", action="store_true")
    args = ap.parse_args(argv)
    if not CONFLIBERT.exists() or not SYNTHETIC.exists():
        print("../shared/dev is not present: nothing to measure", file=sys.stderr)
        return 1
    from detente.nlp import load_pipeline

    nlp = load_pipeline()
    if args.conflibert:
        t0 = time.perf_counter()
        print("conflibert", bench_conflibert(nlp, args.conflibert, args.seed), f"({time.perf_counter() - t0:.0f}s)")
    if args.synthetic:
        t0 = time.perf_counter()
        print("synthetic", bench_synthetic(nlp, args.synthetic, args.seed), f"({time.perf_counter() - t0:.0f}s)")
    if args.titles:
        t0 = time.perf_counter()
        result, table = bench_titles(nlp, args.seed, args.errors)
        print("titles (sentence level)", result, f"({time.perf_counter() - t0:.0f}s)")
        print(table)
        if args.synthetic:
            t0 = time.perf_counter()
            print("synthetic headline+body", bench_headline_stories(nlp, args.synthetic, args.seed),
                  f"({time.perf_counter() - t0:.0f}s)")
    if args.speed:
        print("speed", bench_speed(args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
