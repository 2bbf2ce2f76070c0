"""The command palette (ctrl+p) on the main screen offers its actions, not just Textual's."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from core.i18n import N_, _

#: (title, help, action name on the main screen); title and help translated when shown.
EXPLORER_COMMANDS: tuple[tuple[str, str, str], ...] = (
    (
        N_("Find entity"),
        N_("Fuzzy-find an official, place, facility or institution (/ or ctrl+k)"),
        "finder",
    ),
    (N_("Search all text"), N_("Full-text search over every bulletin (t)"), "text_search"),
    (N_("Search in bulletin"), N_("Find words in the open bulletin (s)"), "search_reader"),
    (N_("Clear filters"), N_("Show every bulletin again (esc)"), "clear"),
    (
        N_("Filter by selected entity"),
        N_("List only bulletins that mention it (f)"),
        "filter_entity",
    ),
    (N_("Entity profile"), N_("Names, roles, bulletins and co-occurring entities (p)"), "profile"),
    (N_("Next mention"), N_("Jump to the next mention or match (n)"), "next_mention"),
    (N_("Previous mention"), N_("Jump to the previous mention or match (N)"), "previous_mention"),
    (N_("Toggle entity sidebar"), N_("Show or hide the entities pane (e)"), "toggle_sidebar"),
    (
        N_("Toggle timeline"),
        N_("Bulletins per month; enter filters to a month (d)"),
        "toggle_timeline",
    ),
    (N_("Filter by dates"), N_("Type 2015, 2024-04 or 2015-01..2015-12 (D)"), "type_dates"),
    (N_("Undated only"), N_("Filter to bulletins without a date (u)"), "filter_undated"),
    (N_("Remove last filter"), N_("Drop the last filter chip (backspace)"), "remove_chip"),
    (
        N_("Export list"),
        N_("Write the listed bulletins, their entities, mentions, quotes or network to a file (x)"),
        "export",
    ),
    (N_("Show keys"), N_("Every key binding and its id (?)"), "app.help"),
)


class ExplorerCommands(Provider):
    """Palette entries for the main screen's actions; each runs the same action as its key."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        return [
            (_(title), _(help_text), partial(self.screen.run_action, action))
            for title, help_text, action in EXPLORER_COMMANDS
        ]

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
