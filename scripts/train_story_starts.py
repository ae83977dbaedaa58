"""Train the story-start model (detente/clean/starts.py) on generated fused pages of the tuning pool.

    .venv/bin/python scripts/train_story_starts.py [--pages 600] [--seed 11]

Pages come from bench/fused_pages.py (real stories read from ../shared at run time, page lines
and house styles of the TUNING pool only; the locked pool is never used here), drawn with
`balanced=True` so that web articles (subheadings, lists, questions inside) weigh as much as wire
stories. Every title-shaped line of a page as the splitter sees it (`text_page_lines`) is one example: positive when it is a story's headline
(its first occurrence), negative otherwise (subheadings, kickers, one-line paragraphs, links).
The story open at each line is the gold one (teacher forcing). A logistic regression with a
little L2 is fitted by Newton steps (numpy) and written to src/detente/clean/start_weights.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from fused_pages import make_pages  # noqa: E402

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


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 30) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + l2 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(x.shape[1])
        w -= np.linalg.solve(hess, grad)
    return w


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--half", type=int, choices=(0, 1), default=None,
                        help="train on one half of the tuning stories only (score on the other with "
                             "bench/stories.py --half)")
    args = parser.parse_args()
    rows, labels = examples(make_pages("tuning", args.pages, args.seed, args.half, balanced=True))
    names = list(rows[0])
    x = np.array([[r[n] for n in names] for r in rows])
    y = np.array(labels, dtype=float)
    w = fit(x, y, args.l2)
    p = 1 / (1 + np.exp(-(x @ w)))
    accuracy = float(((p >= 0.5) == (y == 1)).mean())
    print(f"{len(y)} title-shaped lines, {int(y.sum())} headlines; training accuracy {accuracy:.3f}")
    lines = [f'"""Story-start weights: written by scripts/train_story_starts.py (--pages {args.pages} '
             f'--seed {args.seed} --l2 {args.l2}{"" if args.half is None else f" --half {args.half}"}); '
             f'do not edit by hand."""', "", "WEIGHTS: dict[str, float] = {"]
    lines += [f"    {n!r}: {v:.4f}," for n, v in zip(names, w)]
    lines += ["}", ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    for n, v in sorted(zip(names, w), key=lambda t: -abs(t[1])):
        print(f"  {n:<22} {v:+.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
