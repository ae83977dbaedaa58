"""Shift detection measured on synthetic series with known change points.

    .venv/bin/python bench/shifts.py [--series 300] [--length 200] [--seed 7]

Prints recall (true level changes found within +-2 periods with events), false shifts per
100 periods, for synthetic series with sparse stretches, bursts of volume and variance
changes (see detente.analysis.synthetic); and the same with the tolerance counted in
calendar periods, empty ones included.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from detente.analysis.shifts import MIN_Z_OFFSET, PENALTY_PER_LOG_PERIOD, detect_changes
from detente.analysis.synthetic import match_changes, observed_index, synthetic_series


def run(series: int, length: int, seed: int, penalty: float, min_z: float | None,
        shift: tuple[float, float] = (2.0, 4.0)) -> dict:
    rng = np.random.default_rng(seed)
    truth = hits = false = periods = 0
    cal_hits = cal_false = 0
    null_false = null_periods = 0
    t0 = time.perf_counter()
    for _ in range(series):
        s = synthetic_series(rng, length, shift=shift)
        found = [c.index for c in detect_changes(s.values, s.counts, s.within_var, penalty=penalty, min_z=min_z)]
        # Tolerance counted in periods that have events: a change that happens during a
        # run of empty periods cannot be seen before the next period with events.
        h, f = match_changes(observed_index(s.counts, s.changes), observed_index(s.counts, found))
        ch, cf = match_changes(s.changes, found)
        cal_hits += ch
        cal_false += cf
        truth += len(s.changes)
        hits += h
        false += f
        periods += length
        if not s.changes:
            null_false += f
            null_periods += length
    return {"series": series, "periods": periods, "true_changes": truth,
            "recall": hits / truth if truth else float("nan"),
            "false_per_100_periods": 100 * false / periods,
            "recall_calendar": cal_hits / truth if truth else float("nan"),
            "false_per_100_periods_calendar": 100 * cal_false / periods,
            "false_per_100_periods_without_changes": 100 * null_false / null_periods if null_periods else float("nan"),
            "seconds": time.perf_counter() - t0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--series", type=int, default=300)
    ap.add_argument("--length", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--penalty", type=float, default=PENALTY_PER_LOG_PERIOD)
    ap.add_argument("--min-z", type=float, default=None,
                    help=f"fixed test threshold (default: max(3, {MIN_Z_OFFSET} + sqrt(2 log T)))")
    ap.add_argument("--shift", type=float, nargs=2, default=(2.0, 4.0), metavar=("LO", "HI"),
                    help="size of the level changes, in standard units (uniform between LO and HI)")
    args = ap.parse_args()
    r = run(args.series, args.length, args.seed, args.penalty, args.min_z, tuple(args.shift))
    print(f"series {r['series']} x {args.length} periods (seed {args.seed}), penalty {args.penalty} * log T, "
          f"min z {args.min_z or f'max(3, {MIN_Z_OFFSET} + sqrt(2 log T))'}, shifts of {args.shift[0]}-{args.shift[1]} standard units")
    print(f"true changes        {r['true_changes']}")
    print(f"recall (+-2 periods) {r['recall']:.3f}")
    print(f"false / 100 periods {r['false_per_100_periods']:.3f}  "
          f"(series without changes: {r['false_per_100_periods_without_changes']:.3f})")
    print(f"calendar periods    recall {r['recall_calendar']:.3f}, false / 100 periods "
          f"{r['false_per_100_periods_calendar']:.3f} (tolerance in calendar periods, empty ones included)")
    print(f"time                {r['seconds']:.1f} s ({1000 * r['seconds'] / r['series']:.1f} ms per series)")


if __name__ == "__main__":
    main()
