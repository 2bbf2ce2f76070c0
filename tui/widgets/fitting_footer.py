"""The footer, fitted to the terminal's width: the keys that fit, the most useful kept.

Textual's Footer puts every shown binding on one line and lets the ones that do not fit run
under the palette key, cut mid-word (Spanish is ~20% longer than English). This one leaves out
whole keys instead: first the actions its screen names as least useful, in that order, then
the rightmost ones (the app's, furthest from what the focused widget does), never the help
key. `?` lists every key, so nothing leaves the app; widening the terminal brings them back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: The palette key's separator (its `border-left`).
_PALETTE_BORDER = 1


def key_width(key: FooterKey, *, compact: bool) -> int:
    """Cells `key` takes on the line, its margin included (Textual's Footer CSS)."""
    text = cell_len(key.key_display)
    if key.description:
        text += 1 + cell_len(key.description)
    if compact:
        return text + 1  # margin-right: 1
    return text + 2 + (1 if key.description else 0)  # key padding 0 1, description's right


def fitted(
    items: Sequence[Widget],
    room: int,
    *,
    compact: bool,
    drop_first: Sequence[str] = (),
    keep: Iterable[str] = ("help",),
) -> list[Widget]:
    """`items` without the keys that do not fit in `room` cells beside the palette key."""
    kept = list(items)
    keys = [item for item in kept if isinstance(item, FooterKey)]
    palette = [key for key in keys if key.has_class("-command-palette")]
    line = [key for key in keys if key not in palette]
    used = sum(key_width(key, compact=compact) for key in line)
    room -= sum(key_width(key, compact=compact) + _PALETTE_BORDER for key in palette)
    always = set(keep)
    for victim in _drop_order(line, drop_first, always):
        if used <= room:
            break
        kept.remove(victim)
        used -= key_width(victim, compact=compact)
    return kept


def _drop_order(
    line: Sequence[FooterKey], drop_first: Sequence[str], keep: set[str]
) -> list[FooterKey]:
    rank = {action: at for at, action in enumerate(drop_first)}
    named = sorted((key for key in line if key.action in rank), key=lambda k: rank[k.action])
    rest = [key for key in reversed(line) if key.action not in rank and key.action not in keep]
    return named + rest


class FittingFooter(Footer):
    """A Footer that shows the keys that fit; `drop_first`: actions to leave out first."""

    def __init__(self, *, drop_first: Sequence[str] = (), compact: bool = False) -> None:
        super().__init__(compact=compact)
        self.drop_first = tuple(drop_first)

    def compose(self) -> ComposeResult:
        items = list(super().compose())
        if self.size.width <= 0:  # not laid out yet: a resize composes it again
            yield from items
            return
        yield from fitted(items, self.size.width, compact=self.compact, drop_first=self.drop_first)

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)
