"""imss-tui core: parse IMSS press bulletins and find the people, places and units they name.

Headless on purpose: nothing here imports textual, so the library serves scripts and the CLI.
"""

from typing import TYPE_CHECKING, Any

from core.models import (
    Bulletin,
    BulletinEntity,
    BulletinSummary,
    Entity,
    EntityKind,
    Hit,
    Issue,
    Mention,
    Span,
)
from core.parse import parse_file, parse_text

if TYPE_CHECKING:
    from core.corpus import Corpus, load_corpus
    from core.resolve import resolve

__all__ = [
    "Bulletin",
    "BulletinEntity",
    "BulletinSummary",
    "Corpus",
    "Entity",
    "EntityKind",
    "Hit",
    "Issue",
    "Mention",
    "Span",
    "load_corpus",
    "parse_file",
    "parse_text",
    "resolve",
]

_LAZY = {"Corpus": "core.corpus", "load_corpus": "core.corpus", "resolve": "core.resolve"}


def __getattr__(name: str) -> Any:
    """Corpus-level API is imported on first use: `imss-tui parse` should not pay for it."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'core' has no attribute {name!r}")
