"""Headlines and deks: the lines that open a story on a scraped page.

A headline is a short line in title case without a final period ("Hamas Says Remains of
Israeli Captives … Will Be Handed Over on Thursday"). A dek is the summary right under it:
a sentence or two that summarise rather than report, so it carries none of the marks of a
news lede (attribution, a day of the week, a dateline, quotations) and stays short.
"""

from __future__ import annotations

import re

# Words a title-case headline leaves in lower case (house styles differ; these are the usual).
_MINOR = frozenset(
    "a an and as at but by for from in into nor of off on onto or over per so than the to up "
    "upon via vs vs. with yet amid".split()
)
_EDGE = "\"'“”‘’()[]:;,—–-…"
# A final period ends a sentence, unless it belongs to an abbreviation ("… With U.S.").
_ENDS_SENTENCE = re.compile(r"(?<!\b[A-Z]\.[A-Z])(?<!\b(?:Jr|Sr|St|Co))[.,;:]$")
_TERMINAL = re.compile(r"[.!?…][\"”’)]*$")
# Between sentences: after . ! ? (and a closing quote), not after an initial or a title.
_SENTENCE_BREAK = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))"
    r"(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bJr\.)(?<!\bSr\.)(?<!\bMrs\.)"
    r"(?<!\bJan\.)(?<!\bFeb\.)(?<!\bMar\.)(?<!\bApr\.)(?<!\bAug\.)(?<!\bSep\.)(?<!\bSept\.)(?<!\bOct\.)"
    r"(?<!\bNov\.)(?<!\bDec\.)"  # "on Nov. 18, 2016": a month, not the end of a sentence
    r"\s+(?=[\"“‘A-Z0-9])")

MIN_HEADLINE_WORDS = 4
MAX_HEADLINE_WORDS = 25
MAX_HEADLINE_CHARS = 200
TITLE_CASE_SHARE = 0.75

MAX_DEK_CHARS = 230
MAX_DEK_SENTENCES = 2
MAX_DEK_BEFORE_DATELINE_CHARS = 320
# "KYIV, Ukraine — …", "ABU DHABI, United Arab Emirates — …": where a story's body begins.
# "GENEVA —", "NEW YORK, Dec. 14 (UPI) —": a place in capitals, then a date or region, an agency
_DATELINE = re.compile(r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z0-9][\w.]*(?: [A-Z0-9][\w.]*)*)?"
                       r"(?: \([A-Za-z]+\))? [—–-] ")
# A lede reports: someone said something, on a given day, somewhere (dateline), in quotes.
_LEDE_MARKS = re.compile(
    r"\b(?:said|says|told|according to)\b"
    r"|\b(?:[Oo]n|[Ll]ast|[Tt]his|[Nn]ext|[Ll]ate|[Ee]arly) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|[“\"]",
)


def _words(line: str) -> list[str]:
    return [w.strip(_EDGE) for w in line.split() if any(c.isalpha() for c in w)]


def is_headline(line: str) -> bool:
    """A short title-case line without a final period."""
    line = line.strip()
    if not line or len(line) > MAX_HEADLINE_CHARS or _ENDS_SENTENCE.search(line):
        return False
    words = _words(line)
    if not MIN_HEADLINE_WORDS <= len(words) <= MAX_HEADLINE_WORDS or not words[0][:1].isupper():
        return False
    major = [w for w in words[1:] if w.lower() not in _MINOR]
    if not major:
        return False
    capitalised = sum(1 for w in major if w[:1].isupper() or w[:1].isdigit() or w.startswith(("al-", "el-")))
    return capitalised / len(major) >= TITLE_CASE_SHARE


def sentences(paragraph: str) -> list[str]:
    """A rough sentence split, punctuation kept (enough for counting and trimming; not for analysis)."""
    return [s for s in _SENTENCE_BREAK.split(paragraph.strip()) if s]


def has_dateline(line: str) -> bool:
    return bool(_DATELINE.match(line))


def is_dek(line: str, following: str | None = None) -> bool:
    """A summary line: one or two full sentences, short, with none of a lede's reporting marks.

    When the paragraph after it opens with a dateline, that paragraph is the lede, and the
    line before it is the dek even if it reports ("…, the Kremlin said.").
    """
    line = line.strip()
    if not line or not _TERMINAL.search(line) or is_headline(line) or has_dateline(line):
        return False
    if len(sentences(line)) > MAX_DEK_SENTENCES:
        return False
    if following is not None and has_dateline(following):
        return len(line) <= MAX_DEK_BEFORE_DATELINE_CHARS
    return len(line) <= MAX_DEK_CHARS and not _LEDE_MARKS.search(line)


def same_line(a: str, b: str) -> bool:
    """Equal up to case, spacing and quotation-mark style (a headline repeated by the page)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 8 + len(a) // 10 or a.count(" ") != b.count(" "):
        return False  # cheap rejection: most pairs differ in length or word count
    return _key(a) == _key(b)


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _key(line: str) -> str:
    return " ".join(line.translate(_QUOTES).casefold().split())
