"""How each entity kind is named and ordered in the sidebar, finder and profile (colours:
tui/palette.py). Names are English msgids, read in the interface's language through
`kind_heading` / `kind_badge`; the kinds' identifiers ("official"...) stay English."""

from __future__ import annotations

from core.i18n import N_, _
from core.models import EntityKind

#: Sidebar / profile group order and headings.
KIND_ORDER: tuple[EntityKind, ...] = (
    EntityKind.OFFICIAL,
    EntityKind.PLACE,
    EntityKind.FACILITY,
    EntityKind.INSTITUTION,
)

KIND_HEADING: dict[EntityKind, str] = {
    EntityKind.OFFICIAL: N_("Officials"),
    EntityKind.PLACE: N_("Places"),
    EntityKind.FACILITY: N_("Facilities"),
    EntityKind.INSTITUTION: N_("Institutions"),
}

#: Short labels for one-line rows (finder, co-occurrence lists).
KIND_BADGE: dict[EntityKind, str] = {
    EntityKind.OFFICIAL: N_("official"),
    EntityKind.PLACE: N_("place"),
    EntityKind.FACILITY: N_("facility"),
    EntityKind.INSTITUTION: N_("institution"),
}


def kind_heading(kind: EntityKind) -> str:
    """ "Officials" / "Funcionarios"."""
    return _(KIND_HEADING[kind])


def kind_badge(kind: EntityKind) -> str:
    """ "official" / "funcionario"."""
    return _(KIND_BADGE[kind])


def badge_width() -> int:
    """Columns for the badge column of one-line rows: the longest badge and a space."""
    return max(len(kind_badge(kind)) for kind in KIND_ORDER) + 1
