"""Command arguments and failures: one line, no traceback (unless --debug), escaped bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.actors.kb_file import KBFileError, read_user_kb
from detente.cli import cli
from detente.store import Store


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.fixture()
def store(tmp_path) -> str:
    path = tmp_path / "s.duckdb"
    Store(path).close()
    return str(path)


@pytest.mark.parametrize("limit", ["-1", "0", "999999999999999999999", "ten"])
def test_show_limit_out_of_range_is_a_usage_error(store, limit):
    result = run("show", "--db", store, "--limit", limit)
    assert result.exit_code == 2 and "--limit" in result.output and "Traceback" not in result.output


def test_dyad_plot_into_a_missing_folder_is_one_line(store, tmp_path):
    events = Path(__file__).parent / "fixtures" / "analysis" / "gdelt_events.tsv"
    assert run("import", str(events), "--format", "gdelt", "--db", store).exit_code == 0
    result = run("dyad", "USA", "RUS", "--db", store, "--plot", str(tmp_path / "no" / "such" / "plot.png"))
    assert result.exit_code == 1, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: ") and "No such file or directory" in last and "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_export_into_a_read_only_folder_is_one_line(store, tmp_path):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    result = run("export", "--db", store, "--format", "jsonl", str(out))
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_export_onto_a_file_is_one_line(store, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("export", "--db", store, "--format", "gdelt", str(blocker / "out"))
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) <= 3


def test_unexpected_errors_are_one_line_and_debug_shows_the_traceback(store, monkeypatch):
    import detente.store.summary as summary

    def broken(*args, **kwargs):
        raise RuntimeError("boom\x1b[31m")

    monkeypatch.setattr(summary, "summarize", broken)
    result = run("show", "--db", store)
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: RuntimeError: boom\\x1b[31m (rerun with `detente --debug ...` "
                                     "to see where it failed)")
    with pytest.raises(RuntimeError):
        run("--debug", "show", "--db", store)


def test_messages_escape_bytes_from_file_names(tmp_path):
    name = os.path.join(os.fsencode(tmp_path), b"\x1b[31mred\xff.txt")
    result = run("show", "--db", os.fsdecode(name))
    assert result.exit_code == 1 and "\x1b" not in result.output and "\\x1b[31mred\\xff.txt" in result.output


def test_bad_limit_variable_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("Talks resumed in Vienna on Monday.\n")
    result = run("extract", str(tmp_path / "a.txt"), env={"DETENTE_MAX_DOCUMENT_MB": "lots"})
    assert result.exit_code == 1 and "DETENTE_MAX_DOCUMENT_MB must be a positive number" in result.output


# -- --kb files ----------------------------------------------------------------------------

KB_CASES = {
    "- id: ada\n  name: [Ada\n": ("line 3", None, "not valid YAML"),
    "- id: ada\n  roles: []\n": ("line 1", "entries[0].name", "missing required field 'name'"),
    "- !!python/object/apply:os.system ['echo pwned']\n": ("line 1", None, "!!python/object/apply:os.system is refused"),
    "- id: ada\n  name: Ada\n  roles:\n    - {title: X, from: 2020-13-01}\n":
        ("line 4", "entries[0].roles[0].from", "'2020-13-01' is not a date"),
    "people:\n  - id: ada\n    name: Ada\n    roles: {title: X}\n": ("line 4", "people[0].roles", "expected a list"),
    "organisations:\n  - {id: FF, kind: militia}\n": ("line 2", "organisations[0].kind", "'militia' is not one of"),
    "- id: ada\n  name: Ada\n  aliases: &a [A]\n- id: bob\n  name: Bob\n  aliases: *a\n": (None, None, "aliases"),
    "states:\n  NOR: [Norway]\n": ("line 2", "states.NOR", "expected a mapping"),
    "just a string\n": ("line 1", None, "expected a list of people"),
    "[" * 5000 + "]" * 5000: (None, None, ""),
}


@pytest.mark.parametrize("text", list(KB_CASES), ids=range(len(KB_CASES)))
def test_kb_file_errors_name_file_line_and_field(tmp_path, text):
    path = tmp_path / "mine.yaml"
    path.write_text(text)
    line, field, words = KB_CASES[text]
    with pytest.raises(KBFileError) as caught:
        read_user_kb(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and words in message and "\n" not in message
    if line:
        assert f", {line}" in message
    if field:
        assert caught.value.field == field


def test_kb_file_that_is_not_utf8_or_missing(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"- id: caf\xe9\n  name: Caf\xe9\n")
    with pytest.raises(KBFileError, match="not UTF-8"):
        read_user_kb(path)
    with pytest.raises(KBFileError, match="cannot read"):
        read_user_kb(tmp_path / "gone.yaml")


def test_documented_kb_files_still_load(tmp_path):
    fixture = Path(__file__).parent / "fixtures" / "kb" / "people.yaml"
    assert read_user_kb(fixture)[0]["id"] == "marco-rubio"
    mapping = tmp_path / "mine.yaml"
    mapping.write_text("people:\n  - id: ada-quill\n    name: Ada Quill\n    gender: f\n    roles:\n"
                       "      - {title: Minister of Fisheries, sector: GOV, from: 2020-01-01, to: null}\n"
                       "organisations:\n  - {id: FROSTFRONT, name: Frost Front, kind: group, country: ISL,"
                       " sector: REB, aliases: [FF]}\nstates:\n  ISL:\n    names: [Iceland]\n    capital: Reykjavik\n")
    data = read_user_kb(mapping)
    assert data["people"][0]["roles"][0]["to"] is None and data["states"]["ISL"]["capital"] == "Reykjavik"


def test_a_bad_kb_file_stops_extract_with_one_line(tmp_path):
    kb = tmp_path / "bad.yaml"
    kb.write_text("- id: ada\n  name: Ada\n  roles:\n    - {title: X, from: someday}\n")
    page = tmp_path / "a.txt"
    page.write_text("Talks resumed in Vienna on Monday.\n")
    result = run("extract", "--kb", str(kb), str(page))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{kb}, line 4, entries[0].roles[0].from: 'someday' is not a date" in result.output
