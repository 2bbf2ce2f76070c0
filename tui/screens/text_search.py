"""Full-text search over every bulletin (FTS5, accents and case ignored), with snippets."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from core.fts import fts_query
from core.i18n import N_, _, ngettext
from core.models import TextHit
from tui.date_labels import estimate_label, short_date
from tui.safe_text import append_safe, safe_text
from tui.screens.search_modal import SearchModal
from tui.widgets.bulletin_list import bulletin_label
from tui.widgets.line_list import LineList

if TYPE_CHECKING:
    from core.corpus import Corpus

RESULT_LIMIT = 200
#: The result list's empty states (translated when shown).
TYPE_HINT = N_("Type words to find them in the text of every bulletin.")
NOTHING_FOUND = N_("No bulletin contains that.")
ONLY_EXCLUDED = N_("Nothing to find: add a word (-word only leaves bulletins out).")
#: Of the snippet line's width, how much may come before the first match.
SNIPPET_LEAD = 1 / 3
SYNTAX_HINT = N_('chiapas OR oaxaca · salud -oaxaca · "a phrase" · prefix* · ? lists them')


@dataclass(frozen=True)
class TextSearchChoice:
    """Filter the list to the bulletins in `hits` and open `bulletin_id` at its matches."""

    query: str
    bulletin_id: str
    hits: list[TextHit] = field(default_factory=list)


def centered(snippet: Text, spans: list[tuple[int, int]], width: int) -> Text:
    """The snippet cut at a word before its first match, so the match sits in the first third
    of `width` instead of off the right edge."""
    if not spans or spans[0][1] <= width:
        return snippet
    lead = int(width * SNIPPET_LEAD)
    cut = max(0, spans[0][0] - lead)
    space = snippet.plain.find(" ", cut, spans[0][0])
    cut = space + 1 if space >= 0 else cut
    return Text("…") + snippet[cut:]


class TextResults(LineList):
    """Two lines per hit: date and title, then the snippet with the matches marked."""

    empty_message = TYPE_HINT
    cursor_under_marks = True

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.corpus = corpus
        self.hits: list[TextHit] = []

    def set_hits(self, hits: list[TextHit]) -> None:
        self.hits = hits
        self.reset(0 if hits else None)

    @property
    def current(self) -> TextHit | None:
        return self.hits[self.cursor] if 0 <= self.cursor < len(self.hits) else None

    def item_count(self) -> int:
        return len(self.hits)

    def item_height(self, index: int) -> int:
        return 2

    def render_item_line(self, index: int, line: int, width: int) -> Text:
        hit = self.hits[index]
        if line == 1:
            snippet = safe_text(hit.snippet)
            for start, end in hit.snippet_spans:
                snippet.stylize(self.palette.mark, start, end)
            return Text("  ") + centered(snippet, hit.snippet_spans, width - 2)
        bulletin = self.corpus.summary(hit.bulletin_id)
        text = Text()
        if bulletin is not None:
            estimate = (
                estimate_label(bulletin.date_estimate) if bulletin.date_estimate else _("undated")
            )
            text.append(short_date(bulletin.date) if bulletin.date else estimate, style="bold")
            text.append("  ")
            append_safe(text, bulletin_label(bulletin))
        else:
            append_safe(text, hit.title or hit.bulletin_id)
        text.append(f"  ×{len(hit.spans)}", style="dim")
        return text


class TextSearchScreen(SearchModal[TextSearchChoice | None]):
    """`t`: type words; enter lists the matching bulletins and opens the chosen one."""

    DEFAULT_CSS = "TextSearchScreen > .search-box { max-width: 120; }"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), id="text.close"),
        Binding("down", "move(1)", N_("Next result"), show=False, id="text.down"),
        Binding("up", "move(-1)", N_("Previous result"), show=False, id="text.up"),
        Binding("enter", "pick", N_("Open"), id="text.pick"),
    ]

    def __init__(self, corpus: Corpus, query: str = "") -> None:
        super().__init__()
        self.corpus = corpus
        self.initial_query = query

    def compose(self) -> ComposeResult:
        yield from self.search_box(
            "text",
            _("Search the text of every bulletin"),
            _("words to find…"),
            self.initial_query,
            TextResults(self.corpus, id="text-results"),
            hint=_(SYNTAX_HINT),
        )

    def on_mount(self) -> None:
        self.results.can_focus = False
        self.query_one(Input).focus()
        if self.initial_query:
            self.run_search(self.initial_query)

    @property
    def results(self) -> TextResults:
        return self.query_one("#text-results", TextResults)

    @on(Input.Changed, "#text-input")
    def _changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="text-search")
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        started = time.perf_counter()
        hits = (
            self.corpus.search_text(
                query, limit=RESULT_LIMIT, cancelled=lambda: worker.is_cancelled
            )
            if query.strip()
            else []
        )
        elapsed = (time.perf_counter() - started) * 1000
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, query, hits, elapsed)

    def _show(self, query: str, hits: list[TextHit], elapsed_ms: float) -> None:
        if self.query_one(Input).value != query:
            return
        self.note_query_bound(query)
        if not query.strip():
            self.results.empty_message = TYPE_HINT
        elif fts_query(query) is None:
            self.results.empty_message = ONLY_EXCLUDED
        else:
            self.results.empty_message = NOTHING_FOUND
        self.results.set_hits(hits)
        more = "+" if len(hits) >= RESULT_LIMIT else ""
        count = ngettext("{count} bulletins", "{count} bulletins", len(hits))
        self.query_one("#text-count", Static).update(Text(count.format(count=f"{len(hits)}{more}")))
        self.answered(query)

    def action_move(self, step: int) -> None:
        self.results.move_cursor(self.results.cursor + step, step)

    def action_pick(self) -> None:
        """Enter: on the results of the query typed, once they are in."""
        self.when_answered(self._pick)

    def _pick(self) -> None:
        hit = self.results.current
        if hit is not None:
            query = self.query_one(Input).value
            self.dismiss(TextSearchChoice(query, hit.bulletin_id, list(self.results.hits)))

    @on(Input.Submitted, "#text-input")
    def _submitted(self) -> None:
        self.action_pick()

    @on(LineList.Selected, "#text-results")
    def _clicked(self, event: LineList.Selected) -> None:
        event.stop()
        self._pick()  # the result clicked, as shown

    def action_close(self) -> None:
        self.dismiss(None)
