"""Actor resolution benchmark.

1. ../shared/dev/actor-cases/actor_cases.jsonl: each mention is run through the pipeline as a
   tiny document (dated when the case gives a date), and the actor of its main mention is
   compared with the expected country and sector. Country accuracy counts every case with a
   country field (an empty country expects none); sector accuracy every case with a sector
   (sector or sector2 accepted); cases marked resolves=false must give no actor.
   The cases' "EUR" (the EU) and "UNO" (UN organs and agencies) are our IGO with org EU / a UN body.
2. ../shared/dev/gum-news/*.conllu: entity detection against GUM's gold named entities
   (person, organization and place mentions headed by a proper noun): precision, recall and F1
   of our `doc._.entities` (PERSON, ORG, GPE, LOC, FAC), matched by the gold mention's head
   token, typed (PERSON=person, ORG=organization, GPE/LOC/FAC=place, GPE also organization)
   and untyped.

    .venv/bin/python bench/actors.py [--verbose] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = SHARED / "dev" / "actor-cases" / "actor_cases.jsonl"
GUM = SHARED / "dev" / "gum-news"

IGO_ALIASES = {"EUR": "EU", "UNO": "UN"}
# CAMEO's UNO covers the UN's own organs and agencies, which are organisations of their own here.
UN_SYSTEM = frozenset({"UN", "ICJ", "WHO", "IAEA", "UNICEF", "UNHCR", "WFP"})
TYPES = {"PERSON": {"person"}, "ORG": {"organization"}, "GPE": {"place", "organization"},
         "LOC": {"place"}, "FAC": {"place"}}


def main_mention(doc):
    """The mention standing for the whole description: the one at the root of its first
    sentence, else the longest one."""
    from detente.actors import mention_at

    mentions = doc._.actor_mentions or []
    if not mentions or not len(doc):
        return None
    root = next(iter(doc.sents)).root
    m = mention_at(root)
    if m is not None and m.actor is not None:
        return m
    resolved = [m for m in mentions if m.actor is not None and not m.locative] or [m for m in mentions if m.actor is not None]
    if not resolved:
        return None
    return max(resolved, key=lambda m: (m.end - m.start, -m.start))


def country_ok(expected: str, actor) -> bool:
    got = actor.country if actor is not None else None
    if not expected:
        return got is None
    if expected in IGO_ALIASES:
        if expected == "UNO":
            return got == "IGO" and actor.org in UN_SYSTEM
        return got == "IGO" and actor.org == IGO_ALIASES[expected] or got == expected
    return got == expected


def bench_cases(nlp, verbose: bool, limit: int | None) -> dict[str, float]:
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        cases = cases[:limit]

    def docs():
        for case in cases:
            doc = nlp.make_doc(case["mention"])
            doc._.published = datetime.fromisoformat(case["date"]) if case.get("date") else None
            yield doc

    n_country = ok_country = n_sector = ok_sector = n_none = ok_none = 0
    misses = []
    for case, doc in zip(cases, nlp.pipe(docs(), batch_size=64)):
        m = main_mention(doc)
        actor = m.actor if m is not None else None
        if case.get("resolves") is False:
            n_none += 1
            good = actor is None
            ok_none += good
            if not good:
                misses.append(("none", case, actor))
            continue
        if "country" in case:
            n_country += 1
            good = country_ok(case["country"], actor)
            ok_country += good
            if not good:
                misses.append(("country", case, actor))
        sector = case.get("sector")
        if sector and sector != "????":
            n_sector += 1
            got = actor.sector if actor is not None else None
            good = got in {sector, case.get("sector2")} or (got == "IGO" and sector in ("GOV",) and case.get("country") in IGO_ALIASES)
            ok_sector += good
            if not good:
                misses.append(("sector", case, actor))
    if verbose:
        for kind, case, actor in misses:
            got = (actor.id, actor.country, actor.sector) if actor else None
            print(f"  miss {kind:7} {case['mention']!r:60} want {case.get('country')!r}/{case.get('sector')!r} got {got}")
    return {"cases": len(cases), "country_n": n_country, "country_acc": ok_country / max(n_country, 1),
            "sector_n": n_sector, "sector_acc": ok_sector / max(n_sector, 1),
            "unresolvable_n": n_none, "unresolvable_acc": ok_none / max(n_none, 1)}


# ---- GUM ------------------------------------------------------------------------------------
_OPEN = re.compile(r"\((\d+)-([a-z]+)[^()|]*")
_CLOSE = re.compile(r"(\d+)\)")


def read_gum(path: Path) -> tuple[str, list[tuple[int, int, str]]]:
    """(text, gold named mentions as (head start char, head end char, etype))."""
    text_parts: list[str] = []
    pos = 0
    gold: list[tuple[int, int, str]] = []
    sent: list[dict] = []

    def flush():
        nonlocal sent
        if not sent:
            return
        open_: dict[str, list[tuple[int, str]]] = {}
        spans = []
        for k, tok in enumerate(sent):
            ent = tok["entity"]
            if ent:
                for match in re.finditer(r"\((\d+)-([a-z]+)[^()]*?(\)|(?=\(|$))|(\d+)\)", ent):
                    if match.group(1):
                        if match.group(3) == ")":
                            spans.append((k, k, match.group(2)))
                        else:
                            open_.setdefault(match.group(1), []).append((k, match.group(2)))
                    else:
                        stack = open_.get(match.group(4))
                        if stack:
                            start, etype = stack.pop()
                            spans.append((start, k, etype))
        for start, end, etype in spans:
            if etype not in ("person", "organization", "place"):
                continue
            ids = {sent[k]["id"] for k in range(start, end + 1)}
            heads = [k for k in range(start, end + 1) if sent[k]["head"] not in ids]
            if not heads:
                continue
            h = sent[heads[0]]
            if h["upos"] != "PROPN":
                continue
            gold.append((h["start"], h["end"], etype))
        sent = []

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_block"):
            if text_parts:
                text_parts.append("\n\n")
                pos += 2
            continue
        if not line.strip():
            flush()
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 10 or "-" in cols[0] or "." in cols[0]:
            continue
        if text_parts and not text_parts[-1].endswith(("\n", " ")) and sent == [] and pos > 0:
            text_parts.append(" ")
            pos += 1
        misc = cols[9]
        start = pos
        text_parts.append(cols[1])
        pos += len(cols[1])
        entity = next((f[7:] for f in misc.split("|") if f.startswith("Entity=")), "")
        sent.append({"id": cols[0], "head": cols[6], "upos": cols[3], "start": start, "end": pos, "entity": entity})
        if "SpaceAfter=No" not in misc:
            text_parts.append(" ")
            pos += 1
    flush()
    return "".join(text_parts), gold


def bench_gum(nlp, verbose: bool) -> dict[str, float]:
    files = sorted(GUM.glob("*.conllu"))
    docs = [read_gum(f) for f in files]
    tp_typed = tp_any = n_pred = n_gold = rec_typed = rec_any = 0
    for (text, gold), doc in zip(docs, nlp.pipe((t for t, _ in docs), batch_size=4)):
        preds = [e for e in doc._.entities if e.label in TYPES]
        n_pred += len(preds)
        n_gold += len(gold)
        for e in preds:
            hits = [g for g in gold if e.start <= g[0] and g[1] <= e.end]
            tp_any += bool(hits)
            if verbose and not hits:
                print(f"  spurious    {e.label:12} {e.text!r}")
            tp_typed += any(g[2] in TYPES[e.label] for g in hits)
        for g in gold:
            hits = [e for e in preds if e.start <= g[0] and g[1] <= e.end]
            rec_any += bool(hits)
            rec_typed += any(g[2] in TYPES[e.label] for e in hits)
            if verbose and not hits:
                print(f"  missed gold {g[2]:12} {text[g[0]:g[1]]!r}")
            elif verbose and not any(g[2] in TYPES[e.label] for e in hits):
                print(f"  wrong type  {g[2]:12} {text[g[0]:g[1]]!r} as {hits[0].label} {hits[0].text!r}")

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    p_t, r_t = tp_typed / max(n_pred, 1), rec_typed / max(n_gold, 1)
    p_a, r_a = tp_any / max(n_pred, 1), rec_any / max(n_gold, 1)
    return {"docs": len(files), "gold": n_gold, "predicted": n_pred,
            "typed_p": p_t, "typed_r": r_t, "typed_f1": f1(p_t, r_t),
            "untyped_p": p_a, "untyped_r": r_a, "untyped_f1": f1(p_a, r_a)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    parser.add_argument("--limit", type=int, default=None, help="only the first N actor cases")
    parser.add_argument("--no-gum", action="store_true", help="skip the GUM entity benchmark")
    args = parser.parse_args(argv)
    if not CASES.exists():
        print("../shared/dev is not present: nothing to measure", file=sys.stderr)
        return 0
    from detente.nlp import load_pipeline

    nlp = load_pipeline(("detente_actors",))
    cases = bench_cases(nlp, args.verbose, args.limit)
    print(f"actor cases: {cases['cases']} | country {cases['country_acc']:.1%} of {cases['country_n']} "
          f"(target 90%) | sector {cases['sector_acc']:.1%} of {cases['sector_n']} (target 80%) | "
          f"unresolvable {cases['unresolvable_acc']:.1%} of {cases['unresolvable_n']}")
    if not args.no_gum and GUM.exists():
        gum = bench_gum(nlp, args.verbose)
        print(f"gum-news entities: {gum['docs']} docs, {gum['gold']} gold, {gum['predicted']} predicted | "
              f"typed P {gum['typed_p']:.1%} R {gum['typed_r']:.1%} F1 {gum['typed_f1']:.1%} | "
              f"untyped P {gum['untyped_p']:.1%} R {gum['untyped_r']:.1%} F1 {gum['untyped_f1']:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
