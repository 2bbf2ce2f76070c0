"""Mentions -> one BulletinEntity per (kind, name, state), in order of first appearance.

The state only separates numbered units the text places in two states ("HGZ No. 1 de Oaxaca"
and "HGZ No. 1 de Tapachula" are two hospitals)."""

from __future__ import annotations

from core.entities.text import fold
from core.models import BulletinEntity, Mention, Span


def _best_role(roles: list[str]) -> str | None:
    """The first role that says of what ("Gobernador del estado de Chihuahua"), else the first."""
    for role in roles:
        if " " in role:
            return role
    return roles[0] if roles else None


def group_mentions(mentions: list[Mention]) -> list[BulletinEntity]:
    groups: dict[tuple[str, str, str | None], list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        key = (mention.kind.value, fold(mention.name), mention.state)
        groups.setdefault(key, []).append(mention)
    entities: list[BulletinEntity] = []
    for found in groups.values():
        first = found[0]
        entities.append(
            BulletinEntity(
                kind=first.kind,
                name=first.name,
                role=_best_role([m.role for m in found if m.role]),
                mentions=[Span(start=m.start, end=m.end, text=m.text) for m in found],
                state=first.state,
            )
        )
    return entities
