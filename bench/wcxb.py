"""Main-text extraction on WCXB: bare trafilatura against detente's HTML reader + cleaner.

    .venv/bin/python bench/wcxb.py [--limit N] [--quiet]

Reads ../shared/dev/wcxb (html/NNNN.html.gz and ground-truth/NNNN.json, see its README) at
run time. For every page, in one run:
  (a) bare: `trafilatura.extract(html)` with trafilatura's defaults;
  (b) detente: the page read by `detente.ingest.read` (which uses trafilatura with
      detente's settings) and cleaned by `detente.clean.articles_from`; the article text.
Scores are WCXB's word-level bag-of-words precision, recall and F1 against the gold
`main_content` (lower-cased `\\w+` tokens), averaged over pages. Prints one row per page,
the means per page type and overall.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import trafilatura

from detente.clean import articles_from
from detente.ingest import read
from detente.model import Document

ROOT = Path(__file__).resolve().parents[1]
WCXB = ROOT.parent / "shared" / "dev" / "wcxb"
_TOKEN = re.compile(r"\w+")


def scores(predicted: str, reference: str) -> tuple[float, float, float]:
    """Precision, recall, F1 over bags of lower-cased word tokens (as WCXB's README defines)."""
    pred = Counter(_TOKEN.findall(predicted.lower()))
    ref = Counter(_TOKEN.findall(reference.lower()))
    if not ref:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 0.0, 0.0)
    if not pred:
        return 0.0, 0.0, 0.0
    overlap = sum((pred & ref).values())
    p, r = overlap / sum(pred.values()), overlap / sum(ref.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bare(path: Path) -> str:
    return trafilatura.extract(gzip.decompress(path.read_bytes())) or ""


def ours(path: Path) -> str:
    texts = []
    for item in read([str(path)], input_format="html"):
        if isinstance(item, Document):
            texts.extend(article.text for article in articles_from(item))
    return "\n\n".join(texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    parser.add_argument("--quiet", action="store_true", help="no per-page rows")
    args = parser.parse_args()
    if not (WCXB / "html").is_dir():
        print(f"{WCXB} is not present; nothing to measure", file=sys.stderr)
        return 1
    logging.disable(logging.WARNING)  # trafilatura and the readers log per page
    truths = sorted((WCXB / "ground-truth").glob("*.json"))
    if args.limit:
        truths = truths[: args.limit]
    rows = []
    timing = {"bare": 0.0, "detente": 0.0}
    if not args.quiet:
        print(f"{'page':<6} {'type':<14} {'bare F1':>8} {'detente F1':>11}")
    for truth_path in truths:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        reference = truth["ground_truth"]["main_content"] or ""
        page_type = truth.get("_internal", {}).get("page_type", {}).get("primary", "?")
        html = WCXB / "html" / f"{truth_path.stem}.html.gz"
        results = {}
        for name, extract in (("bare", bare), ("detente", ours)):
            start = time.perf_counter()
            results[name] = scores(extract(html), reference)
            timing[name] += time.perf_counter() - start
        rows.append((truth_path.stem, page_type, results["bare"], results["detente"]))
        if not args.quiet:
            print(f"{truth_path.stem:<6} {page_type:<14} {results['bare'][2]:>8.3f} {results['detente'][2]:>11.3f}")

    by_type: dict[str, list] = defaultdict(list)
    for row in rows:
        by_type[row[1]].append(row)
    print(f"\n{'type':<14} {'pages':>5}  {'bare P':>7} {'bare R':>7} {'bare F1':>8}  "
          f"{'ours P':>7} {'ours R':>7} {'ours F1':>8}")
    for page_type, group in sorted(by_type.items()) + [("ALL", rows)]:
        mean = [[sum(row[k][m] for row in group) / len(group) for m in range(3)] for k in (2, 3)]
        print(f"{page_type:<14} {len(group):>5}  " + "  ".join(
            " ".join(f"{v:>7.3f}" for v in values[:2]) + f" {values[2]:>8.3f}" for values in mean))
    n = len(rows)
    print(f"\nmean word F1 over {n} pages: bare trafilatura {sum(r[2][2] for r in rows) / n:.4f}, "
          f"detente {sum(r[3][2] for r in rows) / n:.4f}")
    print(f"time: bare {timing['bare']:.1f}s, detente {timing['detente']:.1f}s")
    worse = sum(1 for r in rows if r[3][2] < r[2][2] - 1e-9)
    better = sum(1 for r in rows if r[3][2] > r[2][2] + 1e-9)
    print(f"pages where detente is better: {better}, worse: {worse}, equal: {n - better - worse}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
