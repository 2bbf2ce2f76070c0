"""The interface's language: gettext messages from a Babel catalog, and dates the local way.

Readers of IMSS bulletins work in Spanish; the code is written in English. Every message a
user reads goes through `_` (or `ngettext`), and `core/locale/es/LC_MESSAGES/imss_tui.po` holds
its Spanish. The catalog is the standard gettext one, read with Babel when Spanish is first
asked for, so a fresh checkout needs no compile step and English costs nothing.

Which language: `--lang` or `lang` in config.toml (the app and CLI call `set_language`), else
the locale (GNU `LANGUAGE` unless the locale is C, then `LC_ALL`, `LC_MESSAGES`, `LANG`, in
POSIX order; "es_MX.UTF-8" -> "es"), else English. Strings defined at import time (binding
descriptions, column headers) are marked with `N_` and translated where they are shown, so
switching language needs no re-import.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import os
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Literal

Language = Literal["en", "es"]

DOMAIN = "imss_tui"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES: tuple[Language, ...] = ("en", "es")
DEFAULT_LANGUAGE: Language = "en"
#: Babel locale used for each language's dates: Mexican Spanish ("1 sep 2024", not "sept").
_DATE_LOCALES: dict[Language, str] = {"en": "en_GB", "es": "es_MX"}
#: Date patterns (CLDR syntax) per language: the reader's header, the list's short form.
_LONG_DATE: dict[Language, str] = {"en": "EEEE d MMMM y", "es": "EEEE d 'de' MMMM 'de' y"}
_SHORT_DATE: dict[Language, str] = {"en": "d MMM y", "es": "d MMM y"}
_MONTH: dict[Language, str] = {"en": "MMM y", "es": "MMM y"}

_current: Language = DEFAULT_LANGUAGE
_explicit = False


def parse_language(value: str | None) -> Language | None:
    """ "es", "es_MX.UTF-8", "ES-mx" -> "es"; "C", "", "fr_FR" -> None (not one we have)."""
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None  # type: ignore[return-value]


#: Where the locale of messages is named, most specific first (POSIX).
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_from_environment(environ: Mapping[str, str] | None = None) -> Language:
    """The language the locale asks for, as GNU gettext reads it: the first of LC_ALL,
    LC_MESSAGES, LANG that is set names the locale (POSIX precedence, so LC_ALL=C over
    LANG=es_MX means English); unless that locale is C/POSIX, GNU's LANGUAGE (a colon list,
    "es_MX:es:en") comes first, and its first language we have wins. As in gettext, a
    LANGUAGE list with none of ours means the untranslated messages: English."""
    env = os.environ if environ is None else environ
    locale = next((env[name] for name in _LOCALE_VARIABLES if env.get(name)), "")
    if _is_c_locale(locale):
        return DEFAULT_LANGUAGE
    preferences = env.get("LANGUAGE", "")
    if preferences.strip(":"):
        for entry in filter(None, preferences.split(":")):
            if _is_c_locale(entry):  # gettext stops at "C": untranslated from there on
                break
            language = parse_language(entry)
            if language is not None:
                return language
        return DEFAULT_LANGUAGE
    return parse_language(locale) or DEFAULT_LANGUAGE


def _is_c_locale(name: str) -> bool:
    """ "", "C", "POSIX", "C.UTF-8": the locale of untranslated messages."""
    return name.split(".")[0] in ("", "C", "POSIX")


def set_language(language: str | None) -> Language:
    """Use `language` ("es", "en", a locale name) from now on; None goes back to the locale.
    Returns the language in use. An unknown name raises ValueError naming the valid ones."""
    global _current, _explicit
    if language is None:
        _current, _explicit = language_from_environment(), False
        return _current
    parsed = parse_language(language)
    if parsed is None:
        valid = ", ".join(LANGUAGES)
        raise ValueError(f"unknown language {language!r} (valid: {valid})")
    _current, _explicit = parsed, True
    return parsed


def current_language() -> Language:
    """The language in use: the one set, else the locale's (read each time until one is set,
    so a test or a child process that changes LANG is followed)."""
    return _current if _explicit else language_from_environment()


@cache
def _translations(language: Language) -> gettext.NullTranslations:
    """The catalog of `language`; English, said once on stderr, when its file cannot be read
    (a damaged install must not turn every command into a traceback)."""
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    po_path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    try:
        with po_path.open("rb") as po:
            catalog = read_po(po, locale=language, domain=DOMAIN)
    except (OSError, PoFileError, ValueError) as err:
        reason = getattr(err, "strerror", None) or err
        print(f"imss-tui: {po_path}: cannot be read ({reason}); using English", file=sys.stderr)
        return gettext.NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translations(language: Language | None = None) -> gettext.NullTranslations:
    """The message catalog of `language` (default: the one in use)."""
    return _translations(language or current_language())


def _(message: str) -> str:
    """`message` in the language in use (itself when there is no translation). The empty
    string stays empty: gettext would return the catalog's header for it."""
    return translations().gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for `n`, by the language's plural rule."""
    return translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks `message` for the catalog without translating it yet (class-level strings)."""
    return message


def format_date(day: dt.date, *, long: bool = False) -> str:
    """ "30 may 2024" / "jueves 30 de mayo de 2024" in Spanish; "30 May 2024" /
    "Thursday 30 May 2024" in English."""
    from babel.dates import format_date as babel_format

    language = current_language()
    pattern = (_LONG_DATE if long else _SHORT_DATE)[language]
    return babel_format(day, pattern, locale=_DATE_LOCALES[language])


def format_month(day: dt.date) -> str:
    """The month `day` is in: "may 2024", "ene 2015" in Spanish; "May 2024" in English."""
    from babel.dates import format_date as babel_format

    language = current_language()
    return babel_format(day, _MONTH[language], locale=_DATE_LOCALES[language])
