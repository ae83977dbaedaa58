"""Cleaning and splitting: a Document -> clean Articles.

Public API:
- `articles_from(document) -> list[Article]`: boilerplate removed, fused stories split,
  headline, dek and credits found; text keeps paragraphs (blank line between them).
  A document with nothing left after cleaning gives no article.
- `verbatim_article(document) -> Article`: the input text unchanged, as one article.
- `dropped_lines(document)`: the lines no article keeps, each with the reasons it went.

Text pages and JSON Lines text are split into their stories (split.py). HTML (pages, WARC
records, JSON Lines `html`) has already been reduced to its main text by trafilatura, where a
short title-case line is usually a subheading rather than a new story: it stays one article,
with the page title as headline, and only boilerplate lines and credits are taken out, unless
the splitter is sure of several stories, each with its headline and a body (a live blog, a
page of full stories).
"""

from __future__ import annotations

from datetime import date, datetime, time

from detente.clean.boilerplate import is_boilerplate, judge
from detente.clean.credits import is_credit
from detente.clean.headlines import same_line
from detente.clean.split import Story, clean_paragraphs, dated, one_copy, paragraphs, stories, text_page_lines
from detente.clean.starts import reads_as_lede
from detente.model import Article, Document

__all__ = ["articles_from", "verbatim_article", "dropped_lines", "is_boilerplate", "judge"]

# Formats whose text is already one article's main text (from trafilatura).
EXTRACTED_FORMATS = frozenset({"html", "warc"})
# Main text from trafilatura has subheadings that look like headlines: a new story there must be
# a sure one.
EXTRACTED_START_THRESHOLD = 0.85


def verbatim_article(document: Document) -> Article:
    """The document's text, character for character, as its only article."""
    return Article(doc_id=document.doc_id, article_id=f"{document.doc_id}:0", origin=document.origin,
                   text=document.text, source=document.source, url=document.url,
                   published=document.published, headline=document.title)


def articles_from(document: Document) -> list[Article]:
    """The clean stories of a document, in page order, as Articles `<doc_id>:<index>`."""
    if document.format in EXTRACTED_FORMATS:
        found = _extracted_stories(clean_paragraphs(paragraphs(document.text)), document.title)
    else:
        found = stories(text_page_lines(document.text))
    found = [story for story in found if story.paragraphs]
    return [_article(document, index, story) for index, story in enumerate(found)]


def dropped_lines(document: Document) -> list[tuple[str, tuple[str, ...]]]:
    """Every line of a text page that no article keeps, with why it went: the verdict of
    `judge()` for a line that is furniture by itself, or what the page around it shows (a line
    repeated far apart, a page line by its shape and place with the line-role model's strongest
    features, a line of the page inside a story, a label above a headline)."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for paragraph in paragraphs(document.text):
        verdict = judge(paragraph)
        if verdict.boilerplate:
            out.append((paragraph, verdict.reasons))
    if document.format not in EXTRACTED_FORMATS:
        why: list[tuple[str, str]] = []
        stories(text_page_lines(document.text, why), why=why)
        out.extend((line, (reason,)) for line, reason in why)
    return out


def _extracted_stories(items: list[str], title: str | None) -> list[Story]:
    """One article, unless the main text plainly holds several stories (a live blog, a rail of
    full stories): then each story that starts with a sure headline and has a body of its own."""
    if title and items and same_line(items[0], title):
        items = items[1:]
    found = stories(items, threshold=EXTRACTED_START_THRESHOLD, second_look=False)
    several = len(found) >= 2 and all(story.headline for story in found[1:]) and \
        all(len(story.paragraphs) >= 2 and any(len(p.split()) >= 20 for p in story.paragraphs) for story in found) and \
        all(story.credits or reads_as_lede(story.dek or story.paragraphs[0]) for story in found[1:])
    if not several:
        return [_extracted_story(items, title)]
    if found[0].headline is None:
        found[0].headline = title
    return found


def _extracted_story(items: list[str], title: str | None) -> Story:
    if title and items and same_line(items[0], title):
        items = items[1:]  # the page's own headline at the top of its main text
    kept = one_copy(items)
    return dated(Story(headline=title, credits=[p for p in kept if is_credit(p)],
                       paragraphs=[p for p in kept if not is_credit(p)]))


def _article(document: Document, index: int, story: Story) -> Article:
    return Article(doc_id=document.doc_id, article_id=f"{document.doc_id}:{index}", origin=document.origin,
                   text=story.text, source=document.source, url=document.url,
                   published=_published(document.published, story.published),
                   headline=story.headline or (document.title if index == 0 else None),
                   dek=story.dek, credits=list(story.credits))


def _published(page: datetime | None, story: date | None) -> datetime | None:
    """The story's own date where a date line gives one (a fused page holds stories of several
    days); the page's date and time where that is the same day or the story has none."""
    if story is None or (page is not None and page.date() == story):
        return page
    return datetime.combine(story, time(), tzinfo=page.tzinfo if page else None)

