"""Train the second look at story starts (detente/clean/bounds.py) on generated tuning pages.

    .venv/bin/python scripts/train_story_bounds.py [--pages 1000] [--seed 17]

Pages come from bench/fused_pages.py (real stories read from ../shared at run time, page lines
and house styles of the TUNING pool only; the locked pool is never used here), drawn with
`balanced=True` so that web articles weigh as much as wire stories. Each page is cleaned as at
run time (`text_page_lines`) and cut by the start model (`first_cut`); every line the start model
weighed is one example, with the features of the stories that cut puts on each side of it:
positive when the line is a story's headline (its first occurrence), negative otherwise. Unlike
the start model's training (the gold story open at each line), the cut is the model's own, as
at run time. A logistic regression (scripts/logistic.py) is written to
src/detente/clean/bounds_weights.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

from fused_pages import make_pages  # noqa: E402
from logistic import fitted, matrix, parser, print_weights, probabilities, write_weights  # noqa: E402

from detente.clean.bounds import THRESHOLD, bound_features, repeats_headline_above  # noqa: E402
from detente.clean.headlines import same_line  # noqa: E402
from detente.clean.split import IDF_BLOCK, first_cut, text_page_lines  # noqa: E402
from detente.clean.starts import page_idf  # noqa: E402

OUT = ROOT / "src" / "detente" / "clean" / "bounds_weights.py"


def examples(pages) -> tuple[list[dict[str, float]], list[int]]:
    rows, labels = [], []
    for page in pages:
        items = text_page_lines(page.text)
        scored, starts = first_cut(items)
        seen: set[int] = set()
        first_of: dict[int, int] = {}  # index of a headline's first occurrence -> story number
        for i, line in enumerate(items):
            hit = next((k for k, s in enumerate(page.stories) if same_line(s.headline, line)), None)
            if hit is not None and hit not in seen:
                seen.add(hit)
                first_of[i] = hit
        idf = page_idf(items[:IDF_BLOCK])
        for i, (first_score, first_features) in scored.items():
            if repeats_headline_above(items, i, starts):
                continue  # the first cut's decision is kept there
            rows.append(bound_features(items, i, starts, first_score, idf, first_features))
            labels.append(int(i in first_of))
    return rows, labels


def main() -> int:
    args = parser(__doc__, 1000, 17, "train on one half of the tuning stories only, and score the "
                  "lines of pages of the other half").parse_args()
    rows, labels = examples(make_pages("tuning", args.pages, args.seed, args.half, balanced=True))
    names, x, y, w = fitted(rows, labels, args.l2)
    first = np.array([r["first_yes"] for r in rows]) == 1
    p = probabilities(x, w) >= THRESHOLD
    print(f"{len(y)} weighed lines, {int(y.sum())} headlines; wrong: first cut {int((first != (y == 1)).sum())}, "
          f"second look {int((p != (y == 1)).sum())}")
    if args.half is not None:
        held_rows, held = examples(make_pages("tuning", args.pages // 2, args.seed + 1, 1 - args.half,
                                              balanced=True))
        hx, hy = matrix(held_rows, names), np.array(held) == 1
        hfirst = np.array([r["first_yes"] for r in held_rows]) == 1
        hp = probabilities(hx, w) >= THRESHOLD
        print(f"other half: {len(hy)} lines, {int(hy.sum())} headlines; wrong: first cut {int((hfirst != hy).sum())} "
              f"(missed {int((~hfirst & hy).sum())}, false {int((hfirst & ~hy).sum())}), second look "
              f"{int((hp != hy).sum())} (missed {int((~hp & hy).sum())}, false {int((hp & ~hy).sum())})")
        return 0
    write_weights(OUT, "Second-look", "train_story_bounds.py", args, names, w)
    print_weights(names, w)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
