"""The CLI starts without the heavy stages: spaCy and the web server load only for the
commands that need them (extract, ingest, demo; serve)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("spacy", "thinc", "fastapi", "uvicorn")

_PROBE = """
import json, sys
from click.testing import CliRunner
import detente.cli
loaded = {"import": sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))}
runner = CliRunner()
for args in (["--help"], ["show", "--help"], ["dyad", "--help"], ["shifts", "--help"], ["digest", "--help"],
             ["show", "--db", DB], ["digest", "--db", DB]):
    result = runner.invoke(detente.cli.cli, args)
    loaded[" ".join(args)] = [result.exit_code, sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))]
print(json.dumps(loaded))
"""


def test_light_commands_load_neither_spacy_nor_the_web_server(tmp_path):
    from detente.store import Store

    db = tmp_path / "empty.duckdb"
    Store(str(db)).close()
    probe = f"HEAVY = {HEAVY!r}\nDB = {str(db)!r}\n" + _PROBE
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded.pop("import") == []
    for args, (code, modules) in loaded.items():
        assert modules == [], f"detente {args} (exit {code}) loaded {modules}"
    assert loaded["--help"][0] == 0 and loaded["show --db " + str(db)][0] == 0
