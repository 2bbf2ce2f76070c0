"""The explorer app: loads the corpus, applies settings and theme, shows help.

The list | reader | sidebar layout and its actions are `tui.screens.main.MainScreen`.
Built by `make_app(...)` so the CLI, the tests and the benchmarks run the very same app.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from core.discover import nothing_found, seeds_dir
from tui.palette import theme_colors
from tui.screens.finder import FinderScreen
from tui.screens.help import HelpScreen
from tui.screens.main import OPEN_DELAY_S, MainScreen
from tui.screens.profile import ProfileScreen
from tui.screens.text_search import TextSearchScreen
from tui.settings import (
    checked_keymap,
    checked_theme,
    load_settings,
    load_state,
    save_state,
    state_path,
)
from tui.widgets.line_list import LineList
from tui.widgets.reader import ReaderView

if TYPE_CHECKING:
    from core.corpus import Corpus

Loader = Callable[..., "Corpus"]

#: Progress callbacks arrive from the loading thread; redraw at most this often.
PROGRESS_INTERVAL_S = 0.05


def default_loader(paths: Sequence[str] | None, **options: Any) -> Corpus:
    from core.corpus import load_corpus

    return load_corpus(paths, **options)


class ImssApp(App[None]):
    """Browse a corpus of IMSS bulletins by the people, places and units they mention."""

    TITLE = "imss-tui"
    CSS_PATH = "app.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
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

    def get_default_screen(self) -> MainScreen:
        return self.main_screen

    def on_mount(self) -> None:
        self.load()
        self._apply_settings()

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self.quitting = True
        super().exit(*args, **kwargs)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.quitting or action == "quit"  # no help or palette mid-shutdown

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
        configured, wrong_theme = checked_theme(settings, self.available_themes)
        problems += wrong_theme
        theme = load_state().get("theme") or configured
        if isinstance(theme, str) and theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                problems.append(f"{state_path()}: unknown theme {theme!r}; kept {self.theme!r}")
        for problem in problems:
            self.notify(problem, title="Settings", severity="warning", markup=False, timeout=8)
        self._remember_theme = True

    def get_css_variables(self) -> dict[str, str]:
        """The theme's colours plus the palette's ($kind-official, $search-mark...), derived
        from it unless the theme sets them itself."""
        variables = super().get_css_variables()
        return {**theme_colors(variables), **variables}

    def watch_theme(self, theme: str) -> None:
        if self._remember_theme:
            failed = save_state({"theme": theme})
            if failed:
                self.notify(failed, title="Settings", severity="warning", markup=False)

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
    def build_finder_index(self, corpus: Corpus) -> None:
        """The fuzzy index takes seconds for 100k entities: built once the list is on screen,
        so launch does not wait for it; a search typed meanwhile waits in its own worker."""
        corpus.finder  # noqa: B018 (the property builds the index)

    def _progress_from_thread(self, done: int, total: int, path: Path | None = None) -> None:
        now = time.perf_counter()
        if done < total and now - self._last_progress < PROGRESS_INTERVAL_S:
            return
        self._last_progress = now
        self.call_from_thread(self.main_screen.show_progress, done, total)

    def _load_failed(self, err: Exception) -> None:
        self.main_screen.show_failure(err)
        self.notify(str(err), title="Loading failed", severity="error", markup=False)

    def _loaded(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.main_screen.show_corpus(corpus)
        self.call_after_refresh(self.build_finder_index, corpus)
        for notice in corpus.notices:
            self.notify(str(notice), markup=False)
        skipped = corpus.skipped
        if not corpus.summaries:
            message = nothing_found(self.paths or [seeds_dir()], skipped)
            self.main_screen.show_nothing_found(message)
            self.notify(message, title="Nothing to read", severity="warning", markup=False)
        elif skipped:
            names = ", ".join(Path(path).name for path, _ in skipped[:3])
            more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
            self.notify(
                f"{len(skipped)} file(s) skipped: {names}{more}", title="Skipped", markup=False
            )

    # -- help ----------------------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self) -> list[tuple[str, Iterable[BindingType]]]:
        return [
            ("Everywhere", self.BINDINGS),
            ("Main screen", MainScreen.BINDINGS),
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


__all__ = ["ImssApp", "make_app"]
