"""Quotes: who said what, as direct, indirect and mixed `model.Quote` records.

Public API:
- component `detente_quotes` (runs after `detente_actors`): sets `doc._.quotes` (list[Quote]).
- `quoted_spans(text)`: the quotation-mark scanner on its own (tolerant of unbalanced marks).
"""

from detente.quotes.component import QuoteExtractor
from detente.quotes.marks import Quoted, quoted_spans

__all__ = ["QuoteExtractor", "Quoted", "quoted_spans"]
