"""How each entity kind is named and ordered in the sidebar, finder and profile (colours:
tui/palette.py)."""

from __future__ import annotations

from core.i18n import N_
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
    EntityKind.OFFICIAL: N_("official"),
    EntityKind.PLACE: N_("place"),
    EntityKind.FACILITY: N_("facility"),
    EntityKind.INSTITUTION: N_("institution"),
}
