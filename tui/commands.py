"""The command palette (ctrl+p) on the main screen offers its actions, not just Textual's."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

#: (title, help, action name on the main screen)
EXPLORER_COMMANDS: tuple[tuple[str, str, str], ...] = (
    (
        "Find entity",
        "Fuzzy-find an official, place, facility or institution (/ or ctrl+k)",
        "finder",
    ),
    ("Search all text", "Full-text search over every bulletin (t)", "text_search"),
    ("Search in bulletin", "Find words in the open bulletin (s)", "search_reader"),
    ("Clear filter", "Show every bulletin again (esc)", "clear"),
    ("Filter by selected entity", "List only bulletins that mention it (f)", "filter_entity"),
    ("Entity profile", "Names, roles, bulletins and co-occurring entities (p)", "profile"),
    ("Next mention", "Jump to the next mention or match (n)", "next_mention"),
    ("Previous mention", "Jump to the previous mention or match (N)", "previous_mention"),
    ("Toggle entity sidebar", "Show or hide the entities pane (e)", "toggle_sidebar"),
    (
        "Export list",
        "Write the listed bulletins, their entities, mentions, quotes or network to a file (x)",
        "export",
    ),
    ("Show keys", "Every key binding and its id (?)", "app.help"),
)


class ExplorerCommands(Provider):
    """Palette entries for the main screen's actions; each runs the same action as its key."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        return [
            (title, help_text, partial(self.screen.run_action, action))
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
