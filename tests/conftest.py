"""Shared fixtures: the real 2020 data, and a copy of the data root to break in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lkjip_analysis import load
from lkjip_analysis.config import PROJECT_ROOT

RAW = PROJECT_ROOT / "data" / "raw"
DOCUMENT = RAW / "2020" / "lkjip_2020_dinsos_kaltim.md"


@pytest.fixture(scope="session")
def d2020():
    return load(2020, source="document")


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A private copy of data/raw, to be altered by a test."""
    root = tmp_path / "data"
    shutil.copytree(RAW, root / "raw")
    return root


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A whole build of 2020 in a temporary folder: reports/2020 (data beside it)."""
    from lkjip_analysis.pipeline import pipeline

    root = tmp_path_factory.mktemp("build")
    shutil.copytree(RAW, root / "data" / "raw")
    return pipeline.build(2020, root / "data", root / "reports")
