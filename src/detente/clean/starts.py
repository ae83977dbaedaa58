"""Where a story starts on a fused page: is this short line a headline, or a line inside a story?

A headline is recognised by what it is and where it stands, whatever the house style (Title
Case, sentence case, ALL CAPS, a kicker above, ending in a question mark or a quotation):
- its shape: a short line without a final stop, in title case or capitals or not;
- what follows: a byline, a dek, a lede that reads as one (a dateline, a day of the week,
  someone saying something), long prose;
- what precedes: a story that has its body (a credit closing it), or the top of the page;
- whether the topic changes across it: the words of the paragraphs before and after it, each
  weighed by how rare it is on the page, and whether its own words are those of what follows.

A subheading, a one-line paragraph, a quoted line or a list item inside a story has the shape
but not the place: the topic goes on across it and no lede follows. The features are weighed
by a logistic model trained by scripts/train_story_starts.py on generated pages (weights in
start_weights.py); `start_reasons()` says which features decided.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from detente.clean.credits import is_byline, is_closing_credit, is_credit
from detente.clean.datelines import is_date_line
from detente.clean.headlines import has_dateline, is_headline, same_line

MAX_WORDS = 30
MAX_CHARS = 220
WINDOW = 3  # paragraphs on each side compared for a change of topic
PROSE_LOOKBACK = 12
FAR_WINDOW = 8  # paragraphs after a line whose words a headline's words are looked for in

_WORD = re.compile(r"[A-Za-z][a-z'’-]{3,}|[A-Z]{2,}")
_FINAL_STOP = re.compile(r"(?<!\b[A-Z]\.[A-Z])(?<!\b(?:Jr|Sr|St|Co|Mr|Ms|Dr))[.,;:]$")
# a stop inside a closing quotation ('… said, "Her mind is shot!"'): the line is a sentence of
# the story; a headline that ends on a quotation quotes words, not a whole sentence
_QUOTED_STOP = re.compile(r"[.,;:!][\"”’']+$")
# an e-mail or web address: the page pointing somewhere (a tip line, a link), never a headline
_ADDRESS = re.compile(r"\S@\w[\w-]*\.\w|https?://|\bwww\.|\w\.(?:com|org|net|co\.uk|example)/\S")
# ... but a headline may end on an exclamation it quotes after a colon, with no verb of saying
# before it ("Bolton: ‘Not indicted, yet!’"); a sentence reports it ("…, he said: “No!”")
_QUOTED_CRY = re.compile(r"^(?P<lead>[^:]{3,100}):\s.*[\"“‘'].*!+[\"”’']+$")
# a sentence of the story, not a headline: it goes on from the one before ("And has he…?"),
# or it reports speech in the past as prose does ("A reporter asked: …", "… Trump said, adding")
_CONTINUES = re.compile(r"^[\"“‘']?(?:And|But|Or|So|Yet|Still|Then|Instead|Meanwhile|Also)\b")
_PAST_SPEECH = re.compile(r"\b(?:said|asked|told|added|wrote|replied|recalled|explained)\b")
_SAYING = re.compile(r"\b(?:shouted|cried|yelled|asks|replies|adds|writes|tweeted|declared|insisted)\b")
_LIST_NUMBER = re.compile(r"^(?:\d{1,2}|[A-Za-z])[.)]\s")
_ENDS_QUOTE = re.compile(r"[\"”’']$")
_TERMINAL = re.compile(r"[.!?…][\"”’')]*$")
_DAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b")
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|according to|announced|reported)\b")
_WIRE = re.compile(r"^[A-Z][A-Za-z0-9 .,'-]{1,40}\((?:AP|AFP|Reuters|UPI|CNN)\)|^[A-Z]{3,}[A-Z ,.]*\s[—–-]")
_MINOR = frozenset("a an and as at but by for from in into nor of off on onto or over per so than the to up "
                   "upon via vs vs. with yet amid is are".split())
_EDGE = "\"'“”‘’()[]:;,—–-…|"
# words too common to tell one topic from another (one list for the start model and the line-role
# model)
COMMON_WORDS = frozenset("that this with from have were been will would their there they them what when which who "
                         "said says also more than into about after over just some such only other could should "
                         "most many very much like your more".split())


def title_shaped(line: str) -> bool:
    """Short, starts like a title, and no final stop (a question mark or a quote may end it)."""
    line = line.strip()
    if not line or len(line) > MAX_CHARS or _FINAL_STOP.search(line):
        return False
    if _QUOTED_STOP.search(line) and not _quoted_cry(line):
        return False
    first = line.lstrip("\"'“‘([#")[:1]  # "#Hashtag Is the Word of the Campaign"
    if not (first.isupper() or first.isdigit()):
        return False
    if _opens_quote_unclosed(line) or (line.startswith("(") and line.endswith(")")) or _ADDRESS.search(line) \
            or is_date_line(line):
        return False  # a quotation running on into the next paragraph, an aside in parentheses, a link, a date
    words = line.split()
    if not 3 <= len(words) <= MAX_WORDS:
        return False
    return not is_byline(line) and not is_credit(line)


def _opens_quote_unclosed(line: str) -> bool:
    """A line opening a quotation it never closes: a quote that runs on into the next paragraph
    (news prints no closing mark there); a headline closes what it quotes."""
    if line.startswith("“"):
        return "”" not in line
    return line.startswith('"') and line.count('"') == 1


def _quoted_cry(line: str) -> bool:
    cry = _QUOTED_CRY.match(line)
    if not cry:
        return False
    lead = cry.group("lead")
    return not (_PAST_SPEECH.search(lead) or _ATTRIBUTION.search(lead) or _SAYING.search(lead)
                or _CONTINUES.match(lead))


def has_wire_dateline(paragraph: str) -> bool:
    """A dateline as wires and papers print it: "MIAMI — …", "PARIS (Reuters) -", "Feb. 18 —"."""
    return has_dateline(paragraph) or bool(_WIRE.match(paragraph))


def reads_as_lede(paragraph: str) -> bool:
    """A story's first paragraph as news opens: a dateline, a day of the week, someone saying."""
    opening = paragraph[:300]
    return has_wire_dateline(paragraph) or bool(_DAY.search(opening) or _ATTRIBUTION.search(opening))


def _words(line: str) -> list[str]:
    return [w.strip(_EDGE) for w in line.split() if any(c.isalpha() for c in w)]


def _title_share(line: str) -> float:
    words = _words(line)
    major = [w for w in words[1:] if w.lower() not in _MINOR]
    if not major:
        return 0.0
    return sum(1 for w in major if w[:1].isupper() or w[:1].isdigit()) / len(major)


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _bag(paragraphs: list[str], idf: dict[str, float]) -> Counter:
    bag: Counter = Counter()
    for paragraph in paragraphs:
        for word in _WORD.findall(paragraph):
            word = word.lower()
            if word not in COMMON_WORDS:
                bag[word] += idf.get(word, 1.0)
    return bag


def _cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _coverage(line: Counter, text: Counter) -> float:
    """The share of a line's (rarity-weighed) words that the text uses: a headline's words are
    its story's words."""
    total = sum(line.values())
    return sum(v for k, v in line.items() if k in text) / total if total else 0.0


def page_idf(items: list[str]) -> dict[str, float]:
    """How rare each word is across the page's paragraphs: common words ('Trump' on a page of
    campaign stories) say little about a change of topic."""
    df: Counter = Counter()
    for paragraph in items:
        df.update({w.lower() for w in _WORD.findall(paragraph)})
    n = len(items) + 1
    return {w: math.log(n / c) for w, c in df.items()}


@dataclass(slots=True)
class Context:
    """What the splitter knows at a candidate line: the page, the index, the current story."""
    items: list[str]
    index: int
    story_body: list[str]      # paragraphs of the story open so far (after its headline)
    story_has_headline: bool
    idf: dict[str, float]


def features(ctx: Context) -> dict[str, float]:
    items, i = ctx.items, ctx.index
    line = items[i].strip()
    words = line.split()
    # what follows: the next paragraph that is not a byline or the line repeated
    j = i + 1
    byline_after = False
    while j < len(items) and (is_byline(items[j]) or same_line(items[j], line)):
        byline_after = byline_after or is_byline(items[j])
        j += 1
    nxt = items[j] if j < len(items) else ""
    after_next = items[j + 1] if j + 1 < len(items) else ""
    first_sentence = nxt[:300]
    prev = items[i - 1] if i > 0 else ""
    before = ctx.story_body[-WINDOW:]
    after = [p for p in items[j:j + WINDOW] if not title_shaped(p)] or items[j:j + WINDOW]
    bag_before, bag_after = _bag(before, ctx.idf), _bag(after, ctx.idf)
    bag_line = _bag([line], ctx.idf)
    # a headline's words come back all through its story, not only in the paragraphs right after it
    bag_far = _bag(items[j:j + FAR_WINDOW], ctx.idf)
    topic = _cosine(bag_before, bag_after) if before else 0.0
    share, caps = _title_share(line), _caps(line)
    # (the last paragraphs are enough to tell 0, 1 or 3: constant work however long the story)
    prose_before = sum(1 for p in ctx.story_body[-PROSE_LOOKBACK:] if _TERMINAL.search(p) and len(p.split()) >= 12)
    tail = line[-1:]
    return {
        "bias": 1.0,
        "title_case": float(_title_share(line) >= 0.75 and not _caps(line)),
        "all_caps": float(_caps(line)),
        "old_headline_rule": float(is_headline(line)),
        "ends_question": float(tail == "?"),
        "ends_quote": float(bool(_ENDS_QUOTE.search(line))),
        "ends_exclaim": float(tail == "!"),
        "has_colon": float(":" in line or "|" in line),
        "short": float(len(words) <= 4),
        "long": float(len(words) >= 16),
        "sentences_inside": float(bool(re.search(r"[.!?] [A-Z]", line))),
        "starts_digit_or_bullet": float(line[:1].isdigit() or line[:1] in "-•*"),
        "byline_after": float(byline_after),
        "dateline_after": float(has_dateline(nxt) or bool(_WIRE.match(nxt))),
        "day_after": float(bool(_DAY.search(first_sentence))),
        "attribution_after": float(bool(_ATTRIBUTION.search(first_sentence))),
        "prose_after": float(bool(_TERMINAL.search(nxt)) and len(nxt.split()) >= 20),
        "short_after": float(len(nxt.split()) < 8),
        "title_after": float(title_shaped(nxt)),
        "dateline_after_next": float(has_dateline(after_next)),
        "nothing_after": float(not nxt),
        "page_top": float(not ctx.story_body and not ctx.story_has_headline),
        "open_without_body": float(ctx.story_has_headline and prose_before == 0),
        "body_before_1": float(prose_before >= 1),
        "body_before_3": float(prose_before >= 3),
        "credit_before": float(bool(prev) and (is_closing_credit(prev) or is_credit(prev))),
        "prev_terminal": float(bool(_TERMINAL.search(prev))),
        "prev_title": float(title_shaped(prev)),
        "topic_same": topic,
        "line_with_after": _cosine(bag_line, bag_after),
        "line_with_before": _cosine(bag_line, bag_before) if before else 0.0,
        "repeated_earlier": float(any(same_line(p, line) for p in items[max(0, i - 40):i])),
        "cover_after": _coverage(bag_line, bag_after),
        "cover_before": _coverage(bag_line, bag_before) if before else 0.0,
        "topic_low": float(bool(before) and topic < 0.08),
        "topic_high": float(topic > 0.3),
        "sentence_case": float(share < 0.5 and not caps),
        "title_and_new_topic": float(share >= 0.75 and bool(before) and topic < 0.08),
        "sentence_and_new_topic": float(share < 0.5 and bool(before) and topic < 0.08),
        "label_above": float(bool(prev) and len(prev.split()) <= 4 and not _TERMINAL.search(prev)),
        "headline_band": float(5 <= len(words) <= 14),
        "list_number": float(bool(_LIST_NUMBER.match(line))),
        "continues_sentence": float(bool(_CONTINUES.match(line))),
        "past_speech": float(bool(_PAST_SPEECH.search(line))),
        "question_in_quote": float(bool(re.search(r"[?!][\"”’']$", line))),  # "4. Exercise for …": an item of a list
        "cover_far": _coverage(bag_line, bag_far),
        "cover_far_low": float(_coverage(bag_line, bag_far) < 0.2),
        "lede_and_new_topic": float(bool(before) and topic < 0.08 and (has_dateline(nxt) or bool(
            _DAY.search(first_sentence) or _ATTRIBUTION.search(first_sentence)))),
    }


def score(feats: dict[str, float]) -> float:
    from detente.clean.start_weights import WEIGHTS  # generated by scripts/train_story_starts.py

    z = sum(WEIGHTS.get(name, 0.0) * value for name, value in feats.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def start_reasons(feats: dict[str, float], top: int = 4) -> list[str]:
    """The features that weighed most for (+) or against (-) a story start here."""
    from detente.clean.start_weights import WEIGHTS

    parts = sorted(((WEIGHTS.get(n, 0.0) * v, n) for n, v in feats.items() if v and n != "bias"),
                   key=lambda x: -abs(x[0]))
    return [f"{name} {'+' if w > 0 else '-'}{abs(w):.1f}" for w, name in parts[:top]]
