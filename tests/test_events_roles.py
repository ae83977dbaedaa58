"""The learned role tagger (events/roles.py): its features, its mechanics on hand-set weights,
the shipped weights file, and where the coder uses it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from detente.events.roles import RESOURCE, ROLES, RoleModel, candidates, dependency_path, features, load_roles
from tests.test_events import code


def _trigger(doc, word: str):
    return next(t for t in doc if t.lower_ == word)


def test_dependency_path_folds_prepositions_into_their_objects(nlp):
    doc = nlp("Chile launched an offensive against Peru on Monday.")
    trig = _trigger(doc, "launched")
    peru = _trigger(doc, "peru")
    up, down = dependency_path(trig, peru)
    assert up == ""
    assert down == "dobj/prep:against"
    chile = _trigger(doc, "chile")
    assert dependency_path(trig, chile) == ("", "nsubj")


def test_candidates_are_the_resolved_actors_of_the_sentence(nlp):
    doc = nlp("Chile launched an offensive against Peru. Bolivia stayed out.")
    trig = _trigger(doc, "launched")
    names = [c.span.text for c in candidates(trig)]
    assert names == ["Chile", "Peru"]  # not Bolivia: another sentence


def _model(weights: dict[str, list[float]], threshold: float = 0.5) -> RoleModel:
    names = list(weights)
    return RoleModel(index={n: k for k, n in enumerate(names)},
                     weights=np.array([weights[n] for n in names], dtype=float), threshold=threshold)


def test_target_is_the_likeliest_mention_not_the_source(nlp):
    doc = nlp("Chile launched an offensive against Peru.")
    trig = _trigger(doc, "launched")
    chile = [c for c in candidates(trig) if c.span.text == "Chile"][0]
    model = _model({"bias": [1.0, 0.0, 0.0], "first=dobj": [0.0, 0.0, 3.0], "src=True": [0.0, 5.0, 0.0]})
    found = model.target(trig, "ASSAULT", [chile.span], chile.actors)
    assert found is not None
    actors, span = found
    assert span.text == "Peru" and [a.country for a in actors] == ["PER"]
    # below the threshold: nothing
    assert _model({"bias": [1.0, 0.0, 0.0], "first=dobj": [0.0, 0.0, 1.5]}, threshold=0.9).target(
        trig, "ASSAULT", [chile.span], chile.actors) is None
    # the source's own actors are never its target
    assert _model({"bias": [0.0, 0.0, 5.0]}).target(trig, "ASSAULT", [chile.span], [*chile.actors,
                                                                                       *candidates(trig)[1].actors]) is None


def test_features_name_the_path_the_type_and_the_source(nlp):
    doc = nlp("Chile launched an offensive against Peru.")
    trig = _trigger(doc, "launched")
    chile, peru = candidates(trig)
    f = features(trig, peru, "ASSAULT", [chile.span], chile.actors, 1)
    assert {"type=ASSAULT", "down=dobj/prep:against", "side=after", "src=False", "kind=state"} <= set(f)
    assert "src=True" in features(trig, chile, "ASSAULT", [chile.span], chile.actors, 0)


def test_weights_round_trip(tmp_path):
    model = _model({"bias": [1.0, -1.0, 0.5], "x": [0.25, 0.0, -0.25]}, threshold=0.4)
    path = tmp_path / "roles.json"
    path.write_text(model.to_json({"trained_by": "test"}), encoding="utf-8")
    back = load_roles(path)
    assert back.threshold == 0.4 and back.index == model.index
    assert np.allclose(back.weights, model.weights)
    assert json.loads(path.read_text())["roles"] == list(ROLES)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"roles": ["a", "b"], "threshold": 0.5, "weights": {}}), encoding="utf-8")
    with pytest.raises(ValueError):
        load_roles(bad)


def test_shipped_weights_load_and_hold_no_text():
    model = load_roles()
    assert model is not None and 0 < model.threshold < 1
    data = json.loads(RESOURCE.read_text(encoding="utf-8"))
    # feature names only: "name=value" pairs, no sentence of the data trained on
    assert all("=" in n or n == "bias" for n in data["weights"])
    assert max(len(n) for n in data["weights"]) < 80


def test_the_coder_marks_a_target_the_tagger_found(nlp):
    """"struck back at Syria": no rule reads a target off "back at"; the tagger finds it, the rule
    says so ("+roles"), and with the tagger off the event keeps the rules' side only."""
    coder = nlp.get_pipe("detente_events")
    text = "Turkey, angered by the raid, struck back at Syria on Monday."
    kept = coder.roles
    try:
        coder.roles = None
        without = _assault(code(nlp, text))
    finally:
        coder.roles = kept
    assert [a.id for a in without.source] == ["TUR"] and not without.target and "+roles" not in without.rule
    ev = _assault(code(nlp, text))
    assert [a.id for a in ev.source] == ["TUR"] and [a.id for a in ev.target] == ["SYR"]
    assert "+roles" in ev.rule and [s.text for s in ev.arguments.target] == ["Syria"]


def _assault(doc):
    return next(e for e in doc._.events if e.type == "ASSAULT")
