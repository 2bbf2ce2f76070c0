"""The current bulletin's entities, grouped by kind, with mention counts."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from core.models import Bulletin, BulletinEntity
from tui.kinds import KIND_COLOR, KIND_HEADING, KIND_ORDER, kind_style
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
        rows.append(_Row(heading=KIND_HEADING[kind], count=len(members), first_group=not rows))
        rows.extend(_Row(entity=e) for e in members)
    return rows


class EntitySidebar(LineList):
    """Officials (with role), Places, Facilities, Institutions of one bulletin."""

    empty_message = "No entities found."

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[_Row] = []
        self.bulletin: Bulletin | None = None

    def show_bulletin(self, bulletin: Bulletin | None) -> None:
        self.bulletin = bulletin
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

    # -- LineList ------------------------------------------------------------------------------

    def item_count(self) -> int:
        return len(self._rows)

    def selectable(self, index: int) -> bool:
        return self._rows[index].entity is not None

    def item_height(self, index: int) -> int:
        row = self._rows[index]
        if row.entity is None:
            return 1 if row.first_group else 2
        return 2 if row.entity.role else 1

    def render_item_line(self, index: int, line: int, width: int) -> Text:
        row = self._rows[index]
        text = Text()
        if row.entity is None:
            if line == 0 and not row.first_group:
                return text
            text.append(row.heading or "", style="bold underline")
            text.append(f" {row.count}", style="dim")
            return text
        entity = row.entity
        if line == 1:
            text.append("   ")
            append_safe(text, entity.role or "", "italic dim")
            return text
        count = f" ×{len(entity.mentions)}"
        text.append(" ● ", style=KIND_COLOR[entity.kind])
        append_safe(text, entity.name, kind_style(entity.kind))
        room = width - text.cell_len - len(count)
        if room > 0:
            text.append(" " * room)
        else:
            text.truncate(max(1, width - len(count)), overflow="ellipsis")
        text.append(count, style="dim")
        return text
