"""The reader: one bulletin, wrapped to the pane, mentions coloured by kind, jumpable.

Drawn with the line API so a bulletin that is one 1,000,000-character line costs no more to
scroll than a short one. The text shown is `Bulletin.text` block by block ("\\n\\n" separated),
so entity spans and search matches map straight onto wrapped lines.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich._wrap import divide_line
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from core.i18n import N_, _, ngettext
from core.models import BlockRole, Bulletin, BulletinEntity, EntityKind
from core.stored_messages import localized
from core.textfold import fold
from core.visible import visible_path
from tui.date_labels import date_label, evidence_lines, long_date
from tui.safe_text import append_safe, visible
from tui.widgets.quiet_size import LineScrollView, set_virtual_size

#: Direct quotes: italic, so the words someone said stand out from the bulletin's own.
QUOTE_STYLE = Style(italic=True)
#: The header's field labels; the values start one column after the longest.
FIELD_LABELS = (
    N_("Kind"),
    N_("No."),
    N_("Place"),
    N_("Date"),
    N_("Evidence"),
    N_("File"),
    N_("Copies"),
    N_("Quotes"),
)
#: A date taken from somewhere other than the dateline says where.
DATE_SOURCE_NOTE = {"lead": N_("(from the lead)"), "stamp": N_("(from the stamp)")}
ISSUE_SEVERITY = {"error": N_("error"), "warning": N_("warning")}
#: Other files with the same content named in the header; the rest are counted.
COPIES_SHOWN = 3
#: How each block of a bulletin is drawn: the header lines (kind, dateline, number) recede.
BLOCK_STYLE: dict[BlockRole, str] = {
    "header": "dim",
    "title": "bold",
    "highlight": "italic",
    "body": "",
}


def quote_speakers(bulletin: Bulletin) -> Text:
    """ "2 in italics: César Duarte Jáquez ×2 · speaker unknown", in order of first quote."""
    counts: dict[str | None, int] = {}
    for quote in bulletin.quotes:
        counts[quote.speaker_name] = counts.get(quote.speaker_name, 0) + 1
    count = len(bulletin.quotes)
    text = Text(
        ngettext("{count} in italics: ", "{count} in italics: ", count).format(count=count),
        style="dim",
    )
    for i, (name, count) in enumerate(counts.items()):
        if i:
            text.append(" · ", style="dim")
        if name is None:
            text.append(_("speaker unknown"), style="dim italic")
        else:
            append_safe(text, name, "bold")
        if count > 1:
            text.append(f" ×{count}", style="dim")
    return text


@dataclass(frozen=True)
class Line:
    """A wrapped line and, when it shows bulletin text, where that text starts in `text`."""

    text: Text
    origin: int | None = None


def iter_blocks(text: str) -> list[tuple[int, str]]:
    """(offset, block) for each "\\n\\n"-separated block of the normalized text."""
    blocks: list[tuple[int, str]] = []
    start = 0
    while start <= len(text):
        end = text.find("\n\n", start)
        if end < 0:
            end = len(text)
        if end > start:
            blocks.append((start, text[start:end]))
        start = end + 2
    return blocks


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Accent- and case-insensitive occurrences of `query` in `text`."""
    needle = fold(query.strip())
    if not needle:
        return []
    haystack = fold(text)
    found: list[tuple[int, int]] = []
    at = haystack.find(needle)
    while at >= 0:
        found.append((at, at + len(needle)))
        at = haystack.find(needle, at + max(1, len(needle)))
    return found


class ReaderView(LineScrollView, can_focus=True):
    """Shows one bulletin; `targets` are spans that n / N step through."""

    DEFAULT_CSS = """
    ReaderView {
        overflow-x: hidden;
        overflow-y: auto;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_lines(1)", N_("Scroll down"), show=False, id="reader.down"),
        Binding("up,k", "scroll_lines(-1)", N_("Scroll up"), show=False, id="reader.up"),
        Binding(
            "pagedown,space", "scroll_pages(1)", N_("Page down"), show=False, id="reader.page_down"
        ),
        Binding("pageup,b", "scroll_pages(-1)", N_("Page up"), show=False, id="reader.page_up"),
        Binding("home,g", "scroll_home_now", N_("Top"), show=False, id="reader.top"),
        Binding("end,G", "scroll_end_now", N_("Bottom"), show=False, id="reader.bottom"),
    ]

    class MentionClicked(Message):
        """The user clicked an entity mention in the text."""

        def __init__(self, entity: BulletinEntity) -> None:
            super().__init__()
            self.entity = entity

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.bulletin: Bulletin | None = None
        self.copies: list[str] = []
        self.placeholder = _("Loading bulletins…")
        self._lines: list[Line] = []
        self._origins: list[tuple[int, int]] = []  # (origin, line index) for text lines
        self._width = 0
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._mention_at: list[tuple[int, int, BulletinEntity]] = []
        self.targets: list[tuple[int, int]] = []
        self.target_index = -1
        #: The kind of entity whose mentions are the targets; None for search matches.
        self.target_kind: EntityKind | None = None
        self.marks: list[tuple[int, int]] = []

    # -- content -------------------------------------------------------------------------------

    def show(self, bulletin: Bulletin | None, copies: Sequence[str] = ()) -> None:
        """Display `bulletin` from the top; clears targets and search marks. `copies`: other
        files with the same content, listed in the header."""
        self.bulletin = bulletin
        self.copies = list(copies)
        self.targets, self.target_index, self.marks = [], -1, []
        self._mention_at = (
            sorted(
                (span.start, span.end, entity)
                for entity in (bulletin.entities if bulletin else [])
                for span in entity.mentions
            )
            if bulletin
            else []
        )
        self._rebuild()
        self.scroll_to(y=0, animate=False)

    def set_placeholder(self, message: str) -> None:
        self.placeholder = message
        if self.bulletin is None:
            self._rebuild()

    def set_targets(
        self,
        spans: list[tuple[int, int]],
        kind: EntityKind | None = None,
        *,
        index: int = 0,
        marks: bool = False,
    ) -> None:
        """Spans n / N cycle through: mentions of a `kind`, or matches; `marks` also paints
        all of them (search results)."""
        self.targets = sorted(spans)
        self.target_kind = kind
        self.marks = list(self.targets) if marks else []
        self.target_index = -1
        self._cache.clear()
        if self.targets:
            self.goto_target(index)
        else:
            self.refresh()

    def clear_targets(self) -> None:
        self.set_targets([])

    @property
    def target_style(self) -> Style:
        """How the current target is painted, in the theme's colours."""
        if self.target_kind is None:
            return self.palette.current_mark
        return self.palette.current_mention(self.target_kind)

    def goto_target(self, index: int) -> None:
        if not self.targets:
            return
        self.target_index = index % len(self.targets)
        start, _ = self.targets[self.target_index]
        self._cache.clear()
        self.refresh()
        line = self.line_for_offset(start)
        self.scroll_to(y=max(0, line - max(1, self.size.height) // 3), animate=False)

    def step_target(self, step: int) -> bool:
        if not self.targets:
            return False
        self.goto_target(self.target_index + step)
        return True

    def focus_entity(self, entity: BulletinEntity, index: int = 0) -> None:
        spans = [(span.start, span.end) for span in entity.mentions]
        self.set_targets(spans, entity.kind, index=index)

    def search(self, query: str) -> int:
        """Mark every occurrence of `query`; returns how many."""
        spans = find_all(self.bulletin.text, query) if self.bulletin else []
        self.set_targets(spans, marks=True)
        return len(spans)

    def line_for_offset(self, offset: int) -> int:
        keys = [origin for origin, _line in self._origins]
        at = bisect_right(keys, offset) - 1
        if at < 0:
            return 0
        return self._origins[at][1]

    # -- layout --------------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        """Columns for text: inside padding and the (always reserved) scrollbar."""
        return self.scrollable_content_region.width

    def palette_changed(self) -> None:
        self._rebuild()

    def on_resize(self, event: events.Resize) -> None:
        if self.text_width == self._width:
            return
        anchor = self._top_offset()
        self._rebuild()
        if 0 <= self.target_index < len(self.targets):
            self.goto_target(self.target_index)
        elif anchor is not None:
            self.scroll_to(y=self.line_for_offset(anchor), animate=False)

    def _top_offset(self) -> int | None:
        """The text offset at the top of the view, to keep the reader's place on re-wrap."""
        if self.scroll_offset.y == 0:
            return None
        for line in self._lines[int(self.scroll_offset.y) :]:
            if line.origin is not None:
                return line.origin
        return None

    def _rebuild(self) -> None:
        self._width = self.text_width
        width = max(10, self._width)
        self._lines = self._layout(width)
        self._origins = [
            (ln.origin, i) for i, ln in enumerate(self._lines) if ln.origin is not None
        ]
        self._cache.clear()
        set_virtual_size(self, Size(self._width, len(self._lines)))
        self.refresh()

    def _wrap(self, text: Text, width: int, origin: int | None, indent: str = "") -> list[Line]:
        plain = text.plain
        if not plain:
            return [Line(Text(), origin)]
        room = max(4, width - len(indent))
        offsets = divide_line(plain, room, fold=True)
        pieces = text.divide(offsets)
        out: list[Line] = []
        position = 0
        for piece in pieces:
            length = len(piece.plain)  # before rstrip: offsets count the trailing spaces
            line = Text(indent) + piece if indent else piece
            line.rstrip()
            out.append(Line(line, None if origin is None else origin + position))
            position += length
        return out

    def _layout(self, width: int) -> list[Line]:
        bulletin = self.bulletin
        if bulletin is None:
            return self._wrap(Text(self.placeholder, style="italic dim"), width, None)
        lines: list[Line] = []
        if bulletin.failed:
            lines += self._wrap(
                Text(_("✗ This file could not be read"), style="bold red"), width, None
            )
            lines.append(Line(Text()))
        label_width = max(len(_(label)) for label in FIELD_LABELS) + 1
        for label, value in self._fields(bulletin, self.copies):
            wrapped = self._wrap(value, width, None, indent=" " * label_width)
            first = Text()
            first.append(f"{label:<{label_width}}", style="dim")
            first.append_text(wrapped[0].text[label_width:])
            lines.append(Line(first))
            lines += wrapped[1:]
        lines.append(Line(Text("─" * width, style="dim")))
        if bulletin.issues:
            for issue in bulletin.issues:
                style = "bold red" if issue.severity == "error" else "yellow"
                severity = _(ISSUE_SEVERITY.get(issue.severity, issue.severity))
                row = Text(f"{severity}: ", style=style)
                message = localized(issue.message)  # stored in English, shown in the language
                append_safe(row, message, style if issue.severity == "error" else "")
                append_safe(row, f"  [{issue.code}]", "dim")
                lines += self._wrap(row, width, None, indent="  ")
            lines.append(Line(Text()))
        palette = self.palette
        roles = bulletin.block_roles
        for index, (offset, block) in enumerate(iter_blocks(bulletin.text)):
            role = roles[index] if index < len(roles) else "body"
            text = Text(visible(block), style=BLOCK_STYLE[role])
            end = offset + len(block)
            for quote in bulletin.quotes:
                if quote.start < end and quote.end > offset:
                    text.stylize(QUOTE_STYLE, quote.start - offset, quote.end - offset)
            for start, stop, entity in self._mention_at:
                if start < end and stop > offset:
                    text.stylize(palette.mention(entity.kind), start - offset, stop - offset)
            lines += self._wrap(text, width, offset)
            lines.append(Line(Text()))
        return lines

    @staticmethod
    def _fields(bulletin: Bulletin, copies: Sequence[str] = ()) -> list[tuple[str, Text]]:
        fields: list[tuple[str, Text]] = []
        if bulletin.kind:
            fields.append((_("Kind"), append_safe(Text(), bulletin.kind, "bold")))
        if bulletin.number:
            fields.append((_("No."), append_safe(Text(), bulletin.number)))
        if bulletin.place:
            fields.append((_("Place"), append_safe(Text(), bulletin.place)))
        date = Text()
        if bulletin.date:
            date.append(long_date(bulletin.date), style="bold")
            if bulletin.date_text:
                date.append("  ")
        elif not bulletin.failed:
            date.append(_("undated"), style="italic")
            if bulletin.date_estimate is not None:
                date.append("  ")
                date.append_text(date_label(bulletin, estimated=True))
        if bulletin.date_text:
            append_safe(date, f"“{bulletin.date_text}”", "italic dim")
        note = DATE_SOURCE_NOTE.get(bulletin.date_source or "")
        if bulletin.date and note:  # the dateline goes unsaid
            date.append("  " + _(note), "dim")
        if date.plain:
            fields.append((_("Date"), date))
        if bulletin.date is None and bulletin.date_estimate is not None:
            for n, line in enumerate(evidence_lines(bulletin.date_estimate)):
                fields.append((_("Evidence") if n == 0 else "", line))
        if bulletin.source:
            name = visible_path(Path(bulletin.source).name)  # a name's odd bytes as \xNN
            fields.append((_("File"), append_safe(Text(), name, "dim")))
        if copies:
            shown = ", ".join(Path(path).name for path in copies[:COPIES_SHOWN])
            if len(copies) > COPIES_SHOWN:
                shown = _("{names} and {more} more").format(
                    names=shown, more=len(copies) - COPIES_SHOWN
                )
            fields.append((_("Copies"), append_safe(Text(), shown, "dim")))
        if bulletin.quotes:
            fields.append((_("Quotes"), quote_speakers(bulletin)))
        return fields

    # -- rendering -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        line_no = self.scroll_offset.y + y
        width = self._width
        base = self.base_style
        if not 0 <= line_no < len(self._lines):
            return Strip.blank(width, base)
        key = (line_no, width)
        strip = self._cache.get(key)
        if strip is None:
            console = self.app.console
            text = self._decorate(self._lines[line_no])
            text.no_wrap = True
            text.truncate(width, overflow="crop", pad=True)
            # Text.render drops a Text's own style when it has no spans: apply it here, so a
            # whole-line style (a dimmed header line, the divider) shows.
            style = base + console.get_style(text.style) if text.style else base
            text.style = ""
            strip = Strip(list(Segment.apply_style(text.render(console), style)), width)
            self._cache[key] = strip
        return strip

    def _decorate(self, line: Line) -> Text:
        """A copy of the line with search marks and the current target painted over it."""
        text = line.text.copy()
        if line.origin is None or not (self.marks or self.targets):
            return text
        start, end = line.origin, line.origin + len(text.plain)
        mark = self.palette.mark
        for mark_start, mark_end in self.marks:
            if mark_start < end and mark_end > start:
                text.stylize(mark, max(0, mark_start - start), mark_end - start)
        if 0 <= self.target_index < len(self.targets):
            t_start, t_end = self.targets[self.target_index]
            if t_start < end and t_end > start:
                text.stylize(self.target_style, max(0, t_start - start), t_end - start)
        return text

    # -- actions -------------------------------------------------------------------------------

    def action_scroll_lines(self, count: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + count, animate=False)

    def action_scroll_pages(self, count: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + count * max(1, self.size.height - 2), animate=False)

    def action_scroll_home_now(self) -> None:
        self.scroll_to(y=0, animate=False)

    def action_scroll_end_now(self) -> None:
        self.scroll_to(y=max(0, len(self._lines) - self.size.height), animate=False)

    def on_click(self, event: events.Click) -> None:
        line_no = self.scroll_offset.y + event.y
        if not 0 <= line_no < len(self._lines):
            return
        line = self._lines[line_no]
        if line.origin is None:
            return
        offset = line.origin + max(0, event.x - self.styles.padding.left)
        for start, stop, entity in self._mention_at:
            if start <= offset < stop:
                self.post_message(self.MentionClicked(entity))
                return
