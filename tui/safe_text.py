"""Where bulletin text becomes something the app may draw: as Text, with controls visible.

Two dangers: Rich/Textual markup ("[@click=app.quit]") being interpreted, and control
characters (ESC sequences, OSC 52 clipboard writes, BEL, backspace, bidi overrides) acting on
the terminal or reordering what the user sees. Markup is avoided by building `rich.text.Text`
objects, never markup strings; control characters go through `core.visible.visible` (shared
with the CLI), one character for one, so mention spans computed on the original stay valid.
Every pane, the finder and the profile build their text through these helpers.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from core.visible import FORMAT_PLACEHOLDER, visible

__all__ = ["FORMAT_PLACEHOLDER", "append_safe", "safe_text", "visible"]


def safe_text(text: str, style: str | Style = "") -> Text:
    """A Rich Text showing `text` literally: no markup parsing, no terminal controls."""
    return Text(visible(text), style=style, end="")


def append_safe(target: Text, text: str, style: str | Style = "") -> Text:
    """Append data to a Text under construction, sanitized; returns `target` for chaining."""
    target.append(visible(text), style=style)
    return target
