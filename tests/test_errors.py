"""One error base class: every exception detente defines derives from detente.DetenteError."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import detente
from detente.errors import DetenteError

SRC = Path(detente.__file__).resolve().parent


def _exception_classes() -> list[tuple[str, str]]:
    """(module, class) of every class in the package whose name says it is an error."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and node.bases and (
                    node.name.endswith(("Error", "Exception")) or node.name in ("TooLarge", "NotFound")):
                found.append((module, node.name))
    return found


def test_the_walk_finds_the_package_errors():
    names = {name for _, name in _exception_classes()}
    assert {"StoreError", "AnalysisError", "EventImportError", "KBFileError"} <= names


@pytest.mark.parametrize(("module", "name"), _exception_classes())
def test_every_package_error_derives_from_the_one_base(module, name):
    cls = getattr(importlib.import_module(module), name)
    if not (isinstance(cls, type) and issubclass(cls, BaseException)):
        pytest.skip(f"{name} is a record, not an exception")  # ReadError: a bad document is data
    assert issubclass(cls, DetenteError)


def test_the_base_is_the_one_the_package_exports():
    assert detente.DetenteError is DetenteError
