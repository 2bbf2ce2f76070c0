"""The main screen: bulletin list | reader | entity sidebar, the filter, and their actions.

Its bindings and handlers live here, so they exist only while this screen does: a finder or
profile on top takes the keys by itself (no list of actions to switch off), and a highlight
or timer that arrives while the app shuts down has no screen to reach for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Literal, cast

from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, ProgressBar, Static

from core.citation import citation
from core.filters import DateRange, parse_date_range
from core.i18n import N_, _, ngettext
from core.models import Bulletin, BulletinEntity, BulletinSummary
from core.visible import visible
from tui.commands import ExplorerCommands
from tui.date_labels import date_label
from tui.filter_chips import Chip, FilterChips
from tui.palette import Palette
from tui.screens.finder import FinderChoice, FinderScreen
from tui.screens.profile import ProfileChoice, ProfileScreen
from tui.screens.text_search import TextSearchChoice, TextSearchScreen
from tui.widgets.bulletin_list import BulletinList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.fitted_input import FittedInput
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.line_list import LineList
from tui.widgets.reader import ReaderView
from tui.widgets.splitter import Splitter
from tui.widgets.timeline_strip import TimelineStrip

if TYPE_CHECKING:
    from core.corpus import Corpus
    from tui.app import ImssApp

#: Below this width the sidebar hides (e shows it); three panes need room to be readable.
WIDE_LAYOUT = 100
#: Keys moving the list closer together than this are a burst (a held key): the reader and
#: sidebar wait until the keys pause, so the cursor moves at key speed and only the bulletin
#: the user stops on is laid out and drawn.
OPEN_DELAY_S = 0.06
#: The list's width bounds, and how much [ and ] change it.
LIST_MIN_WIDTH = 20
READER_MIN_WIDTH = 30
LIST_WIDTH_STEP = 4
#: The footer's keys to leave out first when the line is too narrow (help lists them all):
#: the sidebar toggle and n (shown in the reader's subtitle when useful) first, the
#: timeline's range marking, quit (q is the key every TUI uses), then the text search.
FOOTER_DROP_ORDER = ("toggle_sidebar", "next_mention", "mark", "quit", "text_search")
LIST_WIDTH_STATE = "list_width"
#: The reader's subtitle while n / N step through mentions or search matches.
TARGET_POSITION = {"mention": N_("mention {at}/{count}"), "match": N_("match {at}/{count}")}


class MainScreen(Screen[None]):
    """Browse a corpus of IMSS bulletins by the people, places and units they mention."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ExplorerCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash,ctrl+k",
            "finder",
            N_("Find"),
            id="app.finder",
            tooltip=N_("Fuzzy-find officials, places, facilities, institutions"),
        ),
        Binding(
            "escape",
            "clear",
            N_("Clear"),
            id="app.clear",
            tooltip=N_("Close the search box, clear every filter, or the highlights"),
        ),
        Binding(
            "t",
            "text_search",
            N_("Text"),
            id="app.text_search",
            tooltip=N_("Full-text search over every bulletin; lists the bulletins that match"),
        ),
        Binding(
            "s",
            "search_reader",
            N_("Search"),
            show=False,
            id="app.search_reader",
            tooltip=N_("Search words in the open bulletin (accents and case ignored)"),
        ),
        Binding(
            "n",
            "next_mention",
            N_("Next"),
            id="app.next_mention",
            tooltip=N_("Next mention of the selected entity, or next search match"),
        ),
        Binding(
            "N",
            "previous_mention",
            N_("Previous"),
            show=False,
            id="app.previous_mention",
            tooltip=N_("Previous mention or search match"),
        ),
        Binding(
            "f",
            "filter_entity",
            N_("Filter"),
            show=False,
            id="app.filter_entity",
            tooltip=N_("Add a filter: only the bulletins mentioning the selected entity (AND)"),
        ),
        Binding(
            "backspace",
            "remove_chip",
            N_("Unfilter"),
            show=False,
            id="app.remove_chip",
            tooltip=N_("Remove the last filter added (esc removes them all)"),
        ),
        Binding(
            "d",
            "toggle_timeline",
            N_("Timeline"),
            id="app.toggle_timeline",
            tooltip=N_("Show or hide the timeline: bulletins per month; enter filters to a month"),
        ),
        Binding(
            "D",
            "type_dates",
            N_("Dates"),
            show=False,
            id="app.filter_dates",
            tooltip=N_("Filter to dates typed as 2015, 2024-04 or 2015-01..2015-12"),
        ),
        Binding(
            "K",
            "filter_kind",
            N_("Kind"),
            show=False,
            id="app.filter_kind",
            tooltip=N_("Filter to the open bulletin's kind (boletín de prensa, comunicado...)"),
        ),
        Binding(
            "u",
            "filter_undated",
            N_("Undated"),
            show=False,
            id="app.filter_undated",
            tooltip=N_("Filter to undated bulletins only (press again to drop it)"),
        ),
        Binding(
            "p",
            "profile",
            N_("Profile"),
            show=False,
            id="app.profile",
            tooltip=N_("Profile of the selected entity: names, roles, bulletins, co-occurring"),
        ),
        Binding(
            "r,f5",
            "refresh",
            N_("Refresh"),
            show=False,
            id="app.refresh",
            tooltip=N_("Read the folders again: new and changed files join the list"),
        ),
        Binding(
            "e",
            "toggle_sidebar",
            N_("Entities"),
            id="app.toggle_sidebar",
            tooltip=N_("Show or hide the entity sidebar"),
        ),
        Binding(
            "y",
            "copy_citation",
            N_("Cite"),
            show=False,
            id="app.copy_citation",
            tooltip=N_("Copy a citation of the open bulletin (kind, number, place, date, title)"),
        ),
        Binding(
            "Y",
            "copy_text",
            N_("Copy text"),
            show=False,
            id="app.copy_text",
            tooltip=N_("Copy the open bulletin's full text"),
        ),
        Binding(
            "right_square_bracket",
            f"resize_list({LIST_WIDTH_STEP})",
            N_("Wider list"),
            show=False,
            id="app.list_wider",
            tooltip=N_("Widen the bulletin list (or drag the line after it); remembered"),
        ),
        Binding(
            "left_square_bracket",
            f"resize_list({-LIST_WIDTH_STEP})",
            N_("Narrower list"),
            show=False,
            id="app.list_narrower",
            tooltip=N_("Narrow the bulletin list (or drag the line after it); remembered"),
        ),
        Binding(
            "x",
            "export",
            N_("Export"),
            show=False,
            id="app.export",
            tooltip=N_(
                "Export the bulletins listed now (filters applied), their entities, "
                "mentions, quotes or co-mention network to a file"
            ),
        ),
    ]

    def __init__(self, *, open_delay: float = OPEN_DELAY_S) -> None:
        super().__init__()
        self.open_delay = open_delay
        self._list_width_wanted: int | None = None
        self._open_timer: Timer | None = None
        self._open_token = self._opened_token = 0
        self._last_move = float("-inf")
        self.corpus: Corpus | None = None
        #: The active filters, combined with AND; shown as the list's title.
        self.chips = FilterChips()
        #: A quote picked in a profile: the reader opens at it instead of the first mention.
        self.quote_start: int | None = None
        #: What the list is filtered by, shown as the list's title ("◆ César Duarte Jáquez").
        self.filter_chip: Text | None = None
        self.sidebar_forced: bool | None = None
        self._pending_action: str | None = None
        #: An entity action (f, p) asked for while the entity table loads: run once it is in.
        self._pending_entity_action: str | None = None
        self._waiting_finder: FinderScreen | None = None

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TimelineStrip(id="timeline")
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield FittedInput(
                    [
                        _("dates: 2015 · 2024-04 · 2015-01..2015-12 (esc: close)"),
                        _("dates: 2015 · 2024-04 · 2015-01..2015-12"),
                        _("dates: 2015 · 2024-04 · 2015..2016"),
                        "2015 · 2024-04 · 2015..2016",
                        "2024-04 · 2015..2016",
                        "2015..2016",
                    ],
                    id="date-input",
                )
                yield Static(id="chips")
                listing = BulletinList(id="bulletins")
                # set here, not on mount: a tiny corpus may finish loading before the mount
                listing.empty_message = _("Loading…")
                yield listing
            yield Splitter(id="splitter")
            with Vertical(id="reader-pane"):
                yield ReaderView(id="reader")
                yield FittedInput(
                    [
                        _("search this bulletin (enter: next, esc: close)"),
                        _("search this bulletin (esc: close)"),
                        _("search this bulletin"),
                    ],
                    id="reader-search",
                )
            sidebar = EntitySidebar(id="sidebar")
            sidebar.empty_message = ""
            yield sidebar
        yield FittingFooter(drop_first=FOOTER_DROP_ORDER, compact=True)

    bulletin_list = getters.query_one("#bulletins", BulletinList)
    reader = getters.query_one("#reader", ReaderView)
    sidebar = getters.query_one("#sidebar", EntitySidebar)
    reader_search = getters.query_one("#reader-search", Input)
    timeline = getters.query_one("#timeline", TimelineStrip)
    date_input = getters.query_one("#date-input", Input)

    @property
    def filter_entity_id(self) -> str | None:
        """The entity filtered by last: the reader jumps to its mentions."""
        ids = self.chips.entity_ids
        return ids[-1] if ids else None

    @property
    def text_filter(self) -> dict[str, list[tuple[int, int]]] | None:
        """Bulletin id -> spans of the active text search, if one filters the list."""
        return self.chips.text_hits

    def on_mount(self) -> None:
        self.bulletin_list.border_title = _("Bulletins")
        self.reader.border_title = _("Bulletin")
        self.sidebar.border_title = _("Entities")
        self.sidebar.border_subtitle = _("f filter · p profile")
        remembered = cast("ImssApp", self.app).state.load().get(LIST_WIDTH_STATE)
        if isinstance(remembered, int) and not isinstance(remembered, bool):
            self.set_list_width(remembered, remember=False)
        self._apply_width(self.app.size.width)
        self.bulletin_list.focus()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def on_screen_suspend(self) -> None:
        self.refresh_bindings()  # its footer, still visible under a modal, drops these keys

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)  # the new size: self.size may still be the old
        if self.chips:  # whether they fit the list's title depends on its new width
            self.call_after_refresh(lambda: self._render_chips(self.bulletin_list.palette))

    def _apply_width(self, width: int) -> None:
        wide = width >= WIDE_LAYOUT
        show = wide if self.sidebar_forced is None else self.sidebar_forced
        self.set_class(not wide, "-narrow")
        # Three panes at 80 columns leave the reader ~23 columns: narrow, the entities take
        # the list's place (e swaps them back).
        self.set_class(show and not wide, "-entities")
        self.sidebar.display = show
        if self._list_width_wanted is not None:  # a width the user set, fitted to this size
            self.query_one("#list-pane").styles.width = self._fitted_list_width(
                self._list_width_wanted
            )
        if not show and self.focused is self.sidebar:
            self.bulletin_list.focus()
        elif show and not wide and self.focused is self.bulletin_list:
            self.sidebar.focus()

    # -- loading (the app loads; this screen shows) --------------------------------------------

    def show_progress(self, done: int, total: int) -> None:
        """The bar appears when files are being parsed: a warm load never shows it, and an
        animated bar on screen would take turns with the loading thread for nothing."""
        if self.corpus is not None:
            return
        bar = next(self.query("#loading").results(ProgressBar), None)
        if bar is None:
            bar = ProgressBar(id="loading", show_eta=False)
            self.query_one("#list-pane").mount(bar, before=0)
        bar.update(total=max(total, 1), progress=done)
        self.bulletin_list.border_subtitle = _("reading {done} / {total}").format(
            done=done, total=total
        )

    def _remove_progress(self) -> None:
        """Gone, not hidden: an idle progress bar still runs its animation timer."""
        for bar in self.query("#loading"):
            bar.remove()

    def show_failure(self, err: Exception) -> None:
        self._remove_progress()
        self.bulletin_list.empty_message = _("Could not load the corpus.")
        self.bulletin_list.reset()
        self.reader.set_placeholder(_("Could not load the corpus: {error}").format(error=err))

    def show_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._remove_progress()
        self.bulletin_list.set_bulletins(corpus.summaries)
        self.timeline.set_bulletins(corpus.summaries, corpus.summaries)
        self.reader.set_placeholder(_("No bulletins to show."))
        self.sidebar.empty_message = _("No entities found.")
        finder, self._waiting_finder = self._waiting_finder, None
        if finder is not None and finder.is_attached:
            finder.set_corpus(corpus)
        if self._pending_action is not None:
            self.call_after_refresh(self.run_action, self._pending_action)
            self._pending_action = None
        self._update_counts()
        if not corpus.summaries:
            self.reader.show(None)

    def entities_in(self) -> None:
        """The entity table is in: the open bulletin's entities are linked to it now, so an
        entity action asked for meanwhile runs."""
        action, self._pending_entity_action = self._pending_entity_action, None
        if action is not None and self.app.screen is self:
            self.call_later(self.run_action, action)

    def _entities_loading(self, action: str) -> bool:
        """True (and `action` deferred) while the entity table is still loading; True (and
        said why) when it could not be loaded."""
        if self.corpus is None:
            return False
        error = self.corpus.entities_error
        if error is not None:
            title = _("Could not read the entities")
            self.notify(str(error), title=title, severity="error", markup=False)
            return True
        if self.corpus.entities_ready:
            return False
        self._pending_entity_action = action
        self.notify(_("Still reading the entities — this opens when they are in."), timeout=3)
        return True

    def show_nothing_found(self, message: str) -> None:
        """The paths held no bulletin file: say so where the list and the reader are."""
        self.bulletin_list.empty_message = _("No bulletin files.")
        self.bulletin_list.reset()
        self.reader.set_placeholder(message)
        self.reader.show(None)

    def update_corpus(self, corpus: Corpus) -> None:
        """The same folders read again (refresh key, watch mode): new bulletins join the list
        under the same filter; the cursor and the open bulletin stay where they are."""
        self.corpus = corpus
        # every chip, not only the last entity: new files join only if all chips keep them
        ids = self.chips.ids(corpus) if self.chips else None
        self.bulletin_list.update_bulletins(corpus.summaries, ids)
        self._update_counts()
        self._update_timeline()
        if self.reader.bulletin is None:
            self.flush_open()

    def _update_counts(self) -> None:
        listing = self.bulletin_list
        listing.border_subtitle = f"{len(listing.shown)} / {listing.total}"
        if self.chips:
            listing.border_subtitle += " · ⌫ · esc"

    # -- list, reader, sidebar -----------------------------------------------------------------

    @on(LineList.Highlighted, "#bulletins")
    def _bulletin_highlighted(self, event: LineList.Highlighted) -> None:
        """Cursor first, bulletin right after; a burst of keys opens only where it stops."""
        self._cancel_open()
        if not event.by_user or self.open_delay <= 0:
            self._opened_token = self._open_token
            self.open_bulletin(self.bulletin_list.current)
            return
        now = time.monotonic()
        burst, self._last_move = now - self._last_move < self.open_delay, now
        self._open_token += 1
        token = self._open_token
        if burst:
            self._open_timer = self.set_timer(self.open_delay, lambda: self._open_if(token))
        else:  # a single step: the cursor's frame is painted first, the reader's next
            self.call_after_refresh(self._open_if, token)

    @property
    def open_pending(self) -> bool:
        """The list cursor moved and the reader has not caught up yet."""
        return self._open_token != self._opened_token

    def _open_if(self, token: int) -> None:
        if token == self._open_token and self.open_pending:
            self.flush_open()

    def _cancel_open(self) -> None:
        if self._open_timer is not None:
            self._open_timer.stop()
            self._open_timer = None

    def _catch_up(self) -> None:
        if self.open_pending:
            self.flush_open()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        if event.widget is not self.bulletin_list:  # tab to the reader or sidebar: show it
            self._catch_up()

    def flush_open(self) -> None:
        """Open the bulletin under the list cursor now: a deferred open, or before an action
        that needs the reader and sidebar to show it."""
        self._cancel_open()
        self._opened_token = self._open_token
        self.open_bulletin(self.bulletin_list.current)

    @on(LineList.Selected, "#bulletins")
    def _bulletin_selected(self, event: LineList.Selected) -> None:
        self.flush_open()
        self.reader.focus()

    def open_bulletin(self, item: BulletinSummary | None) -> None:
        """Show a listed bulletin in full (read from the corpus, which may load it from disk)."""
        bulletin = None
        if item is not None and self.corpus is not None:
            bulletin = self.corpus.bulletin(item.id, wait=False)  # linked once entities are in
        reader = self.reader
        if bulletin is reader.bulletin:
            return
        if bulletin is not None and bulletin == reader.bulletin:
            return  # the same bulletin read again (refresh): keep the reader's place
        copies = self.corpus.duplicates.get(bulletin.id, []) if bulletin and self.corpus else []
        reader.show(bulletin, copies)
        self.sidebar.show_bulletin(bulletin)
        self._hide_reader_search()
        if bulletin is None:
            reader.border_title = _("Bulletin")
            return
        reader.border_title = date_label(bulletin, estimated=True, long=True)
        reader.border_subtitle = ""
        if self.filter_entity_id:
            entity = self._bulletin_entity(bulletin, self.filter_entity_id)
            if entity is not None:
                self.sidebar.select_entity(entity)
                self._focus_entity(entity)
            quote = next((q for q in bulletin.quotes if q.start == self.quote_start), None)
            self.quote_start = None
            if quote is not None:
                reader.set_targets([(quote.start, quote.end)])
        elif self.text_filter and self.text_filter.get(bulletin.id):
            reader.set_targets(self.text_filter[bulletin.id], marks=True)
            self._show_target_position("match")

    @on(LineList.Highlighted, "#sidebar")
    def _entity_highlighted(self, event: LineList.Highlighted) -> None:
        entity = self.sidebar.current
        if entity is not None and self.sidebar.has_focus:
            self._focus_entity(entity)

    @on(LineList.Selected, "#sidebar")
    def _entity_selected(self, event: LineList.Selected) -> None:
        entity = self.sidebar.current
        if entity is not None:
            self._focus_entity(entity)

    @on(ReaderView.MentionClicked)
    def _mention_clicked(self, event: ReaderView.MentionClicked) -> None:
        self.sidebar.select_entity(event.entity)
        self._focus_entity(event.entity)

    def _focus_entity(self, entity: BulletinEntity, index: int = 0) -> None:
        self.reader.focus_entity(entity, index)
        self._show_target_position("mention")

    def _show_target_position(self, what: Literal["mention", "match"]) -> None:
        reader = self.reader
        if reader.targets:
            position = TARGET_POSITION[what]
            reader.border_subtitle = _(position).format(
                at=reader.target_index + 1, count=len(reader.targets)
            )
        else:
            reader.border_subtitle = _("no matches") if what == "match" else ""
        self.refresh_bindings()  # whether esc clears something may have changed

    @staticmethod
    def _bulletin_entity(bulletin: Bulletin, entity_id: str) -> BulletinEntity | None:
        for entity in bulletin.entities:
            if entity.entity_id == entity_id:
                return entity
        return None

    # -- filter --------------------------------------------------------------------------------

    def apply_filter(self, entity_id: str, bulletin_id: str | None = None) -> None:
        """Add an entity chip: only bulletins mentioning it too; open `bulletin_id` (or the
        first)."""
        if self.corpus is None or self.corpus.entity(entity_id) is None:
            return
        self.add_chip(Chip("entity", entity_id), bulletin_id)

    def apply_dates(self, dates: DateRange, *, focus_list: bool = True) -> None:
        """Add (or replace) the date-range chip."""
        self.add_chip(Chip("dates", dates.label, dates=dates), focus_list=focus_list)

    def apply_text_filter(self, choice: TextSearchChoice) -> None:
        """Only the bulletins whose text matched; open the chosen one at its matches."""
        hits = {hit.bulletin_id: list(hit.spans) for hit in choice.hits}
        self.add_chip(Chip("text", choice.query.strip(), hits=hits), choice.bulletin_id)

    def add_chip(
        self, chip: Chip, bulletin_id: str | None = None, *, focus_list: bool = True
    ) -> None:
        self.chips = self.chips.add(chip)
        self._show_filter(bulletin_id, focus_list=focus_list)

    def _theme_changed(self, theme: object) -> None:
        """The list repaints itself; its title (the filter chips) is redrawn here, with the
        new colours read now (the list may hear of the theme after this screen)."""
        if self.chips and self.corpus is not None:
            self._render_chips(Palette.of(self.bulletin_list))

    def _render_chips(self, palette: Palette) -> None:
        """The chips go in the list's title; when they do not fit there (a narrow pane, many
        chips) they wrap in a bar above the list and the title counts them."""
        bar = self.query_one("#chips", Static)
        if not self.chips or self.corpus is None:
            self.filter_chip = None
            self.bulletin_list.border_title = _("Bulletins")
            bar.display = False
            return
        chips = self.filter_chip = self.chips.render(self.corpus, palette)
        room = self.bulletin_list.size.width - 6  # the corners and the title's padding
        fits = chips.cell_len <= room or room <= 0
        count = len(self.chips.chips)
        self.bulletin_list.border_title = (
            chips
            if fits
            else ngettext("{count} filter", "{count} filters", count).format(count=count)
        )
        bar.update(chips)
        bar.display = not fits

    def _show_filter(self, bulletin_id: str | None, *, focus_list: bool = True) -> None:
        """Show the bulletins every chip keeps; open `bulletin_id`, else keep the open one."""
        if self.corpus is None:
            return
        if focus_list and self.has_class("-entities"):  # narrow: back to the (filtered) list
            self.sidebar_forced = False
            self._apply_width(self.size.width)
        self._render_chips(self.bulletin_list.palette)
        self.set_class(bool(self.chips), "-filtered")
        listing = self.bulletin_list
        ids = self.chips.ids(self.corpus) if self.chips else None
        self.reader.bulletin = None  # force a fresh open (and jump) even if it is the same one
        target = bulletin_id or (ids[0] if ids else None)
        listing.set_filter(ids, select=target)
        self._update_counts()
        self._update_timeline()
        if focus_list:
            listing.focus()

    def _update_timeline(self) -> None:
        """The timeline counts what every chip but its own date range keeps (as a facet
        does): browsing months with enter still shows the other months' bars."""
        if self.corpus is None:
            return
        others = FilterChips(tuple(c for c in self.chips.chips if c.kind != "dates"))
        shown = [self.corpus.summaries[r] for r in others.ranks(self.corpus)] if others else None
        dates = self.chips.of_kind("dates")
        self.timeline.set_bulletins(
            self.corpus.summaries if shown is None else shown,
            self.corpus.summaries,
            active=dates[-1].dates if dates else None,
        )

    def clear_filter(self) -> None:
        self.chips = FilterChips()
        self.reader.clear_targets()
        self._show_target_position("mention")
        self.remove_class("-filtered")
        self._render_chips(self.bulletin_list.palette)
        self.bulletin_list.set_filter(None)
        self._update_counts()
        self._update_timeline()

    def _within(self) -> list[str] | None:
        """The ids of the bulletins the chips keep (None: no filter), for the finder's counts
        and the profile's list."""
        return [b.id for b in self.bulletin_list.shown] if self.chips else None

    def action_remove_chip(self) -> None:
        if not self.chips:
            return
        self.chips = self.chips.without_last()
        self.reader.clear_targets()
        if not self.chips:
            self.clear_filter()
            return
        self._show_filter(None, focus_list=False)

    @on(TimelineStrip.Chosen)
    def _timeline_chosen(self, event: TimelineStrip.Chosen) -> None:
        self.apply_dates(event.dates, focus_list=False)

    def action_toggle_timeline(self) -> None:
        timeline = self.timeline
        had_focus = self.focused is timeline
        timeline.display = not timeline.display
        if timeline.display:
            timeline.focus()
        elif had_focus or self.focused is None:
            self.bulletin_list.focus()

    def action_type_dates(self) -> None:
        field = self.date_input
        field.display = True
        field.focus()

    @on(Input.Submitted, "#date-input")
    def _dates_typed(self, event: Input.Submitted) -> None:
        try:
            dates = parse_date_range(event.value)
        except ValueError as err:
            self.notify(str(err), severity="warning", markup=False)
            return
        self._hide_date_input()
        self.apply_dates(dates)

    def _hide_date_input(self) -> None:
        field = self.date_input
        if field.display:
            field.display = False
            field.value = ""

    def action_filter_kind(self) -> None:
        self._catch_up()
        bulletin = self.reader.bulletin
        if bulletin is None or not bulletin.kind:
            self.notify(_("The open bulletin has no kind to filter by."))
            return
        self.add_chip(Chip("kind", bulletin.kind), bulletin.id)

    def action_filter_undated(self) -> None:
        if self.chips.of_kind("undated"):
            self.chips = FilterChips(tuple(c for c in self.chips.chips if c.kind != "undated"))
            if self.chips:
                self._show_filter(None)
            else:
                self.clear_filter()
            return
        self.add_chip(Chip("undated", "undated only"))  # its label is drawn translated
        self.refresh_bindings()

    # -- reader search -------------------------------------------------------------------------

    def _hide_reader_search(self) -> None:
        search = self.reader_search
        if search.display:
            search.display = False
            search.value = ""

    @on(Input.Changed, "#reader-search")
    def _reader_search_changed(self, event: Input.Changed) -> None:
        if not self.reader_search.display:
            return  # the box was closed and emptied: no "no matches" left behind
        self.reader.search(event.value)
        self._show_target_position("match")

    @on(Input.Submitted, "#reader-search")
    def _reader_search_next(self, event: Input.Submitted) -> None:
        self.reader.step_target(1)
        self._show_target_position("match")

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if cast("ImssApp", self.app).quitting:  # keys typed right after q must not open screens
            return False
        if self.app.screen is not self:  # under a finder or help: its footer shows what works
            return False
        if action == "clear":
            search_open = self.reader_search.display or self.date_input.display
            return bool(search_open or self.chips or self.reader.targets)
        if action == "remove_chip":
            return bool(self.chips)
        return True

    def action_clear(self) -> None:
        self._catch_up()
        search = self.reader_search
        if self.date_input.display:
            self._hide_date_input()
            self.bulletin_list.focus()
        elif search.display:
            self._hide_reader_search()
            self.reader.clear_targets()
            self._show_target_position("mention")
            self.reader.focus()
        elif self.chips:
            self.clear_filter()
        elif self.reader.targets:
            self.reader.clear_targets()
            self._show_target_position("mention")

    def action_finder(self) -> None:
        # opened at once even while loading, so no key typed after / is lost
        finder = FinderScreen(self.corpus, within=self._within())
        if self.corpus is None:
            self._waiting_finder = finder
        self.app.push_screen(finder, self._finder_done)

    def _after_load(self, action: str) -> None:
        """A search asked for while loading opens as soon as the corpus is there."""
        self._pending_action = action
        self.notify(_("Still loading — the search opens when the bulletins are in."), timeout=3)

    def _finder_done(self, choice: FinderChoice | None) -> None:
        if choice is None:
            return
        if choice.action == "profile":
            self.open_profile(choice.entity_id)
        else:
            self.apply_filter(choice.entity_id)

    def action_text_search(self) -> None:
        if self.corpus is None:
            self._after_load("text_search")
            return
        self.app.push_screen(TextSearchScreen(self.corpus), self._text_search_done)

    def _text_search_done(self, choice: TextSearchChoice | None) -> None:
        if choice is not None:
            self.apply_text_filter(choice)

    def _selected_entity_id(self) -> str | None:
        entity = self.sidebar.current
        if entity is not None and entity.entity_id:
            return entity.entity_id
        return self.filter_entity_id

    def action_filter_entity(self) -> None:
        self._catch_up()
        if self._entities_loading("filter_entity"):
            return
        entity_id = self._selected_entity_id()
        if entity_id:
            self.apply_filter(entity_id, self.reader.bulletin.id if self.reader.bulletin else None)
        else:
            self.notify(_("Select an entity in the sidebar first."))

    def action_profile(self) -> None:
        self._catch_up()
        if self._entities_loading("profile"):
            return
        entity_id = self._selected_entity_id()
        if entity_id:
            self.open_profile(entity_id)
        else:
            self.notify(_("Select an entity in the sidebar first."))

    def open_profile(self, entity_id: str) -> None:
        if self.corpus is None:
            return
        entity = self.corpus.entity(entity_id)
        if entity is not None:
            profile = ProfileScreen(self.corpus, entity, within=self._within())
            self.app.push_screen(profile, self._profile_done)

    def _profile_done(self, choice: ProfileChoice | None) -> None:
        if choice is not None:
            self.quote_start = choice.start
            self.apply_filter(choice.entity_id, choice.bulletin_id)

    def action_export(self) -> None:
        if self.corpus is None:
            self.notify(_("Still loading — export once the bulletins are in."), timeout=3)
            return
        from tui.export_action import open_export  # the writers: not needed to launch

        open_export(self.app, self.corpus, self.bulletin_list.shown)

    def action_next_mention(self) -> None:
        self._step(1)

    def action_previous_mention(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        self._catch_up()
        reader = self.reader
        searching = bool(reader.marks)
        if reader.step_target(step):
            self._show_target_position("match" if searching else "mention")
            return
        entity = self.sidebar.current
        if entity is not None:
            self._focus_entity(entity, 0 if step > 0 else -1)

    def action_search_reader(self) -> None:
        self._catch_up()
        if self.reader.bulletin is None:
            return
        search = self.reader_search
        search.display = True
        search.focus()

    def action_copy_citation(self) -> None:
        self._copy(citation, N_("Copied the citation ({count} characters)."))

    def action_copy_text(self) -> None:
        self._copy(lambda bulletin: bulletin.text, N_("Copied the text ({count} characters)."))

    def _copy(self, what: Callable[[Bulletin], str], done: str) -> None:
        """`done`: the notification, with the number of characters as {count}."""
        """OSC 52, so it works over SSH and tmux; control characters never reach it."""
        self._catch_up()
        bulletin = self.reader.bulletin
        if bulletin is None:
            self.notify(_("Open a bulletin first."))
            return
        copied = visible(what(bulletin), keep_newlines=True)
        self.app.copy_to_clipboard(copied)
        self.notify(_(done).format(count=f"{len(copied):,}"), markup=False)

    # -- the list's width ----------------------------------------------------------------------

    @property
    def list_width(self) -> int:
        return self.query_one("#list-pane").outer_size.width

    def set_list_width(self, width: int, *, remember: bool = True) -> int:
        """Fix the list's width (kept between the bounds, and leaving the reader room);
        remembered in state.json for the next launch."""
        self._list_width_wanted = width
        pane = self.query_one("#list-pane")
        width = self._fitted_list_width(width)
        pane.styles.max_width = None
        pane.styles.min_width = LIST_MIN_WIDTH
        pane.styles.width = width
        if remember:
            failed = cast("ImssApp", self.app).state.save({LIST_WIDTH_STATE: width})
            if failed:
                self.notify(failed, title=_("Settings"), severity="warning", markup=False)
        return width

    def _fitted_list_width(self, width: int) -> int:
        """`width` within the bounds at the current terminal size (80 columns included)."""
        sidebar = self.sidebar.outer_size.width if self.sidebar.display else 0
        room = self.app.size.width - READER_MIN_WIDTH - sidebar - 1  # 1: the splitter
        return max(LIST_MIN_WIDTH, min(width, room))

    def action_resize_list(self, step: int) -> None:
        self.set_list_width(self.list_width + step)

    @on(Splitter.Dragged)
    def _splitter_dragged(self, event: Splitter.Dragged) -> None:
        left = self.query_one("#list-pane").region.x
        self.set_list_width(event.screen_x - left, remember=False)

    @on(Splitter.Released)
    def _splitter_released(self, event: Splitter.Released) -> None:
        self.set_list_width(self.list_width)

    def action_refresh(self) -> None:
        cast("ImssApp", self.app).reload()

    def action_toggle_sidebar(self) -> None:
        self._catch_up()
        self.sidebar_forced = not self.sidebar.display
        self._apply_width(self.size.width)
        if self.sidebar.display:
            self.sidebar.focus()
