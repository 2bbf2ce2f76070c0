"""Shared test setup."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.i18n import set_language
from tui.app import ImssApp, make_app


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests speak English whatever the machine's locale (LANG=es_MX would otherwise turn
    the interface Spanish); a test that sets a language has it undone afterwards."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # a test may still set LANG=es_MX for a child
    set_language(None)
    yield
    set_language(None)


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test may write to the real user cache dir: the index goes to a fresh temp dir."""
    cache = tmp_path_factory.mktemp("imss-tui-cache")
    monkeypatch.setenv("IMSS_TUI_CACHE", str(cache))
    # Nor read the user's settings or remember a theme in the real state dir.
    settings = tmp_path_factory.mktemp("imss-tui-settings")
    monkeypatch.setenv("IMSS_TUI_CONFIG", str(settings / "config.toml"))
    monkeypatch.setenv("IMSS_TUI_STATE", str(settings / "state"))
    return cache


@pytest.fixture
def seeds_app() -> ImssApp:
    """The explorer on the five seed bulletins, parsed fresh (no cache)."""
    return make_app(use_cache=False)
