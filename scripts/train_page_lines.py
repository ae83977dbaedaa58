"""Train the line-role model (detente/clean/lineroles.py) on generated fused pages of the tuning pool.

    .venv/bin/python scripts/train_page_lines.py [--pages 800] [--seed 13]

Pages come from bench/fused_pages.py (real stories read from ../shared at run time, page lines
and house styles of the TUNING pool only; the locked pool is never used here). Every short line
left on a cleaned text page after the rules (boilerplate.py, pagelines.py, page repeats) is
one example: positive when it is one of the page's lines (an
interface line, a caption, a link, a promotion...), negative when it belongs to a story (its
headline, byline, credits, body). Kickers above headlines are left to the splitter. A logistic
regression with a little L2 is fitted (scripts/logistic.py) and written to
src/detente/clean/line_weights.py. The printout says how many story lines the model would take
out at the shipped threshold: that number must stay near zero, since it breaks stories.
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

from detente.clean.lineroles import MAX_WORDS, THRESHOLD, is_kicker, line_features, repeat_counts  # noqa: E402
from detente.clean.split import clean_paragraphs, paragraphs, without_page_repeats  # noqa: E402

OUT = ROOT / "src" / "detente" / "clean" / "line_weights.py"


def _norm(line: str) -> str:
    return " ".join(line.split())


def examples(pages) -> tuple[list[dict[str, float]], list[int]]:
    rows, labels = [], []
    for page in pages:
        page_lines = {_norm(line) for kind, line in page.furniture if kind != "kicker"}
        kickers = {_norm(line) for kind, line in page.furniture if kind == "kicker"}
        story_lines = {_norm(p) for s in page.stories for p in (s.headline, *s.body, *s.credits)}
        items = without_page_repeats(clean_paragraphs(paragraphs(page.text)))
        repeats = repeat_counts(items)
        for i, line in enumerate(items):
            key = _norm(line)
            if line.count(" ") >= MAX_WORDS or key in kickers or is_kicker(items, i):
                continue
            positive, negative = key in page_lines, key in story_lines
            if positive == negative:
                continue  # fused with another line by the cleaner, or both a page and a story line
            rows.append(line_features(items, i, repeats))
            labels.append(int(positive))
    return rows, labels


def main() -> int:
    args = parser(__doc__, 800, 13, "train on one half of the tuning stories only, and count the story lines "
                  "taken out on pages of the other half (stories the model never saw)").parse_args()
    rows, labels = examples(make_pages("tuning", args.pages, args.seed, args.half, balanced=True))
    names, x, y, w = fitted(rows, labels, args.l2)
    p = probabilities(x, w)
    sure = p >= THRESHOLD
    print(f"{len(y)} short lines, {int(y.sum())} page lines; at p >= {THRESHOLD}: "
          f"{int((sure & (y == 1)).sum())} page lines taken, {int((sure & (y == 0)).sum())} story lines taken "
          f"(of {int((y == 0).sum())})")
    if args.half is not None:
        held_rows, held = examples(make_pages("tuning", args.pages // 2, args.seed + 1, 1 - args.half))
        hp, hy = probabilities(matrix(held_rows, names), w), np.array(held)
        for t in (0.8, 0.85, 0.9, 0.93, 0.95, 0.97):
            print(f"  other half, p >= {t}: {int(((hp >= t) & (hy == 1)).sum())}/{int(hy.sum())} page lines taken, "
                  f"{int(((hp >= t) & (hy == 0)).sum())}/{int((hy == 0).sum())} story lines taken")
        return 0
    write_weights(OUT, "Line-role", "train_page_lines.py", args, names, w)
    print_weights(names, w)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
