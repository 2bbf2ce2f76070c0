"""A one-line Input whose placeholder fits the pane it is in.

A placeholder is a one-line hint: in the list pane (26 cells at 80 columns, 20 when narrowed)
the date filter's examples were cut mid-range, and Spanish ones are longer still. The
placeholder here is the longest of a few variants, most helpful first, that fits the width.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.widgets import Input


class FittedInput(Input):
    """`placeholders`: longest first; the last is shown when none fits."""

    def __init__(self, placeholders: Sequence[str], **options: object) -> None:
        super().__init__(placeholder=placeholders[0], **options)  # type: ignore[arg-type]
        self.placeholders = tuple(placeholders)

    def on_resize(self) -> None:
        room = self.content_size.width  # an empty Input's cursor sits on the hint's first cell
        self.placeholder = next(
            (hint for hint in self.placeholders if cell_len(hint) <= room), self.placeholders[-1]
        )
