"""The documentation site (docs/, mkdocs.yml): every code example runs, the generated reference
sections hold what the code has, and `make docs` builds the site.

The pages' examples run in the order of the site's navigation, in one empty folder, as a
reader following the docs would run them: Python blocks in one namespace per page, shell
blocks with this environment's `detente` first on the PATH. R is not run (no R Parquet reader
on the build machines); the R example's files and columns are checked against a real export.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.M | re.S)
RUN = {"python", "sh"}


def _nav_pages() -> list[str]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return [next(iter(entry.values())) for entry in config["nav"]]


def _blocks(page: str) -> list[tuple[str, str]]:
    return FENCE.findall((DOCS / page).read_text(encoding="utf-8"))


def _reference():
    spec = importlib.util.spec_from_file_location("docs_reference", ROOT / "scripts" / "docs_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_page_is_in_the_navigation_and_has_an_example():
    pages = _nav_pages()
    assert sorted(pages) == sorted(p.name for p in DOCS.glob("*.md"))
    for page in pages:
        if page not in ("api.md", "cli.md"):  # the two pages that are mostly generated reference
            assert any(lang in RUN for lang, _ in _blocks(page)), f"{page} has no example that runs"


@pytest.fixture(scope="module")
def reader_folder(tmp_path_factory):
    """The one folder every page's examples run in, in navigation order."""
    return tmp_path_factory.mktemp("reader")


@pytest.mark.parametrize("page", _nav_pages())
def test_the_examples_of_a_page_run(page, reader_folder, monkeypatch):
    monkeypatch.chdir(reader_folder)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    namespace: dict = {"__name__": "__docs__"}
    for number, (lang, code) in enumerate(_blocks(page), 1):
        if lang == "python":
            exec(compile(code, f"{page} block {number}", "exec"), namespace)  # noqa: S102 - our own docs
        elif lang == "sh":
            done = subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=reader_folder, env=env,
                                  capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, f"{page} block {number} failed:\n{done.stderr[-2000:]}"
    if page == "tutorial.md":
        assert (reader_folder / "usa-rus.png").stat().st_size > 0
        assert (reader_folder / "usa-rus-cli.png").stat().st_size > 0


# Words of the R example that are R or its packages, or names it gives; every other
# identifier must be a column of the tables it reads.
_R_WORDS = {"library", "arrow", "dplyr", "read_parquet", "open_dataset", "collect", "filter", "distinct", "mutate", "format", "group_by",
            "summarise", "n", "mean", "na", "rm", "sum", "print", "select", "head", "inner_join", "by", "c",
            "keep_all", "TRUE", "FALSE", "in", "events", "articles", "us_russia", "month", "conflict", "Y", "m",
            "the", "articles", "behind", "most", "hostile"}


def test_the_r_example_reads_files_and_columns_a_real_export_has(reader_folder):
    (code,) = [code for lang, code in _blocks("r.md") if lang == "r"]
    export = reader_folder / "parquet"
    if not export.is_dir():
        pytest.skip("the R page's export did not run (see test_the_examples_of_a_page_run[r.md])")
    files = re.findall(r'read_parquet\("([^"]+)"\)', code)
    folders = re.findall(r'open_dataset\("([^"]+)"\)', code)
    assert files and folders
    columns: set[str] = set()
    for name in files:
        columns |= set(pq.read_schema(reader_folder / name).names)
    for name in folders:  # a hive-partitioned folder: its files' columns and the partition's
        columns |= set(ds.dataset(reader_folder / name, format="parquet", partitioning="hive").schema.names)
    code = re.sub(r'"[^"]*"', "", code)  # strings are paths and formats, not columns
    code = re.sub(r"#.*", "", code)
    given = set(re.findall(r"\b(\w+)\s*(?:<-|=(?!=))", code))
    words = set(re.findall(r"\b[A-Za-z_][\w]*\b", code))
    unknown = sorted(words - _R_WORDS - given - columns)
    assert unknown == [], f"the R example names columns the export lacks: {unknown}"


def test_the_generated_references():
    from detente.cli import cli
    from detente.store.schema import COLUMN_DOCS, TABLES

    reference = _reference()
    cli_text = reference.cli_reference()
    for name in cli.commands:
        assert f"## detente {name}\n" in cli_text and f"Usage: detente {name}" in cli_text
    schema_text = reference.schema_reference()
    for table in TABLES:
        assert f"### {table}\n" in schema_text
        assert all(f"| `{column}` |" in schema_text for column in COLUMN_DOCS[table])
    contract_text = reference.contract_reference()
    assert "### Article" in contract_text and "| `events` |" in contract_text and "language_note" not in contract_text
    page = reference.expand("before\n<!-- reference: schema -->\nafter")
    assert page.startswith("before\n### meta") and page.endswith("after")


def test_make_docs_builds_the_site_offline(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                           str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_PROXY": "*", "http_proxy": "http://127.0.0.1:9",
                               "https_proxy": "http://127.0.0.1:9"})
    assert done.returncode == 0, done.stderr[-3000:]
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert "dyad_chart" in api and "sample_corpus" in api
    cli_page = (tmp_path / "site" / "cli" / "index.html").read_text(encoding="utf-8")
    assert "detente ingest" in cli_page
    schema = (tmp_path / "site" / "schema" / "index.html").read_text(encoding="utf-8")
    assert "event_key" in schema and "num_mentions" in schema
