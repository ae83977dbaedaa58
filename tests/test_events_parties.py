"""Parties of events in constructions the rules of events/parties.py read, written by us."""

from __future__ import annotations

import pytest

from tests.test_events import code


@pytest.mark.parametrize(("text", "etype", "source", "target"), [
    # "each other" / "one another": the act goes between the coordinated doers
    ("Kenya and Somalia accused each other of violating the ceasefire.", "ACCUSE", ["KEN"], ["SOM"]),
    ("India and Pakistan blamed one another for the shelling.", "ACCUSE", ["IND"], ["PAK"]),
])
def test_reciprocal_objects_split_the_doers(nlp, text, etype, source, target):
    ev = next(e for e in code(nlp, text)._.events if e.type == etype)
    assert [a.id for a in ev.source] == source and [a.id for a in ev.target] == target, ev.rule


def test_an_igo_the_parser_misreads_is_still_the_doer(nlp):
    """"ECOWAS imposed ...": the parser takes the name for a verb, so no rule reads a subject;
    the role tagger takes the IGO as the doer and says so in the rule."""
    ev = next(e for e in code(nlp, "ECOWAS imposed sanctions on Mali after the coup.")._.events
              if e.type == "SANCTION")
    assert [(a.id, a.country) for a in ev.source] == [("ECOWAS", "IGO")]
    assert [a.id for a in ev.target] == ["MLI"] and "+roles:source" in ev.rule
