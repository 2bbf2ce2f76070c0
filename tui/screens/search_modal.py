"""The look both search screens share: a box over the app with a query row and results."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static

from core.i18n import N_
from core.query_limits import bound_query

ResultT = TypeVar("ResultT")


class SearchModal(ModalScreen[ResultT]):
    """Base of the finder and the text search: one query line, a count, a result list."""

    #: Focused as the screen activates, before any key typed with the opening one arrives.
    AUTO_FOCUS = ".search-input"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the Input's own ctrl+u runs only when the key has bubbled back up to the
        # app, after the keys typed right behind it were inserted, and so erased them too.
        Binding(
            "ctrl+u",
            "clear_to_start",
            N_("Clear"),
            show=False,
            priority=True,
            id="search.clear_to_start",
        ),
    ]

    def take_typed(self, event: events.Key) -> bool:
        """Whether `event`, a key that came back up to the app with this screen on top, is a
        character typed for the query; if so it goes there, in order.

        Keys typed right behind `/` or `t` in a browser (each key its own message) reach
        the focused list of the screen below before the binding that opens this one runs,
        and only come back up once it is open, when no binding of its own takes a character:
        the query line takes them here, or once it is mounted. The query line takes the
        characters typed into it itself, so none of those comes this way."""
        if not (event.is_printable and event.character):
            return False
        if self._typed_ahead is not None:
            self._typed_ahead.append(event.character)
        else:
            self.query_one(".search-input", Input).insert_text_at_cursor(event.character)
        return True

    def when_answered(self, act: Callable[[], None]) -> None:
        """Run `act` (what Enter does) on the results of the query as typed: now if they are
        shown, else once they are. Keys typed in one burst ("/zoe" and Enter, from a fast
        typist or a browser) put Enter in the queue before the search for "zoe" answers; it
        acted on no results, or on those of "zo"."""
        query = self.query_one(".search-input", Input).value
        if query == self._answered:
            act()
        else:
            self._waiting = (query, act)

    def answered(self, query: str) -> None:
        """The subclass shows the results of `query`: an Enter that waited for them runs."""
        self._answered = query
        waiting, self._waiting = self._waiting, None
        if waiting is not None and waiting[0] == query and self.is_current:
            waiting[1]()  # (not under another screen, nor once closed by Esc)

    def on_mount(self) -> None:
        """Runs after the subclass's on_mount (which focuses the query and searches)."""
        typed, self._typed_ahead = self._typed_ahead, None
        if typed:
            self.query_one(".search-input", Input).insert_text_at_cursor("".join(typed))

    def action_clear_to_start(self) -> None:
        query = self.query_one(".search-input", Input)
        query.call_later(query.action_delete_left_all)  # after keys already on their way

    DEFAULT_CSS = """
    SearchModal { align: center top; background: $background 60%; }
    SearchModal > .search-box {
        width: 90%; height: 80%; margin-top: 2;
        border: round $accent; border-title-color: $accent; background: $surface;
    }
    SearchModal .search-query-row { height: 1; }
    SearchModal .search-query-row > .search-input {
        border: none; height: 1; width: 1fr; padding: 0 1;
    }
    SearchModal .search-count { width: auto; min-width: 9; color: $text-muted; padding: 0 1; }
    SearchModal .search-results { height: 1fr; border-top: solid $panel; }
    SearchModal .search-hint { height: 1; color: $text-muted; padding: 0 1; }
    """

    _bound_notice: str | None = None
    #: The query whose results are shown (None: none yet), and an Enter waiting for the
    #: results of the query it was pressed on.
    _answered: str | None = None
    _waiting: tuple[str, Callable[[], None]] | None = None
    #: Characters typed before the query line was mounted; None once it takes them itself.
    _typed_ahead: list[str] | None = None

    def __init__(self) -> None:
        super().__init__()
        self._typed_ahead = []

    def note_query_bound(self, query: str) -> None:
        """Say once, when it starts, that only the start of a long query is searched."""
        notice = bound_query(query).notice
        if notice is not None and notice != self._bound_notice:
            self.notify(notice, severity="warning")
        self._bound_notice = notice

    def search_box(
        self,
        prefix: str,
        title: str,
        placeholder: str,
        query: str,
        results: Widget,
        hint: str | None = None,
    ) -> ComposeResult:
        """The box; its parts get ids `<prefix>-box`, `-input`, `-count`, `-results`..."""
        with Vertical(id=f"{prefix}-box", classes="search-box") as box:
            box.border_title = title
            with Horizontal(id=f"{prefix}-query-row", classes="search-query-row"):
                yield Input(
                    value=query,
                    placeholder=placeholder,
                    id=f"{prefix}-input",
                    classes="search-input",
                    select_on_focus=False,
                )
                yield Static(id=f"{prefix}-count", classes="search-count")
            results.add_class("search-results")
            yield results
            if hint is not None:
                yield Static(Text(hint), id=f"{prefix}-hint", classes="search-hint")
