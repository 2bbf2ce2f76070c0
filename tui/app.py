"""The explorer app: loads the corpus, applies settings and theme, shows help.

The list | reader | sidebar layout and its actions are `tui.screens.main.MainScreen`.
Built by `make_app(...)` so the CLI, the tests and the benchmarks run the very same app.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import ThemeProvider

from core.discover import nothing_found, seeds_dir
from core.folder_state import FolderState, folder_state
from core.i18n import N_, _, ngettext
from core.runtime import collect_frozen
from core.stored_messages import localized
from tui.palette import theme_colors
from tui.screens.finder import FinderScreen
from tui.screens.help import HelpScreen
from tui.screens.main import OPEN_DELAY_S, MainScreen
from tui.screens.profile import ProfileScreen
from tui.screens.search_modal import SearchModal
from tui.screens.text_search import TextSearchScreen
from tui.settings import AppState, checked_keymap, checked_theme, load_settings, state_path
from tui.textual_i18n import (
    PALETTE_PLACEHOLDER,
    THEMES_PLACEHOLDER,
    CommandPalette,
    translate_bindings,
    translated_commands,
    translated_key_display,
    translated_map,
)
from tui.widgets.line_list import LineList
from tui.widgets.reader import ReaderView
from tui.widgets.timeline_strip import TimelineStrip

if TYPE_CHECKING:
    from core.corpus import Corpus

Loader = Callable[..., "Corpus"]

#: Progress callbacks arrive from the loading thread; redraw at most this often.
PROGRESS_INTERVAL_S = 0.05


def default_loader(paths: Sequence[str] | None, **options: Any) -> Corpus:
    """The entities load once the list is drawn (`ImssApp.build_finder_index`)."""
    from core.corpus import load_corpus

    return load_corpus(paths, defer_entities=True, **options)


class ImssApp(App[None]):
    """Browse a corpus of IMSS bulletins by the people, places and units they mention."""

    TITLE = "imss-tui"
    CSS_PATH = "app.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark", "help", N_("Help"), id="app.help", tooltip=N_("This list of keys")
        ),
        Binding("q", "quit", N_("Quit"), id="app.quit", tooltip=N_("Quit imss-tui")),
    ]

    def __init__(
        self,
        paths: Sequence[str] | None = None,
        *,
        loader: Loader | None = None,
        open_delay: float = OPEN_DELAY_S,
        watch_interval: float | None = None,
        remember: bool = True,
        **options: Any,
    ) -> None:
        """`watch_interval`: look for added, changed or removed files that often (seconds).
        `remember=False` (a `serve` visitor): theme and list width changes last the session,
        state.json is never written.

        The app speaks the language in use when it is made (`core.i18n.set_language`)."""
        translate_bindings()  # before any screen or widget copies its class's bindings
        super().__init__()
        self._bindings = translated_map(self._bindings)  # with the palette's, added just now
        self.main_screen = MainScreen(open_delay=open_delay)
        self.paths = list(paths) if paths else None
        self.loader = loader or default_loader
        self.options = options
        self.corpus: Corpus | None = None
        self.load_seconds: float | None = None
        #: Set by quit: keys already typed behind it must not open screens while it exits.
        self.quitting = False
        self._last_progress = 0.0
        self._remember_theme = False
        self.watch_interval = watch_interval
        self.state = AppState(persistent=remember)
        #: The files as last read (see `folder_state`); a load is running / another is due.
        self._files_read: FolderState | None = None
        self._loading = False
        self._reload_due = False
        #: How many of the corpus's notices were shown (the entity table may add some).
        self._notices_shown = 0

    def get_default_screen(self) -> MainScreen:
        return self.main_screen

    def on_mount(self) -> None:
        self.load()
        self._apply_settings()
        if self.watch_interval:
            self.set_interval(self.watch_interval, self._look_for_changes)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self.quitting = True
        super().exit(*args, **kwargs)

    def on_key(self, event: events.Key) -> None:
        """Before Textual's bindings: a character typed behind `/` or `t` that came back up
        here goes to the search box it was meant for (see SearchModal.take_typed)."""
        if isinstance(self.screen, SearchModal) and self.screen.take_typed(event):
            event.prevent_default()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.quitting or action == "quit"  # no help or palette mid-shutdown

    # -- settings ------------------------------------------------------------------------------

    def _apply_settings(self) -> None:
        """Keys from config.toml, the theme last picked (else config's); problems shown."""
        settings, problems = load_settings()
        known = {
            binding.id
            for _title, items in self.help_sections()
            for item in items
            for binding in Binding.make_bindings([item])
            if binding.id
        }
        keymap, wrong_keys = checked_keymap(settings, known)
        problems += wrong_keys
        if keymap:
            self.set_keymap(keymap)
        configured, wrong_theme = checked_theme(settings, self.available_themes)
        problems += wrong_theme
        theme = self.state.load().get("theme") or configured
        if isinstance(theme, str) and theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                problems.append(
                    _("{path}: unknown theme {theme}; kept {kept}").format(
                        path=state_path(), theme=repr(theme), kept=repr(self.theme)
                    )
                )
        for problem in problems:
            self.notify(problem, title=_("Settings"), severity="warning", markup=False, timeout=8)
        self._remember_theme = True

    def get_css_variables(self) -> dict[str, str]:
        """The theme's colours plus the palette's ($kind-official, $search-mark...), derived
        from it unless the theme sets them itself."""
        variables = super().get_css_variables()
        return {**theme_colors(variables), **variables}

    def watch_theme(self, theme: str) -> None:
        if self._remember_theme:
            failed = self.state.save({"theme": theme})
            if failed:
                self.notify(failed, title=_("Settings"), severity="warning", markup=False)

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the folders again (refresh key, watch mode): the cache re-parses only new or
        changed files; one reload at a time, another one after it if asked for meanwhile."""
        if self._loading:
            self._reload_due = True
        else:
            self._loading = True  # now, not when the thread starts: a second call waits
            self.load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        """Parse (or read from the index) off the UI thread, reporting progress."""
        self._loading = True
        started = time.perf_counter()
        try:
            # Noted before reading: a file written during the load is seen by the next look.
            files_read = folder_state(self.paths) if self.watch_interval else None
            corpus = self.loader(self.paths, progress=self._progress_from_thread, **self.options)
            if self.corpus is not None:  # a refresh: the filters in use need its entities
                corpus.entity_table  # noqa: B018 (waits here, off the UI thread)
        except Exception as err:  # show it; a traceback in a TUI helps nobody
            self.call_from_thread(self._load_failed, err)
            return
        self.load_seconds = time.perf_counter() - started
        self.call_from_thread(self._loaded, corpus, files_read)

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _look_for_changes(self) -> None:
        """Watch mode: compare the folders with what was last read (stat only, no reading)."""
        if self._loading or self._files_read is None:
            return
        if folder_state(self.paths) != self._files_read:
            self.call_from_thread(self.reload)

    @work(thread=True, exclusive=True, group="finder-index", exit_on_error=False)
    def build_finder_index(self, refreshed: bool = False) -> None:
        """The entity table, then the fuzzy index (restored, or built: seconds for 100k
        entities), once the list is on screen, so launch waits for neither; a search typed
        meanwhile waits in its own worker.

        After a refresh, the collector then frees what the loads froze and the app dropped
        (`collect_frozen`: the old corpus, if anything made it cyclic). The corpus is read
        here, not passed: Textual may keep a finished worker, and with it its arguments."""
        corpus = self.corpus
        if corpus is None:
            return
        try:
            corpus.entity_table  # noqa: B018 (waits for the thread loading it)
        except Exception as err:  # said once, here; what needs the entities stays unusable
            self.call_from_thread(self._entities_failed, corpus, err)
            return
        self.call_from_thread(self._entities_in, corpus)
        corpus.finder  # noqa: B018 (the property builds the index)
        if refreshed and corpus is self.corpus:
            del corpus
            collect_frozen()

    def _entities_in(self, corpus: Corpus) -> None:
        if corpus is self.corpus:
            self._show_new_notices(corpus)
            self.main_screen.entities_in()

    def _show_new_notices(self, corpus: Corpus) -> None:
        for notice in corpus.notices[self._notices_shown :]:
            self.notify(localized(str(notice)), markup=False)
        self._notices_shown = len(corpus.notices)

    def _entities_failed(self, corpus: Corpus, err: Exception) -> None:
        if corpus is self.corpus:
            message = str(err) or type(err).__name__
            title = _("Could not read the entities")
            self.notify(message, title=title, severity="error", markup=False, timeout=10)

    def _progress_from_thread(self, done: int, total: int, path: Path | None = None) -> None:
        now = time.perf_counter()
        if done < total and now - self._last_progress < PROGRESS_INTERVAL_S:
            return
        self._last_progress = now
        self.call_from_thread(self.main_screen.show_progress, done, total)

    def _load_done(self) -> None:
        self._loading = False
        if self._reload_due:
            self._reload_due = False
            self.reload()

    def _load_failed(self, err: Exception) -> None:
        self._load_done()
        if self.corpus is not None:  # a reload: keep showing what was read before
            self.notify(str(err), title=_("Refresh failed"), severity="error", markup=False)
            return
        self.main_screen.show_failure(err)
        self.notify(str(err), title=_("Loading failed"), severity="error", markup=False)

    def _loaded(self, corpus: Corpus, files_read: FolderState | None = None) -> None:
        self._files_read = files_read
        previous, self.corpus = self.corpus, corpus
        self._notices_shown = 0 if previous is None else len(corpus.notices)
        if previous is None:
            self.main_screen.show_corpus(corpus)
        else:
            self.main_screen.update_corpus(corpus)
            added = len(corpus.summaries) - len(previous.summaries)
            if added:
                message = ngettext("{count:+d} bulletin(s)", "{count:+d} bulletin(s)", abs(added))
                self.notify(message.format(count=added), title=_("Refreshed"), markup=False)
        self.call_after_refresh(self.build_finder_index, previous is not None)
        self._load_done()
        if previous is not None:
            return  # its notices and skipped files were shown at launch
        self._show_new_notices(corpus)
        skipped = corpus.skipped
        if not corpus.summaries:
            message = nothing_found(self.paths or [seeds_dir()], skipped)
            self.main_screen.show_nothing_found(message)
            self.notify(message, title=_("Nothing to read"), severity="warning", markup=False)
        elif skipped:
            names = ", ".join(Path(path).name for path, _reason in skipped[:3])
            if len(skipped) > 3:
                message = ngettext(
                    "{count} file(s) skipped: {names} and {more} more",
                    "{count} file(s) skipped: {names} and {more} more",
                    len(skipped),
                ).format(count=len(skipped), names=names, more=len(skipped) - 3)
            else:
                message = ngettext(
                    "{count} file(s) skipped: {names}",
                    "{count} file(s) skipped: {names}",
                    len(skipped),
                ).format(count=len(skipped), names=names)
            self.notify(message, title=_("Skipped"), markup=False)

    # -- help ----------------------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self) -> list[tuple[str, Iterable[BindingType]]]:
        """(title, bindings) in English; the help screen translates both as it draws them."""
        return [
            (N_("Everywhere"), self.BINDINGS),
            (N_("Main screen"), MainScreen.BINDINGS),
            (
                N_("Panes"),
                [
                    Binding("tab", "focus_next", N_("Next pane"), id="app.focus_next"),
                    Binding(
                        "shift+tab", "focus_previous", N_("Previous pane"), id="app.focus_previous"
                    ),
                    Binding(
                        "ctrl+p", "command_palette", N_("Command palette"), id="app.command_palette"
                    ),
                ],
            ),
            (N_("Bulletin list, sidebar, result lists"), LineList.BINDINGS),
            (N_("Reader"), ReaderView.BINDINGS),
            (N_("Timeline (d)"), TimelineStrip.BINDINGS),
            (N_("Finder"), FinderScreen.BINDINGS),
            (N_("Text search"), TextSearchScreen.BINDINGS),
            (N_("Profile"), ProfileScreen.BINDINGS),
        ]

    # -- Textual's own words -------------------------------------------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_(PALETTE_PLACEHOLDER))
            )

    def search_themes(self) -> None:
        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=_(THEMES_PLACEHOLDER))
        )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        return translated_commands(super().get_system_commands(screen))

    def get_key_display(self, binding: Binding) -> str:
        return translated_key_display(super().get_key_display(binding))


def make_app(paths: Sequence[str | Path] | None = None, **options: Any) -> ImssApp:
    """The app for `paths` (None: the bundled seeds); options go to `load_corpus`.

    `loader=` replaces `core.load_corpus` (benchmarks, tests of failure paths).
    """
    return ImssApp([str(p) for p in paths] if paths else None, **options)


__all__ = ["ImssApp", "make_app"]
