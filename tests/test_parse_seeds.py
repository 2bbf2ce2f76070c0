"""Every Bulletin field, for each of the five real seeds, with values written by reading them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from core import Bulletin, parse_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(prefix: str) -> Bulletin:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_file(path)


EXPECTED = {
    "000": {
        "kind": "comunicado conjunto",
        "number": None,
        "place": "Chihuahua, Chihuahua",
        "date": dt.date(2015, 7, 24),
        "date_text": "a 24 de julio de 2015",
        "title": "FIRMAN IMSS Y EL GOBIERNO DE CHIHUAHUA CONVENIOS DE COLABORACIÓN EN MATERIA DE "
        "INTERCAMBIO Y PRESTACIÓN DE SERVICIOS DE SALUD",
        "highlights": 2,
        "first_paragraph": "El Director General del Instituto Mexicano del Seguro Social, José "
        "Antonio González Anaya, y el Gobernador del estado de Chihuahua,",
        "last_paragraph": "El IMSS suscribió además el Convenio de Colaboración",
    },
    "001": {
        "kind": None,
        "number": None,
        "place": None,
        "date": None,
        "date_text": None,
        "title": "FIRMAN IMSS Y GOBIERNO DE CHIAPAS CONVENIO DE COORDINACIÓN EN SALUD",
        "highlights": 1,
        "first_paragraph": "El Instituto Mexicano del Seguro Social (IMSS) firmó hoy la renovación",
        "last_paragraph": "Destacó “la alianza que tiene el Gobierno del Estado con el IMSS",
    },
    "002": {
        "kind": None,
        "number": None,
        "place": None,
        "date": None,
        "date_text": None,
        "title": "FIRMAN IMSS Y GOBIERNO DE OAXACA CONVENIO DE COLABORACIÓN PARA IMPULSAR "
        "ACCIONES EN MATERIA DE SALUD",
        "highlights": 1,
        "first_paragraph": "El Instituto Mexicano del Seguro Social (IMSS) y el Gobierno de Oaxaca",
        "last_paragraph": "La gira de trabajo del Director General del Instituto Mexicano",
    },
    "003": {
        "kind": "boletín de prensa",
        "number": "257/2024",
        "place": "Ciudad de México",
        "date": dt.date(2024, 5, 30),
        "date_text": "jueves 30 de mayo de 2024",
        "title": "Avanza trabajo conjunto entre Sector Salud y estados incorporados a "
        "IMSS-Bienestar en reunión nacional",
        "highlights": 2,
        "first_paragraph": "En el segundo día de trabajo de la Reunión Nacional de Abasto,",
        "last_paragraph": "LINK FOTOS https://imssmx.sharepoint.com/",
    },
    "004": {
        "kind": "boletín conjunto",
        "number": "159/2024",
        "place": "Ecatepec de Morelos, Estado de México",
        "date": dt.date(2024, 4, 3),
        "date_text": "miércoles 3 de abril de 2024",
        "title": "Supervisan IMSS y gobierno del Estado de México avances sobre federalización "
        "del sistema de salud al modelo IMSS-Bienestar",
        "highlights": 1,
        "first_paragraph": "El director general del Instituto Mexicano del Seguro Social (IMSS), "
        "Zoé Robledo, y la gobernadora del Estado de México, Delfina Gómez Álvarez,",
        "last_paragraph": "A la reunión asistieron Bertha Alcalde Luján, directora general",
    },
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_fields(prefix: str) -> None:
    b = seed(prefix)
    want = EXPECTED[prefix]
    assert b.source and Path(b.source).name.startswith(prefix)
    assert (b.kind, b.number, b.place) == (want["kind"], want["number"], want["place"])
    assert (b.date, b.date_text) == (want["date"], want["date_text"])
    assert b.title == want["title"]
    assert len(b.highlights) == want["highlights"]
    assert b.paragraphs[0].startswith(want["first_paragraph"])
    assert b.paragraphs[-1].startswith(want["last_paragraph"])
    assert not b.failed
    assert re.fullmatch(r"[0-9a-f]{16}", b.id)


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_text_is_clean_and_contains_every_part(prefix: str) -> None:
    b = seed(prefix)
    for junk in ("\uf0b7", "**", "## ", "\r", "o0o", "  "):
        assert junk not in b.text, junk
    assert b.title and b.title in b.text
    for part in [*b.highlights, *b.paragraphs]:
        assert part in b.text
        assert "\n" not in part, "paragraphs are reflowed onto one line"


def test_undated_seeds_have_no_invented_date_and_say_so() -> None:
    for prefix in ("001", "002"):
        b = seed(prefix)
        assert b.date is None
        assert [i.code for i in b.issues] == ["no-date"]
        assert all(i.severity == "warning" for i in b.issues)


def test_seed_000_highlights_from_pdf_bullet_glyphs() -> None:
    b = seed("000")
    assert b.highlights[0].startswith("Generarán sinergias para que las instancias")
    assert b.highlights[1] == (
        "El Gobernador de Chihuahua y el Director General del IMSS encabezaron la firma de "
        "los convenios."
    )
    assert "• Generarán sinergias" in b.text


def test_seed_000_hyphen_wrap_and_page_break() -> None:
    b = seed("000")
    assert "el IMSS-PROSPERA, firmaron" in b.text
    assert "IMSS- PROSPERA" not in b.text
    # A page break split this sentence; it is one paragraph again.
    assert any(
        "además de que constituyen un paso más hacia un sistema de salud" in p for p in b.paragraphs
    )


def test_seed_001_unbulleted_subtitle_is_a_highlight() -> None:
    b = seed("001")
    assert b.highlights == [
        "Con el acuerdo IMSS-Oportunidades brinda servicios médicos a comunidades marginadas, "
        "donde no hay presencia de las instituciones de salud del estado"
    ]


def test_seed_002_dash_asides_keep_their_spacing() -> None:
    b = seed("002")
    assert "convenio –apuntó- va más allá" in b.text
    assert "marginación –abundó- tendrán acceso" in b.text


def test_seed_003_markdown_bold_bullets_and_end_mark() -> None:
    b = seed("003")
    assert b.highlights[1].startswith("Participaron en las mesas de trabajo los equipos")
    assert not any(p.startswith("-") for p in b.paragraphs)
    assert "maestra Thalía Concepción Lagunas Aragón, subsecretaria" in b.text


def test_seed_004_letterhead_removed_and_split_sentence_rejoined() -> None:
    b = seed("004")
    assert "GOBIERNO DE" not in b.text
    assert not any(p.strip() in {"MÉXICO", "ESTADO DE", "GOBIERNO DEL"} for p in b.paragraphs)
    assert any(
        "Horacio Duarte Olivares, secretario general del Gobierno del Estado de México;" in p
        for p in b.paragraphs
    )
    assert len(b.paragraphs) == 11


def test_id_is_stable_and_content_derived(tmp_path: Path) -> None:
    original = seed("003")
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(next(SEEDS.glob("003_*.txt")).read_bytes())
    assert parse_file(copy).id == original.id
    assert len({seed(p).id for p in EXPECTED}) == 5
