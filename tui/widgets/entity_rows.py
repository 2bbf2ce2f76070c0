"""One-line entity rows for the finder and the profile: kind, name, role, bulletin count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from core.models import Entity, Hit
from tui.kinds import KIND_BADGE
from tui.palette import Palette
from tui.safe_text import safe_text
from tui.widgets.line_list import LineList

BADGE_WIDTH = max(len(badge) for badge in KIND_BADGE.values()) + 1


def latest_role(entity: Entity) -> str | None:
    """The role seen most recently (roles without dates count as oldest)."""
    if not entity.roles:
        return None
    return max(entity.roles, key=lambda r: max(r.dates) if r.dates else dt.date.min).role


def highlighted(value: str, spans: Sequence[tuple[int, int]], style: Style, match: Style) -> Text:
    text = safe_text(value, style)
    for start, end in spans:
        if 0 <= start < end <= len(value):
            text.stylize(match, start, end)
    return text


def entity_row(
    entity: Entity, width: int, palette: Palette, hit: Hit | None = None, extra: str = ""
) -> Text:
    """`official  César Duarte Jáquez · Gobernador de Chihuahua     3 bull.`"""
    count = len(entity.bulletin_ids)
    right = extra or f"{count} bulletin{'s' if count != 1 else ''}"
    style = palette.kind[entity.kind]
    text = Text(KIND_BADGE[entity.kind].ljust(BADGE_WIDTH), style=Style(color=style.color))
    field = hit.field if hit else "name"
    spans = hit.spans if hit else []
    text.append_text(
        highlighted(entity.name, spans if field == "name" else [], style, palette.match)
    )
    if field == "alias" and hit is not None:
        text.append(" ~ ", style="dim")
        text.append_text(highlighted(hit.matched, spans, Style(italic=True), palette.match))
    role = hit.matched if hit is not None and field == "role" else latest_role(entity)
    if role:
        text.append(" · ", style="dim")
        text.append_text(
            highlighted(
                role, spans if field == "role" else [], Style(dim=True, italic=True), palette.match
            )
        )
    room = width - text.cell_len - len(right) - 1
    if room >= 0:
        text.append(" " * (room + 1))
    else:
        text.truncate(max(1, width - len(right) - 2), overflow="ellipsis")
        text.append("  ")
    text.append(right, style="dim")
    return text


class EntityResults(LineList):
    """Finder hits or any list of entities, one line each."""

    empty_message = "No matches."

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entities: list[Entity] = []
        self.hits: list[Hit] | None = None
        self.extras: list[str] = []

    def set_hits(self, hits: Sequence[Hit], extras: Sequence[str] = ()) -> None:
        self.hits = list(hits)
        self.entities = [hit.entity for hit in hits]
        self.extras = list(extras)
        self.reset(0 if hits else None)

    def set_entities(self, entities: Sequence[Entity], extras: Sequence[str] = ()) -> None:
        self.hits = None
        self.entities = list(entities)
        self.extras = list(extras)
        self.reset(0 if entities else None)

    @property
    def current(self) -> Entity | None:
        if 0 <= self.cursor < len(self.entities):
            return self.entities[self.cursor]
        return None

    def item_count(self) -> int:
        return len(self.entities)

    def render_item_line(self, index: int, line: int, width: int) -> Text:
        hit = self.hits[index] if self.hits is not None else None
        extra = self.extras[index] if index < len(self.extras) else ""
        return entity_row(self.entities[index], width, self.palette, hit, extra)
