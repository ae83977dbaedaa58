"""Accuracy of the event coder on the dev sets in ../shared/dev (read at run time only), each
with a locked part whose errors are never printed.

    .venv/bin/python bench/events.py [--sets conflibert,m2e2,rams,ngec,wcxb] [--m2e2-none 800]
                                     [--synthetic 300] [--errors N] [--seed 13] [--speed] [--no-roles]

Every dev item has a deterministic part: `locked(key)` (a CRC-32 of a stable key: the
normalised sentence for ConfliBERT, the document id for M2E2 and RAMS, the title template for
NGEC, the file id for WCXB) puts ~30% of each set in the locked part. Figures are printed for
the tuned and the locked part side by side; `--errors N` prints errors of the tuned part only.

Measures (per set where the gold gives them):
- type: ConfliBERT's 5-way quad class of the sentence's main event (CAMEO 01-02 statements and
  appeals are 0, no event is 0); M2E2 and RAMS: the PLOVER type of the event at the gold
  trigger (ACE/AIDA types mapped: attack ASSAULT, demonstrate PROTEST, meet/discussion/negotiate
  CONSULT, arrest COERCE, aid AID, threaten THREATEN, request REQUEST, agreements AGREE);
  NGEC: the story's labelled PLOVER type, and the title templates' type and mode.
- source / target / both correct, over events whose type is right and whose gold names that
  side: a span the coder read the side from (`Event.arguments`) overlaps a gold span of that
  side. A reciprocal gold party (ConfliBERT R, a meeting's participants/entities) counts for
  either side; with two or more of them, both sides need two different ones found. The gold
  of these sets gives no actor codes, so the country check is not made here.
- type_acc_gold_with_party: the same over gold events whose gold names at least one party
  (an event with no actor at all is no event data, and the coder gives none).
- dyadic share: events with both a source and a target actor, over all events output;
  sideless share: events with neither; events per sentence.
- M2E2: events per sentence in sentences with no gold event at all (over-generation).
- WCXB: events per 1,000 words on non-political pages (political: a politics/world/government
  section in the URL path or such a topic tag in the page's metadata; no labels committed).
- --speed: words/second of the whole pipeline with and without detente_events.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
import unicodedata
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "dev"
CONFLIBERT = DEV / "conflibert"
SYNTHETIC = DEV / "ngec-synthetic" / "gpt_synthetic_events_2023-10-19_19.csv.zip"
M2E2 = DEV / "m2e2" / "m2e2_text_events.jsonl"
RAMS = DEV / "rams" / "dev_flat.jsonl"
WCXB = DEV / "wcxb"
LOCKED_PERCENT = 30
PARTS = ("tuned", "locked")


def locked(key: str) -> bool:
    """The fixed ~30% of a set whose errors nobody reads: a CRC-32 of a stable key."""
    return zlib.crc32(key.encode("utf-8")) % 100 < LOCKED_PERCENT


def part(key: str) -> str:
    return "locked" if locked(key) else "tuned"


def _key_chars(text: str) -> list[int]:
    """Positions of letters and digits (not modifier letters such as ʼ): a tokenisation-proof index."""
    return [i for i, ch in enumerate(text) if unicodedata.category(ch)[0] in "LN" and unicodedata.category(ch) != "Lm"]


def _norm(text: str) -> str:
    return "".join(text[i] for i in _key_chars(text)).lower()


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


def argument_spans(doc, ev) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans each side of an event was read from (Event.arguments; before it existed,
    the coder's spaCy spans on the Doc)."""
    args = getattr(ev, "arguments", None)
    if args is not None and (args.source or args.target):
        return [(s.start, s.end) for s in args.source], [(s.start, s.end) for s in args.target]
    legacy = doc._.event_arguments[doc._.events.index(ev)]
    return ([(s.start_char, s.end_char) for s in legacy["source"]],
            [(s.start_char, s.end_char) for s in legacy["target"]])


# ---------------------------------------------------------------------------- role scoring
@dataclass
class Gold:
    """One gold event: its part, its type or quad class, its trigger and its parties (char spans)."""
    key: str
    type: str | None = None
    quad: int | None = None
    trigger: tuple[int, int] | None = None
    source: list[tuple[int, int]] = field(default_factory=list)
    target: list[tuple[int, int]] = field(default_factory=list)
    both: list[tuple[int, int]] = field(default_factory=list)  # reciprocal parties


def _overlaps(ours: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[int]:
    return [k for k, (gs, ge) in enumerate(gold) if any(s < ge and gs < e for s, e in ours)]


def role_scores(gold: Gold, src: list[tuple[int, int]], tgt: list[tuple[int, int]]) -> dict[str, bool | None]:
    """Source, target and both right (None where the gold does not name that side)."""
    both_found = _overlaps(src + tgt, gold.both)
    has_source = bool(gold.source or gold.both)
    has_target = bool(gold.target) or (len(gold.both) >= 2) or bool(gold.both and gold.source)
    source = bool(_overlaps(src, gold.source)) if gold.source else (bool(both_found) if gold.both else None)
    if gold.target:
        target = bool(_overlaps(tgt, gold.target))
    elif has_target:
        target = len(both_found) >= (1 if gold.source else 2)
    else:
        target = None
    both = (bool(source) and bool(target)) if has_source and has_target else None
    return {"source": source, "target": target, "both": both}


class Tally:
    """Counts for one part of one set."""

    def __init__(self) -> None:
        self.c: Counter = Counter()

    def add_doc(self, doc, sentences: int | None = None) -> None:
        evs = doc._.events or []
        self.c["sentences"] += sentences if sentences is not None else sum(1 for _ in doc.sents)
        self.c["events"] += len(evs)
        self.c["dyadic"] += sum(1 for e in evs if e.source and e.target)
        self.c["sideless"] += sum(1 for e in evs if not e.source and not e.target)

    def add_gold(self, gold: Gold, ev, type_right: bool, src, tgt) -> None:
        self.c["gold"] += 1
        self.c["type_right"] += type_right
        if gold.source or gold.target or gold.both:
            self.c["gold_with_party"] += 1  # an event with no party at all cannot be event data
            self.c["type_right_with_party"] += type_right
        if not type_right:
            return
        for side, ok in role_scores(gold, src, tgt).items():
            if ok is not None:
                self.c[f"with_{side}"] += 1
                self.c[f"{side}_right"] += ok

    def figures(self) -> dict:
        c = self.c
        out = {"n": c["gold"] or c["sentences"]}
        if c["gold"]:
            out["type_acc"] = round(c["type_right"] / c["gold"], 3)
            if c["gold_with_party"] and c["gold_with_party"] < c["gold"]:
                out["type_acc_gold_with_party"] = f'{c["type_right_with_party"] / c["gold_with_party"]:.3f} of {c["gold_with_party"]}'
            for side in ("source", "target", "both"):
                if c[f"with_{side}"]:
                    out[f"{side}_right"] = f'{c[f"{side}_right"] / c[f"with_{side}"]:.3f} of {c[f"with_{side}"]}'
        if c["sentences"]:
            out["events_per_sentence"] = round(c["events"] / c["sentences"], 2)
        if c["events"]:
            out["dyadic_share"] = round(c["dyadic"] / c["events"], 3)
            out["sideless_share"] = round(c["sideless"] / c["events"], 3)
        for extra in ("empty_sentences", "empty_events", "words", "pages"):
            if c[extra]:
                out[extra] = c[extra]
        if c["empty_sentences"]:
            out["events_per_empty_sentence"] = round(c["empty_events"] / c["empty_sentences"], 3)
        if c["words"]:
            out["events_per_1000_words"] = round(1000 * c["events"] / c["words"], 2)
        return out


def show(name: str, tallies: dict[str, Tally], seconds: float) -> None:
    print(f"{name} ({seconds:.0f}s)")
    for p in PARTS:
        print(f"  {p:7s}", tallies[p].figures())


def pick(events, gold: Gold, text_sent: tuple[int, int] | None):
    """Our event for a gold event: at its trigger, else of its type in its sentence, else the main one there."""
    if gold.trigger is None:
        return main_event(events)
    ts, te = gold.trigger
    inside = [e for e in events if text_sent is None or text_sent[0] <= e.trigger.start < text_sent[1]]
    at = [e for e in inside if e.trigger.start < te and ts < e.trigger.end and not e.negated]
    if at:
        return max(at, key=lambda e: (e.type == gold.type, e.confidence))
    typed = [e for e in inside if e.type == gold.type and not e.negated]
    if typed:
        return min(typed, key=lambda e: abs(e.trigger.start - ts))
    return main_event(inside)


def error_line(gold: Gold, ev, text: str, src, tgt) -> str:
    def cut(spans):
        return [text[s:e] for s, e in spans]
    got = f"{ev.type}/{ev.rule} src={cut(src)} tgt={cut(tgt)}" if ev else "NONE"
    return (f"  gold {gold.type or gold.quad} S={cut(gold.source)} T={cut(gold.target)} R={cut(gold.both)}"
            f" | ours {got}\n    {text[:300]}")


def _token_offsets(tokens: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for tok in tokens:
        out.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return out


def _char_span(offsets, start: int, end_exclusive: int) -> tuple[int, int]:
    return offsets[start][0], offsets[end_exclusive - 1][1]


# ---------------------------------------------------------------------------- ConfliBERT
def bench_conflibert_class(nlp, errors: int) -> dict[str, Tally]:
    rows = []
    for line in (CONFLIBERT / "cameo_class_train.tsv").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            text, label = line.rsplit("\t", 1)
            rows.append((text, int(label)))
    docs = run(nlp, [t for t, _ in rows])
    tallies = {p: Tally() for p in PARTS}
    shown = 0
    for (text, label), doc in zip(rows, docs):
        p = part(_norm(text))
        t = tallies[p]
        t.add_doc(doc, sentences=1)
        ev = main_event(doc._.events)
        pred = conflibert_class(ev)
        t.c["gold"] += 1
        t.c["type_right"] += pred == label
        if p == "tuned" and pred != label and shown < errors:
            shown += 1
            print(f"  class {label} -> {pred} [{ev.type + '/' + ev.rule if ev else ''}]: {text[:200]}")
    return tallies


def bench_conflibert_tagged(nlp, errors: int) -> dict[str, Tally]:
    items = []
    for line in (CONFLIBERT / "cameo_ner_train.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d.get("pentaclass") is None:
            continue  # its class is not given: whether the type is right cannot be told
        offs = _token_offsets(d["tokens"])
        g = Gold(key=_norm(d["text"]), quad=int(d["pentaclass"]),
                 source=[_char_span(offs, s["start"], s["end"]) for s in d["source_spans"]],
                 target=[_char_span(offs, s["start"], s["end"]) for s in d["target_spans"]],
                 both=[_char_span(offs, s["start"], s["end"]) for s in d["reciprocal_spans"]])
        items.append((" ".join(d["tokens"]), g))
    docs = run(nlp, [t for t, _ in items])
    tallies = {p: Tally() for p in PARTS}
    shown = 0
    for (text, g), doc in zip(items, docs):
        p = part(g.key)
        tallies[p].add_doc(doc, sentences=1)
        ev = main_event(doc._.events)
        right = ev is not None and conflibert_class(ev) == g.quad
        src, tgt = argument_spans(doc, ev) if ev is not None else ([], [])
        tallies[p].add_gold(g, ev, right, src, tgt)
        if p == "tuned" and right and shown < errors and not role_scores(g, src, tgt)["both"]:
            shown += 1
            print(error_line(g, ev, text, src, tgt))
    return tallies


# ---------------------------------------------------------------------------- M2E2 (ACE roles)
M2E2_TYPES = {"Conflict:Attack": "ASSAULT", "Conflict:Demonstrate": "PROTEST", "Contact:Meet": "CONSULT",
              "Contact:Phone-Write": "CONSULT", "Justice:Arrest-Jail": "COERCE"}
M2E2_SOURCE = {"Attacker", "Agent", "Giver"}
M2E2_TARGET = {"Target", "Victim", "Person", "Recipient"}
M2E2_BOTH = {"Entity"}


def bench_m2e2(nlp, n_empty: int, seed: int, errors: int) -> dict[str, Tally]:
    with_events, empty = [], []
    for line in M2E2.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        (with_events if d["events"] else empty).append(d)
    random.Random(seed).shuffle(empty)
    rows = with_events + empty[:n_empty]
    texts = [" ".join(d["words"]) for d in rows]
    docs = run(nlp, texts)
    tallies = {p: Tally() for p in PARTS}
    shown = 0
    for d, text, doc in zip(rows, texts, docs):
        p = part(d["doc_id"])
        t = tallies[p]
        t.add_doc(doc, sentences=1)
        if not d["events"]:
            t.c["empty_sentences"] += 1
            t.c["empty_events"] += len(doc._.events)
            continue
        offs = _token_offsets(d["words"])
        for e in d["events"]:
            etype = M2E2_TYPES.get(e["event_type"])
            if etype is None:
                continue
            roles = defaultdict(list)
            for a in e["arguments"]:
                roles[a["role"]].append(_char_span(offs, a["start"], a["end"]))
            g = Gold(key=d["doc_id"], type=etype, trigger=_char_span(offs, e["trigger"]["start"], e["trigger"]["end"]),
                     source=[s for r in M2E2_SOURCE for s in roles[r]], target=[s for r in M2E2_TARGET for s in roles[r]],
                     both=[s for r in M2E2_BOTH for s in roles[r]])
            ev = pick(doc._.events, g, None)
            right = ev is not None and ev.type == etype
            src, tgt = argument_spans(doc, ev) if ev is not None else ([], [])
            t.add_gold(g, ev, right, src, tgt)
            if p == "tuned" and shown < errors and (not right or not role_scores(g, src, tgt)["both"]):
                shown += 1
                print(error_line(g, ev, text, src, tgt))
    return tallies


# ---------------------------------------------------------------------------- RAMS (AIDA roles)
RAMS_TYPES = {"conflict.attack": "ASSAULT", "conflict.demonstrate": "PROTEST", "contact.discussion": "CONSULT",
              "contact.negotiate": "CONSULT", "justice.arrestjaildetain": "COERCE",
              "transaction.transfermoney.giftgrantprovideaid": "AID", "contact.threatencoerce": "THREATEN",
              "contact.requestadvise": "REQUEST", "government.agreements": "AGREE"}
RAMS_SOURCE = {"attacker", "giver", "communicator", "jailer", "demonstrator"}
RAMS_TARGET = {"target", "recipient", "beneficiary", "detainee"}
RAMS_BOTH = {"participant", "otherparticipant"}


def _rams_type(event_type: str) -> str | None:
    return next((v for k, v in RAMS_TYPES.items() if event_type.startswith(k)), None)


def bench_rams(nlp, errors: int) -> dict[str, Tally]:
    rows = [json.loads(line) for line in RAMS.read_text(encoding="utf-8").splitlines()]
    docs = run(nlp, [d["text"] for d in rows])
    tallies = {p: Tally() for p in PARTS}
    shown = 0
    for d, doc in zip(rows, docs):
        p = part(d["doc_key"])
        t = tallies[p]
        t.add_doc(doc)
        etype = _rams_type(d["event_type"])
        if etype is None:
            continue
        offs = _token_offsets(d["text"].split(" "))
        roles = defaultdict(list)
        for a in d["arguments"]:
            roles[a["role"]].append(_char_span(offs, a["start"], a["end"] + 1))
        trig = _char_span(offs, d["trigger"]["start"], d["trigger"]["end"] + 1)
        sent = next(((s.start_char, s.end_char) for s in doc.sents if s.start_char <= trig[0] < s.end_char), None)
        g = Gold(key=d["doc_key"], type=etype, trigger=trig,
                 source=[s for r in RAMS_SOURCE for s in roles[r]], target=[s for r in RAMS_TARGET for s in roles[r]],
                 both=[s for r in RAMS_BOTH for s in roles[r]])
        ev = pick(doc._.events, g, sent)
        right = ev is not None and ev.type == etype
        src, tgt = argument_spans(doc, ev) if ev is not None else ([], [])
        t.add_gold(g, ev, right, src, tgt)
        if p == "tuned" and shown < errors and (not right or not role_scores(g, src, tgt)["both"]):
            shown += 1
            s0, s1 = sent or (0, 300)
            print(error_line(g, ev, d["text"], src, tgt).split("\n")[0] + "\n    " + d["text"][s0:s1][:300])
    return tallies


# ---------------------------------------------------------------------------- NGEC synthetic
def load_synthetic():
    import pandas as pd

    with zipfile.ZipFile(SYNTHETIC) as z:
        with z.open(z.namelist()[0]) as fh:
            return pd.read_csv(fh)


def bench_synthetic(nlp, n: int, seed: int) -> dict[str, Tally]:
    df = load_synthetic().sample(n=n, random_state=seed)
    docs = run(nlp, list(df["text"]))
    tallies = {p: Tally() for p in PARTS}
    for title, label, doc in zip(df["title"], df["label"], docs):
        t = tallies[part(title)]
        t.add_doc(doc)
        ev = story_event(doc)
        t.c["gold"] += 1
        t.c["type_right"] += (ev.type if ev is not None else "NONE") == label
    return tallies


# ---------------------------------------------------------------------------- WCXB web pages
_POLITICAL_SECTIONS = re.compile(r"/(?:politics|political|world|government|elections?|international|"
                                 r"foreign-policy|diplomacy|war|military|defen[cs]e|geopolitics|us-news|nation)(?:/|$)", re.I)
_POLITICAL_TAGS = frozenset({"politics", "government", "world", "world-news", "international", "elections", "election",
                             "diplomacy", "war", "military", "geopolitics", "foreign-policy", "policy", "conflict",
                             "sanctions", "defense", "defence"})


def political_page(meta: dict) -> bool:
    """A page about politics by its own metadata: the URL's section or the page's topic tags."""
    from urllib.parse import urlparse

    tags = {str(t).lower() for t in ((meta.get("_internal") or {}).get("page_type") or {}).get("tags") or []}
    return bool(_POLITICAL_SECTIONS.search(urlparse(meta.get("url") or "").path)) or bool(tags & _POLITICAL_TAGS)


def bench_wcxb(nlp, errors: int, limit: int | None = None) -> dict[str, Tally]:
    from detente.clean import articles_from
    from detente.ingest import read
    from detente.model import Document
    from detente.pipeline import _docs

    pages = sorted((WCXB / "html").glob("*.html.gz"))[:limit]
    tallies = {p: Tally() for p in (*PARTS, "political")}
    shown = 0
    for path in pages:
        file_id = path.name.split(".")[0]
        meta = json.loads((WCXB / "ground-truth" / f"{file_id}.json").read_text(encoding="utf-8"))
        articles = [a for item in read([str(path)], input_format="html") if isinstance(item, Document)
                    for a in articles_from(item)]
        t = tallies["political" if political_page(meta) else part(file_id)]
        t.c["pages"] += 1
        for doc in nlp.pipe(_docs(nlp, articles)):
            t.add_doc(doc)
            t.c["words"] += len(doc.text.split())
            if t is tallies["tuned"]:
                for ev in doc._.events:
                    if shown < errors:
                        shown += 1
                        sent = doc.text[ev.sentence.start:ev.sentence.end]
                        print(f"  {file_id} {ev.type}/{ev.rule} {[a.name for a in ev.source]}->"
                              f"{[a.name for a in ev.target]}: {sent[:200]}")
    return tallies
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


def bench_titles(nlp, seed: int, errors: int) -> tuple[dict[str, Tally], str]:
    """Title templates as plain sentences: type accuracy, mode accuracy when the type is right,
    and the tuned part's confusion table."""
    rows = title_set(seed)
    docs = run(nlp, [r[2] for r in rows])
    tallies = {p: Tally() for p in PARTS}
    confusion: Counter = Counter()
    shown = 0
    for (template, _headline, sentence, label, mode), doc in zip(rows, docs):
        p = part(template)
        t = tallies[p]
        t.add_doc(doc, sentences=1)
        ev = main_event(doc._.events)
        pred = ev.type if ev is not None else "NONE"
        t.c["gold"] += 1
        t.c["type_right"] += pred == label
        if p == "tuned":
            confusion[(label, pred)] += 1
            if pred != label and shown < errors:
                shown += 1
                print(f"  {label}/{mode} -> {pred}/{ev.mode if ev else ''} [{ev.rule if ev else ''}]: {sentence}")
        if pred == label and mode is not None:
            t.c["with_mode"] += 1
            t.c["mode_right"] += (ev.mode or "").upper() == mode.upper()
    return tallies, confusion_table(confusion)


def bench_speed(seed: int) -> dict:
    from detente.nlp import DETENTE_COMPONENTS, load_pipeline

    rows = [line.rsplit("\t", 1)[0] for line in (CONFLIBERT / "cameo_class_train.tsv").read_text(
        encoding="utf-8").splitlines() if "\t" in line]
    random.Random(seed).shuffle(rows)
    texts = rows[:300] + list(load_synthetic().sample(n=40, random_state=seed)["text"])
    words = sum(len(t.split()) for t in texts)
    out = {"words": words}
    for label, comps in (("without_events", tuple(c for c in DETENTE_COMPONENTS if c != "detente_events")),
                         ("with_events", DETENTE_COMPONENTS),
                         ("without_events_again", tuple(c for c in DETENTE_COMPONENTS if c != "detente_events"))):
        nlp = load_pipeline(comps)
        run(nlp, texts[:20])  # warm up
        best = float("inf")
        for _ in range(2):  # the machine is shared: the better of two runs
            t0 = time.perf_counter()
            run(nlp, texts)
            best = min(best, time.perf_counter() - t0)
        out[f"{label}_words_per_s"] = round(words / best)
    return out


SETS = ("conflibert", "m2e2", "rams", "ngec", "wcxb")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {','.join(SETS)}")
    ap.add_argument("--m2e2-none", type=int, default=800, help="M2E2 sentences without events sampled")
    ap.add_argument("--synthetic", type=int, default=300, help="NGEC stories sampled")
    ap.add_argument("--wcxb", type=int, default=None, help="first N WCXB pages (default all)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--errors", type=int, default=0, help="print this many errors of each set's tuned part")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--no-roles", action="store_true", help="the rules alone: the learned role tagger off")
    args = ap.parse_args(argv)
    if not DEV.exists():
        print("../shared/dev is not present: nothing to measure", file=sys.stderr)
        return 1
    from detente.nlp import load_pipeline

    nlp = load_pipeline()
    if args.no_roles:
        nlp.get_pipe("detente_events").roles = None
    print("role tagger:", "off (rules alone)" if nlp.get_pipe("detente_events").roles is None else "on")
    chosen = set(args.sets.split(","))
    print(f"locked part: crc32(key) % 100 < {LOCKED_PERCENT}; errors printed for the tuned part only")
    jobs = []
    if "conflibert" in chosen:
        jobs += [("conflibert class (quad accuracy)", lambda: bench_conflibert_class(nlp, args.errors)),
                 ("conflibert tagged (type = quad class)", lambda: bench_conflibert_tagged(nlp, args.errors))]
    if "m2e2" in chosen:
        jobs.append(("m2e2", lambda: bench_m2e2(nlp, args.m2e2_none, args.seed, args.errors)))
    if "rams" in chosen:
        jobs.append(("rams", lambda: bench_rams(nlp, args.errors)))
    if "ngec" in chosen:
        jobs.append(("ngec stories (type of the lead's event)", lambda: bench_synthetic(nlp, args.synthetic, args.seed)))
    if "wcxb" in chosen:
        jobs.append(("wcxb pages (non-political: tuned/locked)", lambda: bench_wcxb(nlp, args.errors, args.wcxb)))
    for name, job in jobs:
        t0 = time.perf_counter()
        tallies = job()
        show(name, tallies, time.perf_counter() - t0)
        if "political" in tallies:
            print("  political", tallies["political"].figures())
    if "ngec" in chosen:
        t0 = time.perf_counter()
        tallies, table = bench_titles(nlp, args.seed, args.errors)
        show("ngec titles (sentence level)", tallies, time.perf_counter() - t0)
        for p in PARTS:
            c = tallies[p].c
            print(f"  {p:7s} mode accuracy when type right: {c['mode_right'] / max(c['with_mode'], 1):.3f} of {c['with_mode']}")
        print(table)
    if args.speed:
        print("speed", bench_speed(args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
