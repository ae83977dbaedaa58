"""The output of `detente extract` against CONTRACT.md: keys, types, and offsets that index `text`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli import cli

from .conftest import SEED

ARTICLE_KEYS = ["doc_id", "article_id", "origin", "source", "url", "published", "headline", "dek",
                "credits", "text", "language", "entities", "quotes", "events", "figures"]
ACTOR_KEYS = {"id", "name", "country", "sector", "org"}
PLOVER_TYPES = set("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
                   "PROTEST SANCTION MOBILIZE COERCE ASSAULT".split())


def check_span(span: dict, text: str) -> None:
    assert isinstance(span["start"], int) and isinstance(span["end"], int)
    assert 0 <= span["start"] <= span["end"] <= len(text)
    assert text[span["start"]:span["end"]] == span["text"]


def check_actor(actor: dict | None) -> None:
    if actor is None:
        return
    assert set(actor) == ACTOR_KEYS
    assert actor["id"] and actor["name"]
    country = actor["country"]
    assert country is None or country == "IGO" or re.fullmatch(r"[A-Z]{3}", country)
    if country == "IGO":
        assert actor["org"]


def check_article(article: dict) -> None:
    assert list(article) == ARTICLE_KEYS
    text = article["text"]
    assert isinstance(text, str)
    assert article["article_id"].startswith(article["doc_id"])
    if article["published"]:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", article["published"])
    assert all(isinstance(c, str) for c in article["credits"])
    assert re.fullmatch(r"[a-z]{2}", article["language"])
    for entity in article["entities"]:
        check_span(entity, text)
        assert entity["label"]
        check_actor(entity["actor"])
    for quote in article["quotes"]:
        check_span(quote, text)
        assert quote["kind"] in {"direct", "indirect", "mixed"}
        if quote["speaker"]:
            check_span(quote["speaker"], text)
            check_actor(quote["speaker"]["actor"])
        if quote["cue"]:
            check_span(quote["cue"], text)
    for event in article["events"]:
        assert event["type"] in PLOVER_TYPES
        check_span(event["trigger"], text)
        sentence = event["sentence"]
        assert 0 <= sentence["start"] <= event["trigger"]["start"] < event["trigger"]["end"] <= sentence["end"] <= len(text)
        for actor in event["source"] + event["target"]:
            check_actor(actor)
        assert event["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", event["date"])
        assert event["quad_class"] in {None, 1, 2, 3, 4}
        assert isinstance(event["negated"], bool) and isinstance(event["hypothetical"], bool)
        assert 0.0 <= event["confidence"] <= 1.0
        if event["location"]:
            assert set(event["location"]) == {"name", "country", "lat", "lon"}
    for figure in article["figures"]:
        check_span(figure, text)
        assert figure["kind"] in {"money", "percent", "count", "duration", "other"}
        assert figure["value"] is None or isinstance(figure["value"], (int, float))


def test_seed_output_follows_the_contract(seed_articles):
    assert seed_articles, "the seed page gave no article"
    for article in seed_articles:
        check_article(json.loads(json.dumps(article.to_dict())))


def test_extract_command_writes_one_json_line_per_article(tmp_path):
    if not SEED.exists():
        pytest.skip("../shared/seeds is not present")
    result = CliRunner().invoke(cli, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines and all("error" not in line for line in lines)
    for article in lines:
        check_article(article)
    assert {a["source"] for a in lines} == {"The New York Times"}
    assert {a["published"] for a in lines} == {"2025-02-19T00:11:08"}


def test_verbatim_keeps_the_text_character_for_character(tmp_path):
    text = "Line one.\r\n\r\n  Line   two, “quoted.”  \n\n\nEnd"
    path = tmp_path / "raw-input.txt"
    path.write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(cli, ["extract", "--verbatim", str(path)])
    (article,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["text"] == text
    assert article["doc_id"] == "raw-input"
    check_article(article)


def test_unreadable_input_gives_an_error_line_and_the_run_goes_on(tmp_path):
    good = tmp_path / "a_good.txt"
    good.write_text("Kenya sent police officers to Haiti on Wednesday, the government said.\n", encoding="utf-8")
    bad = tmp_path / "b_bad.bin"
    bad.write_bytes(b"\x00\x01\x02\xff" * 100)
    result = CliRunner().invoke(cli, ["extract", str(good), str(bad)])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    errors = [line for line in lines if "error" in line]
    articles = [line for line in lines if "error" not in line]
    assert len(errors) == 1 and errors[0]["doc_id"] == "b_bad"
    assert len(articles) == 1 and "Haiti" in articles[0]["text"]


def test_nothing_readable_exits_non_zero(tmp_path):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00" * 64)
    assert CliRunner().invoke(cli, ["extract", str(bad)]).exit_code != 0


def test_the_readme_example_of_an_extra_kb_file_resolves_a_person_by_date(tmp_path):
    """The README's `--kb` example, run as written: a person the bundled KB does not know."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(# my-actors.yaml\n.*?)```", readme, re.S).group(1)
    kb = tmp_path / "my-actors.yaml"
    kb.write_text(example, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("Detente Wire 2024-05-01 09:00:00\nAda Quill met fishermen in Bergen on Monday.\n", encoding="utf-8")
    later = tmp_path / "later.txt"
    later.write_text("Detente Wire 2026-05-01 09:00:00\nAda Quill met fishermen in Bergen on Monday.\n", encoding="utf-8")
    without = json.loads(CliRunner().invoke(cli, ["extract", str(page)]).stdout)
    # without the file she is only a name (an actor of her own): no office, no organisation
    assert all(e["actor"] is None or (e["actor"]["sector"], e["actor"]["org"]) == (None, None)
               for e in without["entities"] if e["text"] == "Ada Quill")
    result = CliRunner().invoke(cli, ["extract", "--kb", str(kb), str(page), str(later)])
    actors = [[e["actor"] for e in json.loads(line)["entities"] if e["text"] == "Ada Quill"]
              for line in result.stdout.splitlines()]
    assert actors == [
        [{"id": "ada-quill", "name": "Ada Quill", "country": "NOR", "sector": "GOV", "org": None}],
        [{"id": "ada-quill", "name": "Ada Quill", "country": "IGO", "sector": "IGO", "org": "Nordic Council"}],
    ]
