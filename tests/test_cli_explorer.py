"""`imss-tui [PATH...]`: usage errors, --help, --version, and subcommands without textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pilot_helpers import REPO, SEEDS

from tui.cli import main, run


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


@pytest.mark.parametrize("command", ["parse", "entities", "index", "search-text salud"])
def test_a_folder_without_bulletins_says_so_and_exits_1(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / ".hidden.txt").write_text("x", "utf-8")
    assert run([*command.split(), str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # no empty table
    message = " ".join(captured.err.split())
    assert f"No bulletin files in {tmp_path}" in message
    assert "3 skipped" in message and "1 hidden file" in message
    assert "unsupported extension '.jpg'" in message


def test_an_empty_folder_lists_the_supported_extensions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["parse", str(tmp_path)]) == 1
    assert ".txt" in capsys.readouterr().err
