"""The export prompt: what to export from the current list, and the file to write.

The file's suffix picks the format (.csv .jsonl .md .graphml .gexf); a graph format always
holds the co-mention network. The default is a CSV in the current directory named after what
is exported and the time, so enter alone is enough. In a browser the file is downloaded, so
the name is all that counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from core.export import WHATS
from core.i18n import N_, _, ngettext
from core.textfold import slug

#: How each export's `what` (an API name, kept in the file name) reads in the interface.
WHAT_LABELS = {
    "bulletins": N_("bulletins"),
    "entities": N_("entities"),
    "mentions": N_("mentions"),
    "quotes": N_("quotes"),
    "network": N_("network"),
}


def what_label(what: str) -> str:
    return _(WHAT_LABELS.get(what, what))


@dataclass(frozen=True)
class ExportRequest:
    what: str
    path: Path


def default_path(what: str, now: dt.datetime | None = None) -> str:
    """ "imss-bulletins-20250314-101500.csv" ("imss-boletines-..." in Spanish) in the current
    directory: the user's word for what is exported, folded to ASCII for any file system."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"imss-{slug(what_label(what))}-{stamp}.csv"


class ExportScreen(ModalScreen[ExportRequest | None]):
    """x (or the palette's "Export list"): pick what, type or accept a path, enter writes."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; background: $background 60%; }
    ExportScreen > #export-box {
        width: 80; max-width: 95%; height: auto; padding: 0 1;
        border: round $accent; border-title-color: $accent; background: $surface;
    }
    ExportScreen #export-hint { color: $text-muted; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Cancel"), id="export.close"),
    ]

    def __init__(self, shown: int, *, download: bool = False) -> None:
        """`download`: the file goes to the visitor's browser (`imss-tui serve`), so only a
        file name is asked for."""
        super().__init__()
        self.shown = shown
        self.download = download

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = ngettext(
                "Export the {count} bulletin listed",
                "Export the {count} bulletins listed",
                self.shown,
            ).format(count=self.shown)
            yield Select(
                [(what_label(what), what) for what in WHATS],
                value="bulletins",
                allow_blank=False,
                id="export-what",
            )
            yield Input(value=default_path("bulletins"), id="export-path", select_on_focus=False)
            hint = (
                _(".csv .jsonl .md, .graphml .gexf · enter: your browser downloads it · esc")
                if self.download
                else _(".csv .jsonl .md, or .graphml .gexf for the network · enter export · esc")
            )
            yield Static(Text(hint), id="export-hint")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-what")
    def _what_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        what = str(event.value)
        if path.value.startswith("imss-"):  # still a default name: follow the choice
            suffix = ".graphml" if what == "network" else Path(path.value).suffix or ".csv"
            path.value = str(Path(default_path(what)).with_suffix(suffix))

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if not typed:
            return
        what = str(self.query_one("#export-what", Select).value)
        self.dismiss(ExportRequest(what, Path(typed).expanduser()))

    def action_close(self) -> None:
        self.dismiss(None)
