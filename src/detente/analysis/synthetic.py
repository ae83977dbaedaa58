"""Synthetic data with known answers, for measuring shift detection and scale.

Series: per-period event tones around a piecewise-constant level, with the nuisances real
dyads have: stretches with few or no events, bursts of coverage that repeat the current
tone, a period-to-period drift, and changes in how noisy events are. Only the level
changes are true shifts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(slots=True)
class SyntheticSeries:
    values: np.ndarray       # period mean tone, NaN where a period has no events
    counts: np.ndarray       # events per period
    within_var: np.ndarray   # variance of event tones within a period, NaN under 2 events
    changes: list[int]       # periods where the level changes (first period at the new level)
    levels: np.ndarray       # the true level of each period


def _spaced_points(rng: np.random.Generator, length: int, k: int, gap: int) -> list[int]:
    """k sorted positions in [gap, length - gap) at least `gap` apart."""
    for _ in range(1000):
        points = sorted(rng.choice(np.arange(gap, length - gap), size=k, replace=False).tolist())
        if all(b - a >= gap for a, b in zip(points, points[1:])):
            return points
    return []


def synthetic_series(rng: np.random.Generator, length: int = 200, *, max_changes: int = 3,
                     gap: int = 12, shift: tuple[float, float] = (2.0, 4.0), drift: float = 0.4,
                     sparse_share: float = 0.3, burst_rate: float = 0.04) -> SyntheticSeries:
    """A series of `length` periods with 0..`max_changes` level changes at least `gap`
    periods apart. A change moves the level by `shift` (drawn uniformly) standard units:
    standard deviations of one ordinary period's mean around its level, so the same
    number means an equally visible change in a quiet, sparse dyad and a busy, noisy one.
    """
    k = int(rng.integers(0, max_changes + 1))
    changes = _spaced_points(rng, length, k, gap) if k else []
    # Event noise changes on its own schedule: variance changes that are not shifts.
    sigma = np.empty(length)
    noise_edges = [0, *_spaced_points(rng, length, 2, gap), length]
    for lo, hi in zip(noise_edges, noise_edges[1:]):
        sigma[lo:hi] = rng.choice([2.0, 3.0, 4.5])
    # Event volume: a base rate, sparse stretches with many empty periods, and bursts.
    base = float(rng.choice([2.0, 4.0, 8.0]))
    rate = np.full(length, base)
    if rng.random() < sparse_share * 2:
        lo = int(rng.integers(0, length // 2))
        rate[lo:lo + length // 3] = 0.8
    rate[rng.random(length) < burst_rate] *= 25
    levels = np.empty(length)
    level = float(rng.uniform(-4, 4))
    edges = [0, *changes, length]
    for i, (lo, hi) in enumerate(zip(edges, edges[1:])):
        if i:
            unit = np.sqrt(drift ** 2 + sigma[lo] ** 2 / base)
            step = float(rng.uniform(*shift)) * unit * rng.choice([-1, 1])
            # Keep levels on the Goldstein scale: a step that would leave it goes the other way.
            level = level + step if abs(level + step) <= 8 else level - step
        levels[lo:hi] = level
    counts = rng.poisson(rate)
    values = np.full(length, np.nan)
    within = np.full(length, np.nan)
    period_drift = rng.normal(0, drift, length)
    for t in np.flatnonzero(counts):
        tones = levels[t] + period_drift[t] + rng.normal(0, sigma[t], counts[t])
        values[t] = tones.mean()
        if counts[t] > 1:
            within[t] = tones.var(ddof=1)
    return SyntheticSeries(values, counts, within, changes, levels)


def observed_index(counts: np.ndarray, periods: list[int]) -> list[int]:
    """Calendar periods -> positions in the series of periods that have events (a change
    inside a run of empty periods shows first at the next period with events)."""
    seen = np.cumsum(np.asarray(counts) > 0)  # periods with events up to and including t
    return [int(seen[t] - (counts[t] > 0)) for t in periods]


def match_changes(truth: list[int], found: list[int], tolerance: int = 2) -> tuple[int, int]:
    """(true changes detected within `tolerance` periods, detections matching no true change),
    each detection matched to at most one true change."""
    unused = sorted(found)
    hits = 0
    for t in sorted(truth):
        near = [f for f in unused if abs(f - t) <= tolerance]
        if near:
            unused.remove(min(near, key=lambda f: abs(f - t)))
            hits += 1
    return hits, len(unused)
