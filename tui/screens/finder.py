"""The fuzzy finder overlay: search every entity of the corpus as you type."""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from core.i18n import N_, _, ngettext
from core.models import Hit
from tui.screens.search_modal import SearchModal
from tui.widgets.entity_rows import EntityResults
from tui.widgets.line_list import LineList

if TYPE_CHECKING:
    from core.corpus import Corpus

#: Hits fetched per keystroke; the count shows "200+" beyond it.
RESULT_LIMIT = 200
#: "quotes of zoe": find an official and open the profile, whose Quotes pane lists what they said.
QUOTES_PREFIXES = ("quotes of ", "quotes by ", "citas de ", "quotes ")


def quotes_query(query: str) -> str | None:
    """The name in "quotes of NAME" (any case), or None for an ordinary query."""
    lowered = query.lower()
    for prefix in QUOTES_PREFIXES:
        if lowered.startswith(prefix):
            return query[len(prefix) :]
    return None


@dataclass(frozen=True)
class FinderChoice:
    """What the user picked: filter the list by the entity, or open its profile."""

    entity_id: str
    action: Literal["filter", "profile"] = "filter"


class FinderScreen(SearchModal[FinderChoice | None]):
    """`/` or ctrl+k: type, move with up/down, enter filters, ctrl+o opens the profile."""

    DEFAULT_CSS = "FinderScreen > .search-box { max-width: 110; }"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), id="finder.close"),
        Binding("down", "move(1)", N_("Next result"), show=False, id="finder.down"),
        Binding("up", "move(-1)", N_("Previous result"), show=False, id="finder.up"),
        Binding("pagedown", "page(1)", N_("Page down"), show=False, id="finder.page_down"),
        Binding("pageup", "page(-1)", N_("Page up"), show=False, id="finder.page_up"),
        Binding("enter", "pick", N_("Filter list"), id="finder.pick"),
        Binding("ctrl+o", "profile", N_("Profile"), id="finder.profile"),
    ]

    def __init__(
        self, corpus: Corpus | None, query: str = "", within: Collection[str] | None = None
    ) -> None:
        """`corpus` None: opened while the bulletins load; typing works at once and the
        search runs when `set_corpus` hands them over. `within`: the bulletin ids the main
        list's filters keep; counts are of those."""
        super().__init__()
        self.corpus = corpus
        self.within = None if within is None else frozenset(within)
        self.initial_query = query
        #: Entities in all (known once a search has run: the table may still be loading).
        self.total = 0
        self.last_latency_ms: float | None = None
        self.searches = 0

    def compose(self) -> ComposeResult:
        yield from self.search_box(
            "finder",
            _("Find an official, place, facility or institution"),
            _("type a name, role or place…"),
            self.initial_query,
            EntityResults(id="finder-results"),
            _("↑↓ move · enter filter list · ctrl+o profile · “quotes of …” · esc close"),
        )

    def on_mount(self) -> None:
        results = self.query_one(EntityResults)
        results.can_focus = False  # typing always goes to the query
        self.query_one(Input).focus()
        self.run_search(self.initial_query)

    @property
    def results(self) -> EntityResults:
        return self.query_one("#finder-results", EntityResults)

    def set_corpus(self, corpus: Corpus) -> None:
        """The bulletins are in: search for what was typed meanwhile."""
        self.corpus = corpus
        self.run_search(self.query_one(Input).value)

    @on(Input.Changed, "#finder-input")
    def _query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        if self.corpus is None:
            self.query_one("#finder-count", Static).update(Text(_("loading bulletins…")))
            return
        self._search(self.corpus, query)

    @work(thread=True, exclusive=True, group="finder-search")
    def _search(self, corpus: Corpus, query: str) -> None:
        """Off the UI thread; a newer keystroke cancels this one (exclusive)."""
        if not corpus.finder_ready:  # the app builds it after launch
            self.app.call_from_thread(self._indexing)
        started = time.perf_counter()
        speaker = quotes_query(query)
        try:
            if speaker is None:
                result = corpus.search_result(query, limit=RESULT_LIMIT)
            else:
                result = corpus.search_result(speaker, kinds=["official"], limit=RESULT_LIMIT)
        except Exception:
            error = corpus.entities_error
            if error is None:
                raise
            self.app.call_from_thread(self._unavailable, error)  # the app said why
            return
        hits, matched = list(result.hits), result.total
        elapsed = (time.perf_counter() - started) * 1000
        if get_current_worker().is_cancelled:
            return
        total = len(corpus.entity_table)
        self.app.call_from_thread(self._show, query, hits, matched, total, elapsed)

    def _indexing(self) -> None:
        self.query_one("#finder-count", Static).update(Text(_("indexing names…")))

    def _unavailable(self, error: BaseException) -> None:
        message = _("Could not read the entities") + f": {error}"
        self.query_one("#finder-count", Static).update(Text(message))

    def _show(
        self, query: str, hits: list[Hit], matched: int, total: int, elapsed_ms: float
    ) -> None:
        if self.query_one(Input).value != query:
            return  # a stale answer that arrived after a newer query was typed
        self.total = total
        self.note_query_bound(query)
        self.last_latency_ms = elapsed_ms
        self.searches += 1
        self.results.set_hits(hits, self._counts(hits))
        label = f"{matched}/{self.total}"
        if self.within is not None:
            label += " · " + ngettext(
                "counts in the {count} filtered bulletins",
                "counts in the {count} filtered bulletins",
                len(self.within),
            ).format(count=len(self.within))
        self.query_one("#finder-count", Static).update(Text(label))
        self.answered(query)

    def _counts(self, hits: list[Hit]) -> list[str]:
        """With filters on: "2 of 5 bulletins", the bulletins the filters keep first."""
        if self.within is None:
            return []
        within = self.within
        counts: list[str] = []
        for hit in hits:
            ids = hit.entity.bulletin_ids
            of = ngettext("{shown} of {count} bulletins", "{shown} of {count} bulletins", len(ids))
            counts.append(of.format(shown=sum(i in within for i in ids), count=len(ids)))
        return counts

    def action_move(self, step: int) -> None:
        self.results.move_cursor(self.results.cursor + step, step)

    def action_page(self, direction: int) -> None:
        self.results.action_cursor_page(direction)

    def action_pick(self) -> None:
        """Enter: on the results of the query typed, once they are in."""
        self.when_answered(self._pick)

    def _pick(self) -> None:
        quotes = quotes_query(self.query_one(Input).value) is not None
        self._choose("profile" if quotes else "filter")

    def action_profile(self) -> None:
        self.when_answered(lambda: self._choose("profile"))

    def _choose(self, action: Literal["filter", "profile"]) -> None:
        entity = self.results.current
        if entity is not None:
            self.dismiss(FinderChoice(entity.id, action))

    @on(Input.Submitted, "#finder-input")
    def _submitted(self) -> None:
        self.action_pick()

    @on(LineList.Selected, "#finder-results")
    def _clicked(self, event: LineList.Selected) -> None:
        event.stop()
        self._pick()  # the result clicked, as shown

    def action_close(self) -> None:
        self.dismiss(None)
