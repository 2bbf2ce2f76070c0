"""Export what the list shows now: the prompt, the export in a worker, the notification.

Shared by whichever screen holds the bulletin list, so the key and the palette command run
the same code. Writing happens off the UI thread: mentions of 10,000 bulletins take seconds.

In a browser (`imss-tui serve`) the file is the visitor's, not the server's: it is built in
memory and handed to the browser as a download (Textual's `App.deliver_binary`); nothing is
written on the server, whatever path the visitor types (only its file name is kept).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from core.export import GRAPH_FORMATS, ExportError, export, export_file, format_for, ranks_of
from core.i18n import _, ngettext
from core.models import BulletinSummary
from core.textfold import slug
from tui.screens.export_prompt import ExportRequest, ExportScreen, what_label

if TYPE_CHECKING:
    from textual.app import App

    from core.corpus import Corpus

#: What a download is sent as (the browser's Content-Type; text is UTF-8).
MIME_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/jsonl; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
}
_SAFE_STEM = re.compile(r"[A-Za-z0-9._-]+")


def download_name(typed: Path) -> str:
    """The name a browser download gets for the path a visitor typed: its last part, folded
    to ASCII letters, digits, dots and dashes (it goes in an HTTP header), suffix kept."""
    name = typed.name
    suffix = Path(name).suffix.lower()
    stem = name[: len(name) - len(suffix)] if suffix else name
    safe = stem if _SAFE_STEM.fullmatch(stem) else slug(stem)
    return f"{safe.strip('.') or 'imss'}{suffix}"


def open_export(app: App[object], corpus: Corpus, shown: Sequence[BulletinSummary]) -> None:
    """Ask what and where, then export the bulletins `shown` (the list's current rows)."""
    ids = [summary.id for summary in shown]

    def done(request: ExportRequest | None) -> None:
        if request is not None:
            run_export(app, corpus, ids, request)

    app.push_screen(ExportScreen(len(ids), download=app.is_web), done)


def run_export(
    app: App[object], corpus: Corpus, ids: Sequence[str], request: ExportRequest
) -> None:
    """Write the file in a thread (or send it to the browser); a notification names it and
    the rows (or the error)."""

    def job() -> None:
        path = request.path
        try:
            if app.is_web:
                name = download_name(path)
                fmt = format_for(Path(name))
                what = "network" if fmt in GRAPH_FORMATS else request.what
                data = io.BytesIO()
                count = export(corpus, ranks_of(corpus, ids), what, fmt, data)
            else:
                count = export_file(corpus, ranks_of(corpus, ids), request.what, path)
                fmt = format_for(path)
        except Exception as err:  # an ExportError, or entities that could not be read
            if not isinstance(err, ExportError) and corpus.entities_error is None:
                raise
            app.call_from_thread(
                app.notify, str(err), title=_("Export failed"), severity="error", markup=False
            )
            return
        graph = fmt in GRAPH_FORMATS
        what = what_label("network" if graph else request.what)
        if app.is_web:
            app.call_from_thread(
                app.deliver_binary, data, save_filename=name, mime_type=MIME_TYPES[fmt]
            )
            message = _sent(graph, count).format(count=count, what=what, name=name)
        else:
            message = _written(graph, count).format(count=count, what=what, path=path.resolve())
        app.call_from_thread(app.notify, message, title=_("Exported"), markup=False, timeout=8)

    app.run_worker(job, thread=True, group="export", name="export")


def _written(graph: bool, count: int) -> str:
    if graph:
        return ngettext(
            "{count} nodes and edges ({what}) written to {path}",
            "{count} nodes and edges ({what}) written to {path}",
            count,
        )
    return ngettext(
        "{count} rows ({what}) written to {path}", "{count} rows ({what}) written to {path}", count
    )


def _sent(graph: bool, count: int) -> str:
    if graph:
        return ngettext(
            "{count} nodes and edges ({what}) sent to your browser as {name}",
            "{count} nodes and edges ({what}) sent to your browser as {name}",
            count,
        )
    return ngettext(
        "{count} rows ({what}) sent to your browser as {name}",
        "{count} rows ({what}) sent to your browser as {name}",
        count,
    )
