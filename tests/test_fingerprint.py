"""The cache fingerprint follows the code that parses: no hand-kept list of modules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.fingerprint import CORE, code_fingerprint, import_closure


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
