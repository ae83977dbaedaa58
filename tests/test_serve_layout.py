"""The snapshot's reading tables (serve/layout.py) answer as the store's own rows do."""

from __future__ import annotations

import pytest

from detente.analysis.records import QuoteQuery, quote_records
from detente.serve import reads
from detente.serve.snapshot import Snapshots
from detente.store import Store
from tests.serve_store import build_store

ACTORS = ["RUS", "USA", "UKR", "sergey-lavrov"]


@pytest.fixture(scope="module")
def views(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("layout")
    path = build_store(tmp / "web.duckdb")
    snaps = Snapshots(path, workdir=tmp / "w")
    snaps.refresh()
    with Store(path, read_only=True) as store, snaps.view() as view:
        yield store, view
    snaps.close()


@pytest.mark.parametrize("relation", ["about", "any", "by"])
def test_quotes_about_an_actor_read_from_the_snapshot_table_match_the_entity_join(views, relation):
    store, view = views
    assert view.quote_codes
    for actor in ACTORS:
        plain = quote_records(store, QuoteQuery(actors=[actor], relation=relation), limit=500)
        laid_out = quote_records(view, QuoteQuery(actors=[actor], relation=relation), limit=500)
        assert laid_out == plain, (actor, relation)
    # Lavrov's quotes name Ukraine: found as "about" Ukraine, not as by it.
    assert quote_records(view, QuoteQuery(actors=["UKR"], relation="about"))[0] > 0
    assert quote_records(view, QuoteQuery(actors=["UKR"], relation="by"))[0] == 0


def test_actor_profiles_from_the_snapshot_tables_match_the_events_and_entities(views):
    store, view = views
    for actor in ACTORS:
        profile = reads.actor_profile(view, actor)
        column = "country" if reads.is_country(actor) else "actor_id"
        mentions = store.con.execute(f"SELECT count(*) FROM entities WHERE {column} = ?", [actor]).fetchone()[0]
        assert sum(r["mentions"] for r in profile["roles"]) == mentions, actor
        events = store.con.execute(
            "SELECT count(DISTINCT event_key) FROM events WHERE ? IN (source_country, source_id, target_country, "
            "target_id)", [actor]).fetchone()[0]
        assert profile["events"] == events, actor
        for partner in profile["partners"]:
            between = store.con.execute(
                "SELECT count(DISTINCT event_key) FROM events WHERE (? IN (source_country, source_id) AND "
                "? IN (target_country, target_id)) OR (? IN (source_country, source_id) AND "
                "? IN (target_country, target_id))", [actor, partner["partner"], partner["partner"], actor]).fetchone()[0]
            assert partner["events"] == between, (actor, partner)
