"""The repo's own rules, checked like behaviour: ruff clean, and core/ never imports textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_ruff_clean() -> None:
    proc = subprocess.run(
        [str(BIN / "ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_core_is_headless_import_linter() -> None:
    proc = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_parsing_does_not_import_textual() -> None:
    code = (
        "import sys, core; core.parse_file(sys.argv[1]); "
        "print('textual' in sys.modules, 'tui' in sys.modules)"
    )
    seed = next((ROOT / "seeds").glob("003_*.txt"))
    out = subprocess.run([sys.executable, "-c", code, str(seed)], capture_output=True, text=True)
    assert out.stdout.split() == ["False", "False"], out.stderr


def test_the_app_imports_only_what_launch_needs() -> None:
    """What the first frame does not need is imported when a key asks for it: the export
    writers (x), the date parser (parsing a new file), Babel (Spanish only)."""
    code = (
        "import sys, tui.app; "
        "print(*(m in sys.modules for m in ('core.export', 'dateparser', 'babel')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False", "False"], out.stderr
