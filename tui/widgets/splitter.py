"""A one-column handle between two panes: drag it to set the left pane's width."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widget import Widget


class Splitter(Widget):
    """Posts `Dragged` with the screen column under the pointer while dragged, then
    `Released`; the screen decides what width that means and remembers it."""

    DEFAULT_CSS = """
    Splitter { width: 1; height: 1fr; background: $surface; }
    Splitter:hover, Splitter.-dragging { background: $accent; }
    """

    class Dragged(Message):
        def __init__(self, screen_x: int) -> None:
            super().__init__()
            self.screen_x = screen_x

    class Released(Message):
        pass

    def render(self) -> str:
        return ""  # the background is the handle

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self.capture_mouse()
        self.add_class("-dragging")
        event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self.has_class("-dragging"):
            self.post_message(self.Dragged(int(event.screen_x)))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self.has_class("-dragging"):
            self.release_mouse()
            self.remove_class("-dragging")
            self.post_message(self.Released())
