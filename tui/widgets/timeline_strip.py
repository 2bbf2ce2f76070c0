"""The timeline strip: bulletins per month as a bar chart, a month cursor, a range mark.

Drawn with Rich text and block characters (no plotting widget: textual-plotext and
textual-plot draw axes and labels for data, but not a cursor over columns with marks, and
would add a dependency for two rows of bars). Each column is one month, or several when the
months do not fit the width (at 80 columns a decade takes two months a column); the cursor
moves a column at a time and Enter filters the list to the months under it.

The axis spans the whole corpus's dated bulletins and stays put while filters change the
counts. Undated bulletins are counted apart in the subtitle with, of those, the ones that
carry a date estimate: an estimate spans months or years, so it is never drawn in a month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from math import ceil
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from core.filters import DateRange, month_end
from core.i18n import N_, _, ngettext
from core.models import BulletinSummary
from core.timeline import count_by, dated_span
from tui.date_labels import month_label

#: Rows of bars; each row holds eight levels of block characters.
BAR_ROWS = 2
_BLOCKS = " ▁▂▃▄▅▆▇█"


def _month_start(key: str) -> dt.date:
    return dt.date.fromisoformat(f"{key}-01")


def _overlaps(key: str, dates: DateRange) -> bool:
    """Whether month `key` has a day in `dates`."""
    first = _month_start(key)
    last = month_end(first)
    return (dates.first is None or last >= dates.first) and (
        dates.last is None or first <= dates.last
    )


class TimelineStrip(Widget, can_focus=True):
    """Months of the corpus as columns; keys move the cursor, Enter filters, space marks."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--bar",
        "timeline--cursor",
        "timeline--range",
        "timeline--tick",
    }

    DEFAULT_CSS = """
    TimelineStrip {
        height: 5; padding: 0 1;
        border: round $panel; border-title-color: $text-muted; border-subtitle-color: $text-muted;
        background: $surface;
    }
    TimelineStrip:focus { border: round $accent; border-title-color: $accent; }
    TimelineStrip > .timeline--bar { color: $primary; }
    TimelineStrip > .timeline--cursor { color: $text; background: $accent 50%; }
    TimelineStrip > .timeline--range { background: $accent 25%; }
    TimelineStrip > .timeline--tick { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", N_("Earlier"), show=False, id="timeline.earlier"),
        Binding("right,l", "move(1)", N_("Later"), show=False, id="timeline.later"),
        Binding(
            "pageup,H", "move_year(-1)", N_("Year earlier"), show=False, id="timeline.year_back"
        ),
        Binding("pagedown,L", "move_year(1)", N_("Year later"), show=False, id="timeline.year_on"),
        Binding("home,g", "move_to(0)", N_("First month"), show=False, id="timeline.first"),
        Binding("end,G", "move_to(-1)", N_("Last month"), show=False, id="timeline.last"),
        Binding(
            "enter",
            "choose",
            N_("Filter to month"),
            id="timeline.filter",
            tooltip=N_("List only the bulletins of the month (or marked range) under the cursor"),
        ),
        Binding(
            "space,v",
            "mark",
            N_("Mark range"),
            id="timeline.mark",
            tooltip=N_("Mark where a range starts; press again (or enter) at its end to filter"),
        ),
    ]

    class Chosen(Message):
        """The user picked the months `dates` (one month, or a marked range)."""

        def __init__(self, strip: TimelineStrip, dates: DateRange) -> None:
            super().__init__()
            self.strip = strip
            self.dates = dates

        @property
        def control(self) -> TimelineStrip:
            return self.strip

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._months: list[str] = []
        self._counts: list[int] = []
        self._undated = self._estimated = 0
        #: Bulletins given and not counted yet: hidden (as at launch), the strip counts
        #: nothing (50,000 summaries take a tenth of a second) until it is drawn or read.
        self._pending: tuple[Sequence[BulletinSummary], Sequence[BulletinSummary]] | None = None
        self.cursor = 0  # a month index; the column under it is what Enter takes
        self.mark: int | None = None
        #: The date chip filtering the list, if any: its columns are shaded.
        self.active: DateRange | None = None

    # -- data ----------------------------------------------------------------------------------

    def set_bulletins(
        self,
        shown: Sequence[BulletinSummary],
        axis: Sequence[BulletinSummary],
        active: DateRange | None = None,
    ) -> None:
        """Count `shown` per month on the axis of `axis` (the whole corpus); shade `active`."""
        self.active = active
        self._pending = (shown, axis)
        if self.display:
            self._count()
        self.refresh()

    def _count(self) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        shown, axis = pending
        timeline = count_by(shown, "month", span=dated_span(axis))
        had = self._months
        self._months = list(timeline.counts)
        self._counts = list(timeline.counts.values())
        self._undated, self._estimated = timeline.undated, timeline.estimated
        if self._months != had:
            self.cursor, self.mark = max(0, len(self._months) - 1), None
        self._update_subtitle()

    @property
    def months(self) -> list[str]:
        """The months on the axis ("2015-07"), the empty ones too."""
        self._count()
        return self._months

    @property
    def counts(self) -> list[int]:
        """Bulletins per month, in the order of `months`."""
        self._count()
        return self._counts

    @property
    def undated(self) -> int:
        self._count()
        return self._undated

    @property
    def estimated(self) -> int:
        """Of the undated bulletins, how many carry a date estimate."""
        self._count()
        return self._estimated

    def on_resize(self) -> None:
        self._update_subtitle()  # the months a column holds depend on the width

    # -- geometry ------------------------------------------------------------------------------

    @property
    def per_column(self) -> int:
        """Months per column: one when they fit the width."""
        width = max(1, self.content_size.width or self.size.width)
        return max(1, ceil(len(self.months) / width))

    def column_months(self, column: int) -> range:
        k = self.per_column
        return range(column * k, min((column + 1) * k, len(self.months)))

    @property
    def cursor_months(self) -> range:
        return self.column_months(self.cursor // self.per_column)

    def _range(self) -> range:
        """The months the cursor (and the mark, if set) cover."""
        here = self.cursor_months
        if self.mark is None:
            return here
        there = self.column_months(self.mark // self.per_column)
        return range(min(here.start, there.start), max(here.stop, there.stop))

    def chosen_dates(self) -> DateRange | None:
        months = self._range()
        if not months:
            return None
        first = _month_start(self.months[months.start])
        last = month_end(_month_start(self.months[months.stop - 1]))
        return DateRange(first, last)

    # -- actions -------------------------------------------------------------------------------

    def _go(self, month: int) -> None:
        if not self.months:
            return
        self.cursor = min(max(0, month), len(self.months) - 1)
        self._update_subtitle()
        self.refresh()

    def action_move(self, columns: int) -> None:
        self._go(self.cursor_months.start + columns * self.per_column)

    def action_move_year(self, years: int) -> None:
        self._go(self.cursor + 12 * years)

    def action_move_to(self, month: int) -> None:
        self._go(month if month >= 0 else len(self.months) - 1)

    def action_mark(self) -> None:
        if self.mark is None:
            self.mark = self.cursor
            self._update_subtitle()
            self.refresh()
        else:
            self.action_choose()

    def action_choose(self) -> None:
        dates = self.chosen_dates()
        self.mark = None
        self._update_subtitle()
        self.refresh()
        if dates is not None:
            self.post_message(self.Chosen(self, dates))

    # -- drawing -------------------------------------------------------------------------------

    def _update_subtitle(self) -> None:
        parts: list[str] = []
        months = self._range()
        if months:
            first = month_label(self.months[months.start])
            last = month_label(self.months[months.stop - 1])
            n = sum(self.counts[i] for i in months)
            period = first if first == last else f"{first}…{last}"
            parts.append(f"{period}: {n}")
        undated = _("undated: {count}").format(count=self.undated)
        if self.estimated:
            estimated = ngettext("({count} estimated)", "({count} estimated)", self.estimated)
            undated += " " + estimated.format(count=self.estimated)
        parts.append(undated)
        self.border_subtitle = " · ".join(parts)
        marking = self.mark is not None
        self.border_title = _("Timeline · range: space/enter ends") if marking else _("Timeline")

    def _columns(self) -> list[int]:
        k = self.per_column
        return [sum(self.counts[i : i + k]) for i in range(0, len(self.counts), k)]

    def render(self) -> Text:
        if not self.months:
            return Text(_("no dated bulletins"), style="italic dim")
        columns = self._columns()
        most = max(columns) or 1
        levels = 8 * BAR_ROWS
        heights = [ceil(levels * n / most) if n else 0 for n in columns]
        bar = self.get_component_rich_style("timeline--bar", partial=True)
        cursor = self.get_component_rich_style("timeline--cursor", partial=True)
        marked = self.get_component_rich_style("timeline--range", partial=True)
        k = self.per_column
        here = self.cursor // k
        span = self._range()
        lit = range(span.start // k, (span.stop - 1) // k + 1) if self.mark is not None else None
        if lit is None and self.active is not None:
            inside = [i for i, key in enumerate(self.months) if _overlaps(key, self.active)]
            lit = range(inside[0] // k, inside[-1] // k + 1) if inside else None
        rows: list[Text] = []
        for row in reversed(range(BAR_ROWS)):
            line = Text()
            for col, height in enumerate(heights):
                level = min(8, max(0, height - 8 * row))
                style = bar
                if col == here:
                    style = bar + cursor
                elif lit is not None and col in lit:
                    style = bar + marked
                line.append(_BLOCKS[level], style=style)
            rows.append(line)
        rows.append(self._ticks(len(columns)))
        return Text("\n").join(rows)

    def _ticks(self, columns: int) -> Text:
        """Year labels where a year starts, left out where they would touch the one before;
        the first column names its year when that leaves the next label room."""
        tick = self.get_component_rich_style("timeline--tick", partial=True)
        cells = [" "] * columns
        starts: list[tuple[int, str]] = []
        for col in range(columns):
            january = next((i for i in self.column_months(col) if self.months[i][5:] == "01"), None)
            if january is not None:
                starts.append((col, self.months[january][:4]))
        if self.months and (not starts or starts[0][0] >= 5):
            starts.insert(0, (0, self.months[0][:4]))
        free_from = 0
        for start, label in starts:
            col = min(start, columns - len(label))  # the last year may end at the edge
            if col < free_from or start - col > 2:
                continue
            cells[col : col + len(label)] = list(label)
            free_from = col + len(label) + 1
        return Text("".join(cells), style=tick)
