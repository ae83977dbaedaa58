"""The flow in one place: Documents -> Articles (cleaned, split) -> spaCy pass -> annotated Articles.

Each article is parsed once; every detente component reads that one parse. Results are
streamed: nothing here holds more than one batch of articles at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from detente import clean
from detente.language import article_sample, forced, load_identifier, set_language
from detente.model import Article, Document, ReadError
from detente.nlp import load_pipeline

BATCH_SIZE = 16


def split(documents: Iterable[Document | ReadError], *, verbatim: bool = False) -> Iterator[Article | ReadError]:
    """Clean and split each document; a document that fails becomes a ReadError."""
    for document in documents:
        if isinstance(document, ReadError):
            yield document
            continue
        try:
            if verbatim:
                yield clean.verbatim_article(document)
            else:
                yield from clean.articles_from(document)
        except Exception as exc:  # one bad document must not stop the run
            yield ReadError(document.doc_id, document.origin, f"cleaning failed: {exc!r}")


def annotate(articles: Iterable[Article | ReadError], nlp: Language | None = None,
             batch_size: int = BATCH_SIZE) -> Iterator[Article | ReadError]:
    """Run the spaCy pipeline (with detente's components) over articles, in batches."""
    nlp = nlp or load_pipeline()
    stream = iter(articles)
    while batch := list(islice(stream, batch_size)):
        batch = [_too_long(a, nlp) or a for a in batch]
        todo = [a for a in batch if isinstance(a, Article) and a.analysed]
        try:
            done = dict(zip(map(id, todo), nlp.pipe(_docs(nlp, todo), batch_size=batch_size)))
        except Exception:
            done = {}  # find the culprit: redo this batch one article at a time
        for item in batch:
            if isinstance(item, ReadError) or not item.analysed:
                yield item
                continue
            doc = done.get(id(item))
            if doc is None:
                try:
                    doc = nlp(_docs(nlp, [item])[0])
                except Exception as exc:
                    yield ReadError(item.doc_id, item.origin, f"analysis failed: {exc!r}")
                    continue
            yield _fill(item, doc)


def identify_languages(articles: Iterable[Article | ReadError], *,
                       language: str | None = None) -> Iterator[Article | ReadError]:
    """Give each article its language (`language`, an ISO 639-1 code, forces one for all);
    an article not in a language detente analyses is marked so and `annotate` passes it by."""
    identify = load_identifier() if language is None else lambda _: forced(language)
    for item in articles:
        yield set_language(item, identify(article_sample(item))) if isinstance(item, Article) else item


def extract(documents: Iterable[Document | ReadError], *, verbatim: bool = False,
            nlp: Language | None = None, language: str | None = None) -> Iterator[Article | ReadError]:
    """The whole job for a stream of documents: clean, split, identify the language, analyse."""
    return annotate(identify_languages(split(documents, verbatim=verbatim), language=language), nlp=nlp)


def _too_long(item: Article | ReadError, nlp: Language) -> ReadError | None:
    if isinstance(item, Article) and len(item.text) > nlp.max_length:
        return ReadError(item.doc_id, item.origin,
                         f"article text is {len(item.text):,} characters, more than the {nlp.max_length:,} "
                         "the analysis takes at once; split the document into smaller files")
    return None


def _docs(nlp: Language, articles: list[Article]) -> list[Doc]:
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.published = article.published
        docs.append(doc)
    return docs


def _fill(article: Article, doc: Doc) -> Article:
    # Every extension is registered when detente.nlp is imported; a pipeline without a stage
    # leaves its extension at None, which is an empty list in the contract.
    article.entities = list(doc._.entities or [])
    article.quotes = list(doc._.quotes or [])
    article.events = list(doc._.events or [])
    article.figures = list(doc._.figures or [])
    return article
