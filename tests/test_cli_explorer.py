"""`imss-tui [PATH...]`: usage errors, --help, --version, and subcommands without textual."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pilot_helpers import REPO, SEEDS

from tui.cli import main


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no/such/file.txt"]) == 2
    err = capsys.readouterr().err
    assert "no/such/file.txt" in err and "Traceback" not in err


def test_help_and_version_exit_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "--no-cache" in capsys.readouterr().out
    assert main(["--version"]) == 0
    assert "imss-tui" in capsys.readouterr().out


def test_parse_subcommand_runs_without_importing_textual() -> None:
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"status = main(['parse', '--json', {str(SEEDS / '003_6e06f150067975fc.txt')!r}])\n"
        "assert 'textual' not in sys.modules, 'textual imported by a non-UI command'\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert '"257/2024"' in done.stdout
