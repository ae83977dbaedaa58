"""What the model-training scripts share: a logistic regression fitted by Newton steps, and
writing its weights as a Python module of the package (train_story_starts.py,
train_story_bounds.py, train_page_lines.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 30) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + l2 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(x.shape[1])
        w -= np.linalg.solve(hess, grad)
    return w


def matrix(rows: list[dict[str, float]], names: list[str]) -> np.ndarray:
    return np.array([[r[n] for n in names] for r in rows])


def fitted(rows: list[dict[str, float]], labels: list[int], l2: float
           ) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Feature names, the example matrix, the labels and the fitted weights."""
    names = list(rows[0])
    x, y = matrix(rows, names), np.array(labels, dtype=float)
    return names, x, y, fit(x, y, l2)


def probabilities(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))


def parser(doc: str, pages: int, seed: int, half_help: str) -> argparse.ArgumentParser:
    """The options every training script takes: how many tuning pages, their seed, the L2
    weight, and one half of the tuning stories only."""
    p = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    p.add_argument("--pages", type=int, default=pages)
    p.add_argument("--seed", type=int, default=seed)
    p.add_argument("--l2", type=float, default=1.0)
    p.add_argument("--half", type=int, choices=(0, 1), default=None, help=half_help)
    return p


def write_weights(out: Path, what: str, script: str, args: argparse.Namespace, names: list[str],
                  w: np.ndarray) -> None:
    """The weights as `WEIGHTS: dict[str, float]` in `out`, with the command that made them."""
    half = "" if args.half is None else f" --half {args.half}"
    lines = [f'"""{what} weights: written by scripts/{script} (--pages {args.pages} --seed {args.seed} '
             f'--l2 {args.l2}{half}); do not edit by hand."""', "", "WEIGHTS: dict[str, float] = {"]
    lines += [f"    {n!r}: {v:.4f}," for n, v in zip(names, w)]
    lines += ["}", ""]
    out.write_text("\n".join(lines), encoding="utf-8")


def print_weights(names: list[str], w: np.ndarray) -> None:
    for n, v in sorted(zip(names, w), key=lambda t: -abs(t[1])):
        print(f"  {n:<24} {v:+.3f}", flush=True)
