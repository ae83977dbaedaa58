"""The `detente_quotes` component: sets `doc._.quotes`. Not written yet: an empty list, never fake values."""

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


@Language.component("detente_quotes")
def detente_quotes(doc: Doc) -> Doc:
    doc._.quotes = []
    return doc
