"""How each entity kind looks: one colour per kind, shared by reader, sidebar, finder, profile."""

from __future__ import annotations

from rich.style import Style

from core.models import EntityKind

#: Sidebar / profile group order and headings.
KIND_ORDER: tuple[EntityKind, ...] = (
    EntityKind.OFFICIAL,
    EntityKind.PLACE,
    EntityKind.FACILITY,
    EntityKind.INSTITUTION,
)

KIND_HEADING: dict[EntityKind, str] = {
    EntityKind.OFFICIAL: "Officials",
    EntityKind.PLACE: "Places",
    EntityKind.FACILITY: "Facilities",
    EntityKind.INSTITUTION: "Institutions",
}

#: Short labels for one-line rows (finder, co-occurrence lists).
KIND_BADGE: dict[EntityKind, str] = {
    EntityKind.OFFICIAL: "official",
    EntityKind.PLACE: "place",
    EntityKind.FACILITY: "facility",
    EntityKind.INSTITUTION: "institution",
}

#: Readable on dark and light themes alike.
KIND_COLOR: dict[EntityKind, str] = {
    EntityKind.OFFICIAL: "#e0a030",
    EntityKind.PLACE: "#3fb950",
    EntityKind.FACILITY: "#4aa3ff",
    EntityKind.INSTITUTION: "#c586ff",
}


def kind_style(kind: EntityKind | str) -> Style:
    """Foreground style naming an entity of `kind` (sidebar, finder, profile)."""
    return Style(color=KIND_COLOR[EntityKind(kind)], bold=True)


def mention_style(kind: EntityKind | str) -> Style:
    """Style of a mention inside the reader: the kind colour, underlined so it reads as a link."""
    return Style(color=KIND_COLOR[EntityKind(kind)], bold=True, underline=True)


def current_mention_style(kind: EntityKind | str) -> Style:
    """The mention the reader jumped to: the kind colour as background."""
    return Style(color="black", bgcolor=KIND_COLOR[EntityKind(kind)], bold=True)
