"""Finding quoted stretches of text from quotation marks, tolerant of the marks real pages carry.

Pages mix curly and straight double quotes, archive feeds write them as two apostrophes ('')
or as ``…'', some sites type a curly mark the wrong way round, and marks get lost (a paywall
cut, a scraper). So the scanner works one paragraph (line) at a time: whatever goes wrong in
one paragraph cannot swallow the rest of the article. Within a paragraph the role of a mark
(opening or closing) is read from its surroundings when they are clear, and from its glyph
otherwise. An opening mark left open at the end of a paragraph continues into the next
paragraph when that one starts with an opening mark (the typographic convention for a
quotation running over several paragraphs) if it opened a sentence; otherwise it is closed at
the paragraph end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Double quotation marks only: single marks are mostly apostrophes, and nested quotes ride
# inside the double-quoted span anyway.
_OPENING_GLYPHS = frozenset({"“", "„", "«", "``"})
_CLOSING_GLYPHS = frozenset({"”", "»"})
MARK = re.compile(r"''|``|[“”„«»\"]")
MARKS = frozenset("“”„«»\"")  # the one-character marks

_PARAGRAPH = re.compile(r"[^\n]+")
# What may stand right before an opening mark / right after a closing one.
_BEFORE_OPENING = re.compile(r"[\s(\[{—–\-/:;,]")
_AFTER_CLOSING = re.compile(r"[\s)\]}—–\-/:;,.?!…]")


@dataclass(frozen=True, slots=True)
class Quoted:
    """The characters between a pair of quotation marks (marks excluded).

    `open_mark` / `close_mark` are the offsets where the marks start; `close_mark` is None when
    the quotation was never closed and was cut at a paragraph end. `after` is the offset just
    past the closing mark (or `end` when there is none).
    """

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    after: int


def ends_with_mark(text: str) -> bool:
    return bool(text) and (text[-1] in MARKS or text.endswith("''"))


def starts_with_mark(text: str) -> bool:
    return bool(MARK.match(text))


def _role(text: str, start: int, end: int) -> str:
    """'open', 'close' or 'toggle' for the mark text[start:end], from context first, glyph second."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    looks_opening = bool(_BEFORE_OPENING.match(before)) and not after.isspace()
    looks_closing = not before.isspace() and bool(_AFTER_CLOSING.match(after))
    if looks_opening and not looks_closing:
        return "open"
    if looks_closing and not looks_opening:
        return "close"
    glyph = text[start:end]
    if glyph in _OPENING_GLYPHS:
        return "open"
    if glyph in _CLOSING_GLYPHS:
        return "close"
    return "toggle"


def _leading_mark(text: str, p_start: int, p_end: int) -> re.Match[str] | None:
    """The opening mark a paragraph starts with, if any."""
    offset = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
    found = MARK.match(text, offset, p_end)
    if found and _role(text, found.start(), found.end()) != "close":
        return found
    return None


def quoted_spans(text: str) -> list[Quoted]:
    """Every quoted stretch of `text`, in order; never raises on unbalanced marks."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    found: list[Quoted] = []
    carried: tuple[int, int] | None = None  # (mark start, mark end) carried from the last paragraph
    for n, (p_start, p_end) in enumerate(paragraphs):
        open_at = carried
        repeated = _leading_mark(text, p_start, p_end) if carried else None
        carried = None
        for mark in MARK.finditer(text, p_start, p_end):
            if repeated is not None and mark.start() == repeated.start():
                continue  # the repeated opening mark of a continued quotation
            role = _role(text, mark.start(), mark.end())
            if role == "toggle":
                role = "close" if open_at is not None else "open"
            if role == "open":
                if open_at is not None:
                    # Two openings in a row: the first lost its closing mark; end it before this one.
                    found.append(_cut(text, open_at, mark.start()))
                open_at = (mark.start(), mark.end())
            elif open_at is not None:
                if mark.start() > open_at[1]:
                    found.append(Quoted(open_at[1], mark.start(), open_at[0], mark.start(), mark.end()))
                open_at = None
            # A closing mark with nothing open is a stray: ignored.
        if open_at is None:
            continue
        following = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        if following and _leading_mark(text, *following) and _opens_sentence(text, p_start, open_at[0]):
            carried = open_at
        else:
            found.append(_cut(text, open_at, p_end))
    # Marks around nothing but spaces or punctuation quote nothing.
    return [q for q in found if any(c.isalnum() for c in text[q.start:q.end])]


def _opens_sentence(text: str, p_start: int, mark: int) -> bool:
    # A quotation carried over paragraphs is a statement of its own, not a phrase mid-sentence.
    before = text[p_start:mark].rstrip()
    return not before or before[-1] in ".?!…:" or ends_with_mark(before)


def _cut(text: str, open_at: tuple[int, int], end: int) -> Quoted:
    """An unclosed quotation, ending at `end` with trailing whitespace dropped."""
    while end > open_at[1] and text[end - 1].isspace():
        end -= 1
    return Quoted(open_at[1], end, open_at[0], None, end)
