"""One-line entity rows for the finder and the profile: kind, name, role, bulletin count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from core.i18n import N_, ngettext
from core.models import Entity, EntityKind, Hit
from core.resolve import split_state
from tui.kinds import badge_width, kind_badge
from tui.palette import Palette
from tui.safe_text import safe_text
from tui.widgets.line_list import LineList

_SEPARATOR = " · "
#: Rows narrower than this drop the kind badge, every row of the list alike: the name's
#: colour still says the kind, and a name cut to a few letters says nothing (the profile's
#: narrow "Mentioned alongside" pane showed "Gobierno …" under a 14-cell "institución").
BADGE_MIN_WIDTH = 48


def facility_state(entity: Entity) -> str | None:
    """The state a facility is in: its `state` when the model has one, else the state the
    resolver appends to a numbered unit's name ("Hospital General de Zona No. 1, Oaxaca")."""
    if entity.kind != EntityKind.FACILITY:
        return None
    state = getattr(entity, "state", None)
    if isinstance(state, str) and state:
        return state
    return split_state(entity.kind, entity.name)[1]


def _fit(text: Text, room: int, keep_tail: int = 0) -> Text:
    """`text` in `room` cells: cut at the end, or in the middle when its last `keep_tail`
    characters (a facility's state) must stay."""
    if text.cell_len <= room:
        return text
    if keep_tail and room > keep_tail + 4:
        head = text[: room - keep_tail - 1]
        return Text.assemble(head, "…", text[len(text) - keep_tail :])
    cut = text.copy()
    cut.truncate(max(1, room), overflow="ellipsis")
    return cut


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
    """`official  César Duarte Jáquez · Gobernador de Chihuahua     3 bull.`

    When the row is too narrow, what matched comes first ("Gobernador de Chihuahua · César
    Du…" for "gober chihu") and a facility's name keeps its state."""
    count = len(entity.bulletin_ids)
    right = extra or ngettext("{count} bulletin", "{count} bulletins", count).format(count=count)
    style = palette.kind[entity.kind]
    badge = Text()
    if width >= BADGE_MIN_WIDTH:
        badge = Text(kind_badge(entity.kind).ljust(badge_width()), style=Style(color=style.color))
    field = hit.field if hit else "name"
    spans = hit.spans if hit else []
    name = highlighted(entity.name, spans if field == "name" else [], style, palette.match)
    if field == "alias" and hit is not None:
        name.append(" ~ ", style="dim")
        name.append_text(highlighted(hit.matched, spans, Style(italic=True), palette.match))
    role_value = hit.matched if hit is not None and field == "role" else latest_role(entity)
    role = (
        highlighted(
            role_value,
            spans if field == "role" else [],
            Style(dim=True, italic=True),
            palette.match,
        )
        if role_value
        else None
    )
    state = facility_state(entity)
    name_tail = 0
    if state:
        if not entity.name.endswith(f", {state}"):
            name.append(f", {state}", style="dim")  # a unit's state its name does not say
        name_tail = len(state) + 2
    parts = [name] if role is None else [name, role]
    room = width - badge.cell_len - len(right) - 2
    if sum(p.cell_len for p in parts) + len(_SEPARATOR) * (len(parts) - 1) > room:
        tails = [name_tail, 0]
        if role is not None and field == "role":
            parts, tails = [role, name], [0, name_tail]  # the reason it matched first
        fitted: list[Text] = []
        left = room
        for part, tail in zip(parts, tails, strict=False):
            if fitted:
                left -= len(_SEPARATOR)
            if left < 4:
                break
            fitted.append(_fit(part, left, tail))
            left -= fitted[-1].cell_len
        parts = fitted
    text = badge
    for index, part in enumerate(parts):
        if index:
            text.append(_SEPARATOR, style="dim")
        text.append_text(part)
    text.append(" " * max(2, width - text.cell_len - len(right)))
    text.append(right, style="dim")
    return text


def entity_summary(entity: Entity, palette: Palette) -> Text:
    """ "César Duarte Jáquez · Gobernador de Chihuahua (official)": what a cut row leaves out."""
    text = safe_text(entity.name, palette.kind[entity.kind])
    role = latest_role(entity)
    if role:
        text.append(_SEPARATOR, style="dim")
        text.append_text(safe_text(role, Style(italic=True)))
    text.append(f" ({kind_badge(entity.kind)})", style="dim")
    return text


class EntityResults(LineList):
    """Finder hits or any list of entities, one line each."""

    empty_message = N_("No matches.")

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

    def item_tooltip(self, index: int) -> Text | None:
        return entity_summary(self.entities[index], self.palette)

    def render_item_line(self, index: int, line: int, width: int) -> Text:
        hit = self.hits[index] if self.hits is not None else None
        extra = self.extras[index] if index < len(self.extras) else ""
        return entity_row(self.entities[index], width, self.palette, hit, extra)
