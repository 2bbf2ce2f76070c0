"""Word lists shipped under core/data, read once per process.

Lists live in data files, not in code, so they can be reviewed, checked against each other
(tests/test_lexicons.py: no duplicates, no given name in a stop-list) and rebuilt by their
scripts. A file holds one entry a line; blank lines and lines starting with "#" are ignored.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from core.entities.text import fold


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of core/data/<name>.txt, as written, in file order."""
    path = resources.files("core") / "data" / f"{name}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(s for s in (ln.strip() for ln in lines) if s and not s.startswith("#"))


@cache
def folded_set(name: str) -> frozenset[str]:
    """The entries of core/data/<name>.txt folded (case and accents), for membership tests."""
    return frozenset(fold(w) for w in word_list(name))


@cache
def ranks(name: str) -> dict[str, int]:
    """Folded entry -> position in core/data/<name>.txt (the name lists are most frequent first)."""
    found: dict[str, int] = {}
    for i, word in enumerate(word_list(name)):
        found.setdefault(fold(word), i)
    return found


def given_names() -> frozenset[str]:
    """Mexican given names (names-dataset, MX), folded: see core/data/README.md."""
    return folded_set("names_mx_given")


def surnames() -> frozenset[str]:
    """Mexican surnames (names-dataset, MX), folded: see core/data/README.md."""
    return folded_set("names_mx_surnames")
