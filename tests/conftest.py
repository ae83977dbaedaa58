"""Shared fixtures: the pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_0560086720b66d24.txt"


@pytest.fixture(scope="session")
def nlp():
    from detente.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_articles(nlp):
    """The seed page through the whole pipeline (cleaned, split, annotated)."""
    if not SEED.exists():
        pytest.skip("../shared/seeds is not present")
    from detente.ingest import read
    from detente.pipeline import extract

    return list(extract(read([str(SEED)]), nlp=nlp))
