"""Which language `imss-tui` speaks, chosen once before any parser or the app is built.

The rule: `--lang es|en` anywhere before a `--` (so `imss-tui --lang es parse seeds/` and
`imss-tui parse --lang es seeds/` are the same), else `lang` in config.toml, else the locale
(LC_ALL, LC_MESSAGES, LANG), else English. An invalid `--lang` is left in place for argparse
to report as a usage error; an invalid config value is reported by the caller and ignored.

argparse translates its own words ("usage:", "options", "error:", "invalid choice") with
the module-level `_` and `ngettext` it imported from gettext; pointing those two names at
core.i18n makes them read from our catalog (their msgids are marked in ARGPARSE_MESSAGES).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from core import i18n
from core.i18n import LANGUAGES, N_, Language, current_language, parse_language, set_language
from tui.settings import configured_language

OPTION = "--lang"

#: The argparse messages our parsers can show a user (the others are programming errors or
#: come from features we do not use, such as nargs=2), marked for scripts.update_catalog.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)


def route_argparse_messages() -> None:
    """Make argparse look its messages up in our catalog, in the language in use."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def split_language_option(argv: Sequence[str]) -> tuple[Language | None, list[str]]:
    """The language `--lang X` / `--lang=X` asks for and argv without it. Only the options
    before a `--` count; "ES" or "es_MX" mean "es" as in the locale; a value that is not a
    language stays for argparse to reject."""
    rest = list(argv)
    wanted: Language | None = None
    i = 0
    while i < len(rest) and rest[i] != "--":
        arg = rest[i]
        if arg == OPTION and i + 1 < len(rest) and parse_language(rest[i + 1]):
            wanted = parse_language(rest[i + 1])
            del rest[i : i + 2]
        elif arg.startswith(OPTION + "=") and parse_language(arg.split("=", 1)[1]):
            wanted = parse_language(arg.split("=", 1)[1])
            del rest[i]
        else:
            i += 1
    return wanted, rest


def command_name(argv: Sequence[str]) -> str | None:
    """The first argument that is not a `--lang` option (a `--lang` argparse will reject
    still belongs to the command that follows it), or None when there is none."""
    i = 0
    while i < len(argv):
        if argv[i] == OPTION:
            i += 2
        elif argv[i].startswith(OPTION + "="):
            i += 1
        else:
            return argv[i]
    return None


def choose_language(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """Set the language (--lang, else config.toml's `lang`, else the locale); returns argv
    without --lang and the problems found in config.toml's `lang` (in the locale's language)."""
    wanted, rest = split_language_option(argv)
    if wanted is not None:
        set_language(wanted)
        return rest, []
    set_language(None)
    configured, problems = configured_language()
    if configured is not None:
        set_language(configured)
    return rest, problems


def add_language_argument(parser: argparse.ArgumentParser, *, top: bool = True) -> None:
    """`--lang` in the parser's help; a subcommand's must not reset the value given before it."""
    parser.add_argument(
        OPTION,
        choices=LANGUAGES,
        default=None if top else argparse.SUPPRESS,
        help=i18n._("interface language (default: lang in config.toml, else the locale)"),
    )


def child_arguments() -> list[str]:
    """`--lang X` for an `imss-tui` process started by this one (a `serve` visitor's app),
    so it speaks the language chosen here whatever its own locale or config says."""
    return [OPTION, current_language()]
