"""Export what the list shows now: the prompt, the export in a worker, the notification.

Shared by whichever screen holds the bulletin list, so the key and the palette command run
the same code. Writing happens off the UI thread: mentions of 10,000 bulletins take seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from core.export import GRAPH_FORMATS, ExportError, export_file, format_for, ranks_of
from core.i18n import _, ngettext
from core.models import BulletinSummary
from tui.screens.export_prompt import ExportRequest, ExportScreen, what_label

if TYPE_CHECKING:
    from textual.app import App

    from core.corpus import Corpus


def open_export(app: App[object], corpus: Corpus, shown: Sequence[BulletinSummary]) -> None:
    """Ask what and where, then export the bulletins `shown` (the list's current rows)."""
    ids = [summary.id for summary in shown]

    def done(request: ExportRequest | None) -> None:
        if request is not None:
            run_export(app, corpus, ids, request)

    app.push_screen(ExportScreen(len(ids)), done)


def run_export(
    app: App[object], corpus: Corpus, ids: Sequence[str], request: ExportRequest
) -> None:
    """Write the file in a thread; a notification names it and the rows (or the error)."""

    def job() -> None:
        path = request.path
        try:
            count = export_file(corpus, ranks_of(corpus, ids), request.what, path)
            graph = format_for(path) in GRAPH_FORMATS
        except Exception as err:  # an ExportError, or entities that could not be read
            if not isinstance(err, ExportError) and corpus.entities_error is None:
                raise
            app.call_from_thread(
                app.notify, str(err), title=_("Export failed"), severity="error", markup=False
            )
            return
        if graph:
            written = ngettext(
                "{count} nodes and edges ({what}) written to {path}",
                "{count} nodes and edges ({what}) written to {path}",
                count,
            )
        else:
            written = ngettext(
                "{count} rows ({what}) written to {path}",
                "{count} rows ({what}) written to {path}",
                count,
            )
        what = what_label("network" if graph else request.what)
        message = written.format(count=count, what=what, path=path.resolve())
        app.call_from_thread(app.notify, message, title=_("Exported"), markup=False, timeout=8)

    app.run_worker(job, thread=True, group="export", name="export")
