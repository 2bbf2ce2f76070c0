"""The bulletin list: two lines per bulletin (date, place and number, then the title's
distinctive part), filterable."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import pairwise
from pathlib import Path
from typing import ClassVar

from rich.text import Text

from core.i18n import N_, _
from core.models import BulletinSummary
from core.stored_messages import localized
from core.visible import visible_path
from tui.date_labels import date_label
from tui.safe_text import append_safe
from tui.widgets.line_list import LineList

#: Up to this many bulletins, the titles' shared words are found before the first frame (a
#: few milliseconds); beyond, that long after it.
SHARED_WORDS_AT_ONCE = 5_000
SHARED_WORDS_DELAY_S = 0.2


def bulletin_label(bulletin: BulletinSummary) -> str:
    """What a bulletin is called where there is no room for more: its title or file name."""
    if bulletin.title:
        return bulletin.title
    if bulletin.source:
        return visible_path(Path(bulletin.source).name)
    return bulletin.id


def shared_lead_words(titles: Sequence[str | None]) -> list[int]:
    """For each title, how many of its first words another title starts with too ("FIRMAN
    IMSS Y GOBIERNO DE" in two agreements): the list skips them when the row is too narrow.

    The longest word prefix shared with any other title is the one shared with a neighbour
    in sorted order, so this is one sort, not a comparison of every pair. Titles are sorted
    as strings with their words joined by NUL, which orders them as their word lists would
    be and sorts 50,000 titles in C (a sort of word tuples took ~0.7 s on the UI thread)."""
    joined = ["\0".join((title or "").casefold().split()) for title in titles]
    order = sorted(range(len(joined)), key=joined.__getitem__)
    shared = [0] * len(joined)
    for a, b in pairwise(order):
        left, right = joined[a], joined[b]
        if not left or not right or left[0] != right[0]:
            continue
        end = _common_prefix(left, right)
        common = left.count("\0", 0, end)
        if (end == len(left) or left[end] == "\0") and (end == len(right) or right[end] == "\0"):
            common += 1  # the last word of the prefix is whole in both
        shared[a], shared[b] = max(shared[a], common), max(shared[b], common)
    return shared


def _common_prefix(left: str, right: str) -> int:
    """The length of the longest common prefix: a binary search of slice comparisons."""
    lo, hi = 0, min(len(left), len(right))
    while lo < hi:
        middle = (lo + hi + 1) // 2
        if left[:middle] == right[:middle]:
            lo = middle
        else:
            hi = middle - 1
    return lo


def first_error(bulletin: BulletinSummary) -> str:
    """The reason the bulletin could not be read, in the interface's language."""
    for issue in bulletin.issues:
        if issue.severity == "error":
            return localized(issue.message)
    return _("could not be read")


class BulletinList(LineList):
    """All bulletins in corpus order; a filter narrows them to a set of ids."""

    DEFAULT_CSS = """
    BulletinList .bulletin-list--meta { color: $text-muted; }
    """

    empty_message = N_("No bulletins.")
    uniform_height: ClassVar[int | None] = 2  # a title line and a meta line

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._all: list[BulletinSummary] = []
        self._shown: list[BulletinSummary] = []
        self._shared: dict[str, int] = {}

    @property
    def total(self) -> int:
        return len(self._all)

    @property
    def shown(self) -> Sequence[BulletinSummary]:
        return self._shown

    @property
    def current(self) -> BulletinSummary | None:
        if 0 <= self.cursor < len(self._shown):
            return self._shown[self.cursor]
        return None

    def set_bulletins(self, bulletins: Sequence[BulletinSummary]) -> None:
        self._all = list(bulletins)
        self._shown = list(self._all)
        self._shared = {}
        self.reset(0 if self._shown else None)
        listed = self._all
        if len(listed) <= SHARED_WORDS_AT_ONCE:
            self._find_shared_words(listed)
        else:  # after the first frame: 50,000 titles take a fifth of a second to sort
            self.set_timer(SHARED_WORDS_DELAY_S, lambda: self._find_shared_words(listed))

    def _find_shared_words(self, bulletins: Sequence[BulletinSummary]) -> None:
        """Which leading words each title shares with another: a title too long for its
        row skips them. Only shortens titles, so it can wait for the first frame."""
        if bulletins is not self._all:
            return  # replaced meanwhile
        shared = shared_lead_words([b.title for b in bulletins])
        self._shared = {b.id: n for b, n in zip(bulletins, shared, strict=True) if n}
        self._cache.clear()
        self.refresh()

    def update_bulletins(
        self, bulletins: Sequence[BulletinSummary], ids: Collection[str] | None
    ) -> None:
        """The corpus was read again: same filter (`ids`), the cursor stays on its bulletin
        and on its row of the screen, even when bulletins were added above it."""
        current = self.current
        row = None
        if current is not None and 0 <= self.cursor < len(self._starts):
            row = self._starts[self.cursor] - self.scroll_offset.y
        self._all = list(bulletins)
        self.set_filter(ids, select=current.id if current else None)
        if row is not None and 0 <= self.cursor < len(self._starts):
            self.scroll_to(y=max(0, self._starts[self.cursor] - row), animate=False)

    def set_filter(self, ids: Collection[str] | None, select: str | None = None) -> None:
        """Show only bulletins whose id is in `ids` (None: all); keep or move the cursor."""
        keep = select or (self.current.id if self.current else None)
        if ids is None:
            self._shown = list(self._all)
        else:
            wanted = set(ids)
            self._shown = [b for b in self._all if b.id in wanted]
        index = self.index_of(keep) if keep else None
        self.reset(index if index is not None else 0)

    def index_of(self, bulletin_id: str) -> int | None:
        for index, bulletin in enumerate(self._shown):
            if bulletin.id == bulletin_id:
                return index
        return None

    def select_id(self, bulletin_id: str) -> bool:
        index = self.index_of(bulletin_id)
        if index is None:
            return False
        self.cursor = index
        return True

    # -- LineList ------------------------------------------------------------------------------

    def item_count(self) -> int:
        return len(self._shown)

    def item_height(self, index: int) -> int:
        return 2

    def render_item_line(self, index: int, line: int, width: int) -> Text:
        bulletin = self._shown[index]
        text = Text()
        if line == 0:
            if bulletin.failed:
                text.append(_("✗ failed") + " ", style="bold red")
                append_safe(text, visible_path(Path(bulletin.source or bulletin.id).name), "red")
                return text
            text.append_text(date_label(bulletin))
            if bulletin.place:
                text.append("  ")
                place = bulletin.place
                if text.cell_len + len(place) > width:  # the town tells rows apart, not its state
                    place = place.partition(",")[0]
                append_safe(text, place, "italic")
            if bulletin.number:
                text.append("  " + _("No.") + " ", style="dim")
                append_safe(text, bulletin.number, "dim")
            return text
        text.append("  ")
        if bulletin.failed:
            append_safe(text, first_error(bulletin), "italic")
            return text
        label = bulletin_label(bulletin)
        shared = self._shared.get(bulletin.id, 0)
        if bulletin.title and shared and len(label) > width - 2:
            # too narrow for the whole title: skip the words other titles start with too
            words = label.split()
            if shared < len(words):
                text.append("… ", style="dim")
                label = " ".join(words[shared:])
        append_safe(text, label)
        return text
