"""Key descriptions and Textual's own words in the interface's language.

Textual compiles each class's BINDINGS into a `BindingsMap` when the class is created
(`DOMNode._merged_bindings`) and copies it into every instance; the footer, the key panel
and the command palette read the descriptions from those copies. Our BINDINGS keep their
English text (marked `N_`), and `translate_bindings` swaps each class's compiled map for one
in the language in use before the app builds its screens: one place, binding ids and keys
untouched. The English maps are kept, so a later call in another language starts from them.

Textual's built-in strings the user sees (the palette's placeholder, system commands) are
marked below so the catalog holds them; the app passes them through `_` where Textual lets it.
Key names go through `App.get_key_display`, the hook Textual documents for it. The palette's
"No matches found" has no public hook: `CommandPalette` below overrides the private method
that adds it (tests/test_app_spanish.py fails loudly if Textual renames it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.binding import Binding, BindingsMap
from textual.command import CommandList
from textual.command import CommandPalette as TextualPalette
from textual.dom import DOMNode
from textual.widgets.option_list import Option

from core.i18n import N_, _

#: Textual's own strings shown by the app (textual/app.py, textual/command.py).
PALETTE_PLACEHOLDER = N_("Search for commands…")
THEMES_PLACEHOLDER = N_("Search for themes…")
TEXTUAL_MESSAGES = (
    N_("palette"),
    N_("Open the command palette"),
    N_("Quit"),
    N_("Quit the app and return to the command prompt."),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
NO_MATCHES = N_("No matches found")

#: The names Textual gives keys (textual.keys.KEY_DISPLAY_ALIASES, modifiers) that are words;
#: arrows, ⏎, ⌫ and letters need no translation.
KEY_NAMES = {
    "space": N_("space"),
    "tab": N_("tab"),
    "home": N_("home"),
    "end": N_("end"),
    "pgup": N_("pgup"),
    "pgdn": N_("pgdn"),
    "del": N_("del"),
    "shift": N_("shift"),
}

#: Each class's compiled bindings as Textual made them (English), the first time seen.
_english: dict[type[DOMNode], BindingsMap | None] = {}


def translated_binding(binding: Binding) -> Binding:
    """`binding` with its description and tooltip in the language in use."""
    description = _(binding.description) if binding.description else binding.description
    tooltip = _(binding.tooltip) if binding.tooltip else binding.tooltip
    if description == binding.description and tooltip == binding.tooltip:
        return binding
    return replace(binding, description=description, tooltip=tooltip)


def translated_map(bindings: BindingsMap) -> BindingsMap:
    """A copy of `bindings` with every binding translated (same keys, same order)."""
    return BindingsMap.from_keys(
        {
            key: [translated_binding(binding) for binding in key_bindings]
            for key, key_bindings in bindings.key_to_bindings.items()
        }
    )


def _node_classes(root: type[DOMNode] = DOMNode) -> Iterator[type[DOMNode]]:
    for sub in root.__subclasses__():
        yield sub
        yield from _node_classes(sub)


def translate_bindings(classes: Iterable[type[DOMNode]] | None = None) -> None:
    """Give every widget, screen and app class (default: all defined so far) its bindings in
    the language in use; instances created afterwards copy those."""
    for cls in set(_node_classes() if classes is None else classes):
        if cls not in _english:
            _english[cls] = cls.__dict__.get("_merged_bindings")
        english = _english[cls]
        if english is not None:
            cls._merged_bindings = translated_map(english)


def translated_commands(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's system commands (Theme, Quit, Keys...) with title and help translated."""
    for command in commands:
        yield command._replace(title=_(command.title), help=_(command.help))


def translated_key_display(display: str) -> str:
    """ "space", "shift+tab" as Textual displays them, in the language in use."""
    parts = display.split("+")
    return "+".join(_(KEY_NAMES[part]) if part in KEY_NAMES else part for part in parts)


class CommandPalette(TextualPalette):
    """Textual's palette, saying "No matches found" in the language in use."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2's method with its one English literal translated; keep in step with it.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # an empty query is discovery mode: nothing to say
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_(NO_MATCHES), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
