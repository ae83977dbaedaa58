"""The one list of sectors: every code the project writes is in it, with its label."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest
import yaml

from detente.datasets.cameo import ICEWS_SECTOR_PATTERNS
from detente.datasets.imports import import_events
from detente.sectors import SECTORS, UnknownSectorError, check_sectors, sector_label
from detente.store.db import Store

KB = Path(str(files("detente") / "resources" / "kb"))


def _sector_values(node: object) -> set[str]:
    """Every value of a `sector:` key anywhere in a parsed YAML tree."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sector" and isinstance(value, str):
                found.add(value)
            else:
                found |= _sector_values(value)
    elif isinstance(node, list):
        for item in node:
            found |= _sector_values(item)
    return found


def test_every_sector_code_in_the_knowledge_base_is_in_the_list():
    lexicon = yaml.safe_load((KB / "sectors.yaml").read_text(encoding="utf-8"))
    used = {code for code in lexicon["sectors"] if code != "NONE"}
    for path in KB.glob("*.yaml"):
        used |= _sector_values(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert used, "no sector codes found: the walk over the KB files is broken"
    assert sorted(used - set(SECTORS)) == []


def test_imported_sectors_are_in_the_list_and_media_is_journalists():
    assert {code for _, code in ICEWS_SECTOR_PATTERNS} <= set(SECTORS)
    media = [code for pattern, code in ICEWS_SECTOR_PATTERNS if re.search(pattern, "News Media")]
    assert media[0] == "JRN"


def test_an_imported_icews_media_row_counts_as_journalists(tmp_path):
    header = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
              "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country"]
    rows = [["1", "2024-03-01", "Daily Courier", "News,Media", "Ruritania", "Criticize or denounce", "111",
             "-2", "Health Ministry", "Executive,Government", "Ruritania"],
            ["2", "2024-03-02", "City Hospital", "Medical,Health", "Ruritania", "Make statement", "010",
             "0", "Daily Courier", "News,Media", "Ruritania"]]
    path = tmp_path / "icews.tab"
    path.write_text("\n".join("\t".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    store = Store(tmp_path / "s.duckdb")
    try:
        import_events(store, path, "icews")
        got = store.con.execute(
            "SELECT row_id, source_sector, target_sector FROM events ORDER BY row_id").fetchall()
    finally:
        store.close()
    assert got == [("icews:1", "JRN", "GOV"), ("icews:2", None, "JRN")]


def test_labels_and_the_check():
    assert sector_label("MIL") == "military"
    assert sector_label("JRN") == "media" and sector_label("MED") == "health workers"
    assert sector_label("XYZ") == "XYZ"
    check_sectors(["GOV", None, "JRN"], "here")
    with pytest.raises(UnknownSectorError, match="there: unknown sector code.*MDE"):
        check_sectors(["GOV", "MDE"], "there")
