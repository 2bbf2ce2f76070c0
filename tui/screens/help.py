"""`?`: every key binding of the app, grouped by where it works, with its id for remapping."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from core.i18n import N_, _
from tui.settings import EXAMPLE, config_path

HelpSection = tuple[str, Sequence[BindingType]]

TEXT_SEARCH = N_("text search (t)")
FINDER = N_("finder (/)")
#: What each search understands: (where, example, meaning); README's tables say the same.
#: Where and meaning are translated when shown; the examples are queries, typed as they are.
SEARCH_SYNTAX: tuple[tuple[str, str, str], ...] = (
    (TEXT_SEARCH, "salud convenio", N_("bulletins with both words (accents, case ignored)")),
    (TEXT_SEARCH, "chiapas OR oaxaca", N_("either word (OR in capitals)")),
    (TEXT_SEARCH, "salud -oaxaca", N_('without the word; -"a phrase" too')),
    (TEXT_SEARCH, '"gobierno de chiapas"', N_("the words together, in this order")),
    (TEXT_SEARCH, "hospit*", N_("words starting so")),
    (FINDER, "gober chihu", N_("fuzzy: terms ANDed, names and roles")),
    (FINDER, "'exact ^prefix suffix$", N_("fzf's exact, prefix and suffix terms")),
    (FINDER, "!negate", N_("without the term")),
)


def _bindings(items: Iterable[BindingType]) -> list[Binding]:
    return [b for item in items for b in Binding.make_bindings([item])]


def merge_keys(
    bindings: list[Binding], describe: Callable[[Binding], str], keymap: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """One row per action: all its keys together ("j / down"), its description and id.

    Keys remapped with `App.set_keymap` are shown as remapped; descriptions in the language
    in use.
    """
    rows: dict[tuple[str, str], list[str]] = {}
    ids: dict[tuple[str, str], str] = {}
    descriptions: dict[tuple[str, str], str] = {}
    for binding in bindings:
        row = (binding.action, binding.description)
        keys = rows.setdefault(row, [])
        ids[row] = binding.id or ""
        descriptions[row] = _(binding.tooltip or binding.description) or binding.action
        raw = keymap.get(binding.id, binding.key) if binding.id else binding.key
        for part in raw.split(","):
            shown = describe(binding.with_key(part.strip()))
            if shown not in keys:
                keys.append(shown)
    return [(", ".join(keys), descriptions[row], ids[row]) for row, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    """A scrollable table of bindings; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 96; height: 90%;
        border: round $accent; border-title-color: $accent; background: $surface; padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", N_("Close help"), id="help.close"),
        Binding("j,down", "scroll(1)", N_("Scroll"), show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", N_("Scroll"), show=False, id="help.up"),
    ]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = _("Keys — esc closes")
            scroll.can_focus = True
            yield Static(self._table(), id="help-table")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def _table(self) -> Group:
        keymap = getattr(self.app, "_keymap", {})
        parts: list[Text | Table] = []
        for title, items in self.sections:
            parts.append(Text(_(title), style="bold underline"))
            table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
            table.add_column("key", style="bold", no_wrap=True, width=14)
            table.add_column("action", ratio=1)
            table.add_column("id", style="dim", no_wrap=True, width=22)
            for keys, desc, binding_id in merge_keys(
                _bindings(items), self.app.get_key_display, keymap
            ):
                table.add_row(Text(keys), Text(desc), Text(binding_id))
            parts += [table, Text("")]
        parts.append(Text(_("Search syntax"), style="bold underline"))
        syntax = Table(box=None, expand=True, show_header=False, padding=(0, 1))
        syntax.add_column("where", style="dim", no_wrap=True, width=16)
        syntax.add_column("query", style="bold", no_wrap=True)
        syntax.add_column("finds", ratio=1)
        for where, example, meaning in SEARCH_SYNTAX:
            syntax.add_row(Text(_(where)), Text(example), Text(_(meaning)))
        parts += [syntax, Text("")]
        before, _path, after = _("Remap keys by binding id in {path}:").partition("{path}")
        remap = Text(before, style="bold")
        remap.append(str(config_path()))
        remap.append(after + "\n")
        remap.append(EXAMPLE, style="dim")
        parts.append(remap)
        return Group(*parts)

    def action_scroll(self, step: int) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_to(y=scroll.scroll_y + step, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
