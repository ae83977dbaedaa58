"""Relations over time: imports, evidence folding, dyad series, shifts, export, commands."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from detente.cli.analysis import dyad_command, import_command, shifts_command
from detente.analysis.dyads import AnalysisError, dyad_series
from detente.analysis.shifts import detect_changes, dyad_shifts, top_shifts
from detente.analysis.synthetic import match_changes, observed_index, synthetic_series
from detente.datasets.gdelt_export import export_gdelt
from detente.datasets.gdelt_format import GDELT_COLUMNS
from detente.datasets.imports import EventImportError, import_events
from detente.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ICEWS = SHARED / "dev" / "icews-sample" / "events.2018.sample.tab"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "analysis"
GDELT_FILE = FIXTURES / "gdelt_events.tsv"
POLECAT_FILE = FIXTURES / "polecat_events.txt"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "test.duckdb")
    yield s
    s.close()


_EVENT_FIELDS = ("row_id", "event_key", "dataset", "article_key", "date", "published", "type", "cameo",
                 "quad_class", "goldstein", "plover_score", "source_id", "source_name", "source_country",
                 "source_sector", "target_id", "target_name", "target_country", "target_sector",
                 "location_name", "location_country", "sentence_text", "url", "num_mentions", "num_articles")

QUAD = {"CONSULT": 1, "AGREE": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "ACCUSE": 3, "REJECT": 3,
        "THREATEN": 3, "SANCTION": 4, "ASSAULT": 4}


def add_event(store: Store, n: int, date: str, src: str, tgt: str, type_: str, goldstein: float, *,
              sentence: str | None = None, article: str | None = None, src_id: str | None = None,
              tgt_id: str | None = None) -> None:
    """One event row as our own coder would write it (one report in one article)."""
    article = article or f"doc{n}:0"
    values = {
        "row_id": f"{article}:e{n}:0", "event_key": f"{article}:e{n}", "dataset": "detente",
        "article_key": article, "date": date, "published": f"{date} 09:00:00", "type": type_,
        "cameo": None, "quad_class": QUAD[type_], "goldstein": goldstein, "plover_score": None,
        "source_id": src_id or src, "source_name": {"USA": "United States", "RUS": "Russia"}.get(src, src),
        "source_country": src, "source_sector": "GOV",
        "target_id": tgt_id or tgt, "target_name": {"USA": "United States", "RUS": "Russia"}.get(tgt, tgt),
        "target_country": tgt, "target_sector": "GOV", "location_name": None, "location_country": None,
        "sentence_text": sentence or f"{src} and {tgt}: {type_.lower()} on {date}.",
        "url": f"https://news.example/{article}", "num_mentions": 1, "num_articles": 1,
    }
    store.con.execute(f"INSERT INTO events ({', '.join(_EVENT_FIELDS)}) VALUES ({', '.join('?' * len(_EVENT_FIELDS))})",
                      [values[f] for f in _EVENT_FIELDS])


def relations_store(store: Store, turn: dt.date = dt.date(2025, 2, 18)) -> Store:
    """A small US-Russia story: a year of sanctions and accusations, then talks from `turn`.
    About one event a week, several quiet weeks: dozens of events, as in a small corpus."""
    rng = np.random.default_rng(3)
    n = 0
    day = dt.date(2024, 3, 4)
    hostile = [("SANCTION", -6.0, "The United States imposed new sanctions on Russian banks."),
               ("ACCUSE", -3.0, "Washington accused Moscow of interfering in the vote."),
               ("THREATEN", -4.0, "Russia warned the United States of consequences."),
               ("REJECT", -4.0, "Moscow rejected the American proposal.")]
    friendly = [("CONSULT", 1.0, "American and Russian officials met for talks."),
                ("AGREE", 4.0, "The two sides agreed to restore their embassies."),
                ("CONSULT", 1.0, "The foreign ministers spoke by telephone."),
                ("SUPPORT", 3.5, "The Kremlin praised the American envoy.")]
    while day < dt.date(2025, 6, 30):
        if rng.random() < 0.65:  # quiet weeks: no event at all
            pool = friendly if day >= turn else hostile
            for _ in range(int(rng.integers(1, 3))):
                kind, gold, sentence = pool[int(rng.integers(0, len(pool)))]
                src, tgt = ("USA", "RUS") if rng.random() < 0.5 else ("RUS", "USA")
                n += 1
                add_event(store, n, (day + dt.timedelta(days=int(rng.integers(0, 5)))).isoformat(),
                          src, tgt, kind, gold, sentence=sentence)
        if day == turn - dt.timedelta(days=turn.weekday()):
            # The first meeting itself, on the day.
            n += 1
            add_event(store, n, turn.isoformat(), "USA", "RUS", "CONSULT", 1.0,
                      sentence="Rubio and Lavrov met in Riyadh, the first such meeting in years.")
        day += dt.timedelta(days=7)
    return store


# -- imports ---------------------------------------------------------------------------------


@pytest.mark.skipif(not ICEWS.exists(), reason="../shared/dev/icews-sample is not present")
def test_icews_sample_imports_every_row_with_matching_counts(store):
    import country_converter as coco

    with ICEWS.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    report = import_events(store, ICEWS, "icews")
    assert report.rows_read == len(rows) == 3705
    assert report.rows_added == len(rows)
    assert store.count("events") == len(rows)

    roots = Counter(r["CAMEO Code"][:2] for r in rows)
    got = dict(store.query("SELECT left(cameo, 2), count(*) FROM events GROUP BY 1"))
    assert got == dict(roots)

    # Country pairs: the file's names converted here, one name at a time, independently of
    # the importer's SQL join.
    names = {r["Source Country"] for r in rows} | {r["Target Country"] for r in rows}
    cc = coco.CountryConverter()

    def iso(name: str) -> str | None:
        if name in ("NA", ""):
            return None
        code = cc.convert(name, to="ISO3", not_found=None)
        return code if isinstance(code, str) and code != name else None

    iso_of = {name: iso(name) for name in names}
    pairs = Counter((iso_of[r["Source Country"]], iso_of[r["Target Country"]]) for r in rows)
    got_pairs = {(a, b): n for a, b, n in store.query(
        "SELECT source_country, target_country, count(*) FROM events GROUP BY 1, 2")}
    assert got_pairs == dict(pairs)
    assert got_pairs[("USA", "PRK")] > 50
    # Quad classes follow the CAMEO roots; intensities are the file's.
    assert store.query("SELECT count(*) FROM events WHERE quad_class IS NULL")[0][0] == 0
    assert store.query("SELECT count(*) FROM events WHERE cameo LIKE '04%' AND type <> 'CONSULT'")[0][0] == 0
    intensity = sum(float(r["Intensity"]) for r in rows)
    assert store.query("SELECT sum(goldstein) FROM events")[0][0] == pytest.approx(intensity)

    again = import_events(store, ICEWS, "icews")
    assert again.rows_added == 0 and again.rows_present == len(rows)
    assert store.count("events") == len(rows)


def test_gdelt_file_maps_codes_countries_and_evidence(store):
    report = import_events(store, GDELT_FILE, "gdelt")
    # Eight lines, one repeated: seven events.
    assert (report.rows_read, report.rows_added, report.rows_present) == (8, 7, 1)
    rows = {r[0]: r[1:] for r in store.query(
        "SELECT row_id, date, type, quad_class, goldstein, source_country, target_country, source_sector, "
        "source_org, location_country, num_mentions, num_articles, url FROM events")}
    riyadh = rows["gdelt:1100000002"]
    assert riyadh[:7] == (dt.date(2025, 2, 18), "CONSULT", 1, 1.0, "USA", "RUS", "GOV")
    assert riyadh[8:] == ("SAU", 30, 25, "https://example.org/riyadh")
    assert rows["gdelt:1100000004"][1:4] == ("SANCTION", 4, -8.0)
    # An international organisation is "IGO" with its group code; a region is no country.
    assert rows["gdelt:1100000005"][4] == "IGO" and rows["gdelt:1100000005"][7] == "EEC"
    assert rows["gdelt:1100000006"][4] is None and rows["gdelt:1100000006"][1] == "AID"
    # CAMEO's own code for Kosovo becomes the ISO one.
    assert rows["gdelt:1100000007"][4] == "XKX" and rows["gdelt:1100000007"][8] == "XKX"
    assert import_events(store, GDELT_FILE, "gdelt").rows_added == 0


def test_polecat_file_maps_types_quads_and_contexts(store):
    report = import_events(store, POLECAT_FILE, "polecat")
    assert (report.rows_added, report.rows_undated) == (4, 1)
    rows = {r[0]: r[1:] for r in store.query(
        "SELECT row_id, type, mode, context, quad_class, plover_score, source_id, source_country, "
        "target_country, location_country FROM events")}
    assert rows["polecat:pc-0001"] == ("CONSULT", "third-party", ["diplomatic", "peace_talks"], 1, 2.5,
                                       "Q123", "USA", "RUS", "SAU")
    # Country names as well as codes; quad codes as numbers or words, else from the type.
    assert rows["polecat:pc-0002"][6:8] == ("RUS", "USA") and rows["polecat:pc-0002"][3] == 3
    # Lower-case type, two actors in one field (the first is the row's), no quad code.
    assert rows["polecat:pc-0003"][0] == "SANCTION" and rows["polecat:pc-0003"][5] == "Q6279"
    assert rows["polecat:pc-0003"][3] == 3


def test_import_rejects_wrong_files(store, tmp_path):
    with pytest.raises(EventImportError, match="no such file"):
        import_events(store, tmp_path / "missing.tab", "icews")
    with pytest.raises(EventImportError, match="unknown format"):
        import_events(store, GDELT_FILE, "acled")
    # A GDELT file is not an ICEWS file (no header with ICEWS's columns) ...
    with pytest.raises(EventImportError, match="icews"):
        import_events(store, GDELT_FILE, "icews")
    # ... and a file with the wrong number of columns is not a GDELT file.
    short = tmp_path / "short.tsv"
    short.write_text("1\t20250101\tUSA\n2\t20250102\tRUS\n")
    with pytest.raises(EventImportError, match="gdelt"):
        import_events(store, short, "gdelt")
    assert store.count("events") == 0


# -- evidence and dyads ----------------------------------------------------------------------


def test_fifty_reports_of_one_event_are_one_event_with_fifty_mentions(store):
    for i in range(50):
        add_event(store, i, "2025-02-18", "USA", "RUS", "CONSULT", 1.0, article=f"wire{i}:0",
                  sentence="Officials of both countries met in Riyadh.")
    # The same meeting coded from the other side, and a different event the same day.
    add_event(store, 60, "2025-02-18", "RUS", "USA", "CONSULT", 1.0)
    add_event(store, 61, "2025-02-18", "RUS", "USA", "ACCUSE", -2.0)
    series = dyad_series(store, "USA", "RUS", by="day")
    (period,) = series.periods
    assert period.events == 2
    assert period.reports == 52
    assert period.mentions == 52
    assert period.quad == {"1": 1, "2": 0, "3": 1, "4": 0}
    assert period.goldstein == pytest.approx((1.0 - 2.0) / 2)
    assert period.top[0].mentions == 51 and period.top[0].sentence == "Officials of both countries met in Riyadh."


def test_dyad_series_periods_direction_and_range(store):
    add_event(store, 1, "2025-01-06", "USA", "RUS", "SANCTION", -6.0)
    add_event(store, 2, "2025-01-08", "RUS", "USA", "THREATEN", -4.0)
    add_event(store, 3, "2025-02-18", "USA", "RUS", "CONSULT", 1.0)
    add_event(store, 4, "2025-02-20", "RUS", "USA", "AGREE", 4.0)
    add_event(store, 5, "2025-02-21", "USA", "UKR", "AID", 7.0)       # another dyad
    add_event(store, 6, "2025-02-21", "USA", "RUS", "COOPERATE", 6.0, src_id="Q1", tgt_id="Q2")

    monthly = dyad_series(store, "USA", "RUS", by="month")
    assert [p.start for p in monthly.periods] == [dt.date(2025, 1, 1), dt.date(2025, 2, 1)]
    jan, feb = monthly.periods
    assert (jan.events, jan.quad["3"], jan.quad["4"], jan.cooperation) == (2, 1, 1, 0.0)
    assert jan.goldstein == pytest.approx(-5.0)
    assert (feb.events, feb.cooperation) == (3, 1.0)
    assert feb.goldstein == pytest.approx((1.0 + 4.0 + 6.0) / 3)

    directed = dyad_series(store, "RUS", "USA", by="month", directed=True)
    assert [p.events for p in directed.periods] == [1, 1]

    weekly = dyad_series(store, "USA", "RUS", start="2025-02-01", end="2025-02-19", by="week")
    assert [(p.start, p.events) for p in weekly.periods] == [(dt.date(2025, 2, 17), 1)]
    # Actor ids work as well as countries.
    assert [p.events for p in dyad_series(store, "Q1", "Q2", by="month").periods] == [1]
    doc = monthly.to_dict()
    assert doc["dyad"] == ["USA", "RUS"]
    assert set(doc["periods"][0]) >= {"start", "events", "quad", "goldstein"}
    assert doc["periods"][0]["start"] == "2025-01-01" and doc["periods"][0]["quad"] == {"1": 0, "2": 0, "3": 1, "4": 1}


def test_events_that_did_not_or_may_happen_move_no_relation(store):
    """'did not attack' and 'would impose sanctions' are stored, flagged, but a relation's
    series and its shifts count only what the text says happened."""
    add_event(store, 1, "2025-03-03", "USA", "RUS", "CONSULT", 1.0)
    add_event(store, 2, "2025-03-04", "USA", "RUS", "ASSAULT", -10.0)
    add_event(store, 3, "2025-03-05", "RUS", "USA", "SANCTION", -8.0)
    add_event(store, 4, "2025-03-06", "RUS", "USA", "AGREE", 4.0)
    store.con.execute("UPDATE events SET negated = true WHERE row_id LIKE 'doc2:%'")
    store.con.execute("UPDATE events SET hypothetical = true WHERE row_id LIKE 'doc3:%'")
    (march,) = dyad_series(store, "USA", "RUS", by="month").periods
    assert march.events == 2
    assert march.goldstein == pytest.approx((1.0 + 4.0) / 2)
    assert store.count("events") == 4  # nothing is lost from the store


def test_dyad_errors_are_clear(store):
    with pytest.raises(AnalysisError, match="detente ingest"):
        dyad_series(store, "USA", "RUS")
    add_event(store, 1, "2025-01-06", "USA", "RUS", "SANCTION", -6.0)
    with pytest.raises(AnalysisError, match="unknown actor 'XYZ'"):
        dyad_series(store, "USA", "XYZ")
    with pytest.raises(AnalysisError, match="period"):
        dyad_series(store, "USA", "RUS", by="year")
    with pytest.raises(AnalysisError, match="not a date"):
        dyad_series(store, "USA", "RUS", start="18 Feb")


# -- shifts ----------------------------------------------------------------------------------


def test_shift_detection_on_synthetic_series_meets_recall_and_false_alarm_targets():
    rng = np.random.default_rng(20261129)
    truth = hits = false = periods = 0
    for _ in range(60):
        s = synthetic_series(rng, 200)
        found = [c.index for c in detect_changes(s.values, s.counts, s.within_var)]
        h, f = match_changes(observed_index(s.counts, s.changes), observed_index(s.counts, found))
        truth, hits, false, periods = truth + len(s.changes), hits + h, false + f, periods + 200
    assert truth > 60
    assert hits / truth >= 0.9
    assert 100 * false / periods <= 1.0


def test_a_burst_of_coverage_or_a_noisier_stretch_is_not_a_shift():
    rng = np.random.default_rng(11)
    length = 120
    counts = rng.poisson(4, length) + 1
    counts[60:64] = 150                                  # a story everyone covers, same tone
    sigma = np.where(np.arange(length) < 80, 2.0, 5.0)   # then events get much noisier
    values = np.array([rng.normal(-2.0, s, n).mean() for n, s in zip(counts, sigma)])
    within = np.array([s * s for s in sigma])
    assert detect_changes(values, counts, within) == []
    # The same series with a real change of level is caught, at the right place.
    values[90:] += 5.0
    (change,) = detect_changes(values, counts, within)
    assert abs(change.index - 90) <= 2
    assert change.after - change.before == pytest.approx(5.0, abs=1.5)
    assert change.magnitude > 2


def test_empty_periods_are_missing_not_neutral():
    # Conflict with long silences in between: zero-filling would invent swings toward 0.
    counts = np.array([3, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 2, 0, 0, 0, 3, 0, 0, 2, 0, 0, 3] * 3)
    values = np.where(counts > 0, -5.0, np.nan) + np.where(counts > 0, np.resize([0.4, -0.3, 0.1, -0.2], len(counts)), 0)
    assert detect_changes(values, counts, np.full(len(counts), 4.0)) == []


def test_small_store_shift_is_dated_at_the_turn_with_its_drivers(store):
    turn = dt.date(2025, 2, 18)
    relations_store(store, turn)
    n_events = store.count("events")
    assert n_events < 120  # dozens, as in a small corpus
    shifts = dyad_shifts(store, "USA", "RUS")
    assert len(shifts) == 1
    (shift,) = shifts
    assert abs((shift.date - turn).days) <= 14
    assert shift.before < -2 and shift.after > 1 and shift.magnitude > 0
    assert shift.events and all(e.goldstein > 0 for e in shift.events)
    assert any("Riyadh" in (e.sentence or "") for e in shift.events)
    # Asked about a later time, nothing; monthly series find the same turn.
    assert dyad_shifts(store, "USA", "RUS", since="2025-04-01") == []
    (monthly,) = dyad_shifts(store, "USA", "RUS", by="month")
    assert monthly.period in (dt.date(2025, 2, 1), dt.date(2025, 3, 1))


def test_top_shifts_ranks_dyads_by_magnitude(store):
    relations_store(store)
    # A second dyad, steady all along: no shift to report.
    for i, week in enumerate(range(0, 60, 2)):
        day = dt.date(2024, 3, 4) + dt.timedelta(weeks=week)
        add_event(store, 1000 + i, day.isoformat(), "USA", "UKR", "AID" if i % 2 else "SUPPORT", 7.0 if i % 2 else 3.5)
    top = top_shifts(store, 5)
    assert [s.dyad for s in top] == [("RUS", "USA")]
    assert top[0].events
    assert top_shifts(store, 5, since="2025-06-01") == []


# -- export ----------------------------------------------------------------------------------


def test_gdelt_export_round_trips_through_the_importer(store, tmp_path):
    relations_store(store)
    for i in range(5):  # one event reported by five articles: one GDELT row, five mentions
        add_event(store, 500 + i, "2025-03-03", "USA", "RUS", "AGREE", 4.0, article=f"copy{i}:0")
    out = tmp_path / "events.export.CSV"
    written = export_gdelt(store, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == written > 0
    assert all(len(line.split("\t")) == len(GDELT_COLUMNS) == 61 for line in lines)
    fields = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines]
    agree = [f for f in fields if f["Day"] == "20250303" and f["EventRootCode"] == "03"]
    assert len(agree) == 1 and agree[0]["NumMentions"] == "5" and agree[0]["NumArticles"] == "5"
    assert agree[0]["Actor1Code"] in ("USAGOV", "RUSGOV") and agree[0]["QuadClass"] == "1"

    back = Store(tmp_path / "back.duckdb")
    report = import_events(back, out, "gdelt")
    assert report.rows_added == written
    ours = store.query("""
        SELECT date, source_country, target_country, quad_class, sum(num_mentions)
        FROM events GROUP BY ALL ORDER BY ALL""")
    theirs = back.query("""
        SELECT date, source_country, target_country, quad_class, sum(num_mentions)
        FROM events GROUP BY ALL ORDER BY ALL""")
    assert theirs == ours
    # The shift is found the same way in the imported copy.
    assert [s.date for s in dyad_shifts(back, "USA", "RUS")] == [s.date for s in dyad_shifts(store, "USA", "RUS")]
    back.close()


# -- commands --------------------------------------------------------------------------------


def test_commands_import_dyad_and_shifts(tmp_path):
    db = str(tmp_path / "cli.duckdb")
    runner = CliRunner()
    result = runner.invoke(shifts_command, ["--top", "3", "--db", db])
    assert result.exit_code == 1 and "detente ingest" in result.output and "detente import" in result.output

    result = runner.invoke(import_command, [str(GDELT_FILE), "--format", "gdelt", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rows_added"] == 7
    with Store(db) as s:
        relations_store(s)

    result = runner.invoke(dyad_command, ["USA", "RUS", "--by", "month", "--from", "2025-01-01", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["dyad"] == ["USA", "RUS"]
    assert doc["periods"] and doc["periods"][0]["start"] == "2025-01-01"
    first = doc["periods"][0]
    assert isinstance(first["events"], int) and set(first["quad"]) == {"1", "2", "3", "4"}
    assert isinstance(first["goldstein"], float)

    result = runner.invoke(shifts_command, ["--dyad", "USA", "RUS", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    shifts = json.loads(result.output)["shifts"]
    assert len(shifts) == 1
    s = shifts[0]
    assert s["dyad"] == ["USA", "RUS"] and dt.date.fromisoformat(s["date"])
    assert all(isinstance(s[k], float) for k in ("before", "after", "magnitude"))
    assert s["after"] > s["before"] and s["events"]

    result = runner.invoke(shifts_command, ["--top", "2", "--db", db])
    assert result.exit_code == 0 and "RUS - USA" in result.output

    png, svg = tmp_path / "usa-rus.png", tmp_path / "usa-rus.svg"
    for path in (png, svg):
        result = runner.invoke(dyad_command, ["USA", "RUS", "--plot", str(path), "--db", db])
        assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:500]

    result = runner.invoke(dyad_command, ["USA", "RUS", "--plot", str(tmp_path / "chart.gif"), "--db", db])
    assert result.exit_code == 1 and ".png or .svg" in result.output
    result = runner.invoke(dyad_command, ["USA", "ATL", "--db", db])
    assert result.exit_code == 1 and "unknown actor 'ATL'" in result.output
    result = runner.invoke(dyad_command, ["USA", "RUS", "--from", "yesterday", "--db", db])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    result = runner.invoke(shifts_command, ["--dyad", "USA", "RUS", "--top", "3", "--db", db])
    assert result.exit_code == 2


def test_help_texts_show_an_example():
    runner = CliRunner()
    for command, example in ((import_command, "detente import"), (dyad_command, "detente dyad"),
                             (shifts_command, "detente shifts")):
        result = runner.invoke(command, ["--help"])
        assert result.exit_code == 0 and example in result.output


# -- properties ------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(level=st.floats(-9, 9), counts=st.lists(st.integers(1, 500), min_size=5, max_size=80),
       seed=st.integers(0, 2**32 - 1))
def test_volume_alone_never_makes_a_shift(level, counts, seed):
    """Any pattern of coverage (bursts, lulls) over a steady tone, whose period means wobble
    by less than the spread of single events suggests: no shift. (With full sampling noise
    a short series has a small chance of a false shift; the synthetic test measures it.)"""
    rng = np.random.default_rng(seed)
    n = np.array(counts)
    values = level + rng.uniform(-0.5, 0.5, len(n))
    assert detect_changes(values, n, np.full(len(n), 9.0)) == []


@settings(max_examples=40, deadline=None)
@given(length=st.integers(12, 80), where=st.floats(0.25, 0.75), step=st.floats(3, 8),
       sign=st.sampled_from([-1, 1]), seed=st.integers(0, 2**32 - 1))
def test_a_clear_step_is_found_where_it_is(length, where, step, sign, seed):
    rng = np.random.default_rng(seed)
    at = int(length * where)
    n = rng.integers(3, 10, length)
    values = np.where(np.arange(length) < at, -step / 2 * sign, step / 2 * sign) + rng.normal(0, 1.0 / np.sqrt(n))
    (change,) = detect_changes(values, n, np.full(length, 1.0))
    assert abs(change.index - at) <= 1
    assert np.sign(change.after - change.before) == sign
