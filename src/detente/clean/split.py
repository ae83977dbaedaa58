"""Splitting a page into paragraphs and stories.

A scraped page may fuse several stories, each laid out as: a kicker, a headline (often
repeated around a paywall line), optional dek, optional byline, body paragraphs, credit lines,
with page lines between and inside them. The page is cut into paragraphs in linear time, page
furniture is dropped line by line (boilerplate.py, pagelines.py), repeats collapse, lines that
come back far apart on the page, short lines the line-role model (lineroles.py) is sure belong
to the page, and page lines standing inside a story go (`text_page_lines`), and a new story
starts at every title-shaped line that the story-start model (starts.py) weighs as a headline;
on a text page each line so weighed is then weighed again against the whole stories that cut
puts on each side of it (bounds.py), and the page is cut once more. Every step does a bounded
amount of work per paragraph, so time grows linearly with the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from detente.clean import bounds
from detente.clean.boilerplate import is_boilerplate, judge, talks_about_the_page
from detente.clean.credits import is_byline, is_byline_under_headline, is_closing_credit, is_credit
from detente.clean.datelines import date_of, is_date_line
from detente.clean.headlines import is_dek, is_headline, same_line, sentences
from detente.clean.lineroles import MAX_WORDS as LINE_ROLE_MAX_WORDS
from detente.clean.lineroles import line_features, line_score, page_line_places, repeat_counts
from detente.clean.pagelines import PAGE_WORDS, SECTION_WORDS, section_words
from detente.clean.starts import Context, features, has_wire_dateline, page_idf, reads_as_lede, score, title_shaped

_BLANK = re.compile(r"\n\s*\n")
_TERMINAL = re.compile(r"[.!?…:][\"”’)]*$")
_SEPARATOR = re.compile(r"[/|•·»]")  # between the parts of a navigation line
_WRAPPED_MIN = 40
START_THRESHOLD = 0.4  # chosen on two seeds of tuning pages
# the line-role model's chance (lineroles.py) above which a line over a longer title-shaped line is
# a page line over the headline, not a headline over its dek
PAGE_LINE_OVER_HEADLINE = 0.5
# ... above which a short line inside a story where the topic turns is a page line, not a headline
STRAY_PAGE_LINE_CHANCE = 0.5
# ... above which a short line alone between two sentences of a made story goes (with a mark of the page)
PAGE_LINE_INSIDE_A_STORY = 0.9
BADGE_MAX_WORDS = 3  # "THE BIG PICTURE"
PROSE_MIN_WORDS = 12  # a sentence of the story's prose, not a label
TOPIC_WORDS_TAKEN_UP = 2  # content words a call to the reader shares with its paragraph to be the writer's
IDF_BLOCK = 500  # paragraphs
REPEAT_MAX_WORDS = 15  # a line this short that comes back far apart is the page's own
STRAY_MAX_WORDS = 15
LABEL_MAX_WORDS = 5  # a line this short with no word of the prose around it is a label of the page
STEM_LETTERS = 5
SECTION_SPAN = 8  # paragraphs on each side where a story's other subheadings stand
SUBHEADING_MAX_WORDS = 10
STRAY_TOPIC_WEIGHT = 6.0  # rarity-weighed words shared across a line: the story goes on there
_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
_CONTENT_WORD = re.compile(r"[A-Za-z][a-z'’-]{3,}")
_QUOTE_OR_REPORT = re.compile(r"[“\"]|\b(?:said|says|told|according to)\b")
REPEAT_MIN_GAP = 3  # paragraphs; closer copies are a headline repeated around a paywall line
KICKER_WORDS = 4
RAIL_LINES = 2
RAIL_START_SCORE = 0.1  # after a rail, a line the start model gives this much is a headline
RAIL_LINE_WORDS = 6
_LIST_ITEM = re.compile(r"^(?:\d+[.)]|[-•*–])\s")
DEK_MIN_WORDS = 10
DEK_LONGER_BY = 3  # words
TAIL_MAX_WORDS = 12  # a line after a story's last sentence this short is a rail's or the footer's
REPEAT_BODY_WORDS = 20  # a paragraph this long between a headline and its copy is the story's: the copy is not a repeat
_MIN_NEWS_WORDS = 5
FUSED_CALL_MAX_WORDS = 16
LEAD_IN_MAX_WORDS = 10
PROSE_SENTENCES = 3  # a paragraph this many sentences long is judged sentence by sentence
# Words without which no sentence is a call to action (a prefilter; boilerplate.py decides).
# (Substring tests: far faster than a regex alternation over long paragraphs.)
_FURNITURE_HINTS = ("you", "subscri", "sign", "log", "newsletter", "inbox", "reading", "access", "click",
                    "tap", "press", "share", "follow", "alert", "account", "cookie", "javascript", "app")  # lines of a hard-wrapped block are all at least this long


@dataclass(slots=True)
class Story:
    headline: str | None = None
    dek: str | None = None
    credits: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    published: date | None = None  # from a date line under its headline

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a text page: blank lines separate blocks, and each line of a block is a
    paragraph unless the block is hard-wrapped prose (then its lines are joined)."""
    out: list[str] = []
    for block in _BLANK.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [" ".join(line.split()) for line in block.split("\n")]  # NBSP and friends too
        lines = [line for line in lines if line]
        if not lines:
            continue
        if _hard_wrapped(lines):
            out.append(" ".join(lines))
            continue
        # Each paragraph is gathered as a list of its lines and joined once: joining as we go
        # (or testing the growing string) is quadratic on a long ragged block.
        groups = [[lines[0]]]
        for line in lines[1:]:
            if _continues(groups[-1], line):
                groups[-1].append(line)
            else:
                groups.append([line])
        out.extend(" ".join(group) for group in groups)
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    """Prose wrapped at a fixed width: every line but the last is long and about as long."""
    if len(lines) < 3:
        return False
    body = lines[:-1]
    longest = max(len(line) for line in body)
    return longest <= 100 and all(len(line) >= max(_WRAPPED_MIN, 0.75 * longest) for line in body)


def _continues(previous: list[str], line: str) -> bool:
    """A line that carries on the previous lines' sentence (no final stop, lower-case start).
    Only the last line's end and a short group's shape are looked at: constant work per line."""
    if not line[:1].islower() or _TERMINAL.search(previous[-1][-4:]):
        return False
    return len(previous) > 1 or not is_headline(previous[0])


def clean_paragraphs(items: list[str]) -> list[str]:
    """Page furniture dropped, then paragraphs repeated back to back collapsed into one; a
    title-shaped line printed twice stays twice (the splitter reads a headline the page repeats
    around a paywall or a stamp as a sure start, and keeps one copy)."""
    kept: list[str] = []
    for paragraph in items:
        paragraph = _without_furniture(paragraph)
        if paragraph is None:
            continue
        if kept and same_line(kept[-1], paragraph) and not (
                title_shaped(paragraph) and not (len(kept) >= 2 and same_line(kept[-2], paragraph))):
            continue
        kept.append(paragraph)
    return kept


def without_page_repeats(items: list[str], why: list[tuple[str, str]] | None = None) -> list[str]:
    """Short lines that come back far apart on one page are the page's own (a share bar, a
    prompt printed under every story), not any one story's: all their copies go. A headline
    that comes back in a rail keeps the copy that opens its story (a byline or a lede after it)."""
    where: dict[str, list[int]] = {}
    for index, paragraph in enumerate(items):
        if paragraph.count(" ") < REPEAT_MAX_WORDS and not _is_credit_line(paragraph):
            # (one reporter's credit may close two stories of a page)
            where.setdefault(_repeat_key(paragraph), []).append(index)
    drop: set[int] = set()
    for places in where.values():
        if len(places) < 2 or places[-1] - places[0] <= REPEAT_MIN_GAP:
            continue
        for index in places:
            following = items[index + 1] if index + 1 < len(items) else ""
            opens_story = title_shaped(items[index]) and (is_byline(following) or reads_as_lede(following))
            if not opens_story:
                drop.add(index)
    return _dropping(items, drop, why, "a short line that comes back far apart on the page")


def without_page_lines(items: list[str], why: list[tuple[str, str]] | None = None) -> list[str]:
    """On a raw text page, short lines that the line-role model (lineroles.py) is sure belong to
    the page, by what they are and where they stand, whatever their wording."""
    # (a date line is left to the splitter: under a headline it is the story's date)
    places = {i: reason for i, reason in page_line_places(items).items() if not is_date_line(items[i])}
    if why is not None:
        why.extend((items[i], reason) for i, reason in sorted(places.items()))
    return [p for i, p in enumerate(items) if i not in places]


def text_page_lines(text: str, why: list[tuple[str, str]] | None = None) -> list[str]:
    """The paragraphs of a raw text page that may belong to a story: furniture, page repeats,
    section labels, page lines by shape and stray lines inside stories taken out (each
    with why, into `why`)."""
    items = without_page_repeats(clean_paragraphs(paragraphs(text)), why)
    return without_stray_lines(without_page_lines(without_section_labels(items, why), why), why)


def without_section_labels(items: list[str], why: list[tuple[str, str]] | None = None) -> list[str]:
    """Lines made only of the names of a site's sections ("World", "Opinion", "US elections") go,
    unless the paragraph after one takes its words up: then it is a subheading ("Books", over a
    paragraph on packing books)."""
    drop = set()
    for i, line in enumerate(items):
        names = section_words(line)
        if names and not names & {w.lower() for p in items[i + 1:i + 3] for w in _WORD.findall(p)}:
            drop.add(i)
    return _dropping(items, drop, why, "a section label")


def without_stray_lines(items: list[str], why: list[tuple[str, str]] | None = None) -> list[str]:
    """A short line standing inside a story (the prose before and after it is one story, on one
    topic) that shares none of its rarer words with that prose, and reports nothing, is a line of
    the page dropped into the story ("Join 40,000 readers of our evening email.")."""
    if len(items) < 5:
        return items
    idf_of_block: dict[int, dict[str, float]] = {}
    drop: set[int] = set()
    repeats = None
    for i in range(2, len(items) - 2):
        line = items[i]
        if line.count(" ") >= STRAY_MAX_WORDS or _QUOTE_OR_REPORT.search(line) or line.endswith(":") \
                or line[:1] in "-•*" or line[:1].isdigit() \
                or (_TERMINAL.search(line) and not talks_about_the_page(line)):
            continue  # a sentence stays unless it shows some mark of the page ("you", "our", an order)
        before, after = items[i - 2:i], items[i + 1:i + 3]
        if not all(_is_long_prose(p) for p in (before[-1], after[0])):
            continue
        block = i // IDF_BLOCK
        if block not in idf_of_block:
            idf_of_block.clear()
            idf_of_block[block] = page_idf(items[block * IDF_BLOCK:(block + 1) * IDF_BLOCK])
        idf = idf_of_block[block]
        words = {w.lower() for w in _CONTENT_WORD.findall(line)}
        if len(words) < 3:
            # a label of a few words ("In Depth", "Supplied", "Full screen"): a subheading has the
            # words of the paragraphs under it, in some form ("Choosing a tutor" over "choose")
            if line.count(" ") >= LABEL_MAX_WORDS or not _label_shaped(line) or _among_subheadings(items, i):
                continue
            stems = {_stem(w) for w in _CONTENT_WORD.findall(line.lower())}
            if stems & {_stem(w) for p in (before[-1], *after) for w in _CONTENT_WORD.findall(p.lower())}:
                continue
        else:
            if _is_subheading_shaped(line) and not _label_shaped(line) and not _SEPARATOR.search(line) \
                    and not talks_about_the_page(line) and _among_subheadings(items, i):
                continue  # one of the story's own section heads
            around = {w.lower() for p in (*before, *after) for w in _CONTENT_WORD.findall(p)}
            if words & around:
                continue  # the line speaks of what the story speaks of
        continuing = {w.lower() for p in before for w in _CONTENT_WORD.findall(p)} & \
            {w.lower() for p in after for w in _CONTENT_WORD.findall(p)}
        if sum(idf.get(w, 0.0) for w in continuing) >= STRAY_TOPIC_WEIGHT:
            drop.add(i)
            continue
        # where the topic turns, the line might open the next story; it goes only if it also has
        # the shape and place of a page line (a headline has those of a story's line)
        if repeats is None:
            repeats = repeat_counts(items)
        if line_score(line_features(items, i, repeats)) >= STRAY_PAGE_LINE_CHANCE:
            drop.add(i)
    return _dropping(items, drop, why, "a line of the page inside a story: no word of the prose around it")



def _label_shaped(line: str) -> bool:
    """One word, capitals, or a word of the page's vocabulary ("Supplied", "EDITORIAL", "Getty
    Images", "The Big Read"); a phrase of other words may be a lone subheading ("At a glance")."""
    tokens = _WORD.findall(line)
    return len(tokens) <= 1 or line.isupper() or any(t.lower() in PAGE_WORDS or t.lower() in SECTION_WORDS
                                                      for t in tokens)


def _among_subheadings(items: list[str], i: int) -> bool:
    """Another short line without a stop stands between paragraphs of prose near this one: the
    story is cut into sections, and its subheadings are its own (a page label stands alone)."""
    for j in range(max(1, i - SECTION_SPAN), min(len(items) - 1, i + SECTION_SPAN + 1)):
        if j != i and _is_subheading_shaped(items[j]) and _is_long_prose(items[j - 1]) \
                and _is_long_prose(items[j + 1]):
            return True
    return False


def _is_subheading_shaped(line: str) -> bool:
    """Short, and no stop at its end (a colon may end it: "Ingredients:")."""
    return line.count(" ") < SUBHEADING_MAX_WORDS and not _TERMINAL.search(line.rstrip(":"))


def _stem(word: str) -> str:
    return word[:STEM_LETTERS]


def _dropping(items: list[str], drop: set[int], why: list[tuple[str, str]] | None, reason: str) -> list[str]:
    if why is not None:
        why.extend((items[i], reason) for i in sorted(drop))
    return [p for i, p in enumerate(items) if i not in drop]


def _is_long_prose(paragraph: str) -> bool:
    return paragraph.count(" ") >= 19 and bool(_TERMINAL.search(paragraph))


def _repeat_key(line: str) -> str:
    return " ".join(line.casefold().split())


def _may_hold_furniture(paragraph: str) -> bool:
    lower = paragraph.lower()
    return any(hint in lower for hint in _FURNITURE_HINTS)


def _without_furniture(paragraph: str) -> str | None:
    """The paragraph without page furniture: None if it is all furniture; shorter if a call to
    action was fused onto its start or end ("… in Geneva. Subscribe to keep reading.")."""
    furniture = is_boilerplate(paragraph)
    if not furniture and not _may_hold_furniture(paragraph):
        return paragraph  # cheap test first: most paragraphs hold no such words at all
    parts = sentences(paragraph)
    start, end = 0, len(parts)
    while end - start > 1 and _fused_call(parts[end - 1]) and not _takes_up(parts[end - 1], parts[start:end - 1]):
        end -= 1
    while end - start > 1 and _fused_call(parts[start]) and not _takes_up(parts[start], parts[start + 1:end]):
        start += 1
    rest = parts[start:end]
    if furniture and len(rest) >= PROSE_SENTENCES and _mostly_prose(rest):
        furniture = False  # a paragraph of the writer's sentences that names the page once is prose
    if furniture and len(rest) > 1 and _fused_call(rest[-1]) and _takes_up(rest[-1], rest[:-1]) \
            and all(_is_news_sentence(part) for part in rest[:-1]):
        furniture = False  # news, and the writer leading on from it
    if furniture and (len(rest) == len(parts) or not all(_is_news_sentence(part) for part in rest)):
        return None  # nothing in it is news
    if len(rest) == 1 < len(parts) and rest[0].count(" ") < LEAD_IN_MAX_WORDS and talks_about_the_page(rest[0]):
        return None  # a call with its short lead-in ("What do you make of this? Tell us below.")
    return paragraph if len(rest) == len(parts) else " ".join(rest)


def _takes_up(call: str, prose: list[str]) -> bool:
    """A call to the reader that takes up the paragraph's own topic ("… So set some resolutions.
    Keep reading for the top mental health tips.") is the writer leading into what follows; the
    page's call is the same under every story ("Subscribe to keep reading.")."""
    own = {_stem(w) for w in _CONTENT_WORD.findall(call.lower())}
    around = {_stem(w) for p in prose for w in _CONTENT_WORD.findall(p.lower())}
    return len(own & around) >= TOPIC_WORDS_TAKEN_UP


def _mostly_prose(parts: list[str]) -> bool:
    """Fewer than half of the sentences are furniture each on its own."""
    return sum(is_boilerplate(part) for part in parts) * 2 < len(parts)


def _fused_call(sentence: str) -> bool:
    """A sentence of furniture fused onto prose: a call to action (an order, a question to the
    reader, the page's subscription words). A sentence that only names the page ("This article
    highlights…") is the writer's own and stays."""
    if sentence.count(" ") >= FUSED_CALL_MAX_WORDS:
        return False  # a call fused onto prose is a short one; a long sentence is the writer's
    if sentence.rstrip()[-1:] in "”\"’'" or "”" in sentence:
        return False  # the end of a quotation: someone's words, news ("… Join us on the island!”")
    verdict = judge(sentence)
    return verdict.boilerplate and any(
        reason in ("imperative", "question to the reader", "page label", "no letters or digits")
        or reason.startswith(("subscription words", "a page label", "made of page words", "a time stamp"))
        for reason in verdict.reasons)


def _is_news_sentence(sentence: str) -> bool:
    """What is left of a furniture paragraph is news only if it reads like a full sentence with no
    mark of furniture ("Access granted." and "Preview unlocked." are not)."""
    return sentence.count(" ") >= _MIN_NEWS_WORDS - 1 and not talks_about_the_page(sentence)


def stories(items: list[str], threshold: float = START_THRESHOLD,
            why: list[tuple[str, str]] | None = None, second_look: bool = True) -> list[Story]:
    """Clean paragraphs -> stories, each with its headline, dek, credits, body and date.

    Every title-shaped line is weighed as a story start (starts.py): its shape, what follows it,
    the story open above it and the change of topic across it. A line that does not start a
    story stays in the story as a subheading or one-line paragraph. With `second_look`, each
    line so weighed is weighed again against the whole stories the first cut puts on each side
    of it (bounds.py), and the page is cut once more by those decisions. Date lines then leave
    the text: one under a story's headline, above its first sentence, is its date."""
    found, starts = _stories(items, threshold, why, second_look)
    _date(found, starts, items, why)
    return [story for story in (_finish(_without_page_lines_inside(_without_tail(s, why), why)) for s in found)
            if story.paragraphs]


def _stories(items: list[str], threshold: float, why: list[tuple[str, str]] | None,
             second_look: bool) -> tuple[list[Story], list[int]]:
    if not second_look:
        return _cut(items, lambda i, context: _printed_twice(items, i) or score(features(context)) >= threshold, why)
    scored, starts = first_cut(items, threshold)
    if not scored:
        return _stories(items, threshold, why, second_look=False)
    decided = bounds.second_look(items, scored, starts, IDF_BLOCK, threshold)

    def again(i: int, context: Context) -> bool:
        if _printed_twice(items, i):
            return True
        if i in decided:
            # a byline or a dateline under the line is what opens a story, never a subheading:
            # the second look weighs topics, and the stories of one beat share theirs
            return decided[i] or (scored[i][0] >= threshold and _opens_with_credits_or_dateline(items, i)) \
                or (scored[i][0] >= RAIL_START_SCORE and _after_a_rail(items, i))
        return score(features(context)) >= threshold  # a line the first cut did not weigh

    return _cut(items, again, why)


def dated(story: Story) -> Story:
    """One story (an extracted page's main text) with its date lines taken out, dated by one
    above its first long sentence."""
    _date([story], [], list(story.paragraphs), None)
    return story


def _date(found: list[Story], starts: list[int], items: list[str], why: list[tuple[str, str]] | None) -> None:
    """Date lines out of the stories' text. One under a story's headline, with no long sentence
    of the story above it yet, dates the story; of several there, the last, nearest the text, is
    the story's own (one nearer the headline is the page's stamp). Any other is the page's stamp.
    (They stay in the page while it is cut: a date under a line tells that it is a headline.)"""
    chosen: dict[int, tuple[str, date]] = {}
    stamps: list[str] = []
    for index, line in enumerate(items):
        if not is_date_line(line):
            continue
        k = bisect_right(starts, index)
        opened = starts[k - 1] if k else -1
        when = date_of(line)
        if when and not any(_is_long_prose(items[t]) for t in range(opened + 1, index)):
            if k in chosen:
                stamps.append(chosen[k][0])
            chosen[k] = (line, when)
        else:
            stamps.append(line)
    for k, (_, when) in chosen.items():
        found[k].published = when
    for story in found:
        story.paragraphs = [p for p in story.paragraphs if not is_date_line(p)]
        if story.headline and is_date_line(story.headline):
            story.headline = None
    if why is not None:
        why.extend((line, "a date line of the page") for line in stamps)


def _printed_twice(items: list[str], i: int) -> bool:
    """A headline the page prints again right under itself (the page line between them gone)."""
    return i + 1 < len(items) and same_line(items[i], items[i + 1]) and (i == 0 or not same_line(items[i - 1], items[i]))


def _after_a_rail(items: list[str], i: int) -> bool:
    """The line stands after a story's last sentence and a run of short lines that are no
    sentences (topic tags, a "Most viewed" rail): where one story ends and the page goes on to the next."""
    if i < RAIL_LINES + 1:
        return False
    rail = items[i - RAIL_LINES:i]
    last = items[i - RAIL_LINES - 1]
    return _is_prose(last) and bool(_TERMINAL.search(last)) and all(
        p.count(" ") < RAIL_LINE_WORDS and not _TERMINAL.search(p) and not _LIST_ITEM.match(p)
        and not _is_credit_line(p) for p in rail)


def _opens_with_credits_or_dateline(items: list[str], i: int) -> bool:
    following = [p for p in items[i + 1:i + 4] if not is_date_line(p)]  # a date may stand between
    return bool(following) and (is_byline(following[0]) or has_wire_dateline(following[0]))


def first_cut(items: list[str], threshold: float = START_THRESHOLD
              ) -> tuple[dict[int, tuple[float, dict[str, float]]], list[int]]:
    """The start model's cut of the page: the score and features of every line it weighed, and
    the lines that open a story."""
    scored: dict[int, tuple[float, dict[str, float]]] = {}

    def first(i: int, context: Context) -> bool:
        feats = features(context)
        scored[i] = (score(feats), feats)
        return scored[i][0] >= threshold

    _, starts = _cut(items, first, None)
    return scored, starts


def _cut(items: list[str], decide, why: list[tuple[str, str]] | None) -> tuple[list[Story], list[int]]:
    """The page cut into stories by `decide(index, context)` at each title-shaped line that is
    not a repeat of the headline above or a headline under its label; also the indices of the
    lines that open a story."""
    found: list[Story] = []
    starts: list[int] = []
    current = Story()
    repeats = None  # the page's repeated lines, counted when first needed
    # Rarity is counted over blocks of the page: the same on an ordinary page, and on a huge
    # text the tables stay small, so the time per paragraph does not grow with the text.
    idf_of_block: dict[int, dict[str, float]] = {}
    for i, paragraph in enumerate(items):
        if title_shaped(paragraph):
            if current.headline and same_line(current.headline, paragraph) and not _has_long_prose(current):
                # the page repeats the headline: what stands between the copies is the page's (a
                # paywall line, a time stamp), but a byline or credit stays with the story
                between = [p for p in current.paragraphs if not is_byline(p) and not is_credit(p)]
                if current.dek is not None:  # no dek stands between a headline and its repeat
                    between.insert(0, current.dek)
                    current.dek = None
                if why is not None:
                    why.extend((p, "a line between a headline and its repeat") for p in between)
                current.paragraphs = [p for p in current.paragraphs if is_byline(p) or is_credit(p)]
                continue
            if current.headline and not current.paragraphs and _is_label_of(current.headline, paragraph):
                if why is not None:
                    why.append((current.headline, "a label above a headline"))
                current.headline = paragraph  # what opened the story was a label above its headline
                starts[-1] = i
                continue
            # (after the label test: a few words above a longer line are a label over its headline)
            if current.headline and not current.paragraphs and current.dek is None \
                    and starts and starts[-1] == i - 1 and _reads_as_dek_of(paragraph, current.headline):
                if repeats is None:
                    repeats = repeat_counts(items)
                chance = line_score(line_features(items, i - 1, repeats))
                if chance < PAGE_LINE_OVER_HEADLINE:
                    current.dek = paragraph  # a summary line without a final stop, right under its headline
                    continue
                # the line above has the shape and place of a page line ("Why this ad?"): the
                # longer line under it is the headline, not its dek
                if why is not None:
                    why.append((current.headline, f"a page line above a headline (p={chance:.2f})"))
                current.headline = paragraph
                starts[-1] = i
                continue
            block = i // IDF_BLOCK
            if block not in idf_of_block:
                idf_of_block.clear()
                idf_of_block[block] = page_idf(items[block * IDF_BLOCK:(block + 1) * IDF_BLOCK])
            context = Context(items, i, current.paragraphs, current.headline is not None, idf_of_block[block])
            # nothing above it on the page: a title-shaped line there can only open the first story
            if decide(i, context) or (current.headline is None
                                      and all(is_date_line(p) for p in current.paragraphs)):
                if current.paragraphs and _is_label_of(current.paragraphs[-1], paragraph) \
                        and not _is_credit_line(current.paragraphs[-1]):
                    label = current.paragraphs.pop()  # "ANALYSIS", "Live updates": a label above the headline
                    if why is not None:
                        why.append((label, "a label above a headline"))
                found.append(current)
                starts.append(i)
                current = Story(headline=paragraph)
                continue
        current.paragraphs.append(paragraph)
    found.append(current)
    return found, starts


def _without_tail(story: Story, why: list[tuple[str, str]] | None) -> Story:
    """A story ends on a sentence or its credits: short lines after its last sentence that are
    neither (a rail of links, labels, a share bar, the page's footer) are the page's."""
    cut = len(story.paragraphs)
    while cut and (_is_credit_line(story.paragraphs[cut - 1]) or _is_tail_line(story.paragraphs[cut - 1])):
        cut -= 1
    tail = [i for i in range(cut, len(story.paragraphs)) if not _is_credit_line(story.paragraphs[i])]
    if not tail or not any(_is_prose(p) for p in story.paragraphs[:cut]):
        return story
    if why is not None:
        why.extend((story.paragraphs[i], "a line after the story's last sentence") for i in tail)
    story.paragraphs = [p for i, p in enumerate(story.paragraphs) if i not in tail]
    return story


def _without_page_lines_inside(story: Story, why: list[tuple[str, str]] | None) -> Story:
    """Once the cut has made a story, a short line standing alone between two paragraphs of its
    prose is weighed by the line-role model again, among the story's own paragraphs: on the page
    a line next to a headline or another page line looks like a story's edge, and the model must
    be surer there (lineroles.THRESHOLD); inside a story its neighbours are the story's prose. It
    goes if the model is sure and the line itself bears a mark of the page; one of the story's
    subheadings stays."""
    body = story.paragraphs
    if len(body) < 3:
        return story
    repeats = repeat_counts(body)
    drop = set()
    for k in range(1, len(body) - 1):
        if body[k].count(" ") < LINE_ROLE_MAX_WORDS and not _QUOTE_OR_REPORT.search(body[k]) \
                and _is_sentence_prose(body[k - 1]) and _is_sentence_prose(body[k + 1]) \
                and not _among_subheadings(body, k):
            if _is_badge(body, k):
                drop.add(k)
                continue
            chance = line_score(line_features(body, k, repeats))
            if chance >= PAGE_LINE_INSIDE_A_STORY and _has_a_mark_of_the_page(body[k]):
                drop.add(k)
    if drop:
        story.paragraphs = _dropping(body, drop, why,
                                     "a page line inside a story, by its shape among the story's lines")
    return story


def _is_badge(body: list[str], k: int) -> bool:
    """A badge of the page in capitals ("EXCLUSIVE", "Q&A", "THE BIG PICTURE") standing alone in
    a story, none of its words in the prose around it: the model cannot weigh it (in capitals a
    line has no words it reads, like a headline in capitals). A heading over a list stays."""
    line = body[k]
    letters = [c for c in line if c.isalpha()]
    if line.count(" ") >= BADGE_MAX_WORDS or len(letters) < 2 or not all(c.isupper() for c in letters) \
            or _TERMINAL.search(line) or _LIST_ITEM.match(body[k + 1]):
        return False
    stems = {_stem(w) for w in _CONTENT_WORD.findall(line.lower())}
    around = {_stem(w) for p in (body[k - 1], body[k + 1]) for w in _CONTENT_WORD.findall(p.lower())}
    return not stems & around


def _has_a_mark_of_the_page(line: str) -> bool:
    """The line turns to the reader or uses the page's words ("… near you", "Premium"); a lone
    subheading of a story ("At a glance", "Key takeaways") has neither."""
    return talks_about_the_page(line) or any(t.lower() in PAGE_WORDS for t in _WORD.findall(line))


def _is_credit_line(paragraph: str) -> bool:
    return is_credit(paragraph) or is_closing_credit(paragraph) or is_byline(paragraph)


def _is_tail_line(paragraph: str) -> bool:
    return paragraph.count(" ") < TAIL_MAX_WORDS and not _TERMINAL.search(paragraph) and not is_byline(paragraph)


def _reads_as_dek_of(line: str, headline: str) -> bool:
    """A second title-shaped line right under a headline is its dek when it is clearly the longer
    (a summary runs longer than its headline; a label or a page line above a headline is shorter)."""
    words = line.count(" ") + 1
    return words >= DEK_MIN_WORDS and words >= headline.count(" ") + 1 + DEK_LONGER_BY \
        and not talks_about_the_page(headline)  # "Try the crossword" above a headline is a page line


def _is_kicker(paragraph: str) -> bool:
    """A label of a few words without a stop (a colon may end it: "Analysis:"), right above a headline."""
    return len(paragraph.split()) <= KICKER_WORDS and not _TERMINAL.search(paragraph.rstrip(":"))


def _is_label_of(line: str, headline: str) -> bool:
    """A kicker above `headline`; a label is shorter than its headline, so a short headline over a
    short subheading stays the headline ("Healthy Eating Tips" over "At a glance")."""
    return _is_kicker(line) and headline.count(" ") > line.count(" ")


def _has_long_prose(story: Story) -> bool:
    return any(p.count(" ") >= REPEAT_BODY_WORDS - 1 for p in story.paragraphs)


def one_copy(paragraphs: list[str]) -> list[str]:
    """The paragraphs with a line printed twice in a row kept once (a headline around a paywall line)."""
    return [p for i, p in enumerate(paragraphs) if not (i and same_line(paragraphs[i - 1], p))]


def _finish(story: Story) -> Story:
    """Move credits, byline and dek out of the body; a story with no prose left is dropped."""
    body = [p for p in one_copy(story.paragraphs) if not is_credit(p)]
    credits = [p for p in story.paragraphs if is_credit(p)]
    under_headline = is_byline_under_headline if story.headline else is_byline
    while body and under_headline(body[0]):
        credits.insert(0, body.pop(0))
    while body and is_closing_credit(body[-1]) and len(body) > 1:
        credits.append(body.pop())
    if story.headline and story.dek is None and len(body) > 1 and is_dek(body[0], following=body[1]):
        story.dek = body.pop(0)
        while body and is_byline_under_headline(body[0]):
            credits.insert(0, body.pop(0))
    story.credits = credits
    story.paragraphs = body if any(_is_prose(p) for p in body) else []
    return story


def _is_sentence_prose(paragraph: str) -> bool:
    """A paragraph of the story's prose: a sentence of some length, ending on its stop."""
    return paragraph.count(" ") + 1 >= PROSE_MIN_WORDS and bool(_TERMINAL.search(paragraph))


def _is_prose(paragraph: str) -> bool:
    return bool(_TERMINAL.search(paragraph)) or len(paragraph.split()) >= PROSE_MIN_WORDS
