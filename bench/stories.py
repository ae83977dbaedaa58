"""Splitting fused pages into stories: generated pages of every house style, and the cleaner's speed.

    .venv/bin/python bench/stories.py [--pages 120] [--seed 7] [--errors N] [--speed]

Accuracy (bench/fused_pages.py builds the pages at run time from ../shared; see its docstring):
  - a story is right when one predicted article has its headline and every paragraph of its
    body (in its text, dek or credits; a body line that is only a date, as its date), and no
    other article holds any of them (a paragraph two
    stories of the page share, or a separator without words such as "___.", is not scored);
  - recall = right stories / stories; precision = predicted articles that are a right story /
    predicted articles;
  - leaked = page lines (interface, captions, links, kickers...) found in any article's
    headline, dek or text / page lines;
  - stories cut right: as "right", but counting only the body lines that some article kept, so
    the splitting is seen apart from the lines the cleaner dropped (a diagnostic, not the target).
Figures per house style and per kind of page line, for the tuning pages and, separately, for
the locked pages (their errors are never printed: `--errors` shows tuning pages only), and for
the locked stories laid out with held-out page lines: UNSEEN, and the second and fourth hands'
held-out lines (fused_pages.py), written by hands the cleaner's rules were never fitted to.

Speed (`--speed`): the cleaner (`articles_from`) on text pages of 1, 10 and 50 MB made of
generated pages, CPU time of this one process; the ratios of time to the 1 MB time show whether
time grows linearly with size (10x and 50x for linear). Also three hostile inputs: a million
empty lines, 100,000 ragged lower-case lines in one block, one 10 MB line without a stop.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fused_pages import Page, make_pages  # noqa: E402

from detente.clean import articles_from, dropped_lines  # noqa: E402
from detente.clean.datelines import date_of  # noqa: E402
from detente.clean.headlines import same_line  # noqa: E402
from detente.model import Article, Document  # noqa: E402


def _norm(line: str) -> str:
    return " ".join(line.split())


def _holds(article: Article) -> set[str]:
    parts = [*(article.text.split("\n\n") if article.text else []), *article.credits]
    if article.dek:
        parts.append(article.dek)
    held = {_key(p) for p in parts}
    if article.published:  # a date line under the headline becomes the article's date
        held.add(f"date {article.published.date().isoformat()}")
    return held


def _key(line: str) -> str:
    """How a body line is looked up in what an article holds: a line that is only a date is held
    as the article's date (the pages' documents carry none of their own)."""
    when = date_of(line)
    return f"date {when.isoformat()}" if when else _norm(line)


def _headline_matches(predicted: str | None, gold: str) -> bool:
    return bool(predicted) and (same_line(predicted, gold) or _norm(gold).casefold() in _norm(predicted).casefold())


def score_page(page: Page, articles: list[Article]) -> dict:
    holds = [_holds(a) for a in articles]
    right_articles: set[int] = set()
    per_story = []
    errors: Counter = Counter()
    counts = Counter(_key(p) for story in page.stories for p in set(story.body))
    everywhere = set().union(*holds) if holds else set()
    cut_right = 0
    for story in page.stories:
        # a line two stories share ("FULL TEXT.") cannot tell them apart, and a separator with no
        # word in it ("___.", "X.") holds no text: neither is scored
        body = {_key(p) for p in story.body if counts[_key(p)] == 1 and sum(c.isalpha() for c in p) >= 2}
        owners = [i for i, h in enumerate(holds) if body & h]
        homes = [i for i in owners if _headline_matches(articles[i].headline, story.headline) and body <= holds[i]]
        others = [i for i, a in enumerate(articles)
                  if i not in homes and (body & holds[i] or _headline_matches(a.headline, story.headline))]
        ok = len(homes) == 1 and not others
        if ok:
            right_articles.add(homes[0])
        # cut right: the same, counting only the body lines some article kept (the splitting
        # alone, apart from the lines the cleaner dropped)
        kept = body & everywhere
        cut_homes = [i for i in owners if _headline_matches(articles[i].headline, story.headline) and kept <= holds[i]]
        cut_others = [i for i, a in enumerate(articles)
                      if i not in cut_homes and (kept & holds[i] or _headline_matches(a.headline, story.headline))]
        cut_right += bool(kept) and len(cut_homes) == 1 and not cut_others
        per_story.append((story, ok, owners))
        if not ok:
            errors[_what_went_wrong(story, body, holds, articles, owners)] += 1
    leaked = []
    for kind, line in page.furniture:
        line = _norm(line)
        for article in articles:
            pieces = [article.headline or "", article.dek or "", *article.text.split("\n\n")]
            # a short line leaks as a paragraph of its own; a longer one also fused into a paragraph
            inside = any(line == p or (len(line) >= 20 and line in p) for p in pieces)
            if kind == "kicker" and article.headline and article.headline.startswith(line):
                inside = False  # "Opinion | …" is part of the printed headline
            if inside:
                leaked.append((kind, line))
                break
    return {"stories": per_story, "articles": len(articles), "right_articles": len(right_articles),
            "leaked": leaked, "errors": errors, "cut_right": cut_right}


_LOST_WHY: dict[str, str] = {}  # line -> why the cleaner dropped it, for the page being scored


def _why_lost(lost: set[str], articles: list[Article]) -> str:
    """The kind of step that dropped a lost body line (the reason's words up to a colon or a
    parenthesis, never the line), or "fused" when the line is inside another paragraph."""
    line = sorted(lost)[0]
    if any(a.headline and _norm(a.headline) == line for a in articles):
        return " (became a headline)"
    if line in _LOST_WHY:
        return " (" + re.split(r"[:(]", _LOST_WHY[line])[0].strip() + ")"
    return " (fused or cut)"


def _what_went_wrong(story, body: set[str], holds: list[set[str]], articles: list[Article],
                     owners: list[int]) -> str:
    """One word for how a story came out wrong (counted, never shown, for the locked pages)."""
    everywhere = set().union(*holds) if holds else set()
    if body - everywhere:
        return "body line lost" + _why_lost(body - everywhere, articles)
    if len(owners) > 1:
        return "cut in pieces"
    if not owners:
        return "not found"
    home = articles[owners[0]]
    if not _headline_matches(home.headline, story.headline):
        return "merged into the story above" if home.headline else "no headline"
    return "holds another story's lines"


def measure(pages: list[Page]) -> tuple[dict, list]:
    totals: Counter = Counter()
    style_n: Counter = Counter()
    style_ok: Counter = Counter()
    corpus_n: Counter = Counter()
    corpus_ok: Counter = Counter()
    kind_n: Counter = Counter()
    kind_leak: Counter = Counter()
    errors: Counter = Counter()
    details = []
    for page in pages:
        document = Document(doc_id=page.page_id, origin=page.page_id, text=page.text, format="text")
        articles = articles_from(document)
        _LOST_WHY.clear()
        _LOST_WHY.update({_norm(line): reasons[-1] for line, reasons in dropped_lines(document)})
        result = score_page(page, articles)
        details.append((page, articles, result))
        totals["stories"] += len(page.stories)
        totals["right"] += sum(ok for _, ok, _ in result["stories"])
        totals["cut_right"] += result["cut_right"]
        totals["articles"] += result["articles"]
        totals["right_articles"] += result["right_articles"]
        totals["lines"] += len(page.furniture)
        totals["leaked"] += len(result["leaked"])
        errors.update(result["errors"])
        for story, ok, _ in result["stories"]:
            style_n[story.style] += 1
            style_ok[story.style] += ok
            corpus_n[story.corpus] += 1
            corpus_ok[story.corpus] += ok
        for kind, _ in page.furniture:
            kind_n[kind] += 1
        for kind, _ in result["leaked"]:
            kind_leak[kind] += 1
    figures = {
        "recall": totals["right"] / max(totals["stories"], 1),
        "cut_right": totals["cut_right"] / max(totals["stories"], 1),
        "precision": totals["right_articles"] / max(totals["articles"], 1),
        "leaked": totals["leaked"] / max(totals["lines"], 1),
        "totals": dict(totals),
        "by_style": {s: (style_ok[s], style_n[s]) for s in sorted(style_n)},
        "by_corpus": {c: (corpus_ok[c], corpus_n[c]) for c in sorted(corpus_n)},
        "by_kind": {k: (kind_leak[k], kind_n[k]) for k in sorted(kind_n)},
        "errors": dict(errors.most_common()),
    }
    return figures, details


def report(name: str, figures: dict) -> None:
    t = figures["totals"]
    print(f"\n{name}: {t['stories']} stories on the pages, {t['articles']} articles predicted")
    print(f"  stories right (recall) {figures['recall']:.3f}   precision {figures['precision']:.3f}   "
          f"page lines leaked {figures['leaked']:.3f} ({t['leaked']}/{t['lines']})")
    print(f"  stories cut right, counting only the body lines some article kept: {figures['cut_right']:.3f}")
    print("  by house style: " + "  ".join(f"{s} {ok}/{n}" for s, (ok, n) in figures["by_style"].items()))
    print("  by corpus: " + "  ".join(f"{c} {ok}/{n}" for c, (ok, n) in figures["by_corpus"].items()))
    print("  leaked by kind: " + "  ".join(f"{k} {leak}/{n}" for k, (leak, n) in figures["by_kind"].items()))
    print("  wrong stories by what went wrong: " + "  ".join(f"{k} {n}" for k, n in figures["errors"].items()))


def show_errors(details: list, limit: int) -> None:
    shown = 0
    for page, articles, result in details:
        bad = [s for s, ok, _ in result["stories"] if not ok]
        if not bad and not result["leaked"]:
            continue
        print(f"\n### {page.page_id}: wrong stories {[s.headline for s in bad]}; leaked {result['leaked']}")
        everywhere = set().union(*(_holds(a) for a in articles)) if articles else set()
        for story in bad:
            missing = [p for p in story.body if _key(p) not in everywhere]
            print(f"  missing from every article: {[m[:80] for m in missing]}")
        for article in articles:
            print(f"  -- article: headline={article.headline!r} dek={article.dek!r} credits={article.credits}")
            for p in article.text.split("\n\n"):
                print(f"     | {p[:110]}")
        shown += 1
        if shown >= limit:
            return


# --- speed ----------------------------------------------------------------------------------

def _timed(text: str) -> float:
    """CPU seconds of this process: the machine is shared, so wall time would measure the neighbours."""
    start = time.process_time()
    articles_from(Document(doc_id="speed", origin="speed", text=text, format="text"))
    return time.process_time() - start


def speed(seed: int) -> None:
    pages = make_pages("tuning", 200, seed)
    unit = "\n\n".join(p.text for p in pages)
    mb = 1_000_000

    def sized(n: int) -> str:
        return (unit * (n * mb // len(unit) + 1))[: n * mb]

    base = _timed(sized(1))
    print("\ncleaner CPU time on text pages (articles_from), ratio to 1 MB; linear is 10x and 50x")
    print(f"   1 MB  {base:7.2f} s  1.0x")
    for n in (10, 50):
        took = _timed(sized(n))
        print(f"  {n:2d} MB  {took:7.2f} s  {took / base:.1f}x")
    hostile = {
        "a million empty lines": "\n" * 1_000_000,
        "100,000 ragged lower-case lines, one block": "\n".join(
            f"some words of line {i} go on" + " and on" * (i % 7) for i in range(100_000)),
        "one 10 MB line without a stop": ("the talks went on " * 600_000)[:10 * mb],
    }
    for name, text in hostile.items():
        print(f"  {name} ({len(text) / mb:.1f} MB): {_timed(text):.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=120, help="pages per pool")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--errors", type=int, default=0, help="print up to N tuning pages with errors")
    parser.add_argument("--speed", action="store_true", help="also time the cleaner on 1, 10 and 50 MB")
    parser.add_argument("--no-locked", action="store_true", help="tuning pages only")
    parser.add_argument("--half", type=int, choices=(0, 1), default=None,
                        help="tuning pages from one half of the tuning stories only (see "
                             "scripts/train_story_starts.py --half)")
    parser.add_argument("--balanced", action="store_true",
                        help="tuning pages that draw each corpus's stories about equally often (the web "
                             "articles, with their subheadings and lists, as often as the wire stories)")
    args = parser.parse_args()
    tuned, details = measure(make_pages("tuning", args.pages, args.seed, args.half, balanced=args.balanced))
    report("tuning pages", tuned)
    if not args.no_locked:
        locked, _ = measure(make_pages("locked", args.pages, args.seed))
        report("locked pages (errors never shown)", locked)
        unseen, _ = measure(make_pages("unseen", args.pages, args.seed))
        report("locked stories with the unseen publisher lines (errors never shown)", unseen)
        second, _ = measure(make_pages("second", args.pages, args.seed))
        report("locked stories with the second hand's held-out page lines (errors never shown)", second)
        fourth, _ = measure(make_pages("fourth", args.pages, args.seed))
        report("locked stories with the fourth hand's held-out page lines (errors never shown)", fourth)
    if args.errors:
        show_errors(details, args.errors)
    if args.speed:
        speed(args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
