"""The current bulletin's entities, grouped by kind, with mention counts."""

from __future__ import annotations

from dataclasses import dataclass

from rich._wrap import divide_line
from rich.style import Style
from rich.text import Text

from core.i18n import N_
from core.models import Bulletin, BulletinEntity
from tui.kinds import KIND_ORDER, kind_heading
from tui.palette import Palette
from tui.safe_text import append_safe
from tui.widgets.line_list import LineList


@dataclass(frozen=True)
class _Row:
    heading: str | None = None
    count: int = 0
    entity: BulletinEntity | None = None
    first_group: bool = False


def group_entities(bulletin: Bulletin | None) -> list[_Row]:
    """Headings followed by their entities, most mentioned first, in the fixed kind order."""
    rows: list[_Row] = []
    if bulletin is None:
        return rows
    for kind in KIND_ORDER:
        members = [e for e in bulletin.entities if e.kind == kind]
        if not members:
            continue
        members.sort(key=lambda e: (-len(e.mentions), e.mentions[0].start if e.mentions else 0))
        rows.append(_Row(heading=kind_heading(kind), count=len(members), first_group=not rows))
        rows.extend(_Row(entity=e) for e in members)
    return rows


class EntitySidebar(LineList):
    """Officials (with role), Places, Facilities, Institutions of one bulletin."""

    heights_follow_width = True

    empty_message = N_("No entities found.")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[_Row] = []
        self.bulletin: Bulletin | None = None
        self._wrapped: dict[tuple[int, int], list[Text]] = {}

    def show_bulletin(self, bulletin: Bulletin | None) -> None:
        self.bulletin = bulletin
        self._wrapped.clear()
        self._rows = group_entities(bulletin)
        self.reset()

    @property
    def current(self) -> BulletinEntity | None:
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor].entity
        return None

    def entities(self) -> list[BulletinEntity]:
        return [row.entity for row in self._rows if row.entity is not None]

    def select_entity(self, entity: BulletinEntity) -> None:
        for index, row in enumerate(self._rows):
            if row.entity is entity:
                self.cursor = index
                return

    def palette_changed(self) -> None:
        self._wrapped.clear()
        super().palette_changed()

    # -- LineList ------------------------------------------------------------------------------

    def item_count(self) -> int:
        return len(self._rows)

    def selectable(self, index: int) -> bool:
        return self._rows[index].entity is not None

    def item_height(self, index: int) -> int:
        row = self._rows[index]
        if row.entity is None:
            return 1 if row.first_group else 2
        return len(self._entity_lines(row.entity, self.scrollable_content_region.width))

    def render_item_line(self, index: int, line: int, width: int) -> Text:
        row = self._rows[index]
        if row.entity is None:
            text = Text()
            if line == 0 and not row.first_group:
                return text
            text.append(row.heading or "", style="bold underline")
            text.append(f" {row.count}", style="dim")
            return text
        lines = self._entity_lines(row.entity, width)
        return lines[line] if line < len(lines) else Text()

    def _entity_lines(self, entity: BulletinEntity, width: int) -> list[Text]:
        """Name (count at the right) and role, each wrapped rather than cut: a long role is
        what tells two officials apart. Cached per width; heights come from the same lines."""
        key = (id(entity), width)
        lines = self._wrapped.get(key)
        if lines is None:
            lines = entity_lines(entity, width, self.palette)
            self._wrapped[key] = lines
        return lines


#: At most this many lines for a name and for a role; the profile shows them whole.
NAME_LINES = 2
ROLE_LINES = 3
INDENT = "   "


def _wrap(text: Text, width: int, limit: int) -> list[Text]:
    """`text` folded into lines of `width` cells, at most `limit`, the last one ellipsized."""
    plain = text.plain
    if not plain:
        return []
    offsets = divide_line(plain, max(1, width), fold=True)
    pieces = list(text.divide(offsets))
    if len(pieces) > limit:
        rest = Text("").join(pieces[limit - 1 :])
        rest.truncate(width, overflow="ellipsis")
        pieces = [*pieces[: limit - 1], rest]
    for piece in pieces:
        piece.rstrip()
    return pieces


def entity_lines(entity: BulletinEntity, width: int, palette: Palette) -> list[Text]:
    """` ● José Antonio González ×2` / `   Anaya` / `   Director General del …` lines."""
    width = max(12, width)
    count = f" ×{len(entity.mentions)}"
    style = palette.kind[entity.kind]
    name = append_safe(Text(), entity.name, style)
    room = width - len(INDENT) - len(count)
    names = _wrap(name, room, NAME_LINES) or [Text()]
    first = Text(" ● ", style=Style(color=style.color))
    first.append_text(names[0])
    first.append(" " * max(0, width - first.cell_len - len(count)))
    first.append(count, style="dim")
    lines = [first]
    lines += [Text(INDENT) + piece for piece in names[1:]]
    if entity.role:
        role = append_safe(Text(), entity.role, "italic dim")
        lines += [Text(INDENT) + piece for piece in _wrap(role, width - len(INDENT), ROLE_LINES)]
    return lines
