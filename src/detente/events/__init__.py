"""The `detente_events` component: sets `doc._.events`. Not written yet: an empty list, never fake values."""

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


@Language.component("detente_events")
def detente_events(doc: Doc) -> Doc:
    doc._.events = []
    return doc
