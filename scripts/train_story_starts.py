"""Train the story-start model (detente/clean/starts.py) on generated fused pages of the tuning pool.

    .venv/bin/python scripts/train_story_starts.py [--pages 600] [--seed 11]

Pages come from bench/fused_pages.py (real stories read from ../shared at run time, page lines
and house styles of the TUNING pool only; the locked pool is never used here), drawn with
`balanced=True` so that web articles (subheadings, lists, questions inside) weigh as much as wire
stories. Every title-shaped line of a page as the splitter sees it (`text_page_lines`) is one example: positive when it is a story's headline
(its first occurrence), negative otherwise (subheadings, kickers, one-line paragraphs, links).
The story open at each line is the gold one (teacher forcing). A logistic regression with a
little L2 is fitted by Newton steps (scripts/logistic.py) and written to src/detente/clean/start_weights.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

from fused_pages import make_pages  # noqa: E402
from logistic import fitted, parser, print_weights, write_weights  # noqa: E402

from detente.clean.headlines import same_line  # noqa: E402
from detente.clean.split import text_page_lines  # noqa: E402
from detente.clean.starts import Context, features, page_idf, title_shaped  # noqa: E402

OUT = ROOT / "src" / "detente" / "clean" / "start_weights.py"


def examples(pages) -> tuple[list[dict[str, float]], list[int]]:
    rows, labels = [], []
    for page in pages:
        items = text_page_lines(page.text)  # the lines the splitter sees at run time
        idf = page_idf(items)
        headlines = [s.headline for s in page.stories]
        seen: set[int] = set()
        body: list[str] = []
        has_headline = False
        for i, line in enumerate(items):
            hit = next((k for k, h in enumerate(headlines) if same_line(h, line)), None)
            positive = hit is not None and hit not in seen
            if title_shaped(line) and not (hit is not None and hit in seen):
                rows.append(features(Context(items, i, body, has_headline, idf)))
                labels.append(int(positive))
            if positive:
                seen.add(hit)
                body, has_headline = [], True
            elif hit is None:
                body = body + [line]
    return rows, labels


def main() -> int:
    args = parser(__doc__, 600, 11, "train on one half of the tuning stories only (score on the other "
                  "with bench/stories.py --half)").parse_args()
    rows, labels = examples(make_pages("tuning", args.pages, args.seed, args.half, balanced=True))
    names, x, y, w = fitted(rows, labels, args.l2)
    p = 1 / (1 + np.exp(-(x @ w)))
    accuracy = float(((p >= 0.5) == (y == 1)).mean())
    print(f"{len(y)} title-shaped lines, {int(y.sum())} headlines; training accuracy {accuracy:.3f}")
    write_weights(OUT, "Story-start", "train_story_starts.py", args, names, w)
    print_weights(names, w)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
