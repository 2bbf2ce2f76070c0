"""imss-tui core: parse IMSS press bulletins and find the people, places and units they name.

Headless on purpose: nothing here imports textual, so the library serves scripts and the CLI.
"""

from core.models import Bulletin, BulletinEntity, Entity, EntityKind, Hit, Issue, Mention, Span

__all__ = [
    "Bulletin",
    "BulletinEntity",
    "Entity",
    "EntityKind",
    "Hit",
    "Issue",
    "Mention",
    "Span",
]
