"""Hostile inputs: processor time, wall time and peak memory of `detente extract|ingest` per case,
and the cleaner's time on growing inputs (its growth should be linear).

    .venv/bin/python bench/hostile.py                     # every case of scripts/hostile_corpus.py
    .venv/bin/python bench/hostile.py --cases fifo-path,warc-double-gzip-bomb
    .venv/bin/python bench/hostile.py --cleaner            # the cleaner's scaling only
    .venv/bin/python bench/hostile.py --json results.json  # what tests/test_hostile.py reads

The pipeline is loaded once, then each case runs in a child forked from this process (so
every child starts with the model in memory, as a long-running command would have it, and
none pays the model's load again): the child runs the real command line; the parent
measures its processor time and peak resident memory (wait4), and kills it after
--wall seconds (a FIFO opened for reading would block for ever). Peak memory therefore
includes the loaded model (the baseline row, `baseline`, is a case that reads an ordinary
story), as a user's run would.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WALL_SECONDS = 120.0
ADDRESS_SPACE_CEILING = 16 << 30  # a runaway case fails alone instead of starving the machine


def load_corpus():
    spec = importlib.util.spec_from_file_location("hostile_corpus", ROOT / "scripts" / "hostile_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile_corpus"] = module
    spec.loader.exec_module(module)
    return module


def _child(args: list[str], out: Path, err: Path, env: dict[str, str]) -> None:
    """In the forked child: the command line, its output in files, its own exit status."""
    try:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CEILING, ADDRESS_SPACE_CEILING))
        os.environ.update(env)
        stdin = os.open(os.devnull, os.O_RDONLY)
        os.dup2(stdin, 0)
        for fd, path in ((1, out), (2, err)):
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(handle, fd)
        sys.stdin = open(0, "r", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
        from detente.cli import cli

        try:
            cli.main(args, prog_name="detente", standalone_mode=True)
            status = 0
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - whatever escapes is reported by the exit status
        import traceback

        traceback.print_exc()
        status = 70
    os._exit(status)


def run_case(args: list[str], workdir: Path, env: dict[str, str] | None = None,
             wall: float = WALL_SECONDS) -> dict:
    """Run `detente ARGS` in a forked child; exit status, times, peak memory, output files."""
    out, err = workdir / "stdout", workdir / "stderr"
    sys.stdout.flush()
    sys.stderr.flush()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.chdir(workdir)
        _child(args, out, err, env or {})
    timed_out = False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - start > wall:
            timed_out = True
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.02)
    return {"pid": pid, "status": os.waitstatus_to_exitcode(status), "timed_out": timed_out,
            "wall_seconds": round(time.monotonic() - start, 2),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mb": round(usage.ru_maxrss / 1024), "stdout": str(out), "stderr": str(err)}


def case_args(case, path: Path, workdir: Path) -> list[str]:
    if case.command == "ingest":
        return ["ingest", str(path), "--db", str(workdir / "store.duckdb"), "--no-progress"]
    return ["extract", str(path)]


def run_corpus(names: list[str] | None, root: Path, wall: float = WALL_SECONDS) -> dict[str, dict]:
    """Every case (or those named) under `root`: inputs made, run, measured."""
    corpus = load_corpus()
    from detente.nlp import DETENTE_COMPONENTS, load_pipeline

    load_pipeline(DETENTE_COMPONENTS, ())  # once, before any fork
    results = {}
    baseline = corpus.Case("baseline", corpus._write("story.txt", corpus.STORY), "articles")
    for case in [baseline, *corpus.cases()]:
        if names and case.name not in names and case.name != "baseline":
            continue
        workdir = root / case.name
        (workdir / "inputs").mkdir(parents=True)
        made = time.monotonic()
        path = case.make(workdir / "inputs")
        result = run_case(case_args(case, path, workdir), workdir, case.env, wall)
        result["make_seconds"] = round(time.monotonic() - made - result["wall_seconds"], 2)
        results[case.name] = result
        _remove_inputs(workdir / "inputs")  # tens of MB each: keep the disk free as we go
    return results


def _remove_inputs(folder: Path) -> None:
    for current, dirs, files in os.walk(folder, topdown=False):
        for name in files + dirs:
            full = os.path.join(current, name)
            if os.path.islink(full) or not os.path.isdir(full):
                os.unlink(full)
            else:
                os.rmdir(full)


def cleaner_scaling() -> list[dict]:
    """The cleaner (clean.articles_from) on generated pages of growing size: seconds per MB.

    Two shapes: news paragraphs (1, 10, 50 MB), and ragged lowercase lines without final
    stops in one block (0.1, 0.2, 0.4 MB), the shape that was not linear (issue 13).
    """
    corpus = load_corpus()
    from detente.clean import articles_from
    from detente.model import Document

    paragraphs = [p for p in corpus.STORY.split("\n\n") if p.strip()]
    ragged = corpus._ragged_lines().decode()

    def news(size: float) -> str:
        page, n = [], 0
        while n < size * (1 << 20):
            paragraph = paragraphs[len(page) % len(paragraphs)] + f" Report {len(page)}."
            page.append(paragraph)
            n += len(paragraph) + 2
        return "\n\n".join(page)

    def lines(size: float) -> str:
        return ragged[:int(size * (1 << 20))]

    rows = []
    for shape, make, sizes in (("paragraphs", news, (1, 10, 50)), ("ragged lines", lines, (0.1, 0.2, 0.4))):
        for size in sizes:
            text = make(size)
            start = time.process_time()
            articles = articles_from(Document(doc_id="big", origin="big", text=text, format="text"))
            seconds = time.process_time() - start
            rows.append({"shape": shape, "mb": size, "seconds": round(seconds, 2),
                         "seconds_per_mb": round(seconds / size, 3), "articles": len(articles)})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--json", type=Path, help="write the results as JSON to this file")
    parser.add_argument("--workdir", type=Path, help="where inputs and outputs go (default: a temporary folder)")
    parser.add_argument("--wall", type=float, default=WALL_SECONDS, help="kill a case after this many seconds")
    parser.add_argument("--cleaner", action="store_true", help="only the cleaner's scaling")
    parser.add_argument("--no-cleaner", action="store_true", help="skip the cleaner's scaling")
    options = parser.parse_args(argv)
    report: dict = {}
    if not options.cleaner:
        root = options.workdir or Path(tempfile.mkdtemp(prefix="detente-hostile-"))
        names = options.cases.split(",") if options.cases else None
        report["cases"] = run_corpus(names, root, options.wall)
        print(f"{'case':36} {'status':>6} {'cpu s':>7} {'wall s':>7} {'peak MB':>8}")
        for name, r in report["cases"].items():
            status = "killed" if r["timed_out"] else str(r["status"])
            print(f"{name:36} {status:>6} {r['cpu_seconds']:7.2f} {r['wall_seconds']:7.2f} {r['peak_mb']:8d}")
    if options.cleaner or not (options.no_cleaner or options.cases):
        report["cleaner"] = cleaner_scaling()
        for row in report["cleaner"]:
            print(f"cleaner, {row['shape']:12} {row['mb']:5} MB: {row['seconds']:7.2f} s "
                  f"({row['seconds_per_mb']:.3f} s/MB, {row['articles']} articles)")
    if options.json:
        options.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
