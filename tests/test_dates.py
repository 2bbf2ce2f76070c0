"""Spanish dates: dateparser for the months, our own handling for ordinals and checks."""

from __future__ import annotations

import datetime as dt

import pytest

from core import parse_text
from core.dates import find_date, parse_spanish_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chihuahua, Chihuahua, a 24 de julio de 2015.", dt.date(2015, 7, 24)),
        ("Ciudad de México, jueves 30 de mayo de 2024.", dt.date(2024, 5, 30)),
        ("Ecatepec, Estado de México, miércoles 3 de abril de 2024", dt.date(2024, 4, 3)),
        ("Toluca, 1º de mayo de 2024", dt.date(2024, 5, 1)),
        ("Toluca, 1o. de mayo de 2024", dt.date(2024, 5, 1)),
        ("Toluca, 1° de mayo de 2024", dt.date(2024, 5, 1)),
        ("Toluca, primero de mayo de 2024", dt.date(2024, 5, 1)),
        ("Mérida, Yucatán, 15 de setiembre de 2019", dt.date(2019, 9, 15)),
        ("Puebla, 5 de Diciembre del 2016", dt.date(2016, 12, 5)),
        ("MONTERREY, N.L., 9 DE FEBRERO DE 2020", dt.date(2020, 2, 9)),
    ],
)
def test_datelines(text: str, expected: dt.date) -> None:
    assert parse_spanish_date(text) == expected


@pytest.mark.parametrize("text", ["hoy", "mañana se firmará", "en mayo de 2024", "el 30 de mayo"])
def test_relative_words_and_partial_dates_are_not_dates(text: str) -> None:
    assert find_date(text) is None


def test_impossible_date_is_no_date_plus_warning() -> None:
    found = find_date("Colima, 31 de febrero de 2024")
    assert found is not None and found.date is None
    assert [i.code for i in found.issues] == ["impossible-date"]


def test_weekday_contradicting_the_date_is_a_warning() -> None:
    found = find_date("Ciudad de México, lunes 30 de mayo de 2024")
    assert found is not None
    assert found.date == dt.date(2024, 5, 30)  # the number wins; the weekday is flagged
    assert [i.code for i in found.issues] == ["weekday-mismatch"]
    assert "jueves" in found.issues[0].message


def test_bulletin_with_impossible_dateline_has_null_date_and_warning() -> None:
    b = parse_text(
        "BOLETÍN DE PRENSA\n\nColima, Colima, 31 de febrero de 2024.\n\nTítulo\n\nTexto."
    )
    assert b.date is None
    assert b.date_text == "31 de febrero de 2024"
    assert b.place == "Colima, Colima"
    assert "impossible-date" in [i.code for i in b.issues]


def test_body_dates_never_date_an_undated_bulletin() -> None:
    text = (
        "FIRMAN IMSS Y GOBIERNO CONVENIO\n\n"
        "El IMSS firmó hoy un convenio que entrará en vigor el 1 de enero de 2025, informó el "
        "Instituto en un comunicado que se difundirá mañana a todos los medios del país."
    )
    b = parse_text(text)
    assert b.date is None
    assert "no-date" in [i.code for i in b.issues]


def test_dateline_opening_the_body_is_found() -> None:
    b = parse_text(
        "Amplía IMSS servicios en Sonora\n\n"
        "Hermosillo, Sonora, 12 de marzo de 2019.- El Instituto Mexicano del Seguro Social "
        "inauguró hoy una Unidad de Medicina Familiar en la capital del estado, con lo que "
        "amplía la atención de miles de derechohabientes."
    )
    assert b.date == dt.date(2019, 3, 12)
    assert b.place == "Hermosillo, Sonora"
    assert b.title == "Amplía IMSS servicios en Sonora"
