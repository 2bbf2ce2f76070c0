"""The explorer: bulletin list | reader | entity sidebar, with finder, profile and help screens.

Built by `make_app(...)` so the CLI, the tests and the benchmarks run the very same app.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, ProgressBar

from core.citation import citation
from core.models import Bulletin, BulletinEntity, BulletinSummary, Entity
from core.visible import visible
from tui.commands import ExplorerCommands
from tui.export_action import open_export
from tui.kinds import kind_style
from tui.safe_text import append_safe
from tui.screens.finder import FinderChoice, FinderScreen
from tui.screens.help import HelpScreen
from tui.screens.profile import ProfileChoice, ProfileScreen, as_summaries
from tui.screens.text_search import TextSearchChoice, TextSearchScreen
from tui.settings import checked_keymap, load_settings, load_state, save_state
from tui.widgets.bulletin_list import BulletinList, bulletin_label
from tui.widgets.entity_rows import EntityResults
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.line_list import LineList
from tui.widgets.reader import CURRENT_MARK_STYLE, ReaderView

Loader = Callable[..., Any]

#: Actions about the list/reader/sidebar: off while a finder, profile or help screen is on top.
MAIN_SCREEN_ACTIONS = frozenset(
    {
        "finder",
        "text_search",
        "clear",
        "search_reader",
        "next_mention",
        "previous_mention",
        "filter_entity",
        "profile",
        "toggle_sidebar",
    }
)

#: Below this width the sidebar hides (e shows it); three panes need room to be readable.
WIDE_LAYOUT = 100
#: Progress callbacks arrive from the loading thread; redraw at most this often.
PROGRESS_INTERVAL_S = 0.05
#: Keys moving the list closer together than this are a burst (a held key): the reader and
#: sidebar wait until the keys pause, so the cursor moves at key speed and only the bulletin
#: the user stops on is laid out and drawn.
OPEN_DELAY_S = 0.06


def default_loader(paths: Sequence[str] | None, **options: Any) -> Any:
    from core.corpus import load_corpus

    return load_corpus(paths, **options)


class ImssApp(App[None]):
    """Browse a corpus of IMSS bulletins by the people, places and units they mention."""

    TITLE = "imss-tui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ExplorerCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash,ctrl+k",
            "finder",
            "Find",
            id="app.finder",
            tooltip="Fuzzy-find officials, places, facilities, institutions",
        ),
        Binding(
            "escape",
            "clear",
            "Clear",
            id="app.clear",
            tooltip="Close the text search, clear the entity filter or the highlights",
        ),
        Binding(
            "t",
            "text_search",
            "Text",
            id="app.text_search",
            tooltip="Full-text search over every bulletin; lists the bulletins that match",
        ),
        Binding(
            "s",
            "search_reader",
            "Search",
            show=False,
            id="app.search_reader",
            tooltip="Search words in the open bulletin (accents and case ignored)",
        ),
        Binding(
            "n",
            "next_mention",
            "Next",
            id="app.next_mention",
            tooltip="Next mention of the selected entity, or next search match",
        ),
        Binding(
            "N",
            "previous_mention",
            "Previous",
            show=False,
            id="app.previous_mention",
            tooltip="Previous mention or search match",
        ),
        Binding(
            "f",
            "filter_entity",
            "Filter",
            show=False,
            id="app.filter_entity",
            tooltip="List only the bulletins mentioning the selected entity",
        ),
        Binding(
            "p",
            "profile",
            "Profile",
            show=False,
            id="app.profile",
            tooltip="Profile of the selected entity: names, roles, bulletins, co-occurring",
        ),
        Binding(
            "e",
            "toggle_sidebar",
            "Entities",
            id="app.toggle_sidebar",
            tooltip="Show or hide the entity sidebar",
        ),
        Binding(
            "y",
            "copy_citation",
            "Cite",
            show=False,
            id="app.copy_citation",
            tooltip="Copy a citation of the open bulletin (kind, number, place, date, title)",
        ),
        Binding(
            "Y",
            "copy_text",
            "Copy text",
            show=False,
            id="app.copy_text",
            tooltip="Copy the open bulletin's full text",
        ),
        Binding(
            "x",
            "export",
            "Export",
            show=False,
            id="app.export",
            tooltip="Export the bulletins listed now (filters applied), their entities, "
            "mentions, quotes or co-mention network to a file",
        ),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="This list of keys"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit imss-tui"),
    ]

    def __init__(
        self,
        paths: Sequence[str] | None = None,
        *,
        loader: Loader | None = None,
        open_delay: float = OPEN_DELAY_S,
        **options: Any,
    ) -> None:
        super().__init__()
        self.open_delay = open_delay
        self._open_timer: Timer | None = None
        self._open_token = self._opened_token = 0
        self._last_move = float("-inf")
        self.paths = list(paths) if paths else None
        self.loader = loader or default_loader
        self.options = options
        self.corpus: Any = None
        self.filter_entity_id: str | None = None
        #: A quote picked in a profile: the reader opens at it instead of the first mention.
        self.quote_start: int | None = None
        self.text_filter: dict[str, list[tuple[int, int]]] | None = None
        #: What the list is filtered by, shown as the list's title ("◆ César Duarte Jáquez").
        self.filter_chip: Text | None = None
        self.sidebar_forced: bool | None = None
        self.load_seconds: float | None = None
        self._last_progress = 0.0
        self._pending_action: str | None = None
        self._remember_theme = False

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield BulletinList(id="bulletins")
            with Vertical(id="reader-pane"):
                yield ReaderView(id="reader")
                yield Input(
                    placeholder="search this bulletin (enter: next, esc: close)", id="reader-search"
                )
            yield EntitySidebar(id="sidebar")
        yield Footer(compact=True)

    @property
    def main_screen(self) -> Screen[Any]:
        return self.screen_stack[0]

    @property
    def bulletin_list(self) -> BulletinList:
        return self.main_screen.query_one("#bulletins", BulletinList)

    @property
    def reader(self) -> ReaderView:
        return self.main_screen.query_one("#reader", ReaderView)

    @property
    def sidebar(self) -> EntitySidebar:
        return self.main_screen.query_one("#sidebar", EntitySidebar)

    @property
    def reader_search(self) -> Input:
        return self.main_screen.query_one("#reader-search", Input)

    def on_mount(self) -> None:
        self.bulletin_list.border_title = "Bulletins"
        self.reader.border_title = "Bulletin"
        self.sidebar.border_title = "Entities"
        self.sidebar.border_subtitle = "f filter · p profile"
        self.bulletin_list.empty_message = "Loading…"
        self.sidebar.empty_message = ""
        self._apply_width(self.size.width)
        self.bulletin_list.focus()
        self.load()
        self._apply_settings()

    # -- settings ------------------------------------------------------------------------------

    def _apply_settings(self) -> None:
        """Keys from config.toml, the theme last picked (else config's); problems shown."""
        settings, problems = load_settings()
        known = {
            binding.id
            for _, items in self.help_sections()
            for item in items
            for binding in Binding.make_bindings([item])
            if binding.id
        }
        keymap, wrong_keys = checked_keymap(settings, known)
        problems += wrong_keys
        if keymap:
            self.set_keymap(keymap)
        theme = load_state().get("theme") or settings.theme
        if isinstance(theme, str) and theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                problems.append(f"unknown theme {theme!r}; kept {self.theme!r}")
        for problem in problems:
            self.notify(problem, title="Settings", severity="warning", markup=False, timeout=8)
        self._remember_theme = True

    def watch_theme(self, theme: str) -> None:
        if self._remember_theme:
            failed = save_state({"theme": theme})
            if failed:
                self.notify(failed, title="Settings", severity="warning", markup=False)

    def on_resize(self) -> None:
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        wide = width >= WIDE_LAYOUT
        show = wide if self.sidebar_forced is None else self.sidebar_forced
        screen = self.main_screen
        screen.set_class(not wide, "-narrow")
        # Three panes at 80 columns leave the reader ~23 columns: narrow, the entities take
        # the list's place (e swaps them back).
        screen.set_class(show and not wide, "-entities")
        self.sidebar.display = show
        if not show and self.focused is self.sidebar:
            self.bulletin_list.focus()
        elif show and not wide and self.focused is self.bulletin_list:
            self.sidebar.focus()

    # -- loading -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        """Parse (or read from the index) off the UI thread, reporting progress."""
        started = time.perf_counter()
        try:
            corpus = self.loader(self.paths, progress=self._progress_from_thread, **self.options)
        except Exception as err:  # show it; a traceback in a TUI helps nobody
            self.call_from_thread(self._load_failed, err)
            return
        self.load_seconds = time.perf_counter() - started
        self.call_from_thread(self._loaded, corpus)

    @work(thread=True, exclusive=True, group="finder-index", exit_on_error=False)
    def build_finder_index(self, corpus: Any) -> None:
        """The fuzzy index takes seconds for 100k entities: built once the list is on screen,
        so launch does not wait for it; a search typed meanwhile waits in its own worker."""
        getattr(corpus, "finder", None)

    def _progress_from_thread(self, done: int, total: int, path: Any = None) -> None:
        now = time.perf_counter()
        if done < total and now - self._last_progress < PROGRESS_INTERVAL_S:
            return
        self._last_progress = now
        self.call_from_thread(self._show_progress, done, total)

    def _show_progress(self, done: int, total: int) -> None:
        """The bar appears when files are being parsed: a warm load never shows it, and an
        animated bar on screen would take turns with the loading thread for nothing."""
        if self.corpus is not None:
            return
        bar = next(self.main_screen.query("#loading").results(ProgressBar), None)
        if bar is None:
            bar = ProgressBar(id="loading", show_eta=False)
            self.main_screen.query_one("#list-pane").mount(bar, before=0)
        bar.update(total=max(total, 1), progress=done)
        self.bulletin_list.border_subtitle = f"reading {done} / {total}"

    def _remove_progress(self) -> None:
        """Gone, not hidden: an idle progress bar still runs its animation timer."""
        for bar in self.main_screen.query("#loading"):
            bar.remove()

    def _load_failed(self, err: Exception) -> None:
        self._remove_progress()
        self.bulletin_list.empty_message = "Could not load the corpus."
        self.bulletin_list.reset()
        self.reader.set_placeholder(f"Could not load the corpus: {err}")
        self.notify(str(err), title="Loading failed", severity="error", markup=False)

    def _loaded(self, corpus: Any) -> None:
        self.corpus = corpus
        self._remove_progress()
        listing = self.bulletin_list
        listing.set_bulletins(corpus.summaries)
        self.reader.set_placeholder("No bulletins to show.")
        self.sidebar.empty_message = "No entities found."
        if self._pending_action is not None:
            self.call_after_refresh(self.run_action, self._pending_action)
            self._pending_action = None
        self.call_after_refresh(self.build_finder_index, corpus)
        self._update_counts()
        if not corpus.summaries:
            self.reader.show(None)
        for notice in getattr(corpus, "notices", []) or []:
            self.notify(str(notice), markup=False)
        skipped = list(getattr(corpus, "skipped", []) or [])
        if skipped:
            names = ", ".join(Path(path).name for path, _ in skipped[:3])
            more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
            self.notify(
                f"{len(skipped)} file(s) skipped: {names}{more}", title="Skipped", markup=False
            )

    def _update_counts(self) -> None:
        listing = self.bulletin_list
        listing.border_subtitle = f"{len(listing.shown)} / {listing.total}"
        if self.filter_entity_id or self.text_filter is not None:
            listing.border_subtitle += " · esc: all"

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
        if self.screen_stack and token == self._open_token and self.open_pending:
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
        bulletin = item if item is None or isinstance(item, Bulletin) else None
        if item is not None and bulletin is None and self.corpus is not None:
            bulletin = self.corpus.bulletin(item.id)
        reader = self.reader
        if bulletin is reader.bulletin:
            return
        reader.show(bulletin)
        self.sidebar.show_bulletin(bulletin)
        self._hide_reader_search()
        if bulletin is None:
            reader.border_title = "Bulletin"
            return
        title = Text()
        append_safe(title, bulletin.date.isoformat() if bulletin.date else "undated")
        reader.border_title = title
        reader.border_subtitle = ""
        if self.filter_entity_id:
            entity = self._bulletin_entity(bulletin, self.filter_entity_id)
            if entity is not None:
                self.sidebar.select_entity(entity)
                self._focus_entity(entity)
            quote = next((q for q in bulletin.quotes if q.start == self.quote_start), None)
            self.quote_start = None
            if quote is not None:
                reader.set_targets([(quote.start, quote.end)], CURRENT_MARK_STYLE)
        elif self.text_filter and self.text_filter.get(bulletin.id):
            reader.set_targets(self.text_filter[bulletin.id], CURRENT_MARK_STYLE, marks=True)
            self._show_target_position("match")

    @on(LineList.Highlighted, "#sidebar")
    def _entity_highlighted(self, event: LineList.Highlighted) -> None:
        sidebar = event.line_list
        entity = sidebar.current if isinstance(sidebar, EntitySidebar) else None
        if entity is not None and sidebar.has_focus:
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

    def _show_target_position(self, what: str) -> None:
        reader = self.reader
        if reader.targets:
            reader.border_subtitle = f"{what} {reader.target_index + 1}/{len(reader.targets)}"
        else:
            reader.border_subtitle = f"no {what}es" if what == "match" else ""

    @staticmethod
    def _bulletin_entity(bulletin: Bulletin, entity_id: str) -> BulletinEntity | None:
        for entity in bulletin.entities:
            if entity.entity_id == entity_id:
                return entity
        return None

    # -- filter --------------------------------------------------------------------------------

    def apply_filter(self, entity_id: str, bulletin_id: str | None = None) -> None:
        """List only the bulletins mentioning `entity_id`; open `bulletin_id` (or the first)."""
        if self.corpus is None:
            return
        entity: Entity | None = self.corpus.entity(entity_id)
        if entity is None:
            return
        bulletins = as_summaries(self.corpus, list(self.corpus.bulletins_mentioning(entity_id)))
        self.filter_entity_id, self.text_filter = entity_id, None
        chip = Text("◆ ", style=kind_style(entity.kind))
        append_safe(chip, entity.name, kind_style(entity.kind))
        self._show_filter(chip, [b.id for b in bulletins], bulletin_id)

    def apply_text_filter(self, choice: TextSearchChoice) -> None:
        """List only the bulletins whose text matched; open the chosen one at its matches."""
        self.filter_entity_id = None
        self.text_filter = {hit.bulletin_id: list(hit.spans) for hit in choice.hits}
        chip = Text("“", style="bold")
        append_safe(chip, choice.query.strip(), "bold")
        chip.append("” in text", style="bold")
        self._show_filter(chip, list(self.text_filter), choice.bulletin_id)

    def _show_filter(self, chip: Text, ids: list[str], bulletin_id: str | None) -> None:
        if self.main_screen.has_class("-entities"):  # narrow: back to the (filtered) list
            self.sidebar_forced = False
            self._apply_width(self.size.width)
        self.filter_chip = chip
        self.bulletin_list.border_title = chip
        self.main_screen.add_class("-filtered")
        listing = self.bulletin_list
        self.reader.bulletin = None  # force a fresh open (and jump) even if it is the same one
        target = bulletin_id or (ids[0] if ids else None)
        listing.set_filter(ids, select=target)
        self._update_counts()
        listing.focus()

    def clear_filter(self) -> None:
        if self.filter_entity_id is None and self.text_filter is None:
            return
        self.filter_entity_id, self.text_filter = None, None
        self.reader.clear_targets()
        self._show_target_position("mention")
        self.main_screen.remove_class("-filtered")
        self.filter_chip = None
        self.bulletin_list.border_title = "Bulletins"
        self.bulletin_list.set_filter(None)
        self._update_counts()

    # -- reader search -------------------------------------------------------------------------

    def _hide_reader_search(self) -> None:
        search = self.reader_search
        if search.display:
            search.display = False
            search.value = ""

    @on(Input.Changed, "#reader-search")
    def _reader_search_changed(self, event: Input.Changed) -> None:
        self.reader.search(event.value)
        self._show_target_position("match")

    @on(Input.Submitted, "#reader-search")
    def _reader_search_next(self, event: Input.Submitted) -> None:
        self.reader.step_target(1)
        self._show_target_position("match")

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MAIN_SCREEN_ACTIONS and self.screen is not self.main_screen:
            return False
        if action == "clear":
            search_open = self.reader_search.display
            filtered = self.filter_entity_id or self.text_filter is not None
            return bool(search_open or filtered or self.reader.targets)
        return True

    def action_clear(self) -> None:
        self._catch_up()
        search = self.reader_search
        if search.display:
            self._hide_reader_search()
            self.reader.clear_targets()
            self._show_target_position("mention")
            self.reader.focus()
        elif self.filter_entity_id is not None or self.text_filter is not None:
            self.clear_filter()
        elif self.reader.targets:
            self.reader.clear_targets()
            self._show_target_position("mention")

    def action_finder(self) -> None:
        if self.corpus is None:
            self._after_load("finder")
            return
        self.push_screen(FinderScreen(self.corpus), self._finder_done)

    def _after_load(self, action: str) -> None:
        """A search asked for while loading opens as soon as the corpus is there."""
        self._pending_action = action
        self.notify("Still loading — the search opens when the bulletins are in.", timeout=3)

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
        self.push_screen(TextSearchScreen(self.corpus), self._text_search_done)

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
        entity_id = self._selected_entity_id()
        if entity_id:
            self.apply_filter(entity_id, self.reader.bulletin.id if self.reader.bulletin else None)
        else:
            self.notify("Select an entity in the sidebar first.")

    def action_profile(self) -> None:
        self._catch_up()
        entity_id = self._selected_entity_id()
        if entity_id:
            self.open_profile(entity_id)
        else:
            self.notify("Select an entity in the sidebar first.")

    def open_profile(self, entity_id: str) -> None:
        entity = self.corpus.entity(entity_id) if self.corpus is not None else None
        if entity is not None:
            self.push_screen(ProfileScreen(self.corpus, entity), self._profile_done)

    def _profile_done(self, choice: ProfileChoice | None) -> None:
        if choice is not None:
            self.quote_start = choice.start
            self.apply_filter(choice.entity_id, choice.bulletin_id)

    def action_export(self) -> None:
        if self.corpus is None:
            self.notify("Still loading — export once the bulletins are in.", timeout=3)
            return
        open_export(self, self.corpus, self.bulletin_list.shown)

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
        self._copy(lambda bulletin: citation(bulletin), "citation")

    def action_copy_text(self) -> None:
        self._copy(lambda bulletin: bulletin.text, "text")

    def _copy(self, what: Callable[[Bulletin], str], name: str) -> None:
        """OSC 52, so it works over SSH and tmux; control characters never reach it."""
        self._catch_up()
        bulletin = self.reader.bulletin
        if bulletin is None:
            self.notify("Open a bulletin first.")
            return
        copied = visible(what(bulletin), keep_newlines=True)
        self.copy_to_clipboard(copied)
        self.notify(f"Copied the {name} ({len(copied):,} characters).", markup=False)

    def action_toggle_sidebar(self) -> None:
        self._catch_up()
        self.sidebar_forced = not self.sidebar.display
        self._apply_width(self.size.width)
        if self.sidebar.display:
            self.sidebar.focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self) -> list[tuple[str, Iterable[Any]]]:
        return [
            ("Everywhere", self.BINDINGS),
            (
                "Panes",
                [
                    Binding("tab", "focus_next", "Next pane", id="app.focus_next"),
                    Binding(
                        "shift+tab", "focus_previous", "Previous pane", id="app.focus_previous"
                    ),
                    Binding(
                        "ctrl+p", "command_palette", "Command palette", id="app.command_palette"
                    ),
                ],
            ),
            ("Bulletin list, sidebar, result lists", LineList.BINDINGS),
            ("Reader", ReaderView.BINDINGS),
            ("Finder", FinderScreen.BINDINGS),
            ("Text search", TextSearchScreen.BINDINGS),
            ("Profile", ProfileScreen.BINDINGS),
        ]


def make_app(paths: Sequence[str | Path] | None = None, **options: Any) -> ImssApp:
    """The app for `paths` (None: the bundled seeds); options go to `load_corpus`.

    `loader=` replaces `core.load_corpus` (benchmarks, tests of failure paths).
    """
    return ImssApp([str(p) for p in paths] if paths else None, **options)


__all__ = ["EntityResults", "ImssApp", "bulletin_label", "make_app"]
