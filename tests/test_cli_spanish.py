"""The command line in Spanish: which language wins (--lang > config.toml > locale), help and
usage errors in argparse's words, Spanish tables, and JSON that does not change with it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pilot_helpers import REPO, SEEDS

from core.i18n import current_language, set_language
from tui.cli import main
from tui.cli.language import child_arguments, split_language_option
from tui.settings import config_path

SEED_001 = str(SEEDS / "001_c0813492a43ee07f.txt")


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Start from an English locale; leave the language to the locale afterwards."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "120")
    yield
    set_language(None)


def _config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def _parse_table(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main([*argv, SEED_001]) == 0
    return capsys.readouterr().out


def _header(table: str) -> list[str]:
    row = next(line for line in table.splitlines() if line.startswith("┃"))
    return [cell.strip() for cell in row.strip("┃").split("┃")]


def _last_column(table: str) -> str:
    """The words of the table's last column, rows joined (a long cell wraps)."""
    cells = [line.split("│")[-2] for line in table.splitlines() if line.startswith("│")]
    return " ".join(" ".join(cells).split())


SPANISH_COLUMNS = ["archivo", "fecha", "núm.", "lugar", "título", "avisos"]
ENGLISH_COLUMNS = ["file", "date", "no.", "place", "title", "issues"]


@pytest.mark.parametrize(
    "argv",
    [
        ("--lang", "es", "parse"),
        ("parse", "--lang", "es"),
        ("--lang=es", "parse"),
        ("parse", "--lang=es"),
    ],
)
def test_lang_before_or_after_the_command_gives_a_spanish_table(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    table = _parse_table(capsys, *argv)
    assert "Boletines del IMSS" in table
    assert _header(table) == SPANISH_COLUMNS
    # The issue is stored in English and said in Spanish; its code stays as it is.
    assert "no-date: no hay un encabezado de lugar y fecha con fecha" in _last_column(table)
    assert current_language() == "en"  # main hands the language back to the locale


def test_the_locale_decides_when_nothing_else_does(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _header(_parse_table(capsys, "parse")) == ENGLISH_COLUMNS
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert _header(_parse_table(capsys, "parse")) == SPANISH_COLUMNS
    monkeypatch.setenv("LC_ALL", "C")  # LC_ALL over LANG, as POSIX says
    assert _header(_parse_table(capsys, "parse")) == ENGLISH_COLUMNS


def test_config_lang_beats_the_locale_and_lang_option_beats_config(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _config('lang = "es"\n')
    assert _header(_parse_table(capsys, "parse")) == SPANISH_COLUMNS
    assert _header(_parse_table(capsys, "--lang", "en", "parse")) == ENGLISH_COLUMNS
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    _config('lang = "en"\n')
    assert _header(_parse_table(capsys, "parse")) == ENGLISH_COLUMNS
    assert _header(_parse_table(capsys, "parse", "--lang", "es")) == SPANISH_COLUMNS


def test_a_bad_config_lang_names_the_file_and_the_valid_values(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _config('lang = "fr"\ntheme = "textual-light"\n')
    assert main(["parse", SEED_001]) == 0  # the command still runs, in the locale's language
    captured = capsys.readouterr()
    assert _header(captured.out) == ENGLISH_COLUMNS
    err = " ".join(captured.err.split())
    assert f"{path}: lang: no language is called 'fr' (valid: en, es)" in err
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert main(["parse", SEED_001]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert f"{path}: lang: ningún idioma se llama 'fr' (válidos: en, es)" in err


@pytest.mark.parametrize("value", ["ES", "es_MX.UTF-8", "es-mx"])
def test_config_lang_takes_locale_style_names(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    _config(f'lang = "{value}"\n')
    table = _parse_table(capsys, "parse")
    assert _header(table) == SPANISH_COLUMNS
    assert capsys.readouterr().err == ""  # accepted, not reported


def test_gnu_language_list_is_honoured_unless_the_locale_is_c() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    command = [sys.executable, "-m", "tui.cli", "parse", SEED_001]
    spanish = {**env, "LANG": "en_US.UTF-8", "LANGUAGE": "fr:es", "COLUMNS": "120"}
    out = subprocess.run(command, env=spanish, cwd=REPO, capture_output=True, text=True).stdout
    assert _header(out) == SPANISH_COLUMNS
    c_locale = {**spanish, "LANG": "C"}
    out = subprocess.run(command, env=c_locale, cwd=REPO, capture_output=True, text=True).stdout
    assert _header(out) == ENGLISH_COLUMNS


def test_a_bad_lang_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fr", "parse", SEED_001]) == 2
    before = capsys.readouterr()
    err = " ".join(before.err.split())
    assert "argument --lang: invalid choice: 'fr'" in err
    assert "--watch" not in err  # the command's error, not the explorer's usage line
    assert main(["parse", "--lang", "fr", SEED_001]) == 2
    assert capsys.readouterr() == before  # wherever --lang goes, the same report
    assert main(["--lang=fr", "parse", SEED_001]) == 2
    assert capsys.readouterr() == before


def test_lang_after_double_dash_is_a_query_not_an_option() -> None:
    assert split_language_option(["search-text", "--", "--lang", "es"]) == (
        None,
        ["search-text", "--", "--lang", "es"],
    )
    assert split_language_option(["parse", "--lang", "es", "x"]) == ("es", ["parse", "x"])


def test_help_in_spanish_under_a_spanish_locale() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "parse", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**env, "LANG": "es_MX.UTF-8", "COLUMNS": "100"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for words in (
        "uso: imss-tui parse",
        "argumentos posicionales:",
        "opciones:",
        "muestra esta ayuda y termina",
        "JSON Lines, un objeto por archivo",
        "idioma de la interfaz",
    ):
        assert words in out, words
    assert "usage:" not in out and "show this help" not in out


def test_explorer_help_and_usage_errors_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "es", "--help"]) == 0
    out = capsys.readouterr().out
    assert "uso: imss-tui" in out and "muestra la versión del programa y termina" in out
    assert main(["--lang", "es", "no/such/file.txt"]) == 2
    err = capsys.readouterr().err
    assert "imss-tui: error: no existe el archivo o la carpeta: no/such/file.txt" in err
    assert main(["--lang", "es", "search-text"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "imss-tui: error: faltan estos argumentos obligatorios: query" in err
    assert main(["--lang", "es", "export", "--format", "xlsx"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "argumento --format: opción no válida: 'xlsx' (elija entre" in err


def test_a_folder_without_bulletins_in_spanish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "foto.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / ".oculto.txt").write_text("x", "utf-8")
    assert main(["--lang", "es", "parse", str(tmp_path)]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert f"No hay archivos de boletines en {tmp_path} (2 omitidos:" in err
    assert "1 archivo oculto" in err and "1 extensión no admitida '.jpg'" in err


def test_json_is_the_same_in_every_language(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for lang in ("en", "es"):
        assert main(["--lang", lang, "parse", "--json", SEED_001]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    record = json.loads(outputs[1])
    assert {"source", "date", "title", "entities", "issues"} <= set(record)
    assert {"severity": "warning", "code": "no-date", "message": "no dateline with a date"} in (
        record["issues"]
    )


def test_timeline_and_entities_tables_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--lang", "es", "timeline", "--by", "year", "--no-cache", str(SEEDS)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Boletines por año" in out and "sin fecha" in out and "(2 con fecha estimada)" in out
    assert main(["--lang", "es", "entities", "--no-cache", "--kind", "official", str(SEEDS)]) == 0
    table = capsys.readouterr().out
    assert "Entidades en 5 boletines" in table
    assert _header(table) == ["tipo", "nombre", "cargos", "alias", "boletines", "menciones"]
    assert "funcionario" in table and "official" not in table


def test_a_child_process_gets_the_language_chosen_here() -> None:
    set_language("es")
    assert child_arguments() == ["--lang", "es"]
    set_language("en")
    assert child_arguments() == ["--lang", "en"]


def test_readme_spanish_sample_is_the_real_parse_table(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    command = "$ COLUMNS=120 imss-tui --lang es parse seeds/"
    start = readme.index("\n", readme.index(command)) + 1
    sample = readme[start : readme.index("```", start)]
    assert main(["--lang", "es", "parse", str(SEEDS)]) == 0  # COLUMNS=120 (fixture)
    real = capsys.readouterr().out
    assert sample.splitlines() == [line.rstrip() for line in real.splitlines()]


def test_markdown_export_speaks_spanish_and_csv_keeps_its_column_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--lang", "es", "export", "--no-cache", "--what", "entities", str(SEEDS)]
    assert main([*argv, "--format", "md"]) == 0
    captured = capsys.readouterr()
    header = captured.out.splitlines()[0]
    assert header == "| tipo | nombre | alias | cargos | boletines | primera fecha | última fecha |"
    assert "se escribieron" in captured.err and "filas en la salida estándar" in captured.err
    assert main([*argv, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "id,kind,name,aliases,roles,bulletins,first_date,last_date"
    )


def test_a_cache_notice_is_said_in_spanish_and_kept_in_english_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    damaged = cache / "index.sqlite3"
    damaged.write_bytes(b"not a database, just bytes " * 200)
    argv = ["--lang", "es", "index", "--json", "--cache-dir", str(cache), SEED_001]
    assert main(argv) == 0
    captured = capsys.readouterr()
    err = " ".join(captured.err.split())
    assert f"aviso: el archivo de caché {damaged} estaba dañado (" in err
    assert "se reconstruyó" in err
    (notice,) = json.loads(captured.out)["notices"]
    assert notice.startswith(f"the cache file {damaged} was corrupt (")
