"""Throughput of detente's pipeline against bare spaCy, in one run on the same text.

    .venv/bin/python bench/throughput.py [--rounds 3] [--copies 4]

Prints words per second of bare `nlp.pipe` (spaCy's own components only) and of the
pipeline with detente's components added one at a time, each as a ratio of bare spaCy
(target, issue 9: the full pipeline at 0.8 or more), then with the language step that `extract` runs
on every article first (detente.language). Runs alternate so that machine noise hits
every configuration alike; the best round of each is kept. Then the events coder's own share
of the time, run alone over docs the rest of the pipeline has annotated. Then streams a larger corpus
through `detente extract`'s code path and prints resident memory as it goes, which must
stay flat (no whole-corpus lists).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from itertools import islice
from pathlib import Path

import psutil

from detente.clean import articles_from
from detente.cli import sample_corpus_paths
from detente.ingest import read
from detente.language import load_identifier
from detente.nlp import DETENTE_COMPONENTS, load_bare_pipeline, load_pipeline
from detente.pipeline import extract

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = [str(p) for p in sample_corpus_paths()]
SEED = ROOT.parent / "shared" / "seeds"


def corpus_texts() -> list[str]:
    paths = SAMPLE + [str(SEED)] if SEED.exists() else SAMPLE
    texts = []
    for document in read(paths):
        if hasattr(document, "text"):
            texts.extend(a.text for a in articles_from(document))
    return texts


def words_per_second(nlp, texts: list[str], words: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return words / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=2, help="repeat the corpus to lengthen each run")
    parser.add_argument("--stream", type=int, default=600, help="articles streamed for the memory check")
    args = parser.parse_args()

    texts = corpus_texts() * args.copies
    words = sum(len(t.split()) for t in texts)
    configs = {"bare spaCy": ()}
    for i in range(1, len(DETENTE_COMPONENTS) + 1):
        configs["+ " + DETENTE_COMPONENTS[i - 1].removeprefix("detente_")] = DETENTE_COMPONENTS[:i]
    pipelines = {name: load_pipeline(components) if components else load_bare_pipeline()
                 for name, components in configs.items()}
    for nlp in pipelines.values():  # warm up: first calls build caches
        list(nlp.pipe(texts[:4]))

    identify = load_identifier()
    best = {name: 0.0 for name in configs}
    step = float("inf")
    for _ in range(args.rounds):
        for name, nlp in pipelines.items():
            best[name] = max(best[name], words_per_second(nlp, texts, words))
        start = time.perf_counter()
        for text in texts:
            identify(text)
        step = min(step, time.perf_counter() - start)
    # The language step is timed on its own and added to the full pipeline's best time: the sum
    # is what `extract` spends, without a second, noisy run of the whole pipeline.
    best["+ language step"] = words / (words / best[list(configs)[-1]] + step)
    print(f"{len(texts)} articles, {words} words, best of {args.rounds} rounds")
    print(f"{'pipeline':<22}{'words/s':>10}{'ratio':>8}")
    for name, wps in best.items():
        print(f"{name:<22}{wps:>10.0f}{wps / best['bare spaCy']:>8.2f}")

    # The coder's own share, measured without the noise of whole-pipeline runs on a shared
    # machine: the events component alone over docs the rest of the full pipeline has annotated.
    full = pipelines[list(configs)[-1]]
    with full.select_pipes(disable=["detente_events"]):
        start = time.perf_counter()
        docs = list(full.pipe(texts, batch_size=16))
        rest = time.perf_counter() - start
    coder = full.get_pipe("detente_events")
    alone = float("inf")
    for _ in range(args.rounds):
        start = time.perf_counter()
        for doc in docs:
            coder(doc)
        alone = min(alone, time.perf_counter() - start)
    print(f"\nevents coder alone: {alone:.2f} s against {rest:.1f} s for the rest of the pipeline "
          f"({alone / (alone + rest):.1%} of the whole)")

    # Memory while streaming: a long generator of articles through the whole job.
    def stream():
        n = 0
        while True:
            for document in read(SAMPLE):
                n += 1
                if hasattr(document, "text"):
                    document.doc_id = f"{document.doc_id}-{n}"
                yield document

    process = psutil.Process()
    marks = {args.stream // 4, args.stream // 2, args.stream}
    print("\nstreaming memory (RSS MiB) after N articles:")
    for n, item in enumerate(islice(extract(stream(), nlp=pipelines[list(configs)[-1]]), args.stream), 1):
        if n in marks:
            print(f"  {n:>6}: {process.memory_info().rss / 2**20:8.1f}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB")


if __name__ == "__main__":
    sys.exit(main())
