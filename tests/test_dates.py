"""Spanish dates: dateparser for the months, our own handling for ordinals and checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import parse_text
from core.dates import _FORMS, find_date, parse_spanish_date, search_date


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


# --- forms of real pages, the source of a date, and what is never a date ------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TEPIC, NAYARIT, 11MARZO2022.- El IMSS", dt.date(2022, 3, 11)),
        ("Cd. de México (02 diciembre 2019).- El senador", dt.date(2019, 12, 2)),
        ("Irapuato, Gto., Octubre 9 del 2021.- La delegación", dt.date(2021, 10, 9)),
        ("17 Sep, 2024 09:40", dt.date(2024, 9, 17)),
        ("MAR 152016 La Unidad", dt.date(2016, 3, 15)),
        ("Campeche, 6 de enero, 2020", dt.date(2020, 1, 6)),
    ],
)
def test_written_forms_of_dates_on_real_pages(text: str, expected: dt.date) -> None:
    assert parse_spanish_date(text) == expected


@pytest.mark.parametrize("year", ["99999", "0", "-2020"])
def test_years_out_of_range_are_impossible_and_the_header_stays_a_header(year: str) -> None:
    b = parse_text(
        f"BOLETÍN DE PRENSA\n\nTepic, Nayarit, 30 de mayo de {year}.\n\n"
        "Abre el IMSS una clínica en Tepic\n\nEl Instituto inauguró la unidad."
    )
    codes = [i.code for i in b.issues]
    assert b.date is None and b.date_source is None
    assert "impossible-date" in codes and "no-date" not in codes
    assert b.title == "Abre el IMSS una clínica en Tepic"
    assert b.place == "Tepic, Nayarit"


def test_a_twenty_digit_day_is_impossible() -> None:
    found = find_date("Tepic, 12345678901234567890 de mayo de 2020")
    assert found is not None and found.date is None
    assert [i.code for i in found.issues] == ["impossible-date"]


def test_dateline_with_abbreviated_state_reads_the_whole_place() -> None:
    b = parse_text(
        "Entrega IMSS unidad rural en el Istmo\n\n"
        "Juchitán de Zaragoza, Oax., 3 de marzo de 2021.- El Instituto Mexicano del Seguro "
        "Social entregó hoy una Unidad Médica Rural a las comunidades de la región del Istmo."
    )
    assert (b.date, b.date_source) == (dt.date(2021, 3, 3), "dateline")
    assert b.place == "Heroica Ciudad de Juchitán de Zaragoza, Oaxaca"  # the place entity's form


def test_dateline_after_a_byline_run_into_the_text() -> None:
    b = parse_text(
        "Por Redacción Los trabajadores del hospital piden más personal MORELIA, Mich. "
        "4 de junio de 2019.- El delegado del IMSS en Michoacán recorrió el hospital y "
        "anunció la contratación de 40 enfermeras para el turno nocturno de la unidad."
    )
    assert (b.date, b.date_source) == (dt.date(2019, 6, 4), "dateline")
    assert b.place == "Morelia, Michoacán"


def test_the_leads_date_for_the_event_dates_an_undated_bulletin() -> None:
    b = parse_text(
        "Abre sus puertas el nuevo hospital del IMSS en Tapachula\n\n"
        "El Hospital General de Zona No. 1 abrió sus puertas este martes 14 de marzo de 2023 "
        "con 120 camas, y el 1 de enero de 2024 sumará otras 40, informó el Instituto."
    )
    assert (b.date, b.date_source) == (dt.date(2023, 3, 14), "lead")
    assert b.date_text == "martes 14 de marzo de 2023"


@pytest.mark.parametrize(
    "stamp", ["Publicado: 2025-07-19", "Fecha de publicación: 19 de julio de 2025", "19 Jul, 2025"]
)
def test_publication_stamps_date_a_page(stamp: str) -> None:
    b = parse_text(
        f"IMSS amplía horarios en Puebla\n\n{stamp}\n\n"
        "El Instituto Mexicano del Seguro Social amplió los horarios de sus unidades de "
        "medicina familiar de Puebla, informó la delegación en un comunicado a los medios."
    )
    assert (b.date, b.date_source) == (dt.date(2025, 7, 19), "stamp")
    assert b.place is None


def test_a_deadline_after_the_title_is_no_stamp() -> None:
    b = parse_text(
        "Abre el IMSS su convocatoria de becas\n\nFecha límite: 30 de mayo de 2025\n\n"
        "El Instituto Mexicano del Seguro Social abrió la convocatoria para médicos residentes "
        "que deseen cursar una especialidad en sus hospitales de todo el país."
    )
    assert b.date is None


def test_a_stamp_after_the_title_wins_over_a_date_above_it() -> None:
    b = parse_text(
        "3 Oct, 2024\n\nIMSS amplía horarios en Puebla\n\n2 Oct, 2024 18:05\n\n"
        "El Instituto Mexicano del Seguro Social amplió los horarios de sus unidades de "
        "medicina familiar de Puebla, informó la delegación en un comunicado a los medios."
    )
    assert (b.date, b.date_source) == (dt.date(2024, 10, 2), "stamp")


def test_a_web_pages_header_with_a_clock_is_not_the_date() -> None:
    b = parse_text(
        "Lunes, 2 de febrero de 2026 | 10:15 hrs\n\nIMSS amplía horarios en Puebla\n\n"
        "El Instituto Mexicano del Seguro Social amplió los horarios de sus unidades de "
        "medicina familiar de Puebla, informó la delegación en un comunicado a los medios."
    )
    assert b.date is None and b.date_source is None
    assert b.title == "IMSS amplía horarios en Puebla"


def test_dates_deep_in_the_body_never_date_a_bulletin() -> None:
    b = parse_text(
        "Firma el IMSS un convenio\n\n"
        "El Instituto firmó un convenio con la universidad estatal para la formación de "
        "especialistas, que se renovará cada año a partir de la fecha de la firma.\n\n"
        "El convenio se firmó este jueves 5 de septiembre de 2024 en la rectoría."
    )
    assert b.date is None


def test_date_source_is_in_the_json_and_the_reader_says_it() -> None:
    from tui.widgets.reader import ReaderView

    b = parse_text(
        "IMSS amplía horarios en Puebla\n\nPublicado: 2025-07-19\n\n"
        "El Instituto Mexicano del Seguro Social amplió los horarios de atención."
    )
    assert '"date_source":"stamp"' in b.model_dump_json()
    fields = dict(ReaderView._fields(b))
    assert "(from the stamp)" in fields["Date"].plain


def test_the_cache_keeps_where_a_date_came_from(tmp_path: Path) -> None:
    from core.index import Index

    lead = tmp_path / "lead.txt"
    lead.write_text(
        "Abre el IMSS un hospital en Tapachula\n\nEl Hospital General de Zona No. 1 abrió sus "
        "puertas este martes 14 de marzo de 2023 con 120 camas, informó el Instituto.",
        encoding="utf-8",
    )
    stamp = tmp_path / "stamp.txt"
    stamp.write_text(
        "IMSS amplía horarios\n\nPublicado: 2025-07-19\n\nEl Instituto amplió los horarios.",
        encoding="utf-8",
    )
    for _ in range(2):  # cold, then from the cache
        with Index.open(tmp_path / "cache") as index:
            report = index.update([lead, stamp])
        assert [s.date_source for s in report.summaries] == ["lead", "stamp"]
    assert report.unchanged == 2


_LEAD = (
    "El Instituto Mexicano del Seguro Social amplió los horarios de sus unidades de "
    "medicina familiar de la entidad, informó la delegación en un comunicado a los medios."
)


@pytest.mark.parametrize(
    ("dateline", "expected", "place"),
    [
        ("CIUDAD DE MÉXICO, LUNES 5 DE MAYO DE 2025.-", dt.date(2025, 5, 5), "Ciudad de México"),
        ("PACHUCA, Hgo., a 3 de marzo del 2021.", dt.date(2021, 3, 3), "Pachuca de Soto, Hidalgo"),
        ("MÉRIDA, Yuc., 12 DE ENERO DE 2022.-", dt.date(2022, 1, 12), "Mérida, Yucatán"),
    ],
)
def test_datelines_in_capitals_and_with_a(dateline: str, expected: dt.date, place: str) -> None:
    b = parse_text(f"{dateline}\n\nIMSS amplía horarios en Hidalgo\n\n{_LEAD}")
    assert (b.date, b.date_source, b.place) == (expected, "dateline", place)
    assert b.title == "IMSS amplía horarios en Hidalgo"


def test_a_dateline_closed_by_a_full_stop_opens_the_lead() -> None:
    # the page ran the summary bullets into the lead: only the full stop ends the dateline
    b = parse_text(
        "*Refuerza el IMSS la atención en Sinaloa *Asistió a la Asamblea General "
        "Tepic, Nayarit, 4 de febrero de 2026. El gobernador Miguel Ángel Navarro Quintero "
        "acordó con el Instituto Mexicano del Seguro Social la ampliación de dos clínicas."
    )
    assert (b.date, b.date_source) == (dt.date(2026, 2, 4), "dateline")
    assert b.place == "Tepic, Nayarit"  # not "Asamblea General Tepic, Nayarit"


def test_a_sentence_ending_in_a_date_is_no_dateline() -> None:
    b = parse_text(
        "Abre el IMSS su nueva clínica\n\n"
        "La Unidad de Medicina Familiar No. 7 abrió sus consultorios el 4 de febrero de 2026. "
        "El director de la unidad, Juan Pérez Ruiz, dijo que atenderá a 20 mil derechohabientes."
    )
    assert b.date is None


def test_a_date_split_over_list_items_is_a_stamp() -> None:
    b = parse_text(f"Supervisa IMSS obras en Sonora\n\n• 22\n\n• Septiembre 2025\n\n{_LEAD}")
    assert (b.date, b.date_source) == (dt.date(2025, 9, 22), "stamp")
    assert b.highlights == []


def test_a_masthead_closing_with_its_date_is_a_stamp() -> None:
    b = parse_text(
        "Diario Oficial del Sureste, Sección Salud, número 318, jueves 8 de mayo de 2014.\n\n"
        f"SE AMPLÍA LA CLÍNICA DEL IMSS EN VILLAHERMOSA\n\n{_LEAD}"
    )
    assert (b.date, b.date_source) == (dt.date(2014, 5, 8), "stamp")
    assert b.title == "SE AMPLÍA LA CLÍNICA DEL IMSS EN VILLAHERMOSA"


def test_a_title_naming_a_date_is_no_masthead() -> None:
    b = parse_text(f"El IMSS abrirá sus guarderías el lunes 8 de enero de 2024\n\n{_LEAD}")
    assert b.date is None
    assert b.title == "El IMSS abrirá sus guarderías el lunes 8 de enero de 2024"


def test_a_date_among_the_pages_navigation_is_not_the_date() -> None:
    b = parse_text(f"Inicio 3 de Marzo del 2025 Nacional\n\nIMSS amplía horarios\n\n{_LEAD}")
    assert b.date is None and b.date_source is None
    assert b.title == "IMSS amplía horarios"


@pytest.mark.parametrize(
    "update",
    [
        "Actualizado: 3 de marzo de 2021",
        "Última actualización: 3 de marzo de 2021 09:40",
        "• 3 MAR 2021, Actualizado 09:40",
    ],
)
def test_an_update_stamp_is_not_the_bulletins_date(update: str) -> None:
    # when the page was edited says nothing of when the bulletin was issued
    above = parse_text(f"{update}\n\nIMSS amplía horarios\n\n{_LEAD}")
    assert above.date is None and above.title == "IMSS amplía horarios"
    run_in = parse_text(f"IMSS amplía horarios\n\n{update} {_LEAD}")
    assert run_in.date is None


def test_the_publication_stamp_wins_over_the_update_stamp() -> None:
    b = parse_text(
        "IMSS amplía horarios\n\n"
        f"Publicado el 2 de marzo de 2021 | Actualizado el 3 de marzo de 2021\n\n{_LEAD}"
    )
    assert (b.date, b.date_source) == (dt.date(2021, 3, 2), "stamp")
    run_in = parse_text(f"IMSS amplía horarios\n\nPublicado el 2 de marzo de 2021 {_LEAD}")
    assert (run_in.date, run_in.date_source) == (dt.date(2021, 3, 2), "stamp")


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [("Publicado: 3/03/2021", dt.date(2021, 3, 3)), ("Fecha: 25.12.2022", dt.date(2022, 12, 25))],
)
def test_labeled_numeric_stamps_read_day_first(stamp: str, expected: dt.date) -> None:
    b = parse_text(f"IMSS amplía horarios\n\n{stamp}\n\n{_LEAD}")
    assert (b.date, b.date_source) == (expected, "stamp")


def test_a_bare_numeric_date_in_the_body_dates_nothing() -> None:
    b = parse_text(f"IMSS amplía horarios\n\n{_LEAD} La convocatoria cierra el 3/03/2021.")
    assert b.date is None


def test_a_dateline_run_into_the_press_office_line_keeps_its_date() -> None:
    b = parse_text(
        "Ciudad de México 5 de mayo de 2024 Coordinación de Comunicación Social\n\n"
        f"IMSS amplía horarios\n\n{_LEAD}"
    )
    assert (b.date, b.date_source) == (dt.date(2024, 5, 5), "dateline")


@pytest.mark.parametrize(
    ("opening", "expected", "place"),
    [
        # the page lost the ".-": a place and a date, then the text goes on
        ("Zacatecas, Zac., a 09 de junio de 2018 El", dt.date(2018, 6, 9), "Zacatecas, Zacatecas"),
        ("Colima, Col.; viernes 8 de junio de 2018 El", dt.date(2018, 6, 8), "Colima, Colima"),
        ("CULIACÁN. 8 DE JUNIO DE 2018. El", dt.date(2018, 6, 8), "Culiacán, Sinaloa"),
        # the outlet's name in brackets between the date and the ".-"
        (
            "Durango, Dgo., 8 de junio de 2018 (Agencia).- El",
            dt.date(2018, 6, 8),
            "Durango, Durango",
        ),
    ],
)
def test_datelines_opening_the_lead_without_their_dash(
    opening: str, expected: dt.date, place: str
) -> None:
    b = parse_text(
        f"Vacuna el IMSS a 20 mil niños\n\n{opening} Instituto Mexicano del Seguro Social "
        "aplicó 20 mil vacunas en la Segunda Semana Nacional de Salud, informó la delegación."
    )
    assert (b.date, b.date_source, b.place) == (expected, "dateline", place)


def test_a_cue_word_before_the_date_is_no_dateline_place() -> None:
    b = parse_text(
        "Vacuna el IMSS a 20 mil niños\n\nHoy, 8 de junio de 2018. El Instituto Mexicano del "
        "Seguro Social concluyó la Segunda Semana Nacional de Salud, informó la delegación."
    )
    assert (b.date, b.date_source, b.place) == (dt.date(2018, 6, 8), "lead", None)


_LEAD = (
    "El Instituto Mexicano del Seguro Social amplió los horarios de sus unidades de medicina "
    "familiar de Puebla, informó la delegación en un comunicado a los medios."
)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # a newspaper's page stamp, reflowed into the lead
        (
            f"Abren clínicas en Puebla\nMartes 7 de mayo de 2019, p. 32\n{_LEAD}",
            dt.date(2019, 5, 7),
        ),
        # a web widget: numeric date, clock, outlet and section, and when it was edited
        (
            f"Abren clínicas en Puebla\n\n• 12/10/2023 16:32 / Radio Puebla / Salud / "
            f"Actualizado al 13/10/2023\n\n{_LEAD}",
            dt.date(2023, 10, 12),
        ),
        # a widget that lost its spaces: place, date and byline glued together
        (
            f"Abren clínicas en Puebla\n\n{_LEAD}\n\nPuebla Capital02 de febrero de 2025Ana "
            "Ruiz SotoAna Ruiz Soto\n\nEl nuevo horario empieza el lunes.",
            dt.date(2025, 2, 2),
        ),
    ],
)
def test_page_stamps_that_real_pages_garble(page: str, expected: dt.date) -> None:
    b = parse_text(page)
    assert (b.date, b.date_source) == (expected, "stamp")


def test_the_morning_of_a_date_in_the_lead_is_the_events_date() -> None:
    b = parse_text(
        "Anuncian hospital en Tequisquiapan\n\nEl alcalde y el IMSS anunciaron durante un "
        "desayuno en la mañana del 14 de mayo de 2025 la construcción del hospital, que estará "
        "listo el 1 de diciembre de 2026, en beneficio de los derechohabientes."
    )
    assert (b.date, b.date_source) == (dt.date(2025, 5, 14), "lead")


def test_a_date_glued_to_a_word_in_prose_or_a_page_number_alone_is_no_stamp() -> None:
    b = parse_text(
        f"Abren clínicas en Puebla\n\n{_LEAD} La obra se anunció en la p. 3 del informe y "
        "se terminará en 2026."
    )
    assert b.date is None


def test_an_iso_date_alone_under_the_outlet_is_a_stamp() -> None:
    b = parse_text(f"Alertan a usuarios sobre carencias\n\nEl Diario\n\n2014-10-21\n\n{_LEAD}")
    assert (b.date, b.date_source) == (dt.date(2014, 10, 21), "stamp")
    assert parse_text(f"Alertan a usuarios\n\nFolio 2014-10-21-7\n\n{_LEAD}").date is None


def test_a_date_alone_under_the_title_is_not_joined_to_it() -> None:
    b = parse_text(f"Visita el presidente un hospital rural\n\nseptiembre 29, 2019\n\n{_LEAD}")
    assert b.title == "Visita el presidente un hospital rural"
    assert (b.date, b.date_source) == (dt.date(2019, 9, 29), "stamp")


def test_a_dateline_glued_to_a_bulleted_summary_line() -> None:
    b = parse_text(
        "Renuncia la secretaria de Salud de Oaxaca\n"
        "- “La transición lo pide”, señaló el gobernador.\n"
        "Oaxaca de Juárez, Oax. 26 de agosto de 2024.— El gobernador informó que esta mañana "
        "renunció la secretaria de Salud, y que el IMSS – Bienestar asumirá la atención."
    )
    assert (b.date, b.date_source) == (dt.date(2024, 8, 26), "dateline")
    names = {e.name for e in b.entities}
    assert "IMSS-Bienestar" in names and "IMSS" not in names


def test_a_stamp_over_the_byline_after_the_summary_dates_the_page() -> None:
    # the page's lines ran into one paragraph: summary, stamp, byline, undated dateline
    b = parse_text(
        "Acuerdan IMSS y Durango nueva clínica.\n"
        "El gobernador y el director general del IMSS acordaron construir una clínica en Gómez "
        "Palacio.\n"
        "Martes 08 de Marzo de 2022\n"
        "Por: Redacción\n"
        "DURANGO.- El gobernador y el director general del Instituto Mexicano del Seguro Social "
        "acordaron construir una Unidad de Medicina Familiar en Gómez Palacio este año."
    )
    assert (b.date, b.date_source) == (dt.date(2022, 3, 8), "stamp")


def test_a_date_before_an_ordinary_sentence_is_no_stamp() -> None:
    b = parse_text(
        "Abre el IMSS su nueva clínica\n\n"
        "La clínica que abrirá el 8 de marzo de 2022 por indicación del director tendrá diez "
        "consultorios de medicina familiar y un laboratorio para la población de la zona."
    )
    assert b.date_source != "stamp"


def test_a_dateline_with_a_named_month_between_slashes() -> None:
    b = parse_text(
        "Cumplen 50 años los hospitales del CMNO\n\n"
        "GUADALAJARA, JALISCO (14/MAR/2018).- Los hospitales del Centro Médico Nacional de "
        "Occidente cumplieron hoy 50 años de atención ininterrumpida a la derechohabiencia."
    )
    assert (b.date, b.date_source, b.place) == (
        dt.date(2018, 3, 14),
        "dateline",
        "Guadalajara, Jalisco",
    )


_DATE_PIECES = st.sampled_from(
    [
        " ", "  ", "\n", ",", ", ", ".", "-", "de ", "del ", " de ", "DE ", "a ", "el ",
        "1", "5", "15", "2024", "20", "99999", "1º", "1o.", "primero", "jueves ", "Sábado, ",
        "mayo", "Mayo", "MAYO", "mayor", "may.", "jun", "Junio", "sept", "Set.", "setiembre",
        "dic", "dicho", "ene", "general", "marzo", "marco", "abr", "Ago", "xmayo", "5mayo",
        "ſeptiembre", "é", "/", "-", "/MAR/", "14/", "-ago-", "/MAR/2018", "-ago-2017",
    ]
)  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=14).map("".join), st.integers(0, 6))
def test_search_date_prefilter_hides_no_date(text: str, start: int) -> None:
    """search_date scans for a month followed by a number before trying its forms: it must
    answer what the forms alone answer (the earliest date, the longest at one start)."""
    start = min(start, len(text))
    best = None
    for form in _FORMS:
        m = form.search(text, start)
        if m and (best is None or (m.start(), -m.end()) < (best.start(), -best.end())):
            best = m
    found = search_date(text, start)
    assert (found and (found.span(), found.re)) == (best and (best.span(), best.re))
