"""The `detente_figures` component: sets `doc._.figures`. Not written yet: an empty list, never fake values."""

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=None)


@Language.component("detente_figures")
def detente_figures(doc: Doc) -> Doc:
    doc._.figures = []
    return doc
