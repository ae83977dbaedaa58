"""Cleaning and splitting: a Document -> clean Articles.

Public API:
- `articles_from(document) -> list[Article]`: boilerplate removed, fused stories split,
  headline, dek and credits found; text keeps paragraphs (blank line between them).
- `verbatim_article(document) -> Article`: the input text unchanged, as one article.
(First cut: one article per document, paragraphs normalised; the real cleaner follows.)
"""

from __future__ import annotations

from detente.model import Article, Document


def verbatim_article(document: Document) -> Article:
    return Article(doc_id=document.doc_id, article_id=f"{document.doc_id}:0", origin=document.origin,
                   text=document.text, source=document.source, url=document.url,
                   published=document.published, headline=document.title)


def articles_from(document: Document) -> list[Article]:
    paragraphs = [p.strip() for p in document.text.splitlines() if p.strip()]
    article = verbatim_article(document)
    article.text = "\n\n".join(paragraphs)
    return [article]
