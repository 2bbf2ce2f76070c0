"""Header lines on single line breaks, and datelines in Markdown emphasis, still parse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core import parse_file, parse_text

BODY = (
    "El Instituto Mexicano del Seguro Social (IMSS) puso en marcha una Unidad de Medicina "
    "Familiar que dará servicio a más de cuarenta mil derechohabientes de la región, con "
    "doce consultorios, laboratorio clínico y farmacia."
)


@pytest.mark.parametrize(
    "header",
    [
        "BOLETÍN DE PRENSA\nCiudad de México, 3 de marzo de 2025\nNo. 100/2025",
        "No. 100/2025\nCiudad de México, 3 de marzo de 2025.\nBoletín de prensa",
        "Boletín de prensa No. 100/2025\nCiudad de México, a 3 de marzo de 2025",
    ],
    ids=["kind-dateline-number", "number-dateline-kind", "kind+number-dateline"],
)
def test_header_lines_on_single_breaks_are_not_one_paragraph(header: str) -> None:
    bulletin = parse_text(f"{header}\n\nInaugura IMSS Unidad de Medicina Familiar\n\n{BODY}\n")
    assert (bulletin.kind, bulletin.number) == ("boletín de prensa", "100/2025")
    assert (bulletin.place, bulletin.date) == ("Ciudad de México", dt.date(2025, 3, 3))
    assert bulletin.title == "Inaugura IMSS Unidad de Medicina Familiar"
    assert bulletin.paragraphs == [BODY]


def test_same_result_as_with_blank_lines_between_header_lines() -> None:
    lines = ["COMUNICADO DE PRENSA", "Monterrey, Nuevo León, 14 de mayo de 2024", "Núm. 7/2024"]
    rest = f"\n\nIMSS ABRE HOSPITAL\nEN APODACA\n\n{BODY}\n"
    single, blank = parse_text("\n".join(lines) + rest), parse_text("\n\n".join(lines) + rest)
    assert single.text == blank.text
    assert single.block_roles == blank.block_roles == ["header"] * 3 + ["title", "body"]
    assert single.title == "IMSS ABRE HOSPITAL EN APODACA"


def test_a_lone_dateline_line_still_opens_the_body() -> None:
    bulletin = parse_text(f"Puebla, Puebla, 9 de junio de 2025.\n{BODY}\n")
    assert bulletin.paragraphs == [f"Puebla, Puebla, 9 de junio de 2025. {BODY}"]
    assert (bulletin.place, bulletin.date) == ("Puebla, Puebla", dt.date(2025, 6, 9))


def test_a_wrapped_sentence_ending_in_a_date_is_not_cut() -> None:
    text = (
        "Boletín de prensa\nEl Consejo Técnico del IMSS aprobó el programa que iniciará el\n"
        "Guadalajara, 3 de marzo de 2025\n\n" + BODY
    )
    bulletin = parse_text(text)
    # the kind line stands alone; the sentence after it is one paragraph, date and all
    assert bulletin.kind == "boletín de prensa"
    assert "aprobó el programa que iniciará el Guadalajara, 3 de marzo de 2025" in bulletin.text


@pytest.mark.parametrize("mark", ["**", "__"])
@pytest.mark.parametrize("wrap", [" ", "\n"], ids=["one-line", "wrapped"])
def test_an_emphasized_dateline_opening_the_lead_is_found(
    tmp_path: Path, mark: str, wrap: str
) -> None:
    path = tmp_path / "b.md"
    path.write_text(
        "# Inaugura IMSS Hospital General de Zona en Tlaxcala\n\n"
        f"{mark}Tlaxcala, Tlaxcala,{wrap}7 de abril de 2025.{mark} La gobernadora de Tlaxcala, "
        "Lorena Cuéllar Cisneros, inauguró el hospital, que atenderá a más de\ndoscientos mil "
        "derechohabientes del sur del estado.\n",
        encoding="utf-8",
    )
    bulletin = parse_file(path)
    assert (bulletin.place, bulletin.date) == ("Tlaxcala, Tlaxcala", dt.date(2025, 4, 7))
    assert bulletin.date_source == "dateline"
    assert "*" not in bulletin.text and "__" not in bulletin.text
