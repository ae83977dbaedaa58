"""Finding quoted stretches of text from quotation marks, tolerant of the marks real pages carry.

Pages mix curly and straight double quotes, sometimes type a curly mark the wrong way round,
and lose marks (a paywall cut, a scraper). So the scanner works one paragraph (line) at a time:
whatever goes wrong in one paragraph cannot swallow the rest of the article. Within a
paragraph the role of a mark (opening or closing) is read from its surroundings when they are
clear, and from its glyph otherwise. An opening mark left open at the end of a paragraph
continues into the next paragraph when that one starts with an opening mark (the typographic
convention for a quotation running over several paragraphs) if it opened a sentence; otherwise
it is closed at the paragraph end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Double quotation marks only: single marks are mostly apostrophes, and nested quotes ride
# inside the double-quoted span anyway.
_OPENING_GLYPHS = frozenset("“„«")
_CLOSING_GLYPHS = frozenset("”»")
_AMBIGUOUS_GLYPHS = frozenset('"')
MARKS = _OPENING_GLYPHS | _CLOSING_GLYPHS | _AMBIGUOUS_GLYPHS

_PARAGRAPH = re.compile(r"[^\n]+")
# What may stand right before an opening mark / right after a closing one.
_BEFORE_OPENING = re.compile(r"[\s(\[{—–\-/:;,]")
_AFTER_CLOSING = re.compile(r"[\s)\]}—–\-/:;,.?!…]")


@dataclass(frozen=True, slots=True)
class Quoted:
    """The characters between a pair of quotation marks (marks excluded).

    `open_mark` / `close_mark` are the offsets of the marks; `close_mark` is None when the
    quotation was never closed and was cut at a paragraph end.
    """

    start: int
    end: int
    open_mark: int
    close_mark: int | None


def _role(text: str, i: int) -> str:
    """'open' or 'close' for the mark at text[i], from context first, glyph second."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    looks_opening = bool(_BEFORE_OPENING.match(before)) and not after.isspace()
    looks_closing = not before.isspace() and bool(_AFTER_CLOSING.match(after))
    if looks_opening and not looks_closing:
        return "open"
    if looks_closing and not looks_opening:
        return "close"
    glyph = text[i]
    if glyph in _OPENING_GLYPHS:
        return "open"
    if glyph in _CLOSING_GLYPHS:
        return "close"
    return "toggle"


def _starts_with_opening(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return bool(stripped) and stripped[0] in MARKS and _role(text, end - len(stripped)) != "close"


def quoted_spans(text: str) -> list[Quoted]:
    """Every quoted stretch of `text`, in order; never raises on unbalanced marks."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    found: list[Quoted] = []
    carried: int | None = None  # opening mark carried over from the previous paragraph
    for n, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = carried
        carried = None
        continuing = open_at is not None
        for i in range(p_start, p_end):
            if text[i] not in MARKS:
                continue
            role = _role(text, i)
            if continuing and i == p_start + (len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())):
                continuing = False  # the repeated opening mark of a continued quotation
                continue
            continuing = False
            if role == "toggle":
                role = "close" if open_at is not None else "open"
            if role == "open":
                if open_at is not None:
                    # Two openings in a row: the first lost its closing mark; end it before this one.
                    found.append(_cut(text, open_at, i))
                open_at = i
            elif open_at is not None:
                if i > open_at + 1:
                    found.append(Quoted(open_at + 1, i, open_at, i))
                open_at = None
            # A closing mark with nothing open is a stray: ignored.
        if open_at is None:
            continue
        following = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        if following and _starts_with_opening(text, *following) and _opens_sentence(text, p_start, open_at):
            carried = open_at
        else:
            found.append(_cut(text, open_at, p_end))
    return [q for q in found if q.end > q.start]


def _opens_sentence(text: str, p_start: int, mark: int) -> bool:
    # A quotation carried over paragraphs is a statement of its own, not a phrase mid-sentence.
    before = text[p_start:mark].rstrip()
    return not before or before[-1] in ".?!…:" or before[-1] in MARKS


def _cut(text: str, open_at: int, end: int) -> Quoted:
    """An unclosed quotation, ending at `end` with trailing whitespace dropped."""
    while end > open_at + 1 and text[end - 1].isspace():
        end -= 1
    return Quoted(open_at + 1, end, open_at, None)
