"""The hostile corpus (scripts/hostile_corpus.py) through the real command line, each case in a
child process of bench/hostile.py (which loads the model once and forks a child per input).

Every case must end, within BUDGET_SECONDS of processor time (user + system, so that the
five other engineers sharing the machine do not decide the result; a hang that burns no
processor, like a FIFO opened for reading, is caught by the driver's WALL_SECONDS ceiling)
and BUDGET_MB of peak resident memory (the loaded model included), with articles or with
one error line per bad document, no traceback, no raw terminal escape in what is printed,
and no attempt to reach the network (a guard in the driver logs and refuses every internet
socket or name lookup). Inputs are generated in a temporary folder at run time.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUDGET_SECONDS = 30.0
BUDGET_MB = 1536
WALL_SECONDS = 120.0


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


corpus = _load("hostile_corpus", ROOT / "scripts" / "hostile_corpus.py")
CASES = corpus.cases()

# Installed in the driver through PYTHONPATH: every internet connection or name lookup is
# written to a log and refused, so the test sees any attempt, even one that was caught.
NETWORK_GUARD = '''
import os, socket
_log = os.environ["DETENTE_NETWORK_LOG"]
def _refuse(what):
    with open(_log, "a") as out:
        out.write(f"{os.getpid()} {what}\\n")
    raise OSError("network access refused by the test")
_connect = socket.socket.connect
def connect(self, address, *a):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _refuse(f"connect {address!r}")
    return _connect(self, address, *a)
socket.socket.connect = connect
socket.socket.connect_ex = lambda self, address: _refuse(f"connect_ex {address!r}")
socket.getaddrinfo = lambda host, *a, **k: _refuse(f"getaddrinfo {host!r}")
socket.gethostbyname = lambda host: _refuse(f"gethostbyname {host!r}")
'''


def run_driver(tmp: Path, names: list[str] | None = None) -> tuple[dict, str]:
    """bench/hostile.py over the cases, under the network guard: its results and network log."""
    guard = tmp / "guard"
    guard.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(NETWORK_GUARD)
    network_log = tmp / "network.log"
    env = {**os.environ, "PYTHONPATH": str(guard), "DETENTE_NETWORK_LOG": str(network_log)}
    results = tmp / "results.json"
    command = [sys.executable, str(ROOT / "bench" / "hostile.py"), "--no-cleaner", "--json", str(results),
               "--workdir", str(tmp / "cases"), "--wall", str(WALL_SECONDS)]
    if names:
        command += ["--cases", ",".join(names)]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, timeout=len(CASES) * WALL_SECONDS)
    return json.loads(results.read_text())["cases"], network_log.read_text() if network_log.exists() else ""


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    return run_driver(tmp_path_factory.mktemp("hostile"))


def check_case(case, result: dict, network: str) -> None:
    result = {**result, "stdout": Path(result["stdout"]).read_bytes(), "stderr": Path(result["stderr"]).read_bytes()}
    name = case.name
    assert not result["timed_out"], f"{name}: still running after {WALL_SECONDS:.0f} s"
    assert result["cpu_seconds"] <= BUDGET_SECONDS, f"{name}: {result['cpu_seconds']:.1f} s of processor time"
    assert result["peak_mb"] <= BUDGET_MB, f"{name}: peak memory {result['peak_mb']:.0f} MB"
    stderr = result["stderr"].decode("utf-8", "replace")
    assert "Traceback" not in stderr, f"{name}: {stderr[-2000:]}"
    tried = [line for line in network.splitlines() if line.split(" ", 1)[0] == str(result["pid"])]
    assert not tried, f"{name} tried the network: {tried}"
    for stream in ("stdout", "stderr"):
        assert b"\x1b" not in result[stream] and b"\x9b" not in result[stream], f"{name}: raw escape in {stream}"
    assert result["status"] in (0, 1), f"{name}: exit status {result['status']}: {stderr[-500:]}"
    if case.command == "ingest":
        assert result["status"] == 0 and " new documents (" in stderr, stderr
        return
    lines = [json.loads(line) for line in result["stdout"].decode("utf-8").splitlines()]
    articles = [line for line in lines if "article_id" in line]
    errors = [line for line in lines if "error" in line]
    assert len(articles) + len(errors) == len(lines)
    for error in errors:
        assert set(error) == {"doc_id", "origin", "error"} and error["error"].strip()
    if case.expect == "articles":
        assert articles and result["status"] == 0, f"{name}: no article; {stderr[-500:]}"
    elif case.expect == "error":
        assert errors and not articles and result["status"] == 1, f"{name}: {lines[:3]} {stderr[-500:]}"
        assert "no article was read" in stderr
    else:
        assert lines or stderr.strip(), f"{name}: neither articles nor an error line"
    if case.says:
        said = " ".join(e["error"] for e in errors) + stderr
        assert case.says.lower() in said.lower(), f"{name}: no error says {case.says!r}: {said[-500:]}"


def _param(case):
    marks = [pytest.mark.xfail(strict=False, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_hostile_input(case, driver):
    results, network = driver
    check_case(case, results[case.name], network)


def test_the_corpus_has_every_kind_of_case():
    names = {c.name for c in CASES}
    assert len(CASES) >= 50 and len(names) == len(CASES)
    assert {"fifo-path", "warc-double-gzip-bomb", "jsonl-million-empty-objects", "million-empty-lines",
            "html-external-references", "symlinks-out-of-tree", "non-utf8-file-names"} <= names
