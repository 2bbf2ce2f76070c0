"""What a cached result depends on: the code that computed it, found by following imports.

A cached bulletin is only as good as the parser that made it. Rather than a hand-kept list
of modules (an edit in the wrong file silently keeps stale parses, or throws every cached
bulletin away), the fingerprint hashes the source of every `core` module that the given ones
import, directly or not (imports inside functions included), plus every file under
core/data, which the extractors read.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

CORE = Path(__file__).resolve().parent
PACKAGE = CORE.name


def module_path(name: str, root: Path = CORE) -> Path | None:
    """The source file of module `name` ("core.layout") under `root`; None if not ours."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = root.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


#: An import statement as written: `from MODULE import NAMES` (NAMES in parentheses may span
#: lines) or `import MODULES`. Read with a regex, not `ast`: parsing every module took ~0.3 s
#: of each launch. It may over-read (an import inside a string counts), never under-read
#: (tests/test_fingerprint.py checks it against `ast` on every core module): a module too
#: many only makes a cache stale sooner.
_IMPORT = re.compile(
    r"\bfrom[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|(?:[^\n#\\;]|\\\n)+)"
    r"|\bimport[ \t]+((?:[^\n#\\;]|\\\n)+)"
)
_COMMENT = re.compile(r"#[^\n]*")


def _first_words(names: str) -> Iterator[str]:
    """The first word of each comma-separated item: `a as b, c` gives a and c."""
    for item in _COMMENT.sub("", names).strip("()").replace("\\", " ").split(","):
        words = item.split()
        if words:
            yield words[0]


def _imported(name: str, path: Path) -> Iterator[str]:
    """Names of the modules `path` (module `name`) imports, absolute."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for found in _IMPORT.finditer(path.read_text(encoding="utf-8", errors="replace")):
        module, names, modules = found.groups()
        if modules is not None:
            yield from _first_words(modules)
            continue
        level = len(module) - len(module.lstrip("."))
        if level:
            base = package.split(".")
            base = base[: len(base) - level + 1]
            module = ".".join([*base, module[level:]] if module[level:] else base)
        yield module
        yield from (f"{module}.{alias}" for alias in _first_words(names))  # submodules


def import_closure(*modules: str, root: Path = CORE) -> list[Path]:
    """The source files of `modules` and of every package module they import, transitively."""
    seen: dict[str, Path] = {}
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = module_path(name, root)
        if path is None:
            continue
        seen[name] = path
        todo.extend(_imported(name, path))
    return sorted(set(seen.values()))


def data_files(root: Path = CORE) -> list[Path]:
    return sorted(p for p in (root / "data").rglob("*") if p.is_file())


def code_fingerprint(*modules: str, root: Path = CORE) -> str:
    """A hash of the closure of `modules` and of core/data: equal hashes, same results."""
    digest = hashlib.blake2b(digest_size=16)
    for path in [*import_closure(*modules, root=root), *data_files(root)]:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def parser_fingerprint() -> str:
    """The code and data behind a parsed bulletin (computed once per process)."""
    return code_fingerprint(f"{PACKAGE}.parse")


@cache
def resolver_fingerprint() -> str:
    """The code and data behind resolved entities."""
    return code_fingerprint(f"{PACKAGE}.resolve")
