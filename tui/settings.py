"""What users set once and expect the app to remember: remapped keys, theme and language.

Two files, as XDG intends: `config.toml` (user config dir, or IMSS_TUI_CONFIG) belongs to
the user, is validated by pydantic and never written by the app; `state.json` (user state
dir, or the directory IMSS_TUI_STATE) belongs to the app and remembers the theme last
picked and the list's width. A broken file costs the user its settings, with a message naming
the file and the reason, never the app. The app reaches state.json through `AppState`, which
for a visitor of `imss-tui serve` keeps every change in the session: a visitor never writes
the files of the user running the server.
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from collections.abc import Collection, Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from core.cache_paths import APP_NAME
from core.i18n import LANGUAGES, Language, _, parse_language
from core.stored_messages import localized, os_reason

CONFIG_ENV = "IMSS_TUI_CONFIG"
STATE_ENV = "IMSS_TUI_STATE"
STATE_FILENAME = "state.json"

EXAMPLE = """\
# imss-tui settings: keys by binding id (press ? in the app for the ids), theme, language.
theme = "textual-light"
lang = "es"

[keys]
"app.finder" = "ctrl+f,slash"
"app.text_search" = "ctrl+t"
"""


class Settings(BaseModel):
    """The contents of config.toml."""

    model_config = ConfigDict(extra="forbid")

    theme: str | None = None
    #: The interface's language; --lang overrides it, and without it the locale decides.
    lang: Language | None = None
    keys: dict[str, str] = Field(default_factory=dict)

    @field_validator("lang", mode="before")
    @classmethod
    def _known_language(cls, value: object) -> object:
        """ "ES", "es_MX.UTF-8" mean Spanish here as they do in the locale."""
        if value is None:
            return value
        language = parse_language(value) if isinstance(value, str) else None
        if language is not None:
            return language
        raise PydanticCustomError(
            "language",
            _("no language is called {value} (valid: {valid})").format(
                value=repr(value), valid=", ".join(LANGUAGES)
            ),
        )


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def state_path() -> Path:
    override = os.environ.get(STATE_ENV)
    base = Path(override).expanduser() if override else Path(platformdirs.user_state_dir(APP_NAME))
    return base / STATE_FILENAME


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings in `path` (default: config_path()) and what was wrong with them.

    A missing file is no problem; an unreadable or invalid one yields the defaults, and a
    wrong entry is dropped while the valid ones are kept.
    """
    path = path or config_path()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError) as err:
        problem = _("{path}: cannot be read ({reason}); using the defaults")
        return Settings(), [problem.format(path=path, reason=_reason(err))]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return Settings(), [
            _("{path}: not valid TOML ({reason}); using the defaults").format(path=path, reason=err)
        ]
    try:
        return Settings.model_validate(data), []
    except ValidationError as err:
        problems = [f"{path}: {_where(e['loc'])}: {e['msg']}" for e in err.errors()]
    return Settings.model_validate(_valid_part(data)), problems


def configured_language(path: Path | None = None) -> tuple[Language | None, list[str]]:
    """config.toml's `lang`, and what is wrong with it (only that: the commands read no
    other setting, and the app reports the rest itself)."""
    path = path or config_path()
    settings, problems = load_settings(path)
    prefix = f"{path}: lang: "
    return settings.lang, [p for p in problems if p.startswith(prefix)]


def _valid_part(data: dict[str, Any]) -> dict[str, Any]:
    """The entries of `data` that validate on their own."""
    kept: dict[str, Any] = {}
    for name, value in data.items():
        if name not in Settings.model_fields:
            continue
        if name == "keys" and isinstance(value, dict):
            value = {k: v for k, v in value.items() if isinstance(v, str)}
        try:
            Settings.model_validate({name: value})
        except ValidationError:
            continue
        kept[name] = value
    return kept


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def _reason(err: Exception) -> str:
    return localized(os_reason(err)) if isinstance(err, OSError) else str(err)


def checked_keymap(
    settings: Settings, known_ids: Collection[str], path: Path | None = None
) -> tuple[dict[str, str], list[str]]:
    """The keymap for `App.set_keymap`, without ids no binding has (each one reported)."""
    where = path or config_path()
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in settings.keys.items():
        cleaned = ",".join(part.strip() for part in keys.split(",") if part.strip())
        if binding_id not in known_ids:
            problem = _("{path}: keys: no binding has the id {id} (? lists them)")
            problems.append(problem.format(path=where, id=repr(binding_id)))
        elif not cleaned:
            problem = _("{path}: keys: {id} has no key")
            problems.append(problem.format(path=where, id=repr(binding_id)))
        else:
            keymap[binding_id] = cleaned
    return keymap, problems


def checked_theme(
    settings: Settings, available: Collection[str], path: Path | None = None
) -> tuple[str | None, list[str]]:
    """The config's theme if the app has it; an unknown one is reported like a bad key,
    with the themes there are, even when a theme remembered in state.json overrides it."""
    if not settings.theme:
        return None, []
    if settings.theme in available:
        return settings.theme, []
    where = path or config_path()
    valid = ", ".join(sorted(available))
    problem = _("{path}: theme: no theme is called {theme} (valid: {valid})")
    return None, [problem.format(path=where, theme=repr(settings.theme), valid=valid)]


def load_state() -> dict[str, Any]:
    """What the app remembered; an unreadable or damaged state is forgotten, not fatal."""
    try:
        data = json.loads(state_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(changes: Mapping[str, Any]) -> str | None:
    """Merge `changes` into the state file atomically; returns why it failed, if it did."""
    path = state_path()
    state = {**load_state(), **changes}
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=".state-", delete=False
        ) as handle:
            temporary = handle.name
            json.dump(state, handle, ensure_ascii=False, indent=2)
        os.replace(temporary, path)
    except OSError as err:
        if temporary is not None:
            with suppress(OSError):
                os.remove(temporary)
        return _("could not remember the settings in {path}: {reason}").format(
            path=path, reason=_reason(err)
        )
    return None


class AppState:
    """What the app remembers, as it uses it: state.json, or (`persistent=False`, each
    visitor's app under `imss-tui serve`) state.json read as it is and every change kept in
    memory for this session only."""

    def __init__(self, *, persistent: bool = True) -> None:
        self.persistent = persistent
        self._session: dict[str, Any] = {}

    def load(self) -> dict[str, Any]:
        return {**load_state(), **self._session}

    def save(self, changes: Mapping[str, Any]) -> str | None:
        """Remember `changes`; returns why state.json could not take them, if it could not."""
        if not self.persistent:
            self._session.update(changes)
            return None
        return save_state(changes)
