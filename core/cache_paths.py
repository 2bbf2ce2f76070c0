"""Where the index lives: one place decides, so the CLI, the app and the tests agree."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "imss-tui"
CACHE_ENV = "IMSS_TUI_CACHE"
INDEX_FILENAME = "index.sqlite3"


def default_cache_dir() -> Path:
    """IMSS_TUI_CACHE when set (tests and CI point it at a temp dir), else the user cache dir."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME))


def resolve_cache_dir(cache_dir: str | os.PathLike[str] | None) -> Path:
    """An explicit directory wins over the environment and the platform default."""
    return Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()


def sql_path(path: str) -> str | bytes:
    """A path as SQLite stores it: text, or its bytes when the name is not UTF-8 (Python keeps
    such bytes as surrogate escapes, which SQLite text cannot hold). Exact either way."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def path_from_sql(value: str | bytes) -> str:
    """The inverse of `sql_path`."""
    return os.fsdecode(value) if isinstance(value, bytes) else value
