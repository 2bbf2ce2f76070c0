"""The cache fingerprint follows the code that parses: no hand-kept list of modules."""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.fingerprint import CORE, PACKAGE, _imported, code_fingerprint, import_closure, module_path


def _names(paths: list[Path], root: Path = CORE) -> set[str]:
    return {p.relative_to(root).as_posix() for p in paths}


def test_the_parser_closure_holds_the_pipeline_and_nothing_downstream() -> None:
    names = _names(import_closure("core.parse"))
    for module in ("parse.py", "ingest.py", "layout.py", "dates.py", "models.py"):
        assert module in names
    assert {"entities/__init__.py", "entities/officials.py", "entities/places.py"} <= names
    for downstream in ("index.py", "fts.py", "search.py", "corpus.py", "resolve.py"):
        assert downstream not in names, f"{downstream} does not change a parse"


@pytest.fixture
def core_copy(tmp_path: Path) -> Path:
    root = tmp_path / "core"
    shutil.copytree(CORE, root, ignore=shutil.ignore_patterns("__pycache__", "_seeds"))
    return root


def _touch(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("edited", "changes"),
    [
        ("layout.py", True),
        ("entities/text.py", True),  # reached only through the extractors' imports
        ("textfold.py", True),
        ("index.py", False),
        ("search.py", False),
        ("corpus.py", False),
    ],
)
def test_an_edit_changes_the_fingerprint_only_if_parsing_imports_it(
    core_copy: Path, edited: str, changes: bool
) -> None:
    before = code_fingerprint("core.parse", root=core_copy)
    _touch(core_copy / edited)
    assert (code_fingerprint("core.parse", root=core_copy) != before) is changes


def test_any_file_under_data_counts(core_copy: Path) -> None:
    before = code_fingerprint("core.parse", root=core_copy)
    (core_copy / "data" / "new_lexicon.tsv").write_text("nombre\tcargo\n", encoding="utf-8")
    after = code_fingerprint("core.parse", root=core_copy)
    assert after != before
    (core_copy / "data" / "new_lexicon.tsv").unlink()
    assert code_fingerprint("core.parse", root=core_copy) == before


def test_a_new_module_counts_once_parsing_imports_it(core_copy: Path) -> None:
    before = code_fingerprint("core.parse", root=core_copy)
    (core_copy / "entities" / "late_words.py").write_text("WORDS = ('a',)\n", encoding="utf-8")
    assert code_fingerprint("core.parse", root=core_copy) == before, "not imported yet"
    layout = core_copy / "layout.py"
    layout.write_text(
        layout.read_text(encoding="utf-8") + "\n\ndef _late() -> None:\n"
        "    from core.entities.late_words import WORDS  # noqa: F401\n",
        encoding="utf-8",
    )
    closure = _names(import_closure("core.parse", root=core_copy), core_copy)
    assert "entities/late_words.py" in closure


def _imported_per_ast(name: str, path: Path) -> Iterator[str]:
    """What Python itself reads as imports: the reference the fast reader must cover."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def _module_name(path: Path, root: Path = CORE) -> str:
    parts = [PACKAGE, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: p.name)
def test_every_import_python_sees_is_followed(path: Path) -> None:
    name = _module_name(path)
    ours = {found for found in _imported(name, path) if module_path(found)}
    python = {found for found in _imported_per_ast(name, path) if module_path(found)}
    assert python <= ours


def test_imports_in_every_written_form_are_followed(tmp_path: Path) -> None:
    root = tmp_path / "core"
    (root / "sub").mkdir(parents=True)
    for module in ("a", "b", "c", "d", "e", "f", "sub/g", "sub/h"):
        (root / f"{module}.py").write_text("X = 1\n", encoding="utf-8")
    (root / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (root / "sub" / "main.py").write_text(
        "import core.a as first, core.b\n"
        "from core import (\n    c,  # a comment, with a comma\n    d,\n)\n"
        "from core.e import \\\n    X\n"
        "if True: from . import g\n"
        "def late() -> None:\n    from .h import X  # noqa\n"
        "from .. import f\n",
        encoding="utf-8",
    )
    found = _names(import_closure("core.sub.main", root=root), root)
    assert found == {
        "a.py", "b.py", "c.py", "d.py", "e.py", "f.py",
        "sub/__init__.py", "sub/g.py", "sub/h.py", "sub/main.py",
    }  # fmt: skip
