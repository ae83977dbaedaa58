"""Language identification: accuracy on snippets and on WCXB pages, and its cost per article.

    .venv/bin/python bench/language.py [--errors] [--compare] [--rounds 5]

Sets, all read at run time:
  * snippets: tests/fixtures/language/snippets.tsv, short news lines written for detente in
    20 languages, plus English lines quoting another language ("mixed", which must come out
    English). Every 4th line of each language is the locked part: its errors are never printed.
  * snippet paragraphs: four snippets of one language joined (a short article), and snippet
    articles: all the snippets of one language joined (a long text read in several windows,
    which must not be taken for a mixed one).
  * WCXB: ../shared/dev/wcxb, each page's language from its <html lang> attribute (pages without
    one are left out), read three ways: the gold main text, the page through detente's reader
    and cleaner (what `extract` identifies), and the title alone (a short text). Pages whose
    number is a multiple of 4 are the locked part.
Figures per set: the exact language, English kept for analysis, other languages kept out.
Cost: milliseconds per article of the language step over the sample corpus and the seed, and
the identifier's load time and memory. `--compare` also runs the other offline identifiers
that ship their model in their package (lingua, langdetect, CLD2) when they are installed,
on their own best guess with no fallback. The throughput ratio to bare spaCy with the language
step is in bench/throughput.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from detente.clean import articles_from
from detente.ingest import read
from detente.language import WINDOW_CHARS, LanguageIdentifier, article_sample
from detente.model import Document

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = ROOT / "tests" / "fixtures" / "language" / "snippets.tsv"
WCXB = ROOT.parent / "shared" / "dev" / "wcxb"
SEED = ROOT.parent / "shared" / "seeds"
_LANG = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)

# (gold language, text, locked)
Sample = tuple[str, str, bool]
# text -> (ISO 639-1 code or None, analysed)
Identify = Callable[[str], tuple[str | None, bool]]


def snippet_sets() -> dict[str, list[Sample]]:
    seen: dict[str, int] = {}
    lines = []
    for line in SNIPPETS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            gold, text = line.split("\t", 1)
            seen[gold] = seen.get(gold, 0) + 1
            lines.append(("en" if gold == "mixed" else gold, text, seen[gold] % 4 == 0))
    paragraphs, articles = [], []
    for locked in (False, True):
        by_language: dict[str, list[str]] = {}
        for gold, text, is_locked in lines:
            if is_locked == locked:
                by_language.setdefault(gold, []).append(text)
        for gold, texts in by_language.items():
            paragraphs += [(gold, " ".join(texts[i:i + 4]), locked) for i in range(0, len(texts) - 3, 4)]
            articles.append((gold, " ".join(texts), locked))
    return {"snippets": lines, "snippet paragraphs": paragraphs, "snippet articles": articles}


def wcxb_sets() -> dict[str, list[Sample]]:
    if not (WCXB / "html").is_dir():
        print(f"{WCXB} is not present: WCXB sets skipped", file=sys.stderr)
        return {}
    logging.disable(logging.WARNING)  # trafilatura and the readers log per page
    sets: dict[str, list[Sample]] = {"WCXB gold text": [], "WCXB page via detente": [], "WCXB title": []}
    for truth_path in sorted((WCXB / "ground-truth").glob("*.json")):
        page = WCXB / "html" / f"{truth_path.stem}.html.gz"
        match = _LANG.search(gzip.decompress(page.read_bytes())[:20000])
        if not match:
            continue
        gold = match.group(1).decode().lower()
        locked = int(truth_path.stem) % 4 == 0
        truth = json.loads(truth_path.read_text(encoding="utf-8"))["ground_truth"]
        sets["WCXB gold text"].append((gold, truth["main_content"], locked))
        if truth.get("title"):
            sets["WCXB title"].append((gold, truth["title"], locked))
        for document in read([str(page)], input_format="html"):
            if isinstance(document, Document):
                sets["WCXB page via detente"] += [(gold, article_sample(a), locked) for a in articles_from(document)]
    return sets


def score(identify: Identify, samples: list[Sample]) -> tuple[dict[str, str], list[str]]:
    """Figures for the tuned and locked parts, and the errors of the tuned part."""
    row, errors = {}, []
    for part, locked in (("tuned", False), ("locked", True)):
        chosen = [(gold, text) for gold, text, is_locked in samples if is_locked == locked]
        if not chosen:
            continue
        guesses = [identify(text) for _, text in chosen]
        english = [analysed for (gold, _), (_, analysed) in zip(chosen, guesses) if gold == "en"]
        others = [analysed for (gold, _), (_, analysed) in zip(chosen, guesses) if gold != "en"]
        right = sum(code == gold for (gold, _), (code, _) in zip(chosen, guesses))
        row[part] = (f"{right}/{len(chosen)} right; English analysed {sum(english)}/{len(english)}; "
                     f"others not analysed {len(others) - sum(others)}/{len(others)}")
        if not locked:
            errors += [f"{gold} -> {code} {'analysed' if analysed else 'not analysed'}: {text[:70]!r}"
                       for (gold, text), (code, analysed) in zip(chosen, guesses)
                       if code != gold or analysed != (gold == "en")]
    return row, errors


def detente_identifier(window_chars: int = WINDOW_CHARS) -> Identify:
    identify = LanguageIdentifier(window_chars=window_chars)

    def run(text: str) -> tuple[str | None, bool]:
        guess = identify(text)
        return guess.language, guess.analysed
    return run


def candidates() -> dict[str, Callable[[], Identify]]:
    """Other identifiers, each on its own best guess: analysed when that guess is English."""
    def lingua() -> Identify:
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()

        def run(text: str) -> tuple[str | None, bool]:
            found = detector.detect_language_of(text)
            code = found.iso_code_639_1.name.lower() if found else None
            return code, code in (None, "en")
        return run

    def langdetect() -> Identify:
        import langdetect as ld

        ld.DetectorFactory.seed = 0

        def run(text: str) -> tuple[str | None, bool]:
            try:
                code = ld.detect(text).split("-")[0]
            except ld.LangDetectException:
                code = None
            return code, code in (None, "en")
        return run

    def cld2() -> Identify:
        import pycld2

        def run(text: str) -> tuple[str | None, bool]:
            reliable, _, details = pycld2.detect(text)
            code = details[0][1].split("-")[0] if reliable else None
            return code, code in (None, "en")
        return run

    return {"lingua (low accuracy mode)": lingua, "langdetect": langdetect, "CLD2 (pycld2)": cld2}


def cost(rounds: int, window_chars: int) -> None:
    paths = [str(p) for p in (ROOT / "src" / "detente" / "resources" / "sample").iterdir() if p.is_dir()]
    articles = [a for d in read(paths + ([str(SEED)] if SEED.exists() else []))
                if isinstance(d, Document) for a in articles_from(d)]
    process = psutil.Process()
    before = process.memory_info().rss
    start = time.perf_counter()
    identify = LanguageIdentifier(window_chars=window_chars)
    loaded = time.perf_counter() - start
    grown = (process.memory_info().rss - before) / 2**20
    samples = [article_sample(a) for a in articles]
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in samples:
            identify(text)
        best = min(best, time.perf_counter() - start)
    chars = sum(map(len, samples)) / len(samples)
    print(f"cost: {1000 * best / len(samples):.2f} ms per article (best of {rounds} rounds over {len(samples)} "
          f"articles of {chars:,.0f} characters on average); model loaded in {loaded:.1f} s, "
          f"resident memory +{grown:.0f} MiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print the errors of the tuned parts")
    parser.add_argument("--compare", action="store_true", help="also run the other identifiers installed")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the cost measure")
    parser.add_argument("--window", type=int, default=WINDOW_CHARS, help="characters per window read")
    parser.add_argument("--no-wcxb", action="store_true", help="skip the WCXB sets (slow: pages are read)")
    args = parser.parse_args()

    cost(args.rounds, args.window)  # first, so that its memory figure is the model's alone
    sets = snippet_sets() | ({} if args.no_wcxb else wcxb_sets())
    identifiers = {"detente (py3langid)": lambda: detente_identifier(args.window)}
    if args.compare:
        identifiers |= candidates()
    for name, make in identifiers.items():
        try:
            identify = make()
        except ImportError:
            print(f"\n{name}: not installed, skipped")
            continue
        print(f"\n{name}")
        for set_name, samples in sets.items():
            start = time.perf_counter()
            row, errors = score(identify, samples)
            per_text = 1000 * (time.perf_counter() - start) / len(samples)
            print(f"  {set_name:<22} ({per_text:6.2f} ms/text)  " + "  |  ".join(f"{k}: {v}" for k, v in row.items()))
            if args.errors:
                print("".join(f"      {error}\n" for error in errors), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
