"""A selectable list drawn with Textual's line API: cost scales with the screen, not the rows.

ListView lags near 1,000 items and OptionList/DataTable take seconds for 10,000 rows; this view
only renders the lines on screen and caches them, so 10,000 bulletins scroll like five.
Subclasses say how many items there are, how tall each is and how to draw one line of one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from core.i18n import N_, _
from tui.widgets.quiet_size import LineScrollView, set_virtual_size


class LineList(LineScrollView, can_focus=True):
    """Items of one or more lines each, a cursor, keyboard and mouse selection."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-list--cursor",
        "line-list--cursor-blurred",
        "line-list--empty",
    }

    DEFAULT_CSS = """
    LineList {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    LineList > .line-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    LineList > .line-list--cursor-blurred { background: $block-cursor-blurred-background; }
    LineList > .line-list--empty { color: $text-muted; text-style: italic; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", N_("Down"), show=False, id="list.down"),
        Binding("up,k", "cursor_up", N_("Up"), show=False, id="list.up"),
        Binding("pagedown", "cursor_page(1)", N_("Page down"), show=False, id="list.page_down"),
        Binding("pageup", "cursor_page(-1)", N_("Page up"), show=False, id="list.page_up"),
        Binding("home,g", "cursor_first", N_("Top"), show=False, id="list.top"),
        Binding("end,G", "cursor_last", N_("Bottom"), show=False, id="list.bottom"),
        Binding("enter", "select", N_("Open"), show=False, id="list.select"),
    ]

    cursor: reactive[int] = reactive(-1, init=False, always_update=True)
    """Index of the highlighted item, or -1 when the list is empty."""

    #: Shown when there are no items, in the interface's language (a msgid marked with N_,
    #: or a message already translated).
    empty_message: str = N_("Nothing here.")
    #: The cursor row's colours go under the items' own styles (search marks stay visible).
    cursor_under_marks: bool = False

    class Highlighted(Message):
        """The cursor moved to `index`; `by_user` when a key or click moved it (not code)."""

        def __init__(self, line_list: LineList, index: int, by_user: bool = False) -> None:
            super().__init__()
            self.line_list = line_list
            self.index = index
            self.by_user = by_user

        @property
        def control(self) -> LineList:
            return self.line_list

    class Selected(Message):
        """The user chose `index` (enter or click)."""

        def __init__(self, line_list: LineList, index: int) -> None:
            super().__init__()
            self.line_list = line_list
            self.index = index

        @property
        def control(self) -> LineList:
            return self.line_list

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._starts: Sequence[int] = []
        self._total_lines = 0
        self._cache: LRUCache[tuple[int, int, int, bool, bool], Strip] = LRUCache(2048)
        self._moving = False  # inside a user's move: the Highlighted it posts says so
        self._last_width = 0

    # -- what subclasses provide -------------------------------------------------------------

    def item_count(self) -> int:
        return 0

    def item_height(self, index: int) -> int:
        return 1

    def selectable(self, index: int) -> bool:
        return True

    def render_item_line(self, index: int, line: int, width: int) -> Text:
        """One line of one item; the base class truncates, pads and styles it."""
        raise NotImplementedError

    # -- layout --------------------------------------------------------------------------------

    #: True when `item_height` depends on the width (wrapped text): a resize re-measures.
    heights_follow_width: ClassVar[bool] = False

    #: Lines of every item when all have the same height (None: `item_height` says, per item):
    #: then measuring 50,000 items before the first frame costs nothing.
    uniform_height: ClassVar[int | None] = None

    def _measure(self) -> None:
        starts: Sequence[int]
        count, height = self.item_count(), self.uniform_height
        if height is not None:
            starts = range(0, count * height, height)
            total = count * height
        else:
            starts = []
            total = 0
            for index in range(count):
                starts.append(total)
                total += self.item_height(index)
        self._starts = starts
        self._total_lines = total
        self._cache.clear()
        set_virtual_size(self, Size(self.scrollable_content_region.width, total))

    def reset(self, cursor: int | None = None) -> None:
        """Items changed: recompute line offsets, drop cached lines, place the cursor."""
        self._measure()
        starts = self._starts
        target = self._first_selectable(0, 1) if cursor is None else cursor
        if target is not None and 0 <= target < len(starts) and self.selectable(target):
            self.cursor = target
        else:
            self.cursor = self._first_selectable(0, 1) if starts else -1
        if self.cursor < 0:
            self.scroll_to(y=0, animate=False)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._last_width:
            self._last_width = event.size.width
            if self.heights_follow_width:
                self._measure()
            else:
                self._cache.clear()
                set_virtual_size(
                    self, Size(self.scrollable_content_region.width, self._total_lines)
                )
            self.refresh()
        self.scroll_to_cursor()

    def palette_changed(self) -> None:
        self._cache.clear()

    def item_at_line(self, line_no: int) -> int | None:
        if not 0 <= line_no < self._total_lines:
            return None
        return bisect_right(self._starts, line_no) - 1

    # -- rendering -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_y = self.scroll_offset.y
        width = self.scrollable_content_region.width
        line_no = scroll_y + y
        base = self.base_style
        if self._total_lines == 0:
            if y == 0:
                text = Text(_(self.empty_message))
                text.truncate(width, overflow="ellipsis", pad=True)
                empty = self.get_component_rich_style("line-list--empty")
                return Strip(
                    Segment.apply_style(text.render(self.app.console), base + empty), width
                )
            return Strip.blank(width, base)
        index = self.item_at_line(line_no)
        if index is None:
            return Strip.blank(width, base)
        sub = line_no - self._starts[index]
        selected = index == self.cursor
        key = (index, sub, width, selected, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            text = self.render_item_line(index, sub, width)
            text.no_wrap = True
            text.truncate(width, overflow="ellipsis", pad=True)
            style, post = base, None
            if selected:
                cursor = self.get_component_rich_style(
                    "line-list--cursor" if self.has_focus else "line-list--cursor-blurred"
                )
                # under the cursor, marked text keeps its own colours when asked to
                style, post = (base + cursor, None) if self.cursor_under_marks else (base, cursor)
            segments = list(Segment.apply_style(text.render(self.app.console), style, post))
            strip = Strip(segments, width)
            self._cache[key] = strip
        return strip

    def refresh_item(self, index: int) -> None:
        if 0 <= index < len(self._starts):
            self.refresh_lines(self._starts[index], self.item_height(index))

    def on_focus(self) -> None:
        self.refresh_item(self.cursor)

    def on_blur(self) -> None:
        self.refresh_item(self.cursor)

    # -- cursor --------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_item(old)
        self.refresh_item(new)
        self.scroll_to_cursor()
        if new >= 0:
            self.post_message(self.Highlighted(self, new, by_user=self._moving))

    def scroll_to_cursor(self) -> None:
        index = self.cursor
        if not 0 <= index < len(self._starts):
            return
        top = self._starts[index]
        bottom = top + self.item_height(index)
        view_top = self.scroll_offset.y
        height = max(1, self.size.height)
        if top < view_top:
            self.scroll_to(y=top, animate=False)
        elif bottom > view_top + height:
            self.scroll_to(y=bottom - height, animate=False)

    def _first_selectable(self, start: int, step: int) -> int | None:
        count = self.item_count()
        index = start
        while 0 <= index < count:
            if self.selectable(index):
                return index
            index += step
        return None

    def move_cursor(self, target: int, step: int) -> None:
        """Move to `target`, or the nearest selectable item in direction `step`."""
        count = self.item_count()
        if count == 0:
            return
        target = max(0, min(count - 1, target))
        found = self._first_selectable(target, step)
        if found is None:
            found = self._first_selectable(target, -step)
        if found is not None and found != self.cursor:
            self._moving = True
            try:
                self.cursor = found
            finally:
                self._moving = False

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1, 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1, -1)

    def action_cursor_page(self, direction: int) -> None:
        if not self._starts:
            return
        current = max(self.cursor, 0)
        line = self._starts[current] + direction * max(1, self.size.height - 1)
        line = max(0, min(self._total_lines - 1, line))
        index = self.item_at_line(line)
        if index is not None:
            self.move_cursor(index, direction)

    def action_cursor_first(self) -> None:
        self.move_cursor(0, 1)

    def action_cursor_last(self) -> None:
        self.move_cursor(self.item_count() - 1, -1)

    def action_select(self) -> None:
        if self.cursor >= 0:
            self.post_message(self.Selected(self, self.cursor))

    def item_tooltip(self, index: int) -> Text | None:
        """What hovering item `index` shows: the full text a narrow row cuts (None: nothing)."""
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self.item_at_line(self.scroll_offset.y + event.y)
        tooltip = None if index is None else self.item_tooltip(index)
        if tooltip != self.tooltip:
            self.tooltip = tooltip

    def on_click(self, event: events.Click) -> None:
        index = self.item_at_line(self.scroll_offset.y + event.y)
        if index is None or not self.selectable(index):
            return
        self.focus()
        self.cursor = index
        self.post_message(self.Selected(self, index))
