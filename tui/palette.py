"""Colours that follow the theme: entity kinds, search marks, matched characters.

Each colour is a theme variable (`$kind-official`, `$search-mark`...) that the app derives
from the active theme: a fixed hue per meaning, pushed toward black or white until it reads
on the theme's surface (WCAG contrast 4.5 for text). So dark and light themes both get
legible colours, and a theme may still set any of them itself. Widgets read them through
component classes (`kind--official`, `search--mark`...) as Rich styles: `Palette.of(widget)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.style import Style
from textual.color import Color, ColorParseError
from textual.dom import DOMNode

from core.models import EntityKind

#: The hue that means each kind everywhere (reader, sidebar, finder, profile, filter chip).
KIND_HUE: dict[EntityKind, str] = {
    EntityKind.OFFICIAL: "#e0a030",
    EntityKind.PLACE: "#3fb950",
    EntityKind.FACILITY: "#4aa3ff",
    EntityKind.INSTITUTION: "#c586ff",
}
#: Backgrounds of search matches (all of them, and the one n / N stopped on); the finder's
#: matched characters.
MARK_HUE = "#d7d75f"
CURRENT_HUE = "#ff8700"
MATCH_HUE = "#ff5f87"
#: Terminals on an ANSI theme choose the real colours themselves.
ANSI_VARIABLES = {
    "kind-official": "ansi_yellow",
    "kind-place": "ansi_green",
    "kind-facility": "ansi_blue",
    "kind-institution": "ansi_magenta",
    "search-mark": "ansi_yellow",
    "search-mark-text": "ansi_black",
    "search-current": "ansi_red",
    "search-current-text": "ansi_white",
    "search-match": "ansi_bright_red",
}

TEXT_CONTRAST = 4.5  # WCAG AA for normal text
MARK_CONTRAST = 1.6  # a marked word stands out from the text around it

KIND_COMPONENT = {kind: f"kind--{kind.value}" for kind in EntityKind}
PALETTE_COMPONENTS = frozenset(
    {*KIND_COMPONENT.values(), "search--mark", "search--current", "search--match"}
)

PALETTE_CSS = """
.kind--official { color: $kind-official; text-style: bold; }
.kind--place { color: $kind-place; text-style: bold; }
.kind--facility { color: $kind-facility; text-style: bold; }
.kind--institution { color: $kind-institution; text-style: bold; }
.search--mark { background: $search-mark; color: $search-mark-text; }
.search--current { background: $search-current; color: $search-current-text; text-style: bold; }
.search--match { color: $search-match; text-style: bold underline; }
"""


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(hue: Color, background: Color, ratio: float) -> Color:
    """`hue`, blended toward black or white (away from `background`) until it has `ratio`
    contrast with it; the hue is kept as far as the theme allows."""
    target = Color(0, 0, 0) if _luminance(background) > 0.18 else Color(255, 255, 255)
    for step in range(21):
        color = hue.blend(target, step / 20)
        if contrast(color, background) >= ratio:
            return color
    return target


def text_on(background: Color) -> Color:
    """Black or white, whichever reads better on `background`."""
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    return black if contrast(black, background) >= contrast(white, background) else white


def theme_colors(variables: Mapping[str, str]) -> dict[str, str]:
    """The palette's variables for a theme whose colour system is `variables`."""
    try:
        surface = Color.parse(variables.get("surface", ""))
    except ColorParseError:
        return dict(ANSI_VARIABLES)
    if surface.ansi is not None or surface.a == 0:  # ANSI themes: the terminal's own colours
        return dict(ANSI_VARIABLES)
    colors = {
        f"kind-{kind.value}": readable(Color.parse(hue), surface, TEXT_CONTRAST)
        for kind, hue in KIND_HUE.items()
    }
    colors["search-match"] = readable(Color.parse(MATCH_HUE), surface, TEXT_CONTRAST)
    for name, hue in (("search-mark", MARK_HUE), ("search-current", CURRENT_HUE)):
        background = readable(Color.parse(hue), surface, MARK_CONTRAST)
        colors[name] = background
        colors[f"{name}-text"] = text_on(background)
    return {name: color.hex for name, color in colors.items()}


@dataclass(frozen=True)
class Palette:
    """The theme's colours as Rich styles, for text built in code (Text.stylize)."""

    kind: Mapping[EntityKind, Style]
    mark: Style
    current_mark: Style
    match: Style

    @classmethod
    def of(cls, node: DOMNode) -> Palette:
        """Read from `node`'s component classes (it must declare PALETTE_COMPONENTS)."""

        def style(name: str) -> Style:  # only what the class sets: no pane background
            return node.get_component_rich_style(name, partial=True)

        return cls(
            kind={kind: style(name) for kind, name in KIND_COMPONENT.items()},
            mark=style("search--mark"),
            current_mark=style("search--current"),
            match=style("search--match"),
        )

    def mention(self, kind: EntityKind | str) -> Style:
        """A mention in the reader: its kind's colour, underlined so it reads as a link."""
        return self.kind[EntityKind(kind)] + Style(underline=True)

    def current_mention(self, kind: EntityKind | str) -> Style:
        """The mention n / N stopped on: the kind's colour as background."""
        color = self.kind[EntityKind(kind)].color
        if color is None or color.triplet is None:  # ANSI theme: reverse video
            return self.kind[EntityKind(kind)] + Style(reverse=True)
        back = Color(*color.triplet)
        return Style(color=text_on(back).hex, bgcolor=back.hex, bold=True)
