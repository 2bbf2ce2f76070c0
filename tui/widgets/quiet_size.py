"""Line-API views: resize without relayouting the whole screen; colours from the theme.

`Widget.virtual_size` is a reactive with `layout=True`: assigning it makes the screen reflow
and repaint every widget, which is what made each new bulletin (a new reader height, a new
sidebar length) cost a full-screen repaint. A line-API view's virtual size only decides its
scroll range and scrollbar, neither of which moves any other widget, so the view updates its
scrollbars and repaints itself. If the scrollbar appears or disappears, Textual's own
`show_vertical_scrollbar` reactive still asks for the (then needed) layout.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from tui.palette import PALETTE_COMPONENTS, PALETTE_CSS, Palette


def set_virtual_size(widget: Widget, size: Size) -> None:
    """`widget.virtual_size = size`, repainting only `widget` (and its scrollbars)."""
    if size == widget.virtual_size:
        return
    scroll_update = getattr(widget, "_scroll_update", None)
    if scroll_update is None or not widget.is_mounted:  # private API gone: the slow, safe way
        widget.virtual_size = size
        return
    widget.set_reactive(Widget.virtual_size, size)
    scroll_update(size)
    widget.refresh()


class LineScrollView(ScrollView):
    """A line-API view that resolves its base style once per repaint, not once per line,
    and its theme colours (`palette`) once per theme.

    `rich_style` walks every ancestor's styles; subclasses read `self.base_style` in
    `render_line`. Lines they cache hold colours: `palette_changed` drops them.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = set(PALETTE_COMPONENTS)
    DEFAULT_CSS = PALETTE_CSS

    _base_style: Style | None = None
    _palette: Palette | None = None

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    @property
    def palette(self) -> Palette:
        if self._palette is None:
            self._palette = Palette.of(self)
        return self._palette

    def _theme_changed(self, theme: object) -> None:
        self._palette = Palette.of(self)
        self.palette_changed()
        self.refresh()

    def palette_changed(self) -> None:
        """The theme changed: drop whatever was drawn in the old colours and background."""

    @property
    def base_style(self) -> Style:
        return self._base_style or self.rich_style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None
