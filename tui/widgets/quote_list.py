"""A list of quotes: date and bulletin, then the quoted words (two lines each)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from core.i18n import N_, _
from core.models import BulletinSummary, Quote
from tui.date_labels import short_date
from tui.safe_text import append_safe
from tui.widgets.bulletin_list import bulletin_label
from tui.widgets.line_list import LineList


class QuoteList(LineList):
    """Quotes with the bulletin each comes from; enter picks one."""

    DEFAULT_CSS = """
    QuoteList .quote-list--meta { color: $text-muted; }
    """

    empty_message = N_("No quotes.")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._items: list[tuple[BulletinSummary, Quote]] = []

    @property
    def current(self) -> tuple[BulletinSummary, Quote] | None:
        if 0 <= self.cursor < len(self._items):
            return self._items[self.cursor]
        return None

    def set_quotes(self, items: Sequence[tuple[BulletinSummary, Quote]]) -> None:
        self._items = list(items)
        self.reset(0 if self._items else None)

    def item_count(self) -> int:
        return len(self._items)

    def item_height(self, index: int) -> int:
        return 2

    def render_item_line(self, index: int, line: int, width: int) -> Text:
        bulletin, quote = self._items[index]
        text = Text()
        if line == 0:
            date = short_date(bulletin.date) if bulletin.date else _("undated")
            text.append(date, style="bold" if bulletin.date else "italic dim")
            text.append("  ")
            append_safe(text, bulletin_label(bulletin), "dim italic")
            return text
        text.append("  “", style="dim")
        append_safe(text, " ".join(quote.text.split()))
        text.append("”", style="dim")
        return text
