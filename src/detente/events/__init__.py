"""Events: who did what to whom, when and where (PLOVER, with CAMEO/Goldstein for compatibility).

- component `detente_events` (EventCoder): sets `doc._.events` (list[model.Event], each with
  `arguments`, the words each side was read from) and `doc._.event_arguments` (the same
  phrases as token spans, in the same order).
- Each concern has its module and its resource file: trigger matching (lexicon.py,
  triggers.yaml), which words are each side (parties.py), which actors they name (sides.py,
  actor_heads.py), re-coding rules (recoding.py, recoding.yaml), which events are event data
  (relevance.py, relevance.yaml), how sure the coder is (confidence.py), the one CAMEO/PLOVER
  codebook (codes.py, codes.yaml), dates (dates.py), places (places.py, places.yaml),
  negation and modality (modality.py).

The component (and so spaCy) is imported on first use of its names, not with the package:
the codebook (events.codes) is read by the dataset imports and exports and the CLI, which
must start without loading spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from detente.events.component import EventCoder, make_event_coder
    from detente.events.dates import resolve as resolve_date

__all__ = ["EventCoder", "make_event_coder", "resolve_date"]


def __getattr__(name: str) -> Any:
    if name in ("EventCoder", "make_event_coder"):
        from detente.events import component

        return getattr(component, name)
    if name == "resolve_date":
        from detente.events.dates import resolve

        return resolve
    raise AttributeError(f"module 'detente.events' has no attribute {name!r}")
