"""Shared test setup."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test may write to the real user cache dir: the index goes to a fresh temp dir."""
    cache = tmp_path_factory.mktemp("imss-tui-cache")
    monkeypatch.setenv("IMSS_TUI_CACHE", str(cache))
    return cache
