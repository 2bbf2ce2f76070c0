"""Issues and notices are stored in English and read back in the interface's language: every
template is recognised as itself (none swallowed by a looser one), nested parts included."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from string import Formatter

import pytest

from core import stored_messages as msg
from core.dates import find_date
from core.dating_tables import signals
from core.estimate import combine, contradictions
from core.i18n import _, set_language
from core.ingest import IngestError, decode_bytes
from core.models import DateEvidence
from core.parse import parse_file, parse_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

#: Values a placeholder may hold; months and days have a fixed shape.
SAMPLES = {"start": "2012-12", "end": "2018-11", "day": "2019-05-02", "date": "2024-05-31"}


@pytest.fixture(autouse=True)
def _spanish() -> Iterator[None]:
    set_language("es")
    yield
    set_language(None)


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in Formatter().parse(template) if name]


@pytest.mark.parametrize("template", msg.TEMPLATES)
def test_every_template_reads_back_as_itself(template: str) -> None:
    values = {name: SAMPLES.get(name, f"«{name} value»") for name in _fields(template)}
    english = template.format(**values)
    assert msg.localized(english) == _(template).format(**values)
    assert msg.localized(english) != english or _(template) == template


def test_every_template_of_the_module_is_listed() -> None:
    source = Path(msg.__file__).read_text("utf-8")
    tree = ast.parse(source)
    marked = [
        node.targets[0].id  # type: ignore[attr-defined]
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and getattr(node.value.func, "id", None) == "N_"
    ]
    listed = [
        *(getattr(msg, name) for name in marked),
        *msg.OS_ERRORS.values(),
        *msg.SIGNAL_MEANINGS,
    ]
    assert sorted(listed) == sorted(msg.TEMPLATES)


def test_english_is_returned_untouched() -> None:
    set_language("en")
    assert msg.localized(msg.NO_DATELINE) == msg.NO_DATELINE


def test_a_message_no_template_knows_is_shown_as_it_is() -> None:
    assert msg.localized("ValueError('boom')") == "ValueError('boom')"


def test_nested_parts_are_translated_too() -> None:
    with pytest.raises(IngestError) as caught:
        decode_bytes(b"\x89PNG\r\n\x1a\n....", [])
    assert msg.localized(caught.value.message) == "esto es una imagen PNG, no un boletín de texto"
    issues: list = []
    decode_bytes("línea uno\n".encode() + b"caf\xe9\n" * 7, issues)
    assert msg.localized(issues[0].message) == (
        "UTF-8 no válido en las líneas 2, 3, 4, 5, 6 y 2 más; "
        "esos bytes se leyeron como Windows-1252 (CP1252)"
    )


def test_dating_messages_of_real_evidence() -> None:
    held = DateEvidence.model_validate(
        {
            "mention": "José Antonio González Anaya",
            "office": "Director General del IMSS",
            "holder": "José Antonio González Anaya",
            "from": "2012-12",
            "to": "2016-02",
        }
    )
    name = DateEvidence.model_validate(
        {"mention": "IMSS-PROSPERA", "office": "programa", "from": "2016-01", "to": "2018-11"}
    )
    (issue,) = contradictions(dt.date(2019, 5, 2), [held])
    assert issue.message.endswith("until 2016-02; bulletin dated 2019-05-02")  # stored English
    assert msg.localized(issue.message) == (
        "José Antonio González Anaya fue Director General del IMSS hasta 2016-02; "
        "boletín fechado el 2019-05-02"
    )
    late = DateEvidence.model_validate({**name.model_dump(by_alias=True), "from": "2017-01"})
    early = held
    estimate, conflict = combine([late, early])
    assert estimate is None and conflict is not None
    assert msg.localized(conflict.message) == (
        'sin fecha estimada: "IMSS-PROSPERA" (programa) se usó desde 2017-01, pero '
        "José Antonio González Anaya fue Director General del IMSS hasta 2016-02 "
        "(uno de los dos está mal leído o el texto mezcla épocas)"
    )


def test_date_issues_of_a_bulletin() -> None:
    found = find_date("Ciudad de México, viernes 30 de mayo de 2024")
    assert found is not None
    (issue,) = found.issues
    expected = "'viernes 30 de mayo de 2024': el 2024-05-30 fue jueves, no viernes"
    assert msg.localized(issue.message) == expected


def test_file_errors_of_real_files(tmp_path: Path) -> None:
    empty = tmp_path / "vacio.txt"
    empty.write_text("  \n", "utf-8")
    (issue,) = parse_file(empty).issues
    assert msg.localized(issue.message) == "el archivo no tiene texto (vacío o solo espacios)"
    undated = parse_text("IMSS inaugura una clínica.")
    assert [(i.code, msg.localized(i.message)) for i in undated.issues] == [
        ("no-date", "no hay un encabezado de lugar y fecha con fecha")
    ]


def test_operating_system_reasons_are_read_in_spanish(tmp_path: Path) -> None:
    """The C library's words ("No such file or directory") follow no setting of ours: they
    are named by errno, stored in English and read in the interface's language."""
    try:
        (tmp_path / "gone" / "x.csv").open("w")
    except OSError as err:
        missing = err
    stored = msg.CANNOT_READ_DIRECTORY.format(reason=msg.os_reason(missing))
    assert stored == "cannot read directory: No such file or directory"
    assert msg.localized(stored) == "no se puede leer la carpeta: No existe el archivo o la carpeta"
    assert msg.os_reason(OSError(9999, "Odd reason")) == "Odd reason"  # unknown: as it is


def test_cli_export_to_a_missing_folder_says_why_in_spanish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import run

    out = tmp_path / "gone" / "x.csv"
    args = ["export", str(SEEDS), "--no-cache", "--what", "bulletins", "--format", "csv"]
    assert run([*args, "--output", str(out)]) == 2
    err = "".join(capsys.readouterr().err.split())  # rich wraps long paths anywhere
    said = f"no se puede escribir {out}: No existe el archivo o la carpeta"
    assert "".join(said.split()) in err


def test_every_dating_signal_meaning_is_translatable() -> None:
    """A row added to dating_signals.csv must have its meaning marked, or readers of the
    Spanish interface see it in English."""
    assert {s.meaning for s in signals()} == set(msg.SIGNAL_MEANINGS)
    assert all(_(meaning) != meaning for meaning in msg.SIGNAL_MEANINGS)
