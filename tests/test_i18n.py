"""Which language the interface speaks, and how dates read in it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from core import i18n
from core.i18n import _, format_date, language_from_environment, parse_language, set_language


@pytest.fixture(autouse=True)
def _back_to_locale() -> Iterator[None]:
    yield
    set_language(None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("es", "es"),
        ("es_MX.UTF-8", "es"),
        ("ES-mx", "es"),
        ("en_US.utf8", "en"),
        ("C", None),
        ("", None),
        ("fr_FR.UTF-8", None),
        ("es_ES@euro", "es"),
    ],
)
def test_parse_language(value: str, expected: str | None) -> None:
    assert parse_language(value) == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LC_MESSAGES": "es_MX.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        ({"LC_ALL": "C", "LANG": "es_MX.UTF-8"}, "en"),  # LC_ALL wins, even as "C"
        ({"LC_ALL": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({}, "en"),
        # GNU LANGUAGE: a colon list of preferences, first one we have wins...
        ({"LANGUAGE": "es", "LANG": "en_US.UTF-8"}, "es"),
        ({"LANGUAGE": "fr_FR:es_MX:en", "LANG": "en_US.UTF-8"}, "es"),
        ({"LANGUAGE": "::es", "LANG": "en_US.UTF-8"}, "es"),
        ({"LANGUAGE": "en:es", "LANG": "es_MX.UTF-8"}, "en"),
        ({"LANGUAGE": "", "LANG": "es_MX.UTF-8"}, "es"),
        # ...over the locale's, even LC_ALL's; none of ours means untranslated, as in gettext
        ({"LANGUAGE": "es", "LC_ALL": "en_GB.UTF-8"}, "es"),
        ({"LANGUAGE": "fr:de", "LANG": "es_MX.UTF-8"}, "en"),
        ({"LANGUAGE": "C:es", "LANG": "es_MX.UTF-8"}, "en"),
        # ...but ignored under the C/POSIX locale, or with no locale at all
        ({"LANGUAGE": "es", "LANG": "C.UTF-8"}, "en"),
        ({"LANGUAGE": "es", "LC_ALL": "POSIX", "LANG": "es_MX.UTF-8"}, "en"),
        ({"LANGUAGE": "es"}, "en"),
    ],
)
def test_language_follows_the_locale(environ: dict[str, str], expected: str) -> None:
    assert language_from_environment(environ) == expected


def test_set_language_overrides_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert i18n.current_language() == "es"
    assert _("undated") == "sin fecha"
    set_language("en")
    assert _("undated") == "undated"
    set_language(None)
    assert i18n.current_language() == "es"


def test_unknown_language_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="valid: en, es"):
        set_language("klingon")


def test_dates_read_the_spanish_way() -> None:
    set_language("es")
    day = dt.date(2024, 5, 30)
    assert format_date(day, long=True) == "jueves 30 de mayo de 2024"
    assert format_date(day) == "30 may 2024"
    assert format_date(dt.date(2024, 9, 2)) == "2 sep 2024"
    set_language("en")
    assert format_date(day, long=True) == "Thursday 30 May 2024"


def test_a_missing_catalog_falls_back_to_english_with_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged install (the .po file gone) speaks English instead of a traceback."""
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n._translations.cache_clear()
    try:
        set_language("es")
        assert (_("Quit"), _("options")) == ("Quit", "options")
        err = capsys.readouterr().err
        assert err.count("cannot be read (No such file or directory); using English") == 1
        assert str(tmp_path / "es" / "LC_MESSAGES" / "imss_tui.po") in err
    finally:
        i18n._translations.cache_clear()
