"""Events: who did what to whom, when and where (PLOVER, with CAMEO/Goldstein for compatibility).

- component `detente_events` (EventCoder): sets `doc._.events` (list[model.Event]) and
  `doc._.event_arguments` (the source/target phrases, as token spans, in the same order).
- The trigger rules live in resources/events/triggers.yaml; the compatibility codes in
  resources/events/codes.yaml; the gazetteer in resources/events/places.yaml.
"""

from detente.events.component import EventCoder, make_event_coder
from detente.events.dates import resolve as resolve_date

__all__ = ["EventCoder", "make_event_coder", "resolve_date"]
