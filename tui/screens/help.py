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

from tui.settings import EXAMPLE, config_path

HelpSection = tuple[str, Sequence[BindingType]]

#: What each search understands: (where, example, meaning); README's tables say the same.
SEARCH_SYNTAX: tuple[tuple[str, str, str], ...] = (
    ("text search (t)", "salud convenio", "bulletins with both words (accents, case ignored)"),
    ("text search (t)", "chiapas OR oaxaca", "either word (OR in capitals)"),
    ("text search (t)", "salud -oaxaca", 'without the word; -"a phrase" too'),
    ("text search (t)", '"gobierno de chiapas"', "the words together, in this order"),
    ("text search (t)", "hospit*", "words starting so"),
    ("finder (/)", "gober chihu", "fuzzy: terms ANDed, names and roles"),
    ("finder (/)", "'exact ^prefix suffix$", "fzf's exact, prefix and suffix terms"),
    ("finder (/)", "!negate", "without the term"),
)


def _bindings(items: Iterable[BindingType]) -> list[Binding]:
    return [b for item in items for b in Binding.make_bindings([item])]


def merge_keys(
    bindings: list[Binding], describe: Callable[[Binding], str], keymap: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """One row per action: all its keys together ("j / down"), its description and id.

    Keys remapped with `App.set_keymap` are shown as remapped.
    """
    rows: dict[tuple[str, str], list[str]] = {}
    ids: dict[tuple[str, str], str] = {}
    descriptions: dict[tuple[str, str], str] = {}
    for binding in bindings:
        row = (binding.action, binding.description)
        keys = rows.setdefault(row, [])
        ids[row] = binding.id or ""
        descriptions[row] = binding.tooltip or binding.description or binding.action
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
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
        Binding("j,down", "scroll(1)", "Scroll", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Scroll", show=False, id="help.up"),
    ]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys — esc closes"
            scroll.can_focus = True
            yield Static(self._table(), id="help-table")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def _table(self) -> Group:
        keymap = getattr(self.app, "_keymap", {})
        parts: list[Text | Table] = []
        for title, items in self.sections:
            parts.append(Text(title, style="bold underline"))
            table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
            table.add_column("key", style="bold", no_wrap=True, width=14)
            table.add_column("action", ratio=1)
            table.add_column("id", style="dim", no_wrap=True, width=22)
            for keys, desc, binding_id in merge_keys(
                _bindings(items), self.app.get_key_display, keymap
            ):
                table.add_row(Text(keys), Text(desc), Text(binding_id))
            parts += [table, Text("")]
        parts.append(Text("Search syntax", style="bold underline"))
        syntax = Table(box=None, expand=True, show_header=False, padding=(0, 1))
        syntax.add_column("where", style="dim", no_wrap=True, width=16)
        syntax.add_column("query", style="bold", no_wrap=True)
        syntax.add_column("finds", ratio=1)
        for where, example, meaning in SEARCH_SYNTAX:
            syntax.add_row(Text(where), Text(example), Text(meaning))
        parts += [syntax, Text("")]
        remap = Text("Remap keys by binding id in ", style="bold")
        remap.append(str(config_path()))
        remap.append(":\n")
        remap.append(EXAMPLE, style="dim")
        parts.append(remap)
        return Group(*parts)

    def action_scroll(self, step: int) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_to(y=scroll.scroll_y + step, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
