"""Events: who did what to whom, when and where (PLOVER, with CAMEO/Goldstein for compatibility).

- component `detente_events` (EventCoder): sets `doc._.events` (list[model.Event], each with
  `arguments`, the words each side was read from) and `doc._.event_arguments` (the same
  phrases as token spans, in the same order).
- Each concern has its module and its resource file: trigger matching (lexicon.py,
  triggers.yaml), who and whom (parties.py), re-coding rules' words (recoding.py,
  recoding.yaml), which events are event data (relevance.py, relevance.yaml), the one
  CAMEO/PLOVER codebook (codes.py, codes.yaml), dates (dates.py), places (places.py,
  places.yaml), negation and modality (modality.py).
"""

from detente.events.component import EventCoder, make_event_coder
from detente.events.dates import resolve as resolve_date

__all__ = ["EventCoder", "make_event_coder", "resolve_date"]
