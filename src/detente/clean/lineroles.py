"""Is a short line of a text page a line of the page, or a line of a story?

The rules of boilerplate.py and pagelines.py catch page lines whose words say what they are
("Advertisement", "Subscribe to keep reading."). A page line in wording never seen still has the
shape and the place of one, and that is what this model weighs:
- what the line is: its length, its case pattern, how it ends (a stop, a question mark, nothing),
  an order or a question to the reader first, "you" and "we", a web address, a handle, a price,
  a clock time or a count, separators ("|", "•"), how much of it is the page's own vocabulary
  (word classes of pagelines.py), reporting verbs and quotation marks (the marks of news prose);
- where it stands: between two paragraphs of prose or not, next to a headline-shaped line, after
  a byline, whether it repeats another line of the page, and how many of its words the
  paragraphs around it use (a line of a story speaks of what its story speaks of; a page line
  shares nothing with the prose it was dropped into).

A logistic model over these features is trained by scripts/train_page_lines.py on generated
tuning pages (weights in line_weights.py); only lines it is sure of go (`THRESHOLD`), since a
story line taken out breaks that story. `line_reasons()` says which features decided.
Every feature is a bounded amount of work per line, so a page is weighed in linear time.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from detente.clean.boilerplate import address_signals, own_words, reports_speech, subscription_words
from detente.clean.credits import is_byline, is_closing_credit, is_credit
from detente.clean.headlines import has_dateline
from detente.clean.pagelines import FUNCTION_WORDS, PAGE_WORDS, STAMP_WORDS, TIME_WORDS
from detente.clean.starts import COMMON_WORDS, title_shaped

MAX_WORDS = 40  # a paragraph longer than this is prose; it is never weighed
KICKER_WORDS = 4  # a label this short right above a headline is the splitter's to take (split.py)
THRESHOLD = 0.97  # on held-out tuning stories: 0 of 8,098 story lines taken (0.95: 3)
AROUND = 3  # paragraphs on each side whose words a story's line shares

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d:.,/]*")
_CONTENT = re.compile(r"[A-Za-z][a-z'’-]{3,}")
_TERMINAL = re.compile(r"[.!?…][\"”’)]*$")
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|co|uk|io|example|news)\b", re.I)
_HANDLE = re.compile(r"(?<!\w)[@#]\w{2,}")
_PRICE = re.compile(r"[$€£¥]\s?\d|\d\s?(?:cents?|p)\b|\d+%|\bfree\b", re.I)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,3}[smhd]\b")  # "10:42", "20m", "2h ago"
_SEPARATORS = re.compile(r"\s[|•·/]\s|\s[|•·]$|^[|•·]\s")
_FIRST_PLURAL = re.compile(r"\b(?:[Oo]ur|[Uu]s|[Ww]e)\b")  # the publisher speaking (not "US", "U.S.")
_COLON_LABEL = re.compile(r"^[A-Za-z][\w ]{0,20}[:|]\s")  # "Sort: …", "Go deeper: …"
_QUOTE = re.compile(r"[“”\"]|(?:^|\s)[‘'][A-Z]")


def _words(line: str) -> list[str]:
    return [t.lower().rstrip(".,") for t in _TOKEN.findall(line)]


def _content(line: str) -> set[str]:
    return {w.lower() for w in _CONTENT.findall(line)} - COMMON_WORDS


def _prose(paragraph: str) -> bool:
    return paragraph.count(" ") >= 19 and bool(_TERMINAL.search(paragraph))


def _title_shape(line: str) -> float:
    """The share of a line's later words that start with a capital (Title Case is near 1)."""
    later = [w for w in line.split()[1:] if w[:1].isalpha() and w.lower() not in FUNCTION_WORDS]
    return sum(w[:1].isupper() for w in later) / len(later) if later else 0.0


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def repeat_counts(items: list[str]) -> Counter:
    """How often each short line stands on the page (case and spacing aside)."""
    return Counter(" ".join(p.casefold().split()) for p in items if p.count(" ") < MAX_WORDS)


def line_features(items: list[str], i: int, repeats: Counter) -> dict[str, float]:
    """The features of `items[i]` (a line of at most MAX_WORDS words) in its place on the page."""
    line = items[i].strip()
    n = line.count(" ") + 1
    tokens = _words(line)
    own = own_words(line)
    signals = address_signals(own)
    prev = items[i - 1] if i > 0 else ""
    nxt = items[i + 1] if i + 1 < len(items) else ""
    page_share = sum(t in PAGE_WORDS for t in tokens) / len(tokens) if tokens else 0.0
    time_share = sum(t in TIME_WORDS or t[:1].isdigit() for t in tokens) / len(tokens) if tokens else 0.0
    words = _content(line)
    around = set().union(*(_content(p) for p in items[max(0, i - AROUND):i] + items[i + 1:i + 1 + AROUND])) \
        if words else set()
    shared = len(words & around) / len(words) if words else 0.0
    tail = line[-1:]
    title = _title_shape(line)
    caps = _caps(line)
    terminal = bool(_TERMINAL.search(line))
    between = _prose(prev) and _prose(nxt)
    return {
        "bias": 1.0,
        "words_1": float(n == 1),
        "words_2_3": float(2 <= n <= 3),
        "words_4_6": float(4 <= n <= 6),
        "words_7_12": float(7 <= n <= 12),
        "words_13_20": float(13 <= n <= 20),
        "words_21_up": float(n >= 21),
        "ends_stop": float(tail == "."),
        "ends_question": float(tail == "?"),
        "ends_exclaim": float(tail == "!"),
        "ends_colon": float(tail == ":"),
        "ends_bare": float(not terminal and tail not in ":\"”’'"),
        "ends_quote": float(tail in "\"”’'"),
        "all_caps": float(caps),
        "title_case": float(title >= 0.75 and not caps),
        "sentence_case": float(title < 0.5 and not caps),
        "lower_start": float(line[:1].islower()),
        "imperative": float("imperative" in signals),
        "you": float("addresses the reader" in signals),
        "reader_question": float("question to the reader" in signals),
        "page_itself": float("the page about itself" in signals),
        "fragment": float("link-stripped fragment" in signals),
        "we": float(bool(_FIRST_PLURAL.search(own))),
        "subscription": float(subscription_words(own)),
        "reports": float(reports_speech(own)),
        "quoted": float(bool(_QUOTE.search(line))),
        "url_or_handle": float(bool(_URL.search(line) or _HANDLE.search(line))),
        "price": float(bool(_PRICE.search(line))),
        "clock": float(bool(_CLOCK.search(line))),
        "separators": float(bool(_SEPARATORS.search(line))),
        "brackets": float(line[:1] in "([" and line.rstrip(".")[-1:] in ")]"),
        "colon_label": float(bool(_COLON_LABEL.match(line))),
        "page_share": page_share,
        "page_any": float(page_share > 0),
        "page_most": float(page_share >= 0.5),
        "time_share": time_share,
        "digit_start": float(line[:1].isdigit()),
        "bullet_start": float(line[:1] in "-•*–—"),
        "byline": float(is_byline(line)),
        "credit": float(is_credit(line) or is_closing_credit(line)),
        "dateline": float(has_dateline(line)),
        "shared_around": shared,
        "shares_nothing": float(bool(words) and not shared),
        "no_content_words": float(not words),
        "between_prose": float(between),
        "between_and_alien": float(between and bool(words) and shared < 0.2),
        "prev_prose": float(_prose(prev)),
        "next_prose": float(_prose(nxt)),
        "next_short": float(bool(nxt) and nxt.count(" ") < 6),
        "prev_short": float(bool(prev) and prev.count(" ") < 6),
        "prev_byline": float(is_byline(prev)),
        "prev_title": float(title_shaped(prev)),
        "next_title": float(title_shaped(nxt)),
        "next_byline": float(is_byline(nxt)),
        "page_edge": float(i == 0 or i == len(items) - 1),
        "repeated": float(repeats[" ".join(line.casefold().split())] > 1),
        "short_order": float(n <= 8 and "imperative" in signals),
        "stamp_word": float(any(t in STAMP_WORDS for t in tokens)),
        "short_with_page_word": float(n <= 6 and page_share > 0),
        "alien_sentence_in_prose": float(between and terminal and bool(words) and not shared),
        "no_verb_shape": float(n <= 6 and not terminal and not any(t.endswith(("ed", "s")) for t in tokens[1:])),
        "short_bare_lower_words": float(n <= 6 and not terminal and title < 0.5 and not caps),
    }


def is_kicker(items: list[str], i: int) -> bool:
    """A label of a few words without a stop right above a headline ("ANALYSIS", "Live updates")."""
    return items[i].count(" ") < KICKER_WORDS and not _TERMINAL.search(items[i]) and \
        i + 1 < len(items) and title_shaped(items[i + 1])


def line_score(feats: dict[str, float]) -> float:
    from detente.clean.line_weights import WEIGHTS  # generated by scripts/train_page_lines.py

    z = sum(WEIGHTS.get(name, 0.0) * value for name, value in feats.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def line_reasons(feats: dict[str, float], top: int = 3) -> list[str]:
    """The features that weighed most for a page line here."""
    from detente.clean.line_weights import WEIGHTS

    parts = sorted(((WEIGHTS.get(n, 0.0) * v, n) for n, v in feats.items() if v and n != "bias"),
                   key=lambda x: -x[0])
    return [name for w, name in parts[:top] if w > 0]


def page_line_places(items: list[str], threshold: float = THRESHOLD) -> dict[int, str]:
    """The index of every line the model is sure belongs to the page, with why."""
    repeats = repeat_counts(items)
    out: dict[int, str] = {}
    for i, line in enumerate(items):
        if line.count(" ") >= MAX_WORDS or is_kicker(items, i):
            continue
        feats = line_features(items, i, repeats)
        p = line_score(feats)
        if p >= threshold:
            out[i] = f"a page line by its shape and place (p={p:.2f}: {', '.join(line_reasons(feats))})"
    return out
