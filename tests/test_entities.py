"""The mention extractor on the real seeds, plus held-out sentences written for these tests.

The held-out sentences are in the style of IMSS bulletins but appear in no seed: they check
that the rules are patterns of officialese and of the gazetteer, not of five documents.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.entities import extract_entities, extract_mentions
from core.entities.gazetteer import STATES, gazetteer
from core.entities.institutions import INSTITUTIONS, LONG_NAMES, _table, find_institutions
from core.entities.roles import office
from core.entities.text import fold
from core.models import BulletinEntity, EntityKind
from core.parse import parse_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@cache
def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_file(path).text


def entities_of(text: str, kind: EntityKind) -> dict[str, BulletinEntity]:
    return {e.name: e for e in extract_entities(text) if e.kind == kind}


def names(text: str, kind: EntityKind) -> set[str]:
    return set(entities_of(text, kind))


# --- seeds -------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_span_slices_to_its_text(prefix: str) -> None:
    text = seed_text(prefix)
    mentions = extract_mentions(text)
    assert mentions
    for m in mentions:
        assert text[m.start : m.end] == m.text
    for entity in extract_entities(text):
        for span in entity.mentions:
            assert text[span.start : span.end] == span.text


def test_seed_000_officials_with_roles_and_short_mentions() -> None:
    text = seed_text("000")
    officials = entities_of(text, EntityKind.OFFICIAL)
    duarte = officials["César Duarte Jáquez"]
    assert duarte.role == "Gobernador del estado de Chihuahua"
    assert "César Duarte" in [s.text for s in duarte.mentions]  # "El Gobernador César Duarte dijo"
    gonzalez = officials["José Antonio González Anaya"]
    assert gonzalez.role == "Director General del Instituto Mexicano del Seguro Social"
    assert "González Anaya" in [s.text for s in gonzalez.mentions]  # "González Anaya dijo"
    assert officials["Enrique Peña Nieto"].role == "Presidente"
    assert len(officials) == 3  # no "Seguro Popular", no "Convenio Específico", no role-only


def test_seed_000_state_bodies_take_the_bulletins_state() -> None:
    text = seed_text("000")
    institutions = names(text, EntityKind.INSTITUTION)
    assert {"Secretaría de Salud de Chihuahua", "Gobierno de Chihuahua", "DIF"} <= institutions
    assert "IMSS-PROSPERA" in institutions  # rejoined from "IMSS-\nPROSPERA"
    assert "Chihuahua, Chihuahua" in names(text, EntityKind.PLACE)  # dateline city
    assert not names(text, EntityKind.FACILITY)  # "más de 140 unidades médicas rurales"


def test_role_only_mentions_are_not_people() -> None:
    text = seed_text("001")  # "El titular del IMSS señaló", "el Gobierno se comprometa"
    for name in names(text, EntityKind.OFFICIAL):
        assert not name.lower().startswith(("titular", "gobernador", "el ", "director"))
    assert entities_of(text, EntityKind.OFFICIAL)["Manuel Velasco Coello"].role == (
        "Gobernador de la entidad"
    )


def test_seed_001_generic_plurals_are_not_facilities() -> None:
    # "diez Hospitales Rurales, 557 Unidades Médicas Rurales"
    assert not names(seed_text("001"), EntityKind.FACILITY)


def test_seed_002_enumeration_expands_into_three_units() -> None:
    text = seed_text("002")
    facilities = entities_of(text, EntityKind.FACILITY)
    for number in (1, 38, 65):
        assert f"Unidad de Medicina Familiar No. {number}" in facilities
    assert [s.text for s in facilities["Unidad de Medicina Familiar No. 38"].mentions] == ["38"]
    assert "Hospital General de Zona No. 1" in facilities
    assert "Unidad Médica Rural No. 235" in facilities
    assert "Ánimas Trujano, Oaxaca" in names(text, EntityKind.PLACE)


def test_seed_002_surname_only_mention_and_speech_verb() -> None:
    officials = entities_of(seed_text("002"), EntityKind.OFFICIAL)
    cue = officials["Gabino Cué Monteagudo"]
    assert cue.role == "Gobernador de la entidad"
    assert len(cue.mentions) == 2  # "En su oportunidad, Gabino Cué Monteagudo dijo"
    assert officials["Germán de Jesús Tenorio Vasconcelos"].role == "Secretario de Salud de Oaxaca"


def test_seed_003_state_list_includes_ambiguous_names() -> None:
    places = names(seed_text("003"), EntityKind.PLACE)
    assert {"Hidalgo", "Morelos", "Estado de México", "Baja California Sur"} <= places
    officials = entities_of(seed_text("003"), EntityKind.OFFICIAL)
    assert officials["Jens Pedro Lohmann Iturburu"].role == "director general de Birmex"
    assert officials["Thalía Concepción Lagunas Aragón"].role == (
        "subsecretaria de la Secretaría de la Función Pública (SFP)"
    )


def test_seed_004_places_inside_facility_names_belong_to_the_facility() -> None:
    text = seed_text("004")
    facility_spans = [
        (s.start, s.end)
        for e in extract_entities(text)
        if e.kind == EntityKind.FACILITY
        for s in e.mentions
    ]
    places = entities_of(text, EntityKind.PLACE)
    for place in places.values():
        for span in place.mentions:
            assert not any(a < span.end and span.start < b for a, b in facility_spans)
    assert "Zinacantepec, Estado de México" not in places
    assert "Ecatepec de Morelos, Estado de México" in places  # dateline "Ecatepec, Estado de..."
    assert "Centro Médico del ISSEMyM de Ecatepec" in names(text, EntityKind.FACILITY)


def test_adjectives_are_not_places() -> None:
    for prefix in ("000", "002", "004"):  # chihuahuense, oaxaqueños, mexiquense
        text = seed_text(prefix)
        for m in extract_mentions(text):
            if m.kind == EntityKind.PLACE:
                assert m.text[0].isupper()


# --- held-out sentences (not from any seed) ----------------------------------------------


def test_heldout_role_before_and_after_the_name() -> None:
    text = (
        "El director general del IMSS, Zoé Robledo, inauguró la Unidad de Medicina Familiar "
        "No. 55 en el municipio de Juárez, Nuevo León, acompañado por el gobernador Samuel "
        "García Sepúlveda. Ana Laura Pérez Torres, jefa de Servicios de Prestaciones Médicas "
        "en Querétaro, precisó que el Centro Médico Nacional La Raza recibió pacientes."
    )
    officials = entities_of(text, EntityKind.OFFICIAL)
    assert officials["Zoé Robledo"].role == "director general del IMSS"
    assert officials["Samuel García Sepúlveda"].role == "gobernador"
    assert officials["Ana Laura Pérez Torres"].role == (
        "jefa de Servicios de Prestaciones Médicas en Querétaro"
    )
    assert "Unidad de Medicina Familiar No. 55" in names(text, EntityKind.FACILITY)
    assert "Centro Médico Nacional La Raza" in names(text, EntityKind.FACILITY)
    assert {"Juárez, Nuevo León", "Nuevo León", "Querétaro"} <= names(text, EntityKind.PLACE)


def test_heldout_titles_are_not_part_of_names() -> None:
    text = (
        "El gobernador de Guerrero, Héctor Astudillo Flores, agradeció al Dr. Víctor Hugo Borja "
        "Aburto su visita. Durante la gira, el Lic. Mario Delgado Carrillo, secretario de "
        "Educación Pública, saludó a la maestra Rosa Icela Rodríguez Velázquez."
    )
    officials = names(text, EntityKind.OFFICIAL)
    assert officials == {
        "Héctor Astudillo Flores",
        "Víctor Hugo Borja Aburto",
        "Mario Delgado Carrillo",
        "Rosa Icela Rodríguez Velázquez",
    }


def test_heldout_acronym_and_long_form_normalize_the_same() -> None:
    text = (
        "Visitó el HGZ No. 1, luego el Hospital General de Zona número 1 y el HGZ 1; "
        "más tarde la UMR 120 y los Hospitales Generales de Zona 8 y 32."
    )
    facilities = entities_of(text, EntityKind.FACILITY)
    assert len(facilities["Hospital General de Zona No. 1"].mentions) == 3
    assert {
        "Unidad Médica Rural No. 120",
        "Hospital General de Zona No. 8",
        "Hospital General de Zona No. 32",
    } <= set(facilities)


def test_heldout_surnames_and_common_words_need_a_place_cue() -> None:
    text = (
        "Miguel Hidalgo y Costilla es recordado en la alcaldía Miguel Hidalgo. La reforma a la "
        "Ley del Seguro Social llegó a Victoria. Progreso y bienestar para todos. Los estados "
        "de Guerrero, Hidalgo y Morelos recibirán insumos."
    )
    mentions = [m for m in extract_mentions(text) if m.kind == EntityKind.PLACE]
    found = {(m.text, m.name) for m in mentions}
    assert found == {
        ("Miguel Hidalgo", "Miguel Hidalgo, Ciudad de México"),
        ("Guerrero", "Guerrero"),
        ("Hidalgo", "Hidalgo"),
        ("Morelos", "Morelos"),
    }
    assert mentions[0].start > text.index("alcaldía")
    assert not names(text, EntityKind.INSTITUTION)  # "Ley del Seguro Social" is a law


def test_heldout_city_state_pairs_and_city_names() -> None:
    text = (
        "Se entregaron ambulancias en Mérida, Yucatán, en Benito Juárez, Quintana Roo, en "
        "Ciudad Obregón y en Cuernavaca, Morelos."
    )
    assert {
        "Mérida, Yucatán",
        "Yucatán",
        "Benito Juárez, Quintana Roo",
        "Quintana Roo",
        "Cajeme, Sonora",
        "Cuernavaca, Morelos",
        "Morelos",
    } == names(text, EntityKind.PLACE)


def test_heldout_institutions_long_forms_acronyms_and_state_bodies() -> None:
    text = (
        "Participaron la Secretaría de Salud de Jalisco, la Secretaría de Salud, el Instituto "
        "de Salud para el Bienestar (Insabi), el ISSSTE y el Instituto de Seguridad y Servicios "
        "Sociales de los Trabajadores del Estado, así como el gobierno mexiquense."
    )
    institutions = entities_of(text, EntityKind.INSTITUTION)
    assert set(institutions) == {
        "Secretaría de Salud de Jalisco",
        "Secretaría de Salud",
        "INSABI",
        "ISSSTE",
        "Gobierno del Estado de México",
    }
    assert len(institutions["INSABI"].mentions) == 2
    assert len(institutions["ISSSTE"].mentions) == 2


def test_heldout_generic_units_are_not_facilities() -> None:
    text = (
        "El titular del IMSS recorrió las Unidades Médicas Rurales de Chiapas, 80 Hospitales "
        "Rurales y más de 300 hospitales equipados, además de una Unidad de Medicina Familiar."
    )
    assert not names(text, EntityKind.FACILITY)
    assert not names(text, EntityKind.OFFICIAL)


# --- robustness ---------------------------------------------------------------------------


def test_gazetteer_knows_every_state_by_its_everyday_name() -> None:
    gaz = gazetteer()
    for _key, everyday, variants in STATES:
        for surface in (everyday, *variants):
            first = gaz.entries[fold(surface)].places[0]
            assert first.is_state and first.name == everyday
    assert gaz.entries[fold("Distrito Federal")].places[0].name == "Ciudad de México"
    assert len(gaz.entries) > 2400


def test_every_institution_pattern_has_a_literal_opening() -> None:
    table = _table()  # raises when a pattern has no literal opening to trigger on
    assert (False, "IMSS") in table and (True, "secr") in table


@pytest.mark.parametrize(
    "text", ["", " ", "\x00", "((((", "Hospital " * 500, "IMSS-\n", "de de de", "Sr. " * 300]
)
def test_odd_inputs_do_not_raise(text: str) -> None:
    for m in extract_mentions(text):
        assert text[m.start : m.end] == m.text


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("aé Z,.()-\nIMSSHospital de 12 yGobierno")), max_size=300)
)
def test_fuzzed_text_never_raises_and_spans_hold(text: str) -> None:
    for m in extract_mentions(text):
        assert text[m.start : m.end] == m.text


def test_heldout_two_people_joined_by_y_keep_their_own_roles() -> None:
    text = (
        "Zoé Robledo, director general del IMSS y Layda Sansores San Román, gobernadora de "
        "Campeche, recorrieron el nuevo Hospital del Seguro Social en Campeche."
    )
    officials = entities_of(text, EntityKind.OFFICIAL)
    assert officials["Zoé Robledo"].role == "director general del IMSS"
    assert officials["Layda Sansores San Román"].role == "gobernadora de Campeche"
    assert not names(text, EntityKind.FACILITY)  # "Hospital del Seguro Social" names no unit


def test_heldout_datelines_with_state_abbreviations() -> None:
    text = (
        "Guanajuato, Gto., 4 de marzo de 2022.\n\n"
        "La UMF 12 de León atenderá en La Paz, estado de México."
    )
    places = names(text, EntityKind.PLACE)
    assert {"Guanajuato, Guanajuato", "La Paz, Estado de México"} <= places


def test_heldout_role_then_title_then_name_and_named_rural_units() -> None:
    text = (
        "El delegado del IMSS en Zacatecas, doctor Luis Fernando Medina Ortiz, entregó la "
        "Unidad Médica Rural (UMR) de San Pedro Piedra Gorda y la Unidad de Medicina Familiar "
        "(UMF) N.° 4; lo acompañó el coordinador del Instituto Nacional para el Federalismo y "
        "el Desarrollo Municipal, Ernesto Vargas Luna."
    )
    officials = entities_of(text, EntityKind.OFFICIAL)
    assert officials["Luis Fernando Medina Ortiz"].role == "delegado del IMSS en Zacatecas"
    assert officials["Ernesto Vargas Luna"].role == (
        "coordinador del Instituto Nacional para el Federalismo y el Desarrollo Municipal"
    )
    assert {
        "Unidad Médica Rural de San Pedro Piedra Gorda",
        "Unidad de Medicina Familiar No. 4",
    } == names(text, EntityKind.FACILITY)


def test_heldout_state_bodies_follow_the_state_the_bulletin_is_about() -> None:
    text = (
        "Ciudad de México, martes 5 de marzo de 2024.\n\n"
        "El director general del IMSS, Zoé Robledo, visitó Tlaxcala. En Tlaxcala, la "
        "Secretaría de Salud estatal y el IMSS firmaron un acuerdo para Huamantla, Tlaxcala.\n\n"
        "Robledo Aburto señaló que el convenio beneficiará a la entidad."
    )
    assert "Secretaría de Salud de Tlaxcala" in names(text, EntityKind.INSTITUTION)
    robledo = entities_of(text, EntityKind.OFFICIAL)
    assert list(robledo) == ["Zoé Robledo"]
    assert [s.text for s in robledo["Zoé Robledo"].mentions] == ["Zoé Robledo", "Robledo Aburto"]


@pytest.mark.parametrize(
    "text",
    [
        "Hospital General de " * 2000,
        "el director general del IMSS, " * 2000,
        "Juan " * 20000,
        "Juan Pérez dijo. " * 5000,
        "Unidades de Medicina Familiar " + "1, " * 5000,
    ],
)
def test_runaway_inputs_stay_linear(text: str) -> None:
    """Patterns are bounded: 40-100 KB of adversarial text takes well under a second."""
    import time

    started = time.perf_counter()
    extract_mentions(text)
    assert time.perf_counter() - started < 5.0


def test_heldout_named_hospitals_keep_their_whole_name() -> None:
    text = (
        "Tuxtla Gutiérrez, Chiapas, 15 de octubre de 2023.\n\n"
        "Se equipó el Hospital de la Mujer de San Cristóbal de las Casas y el Hospital Básico "
        "Comunitario de Ocosingo; la senadora Sasil de León Villard asistió."
    )
    assert {
        "Hospital de la Mujer de San Cristóbal de las Casas",
        "Hospital Básico Comunitario de Ocosingo",
    } == names(text, EntityKind.FACILITY)
    assert {"Tuxtla Gutiérrez, Chiapas", "Chiapas"} == names(text, EntityKind.PLACE)
    assert entities_of(text, EntityKind.OFFICIAL)["Sasil de León Villard"].role == "senadora"


def test_heldout_a_name_never_follows_a_bare_article() -> None:
    """ "en el Primer Nivel", "la Salud Digital": capitalized words after an article name an
    office or a program, never a person, even before a speech verb."""
    text = (
        "El coordinador de Atención Integral a la Salud en el Primer Nivel, señaló que hubo "
        "avances. Por su parte, Pedro Castro Maldonado, coordinador de Atención Integral a la "
        "Salud en el Primer Nivel, informó que en la Medicina Familiar, dijo, se redujo la "
        "espera. Al acto asistió el gobernador Javier Corral Jurado."
    )
    officials = entities_of(text, EntityKind.OFFICIAL)
    assert set(officials) == {"Pedro Castro Maldonado", "Javier Corral Jurado"}
    assert officials["Pedro Castro Maldonado"].role == (
        "coordinador de Atención Integral a la Salud en el Primer Nivel"
    )


def test_heldout_places_after_en_and_offices_joined_by_y_are_not_people() -> None:
    text = (
        "Asistieron Macarena Molina Alvarado, titular del Órgano de Operación Administrativa "
        "Desconcentrada en San Luis Potosí; y el doctor Víctor Gilberto Guzmán Treviño, "
        "coordinador de Información y Análisis Estratégico, subrayó que hubo avances."
    )
    officials = entities_of(text, EntityKind.OFFICIAL)
    assert set(officials) == {"Macarena Molina Alvarado", "Víctor Gilberto Guzmán Treviño"}
    assert officials["Macarena Molina Alvarado"].role == (
        "titular del Órgano de Operación Administrativa Desconcentrada en San Luis Potosí"
    )
    assert officials["Víctor Gilberto Guzmán Treviño"].role == (
        "coordinador de Información y Análisis Estratégico"
    )
    assert "San Luis Potosí" in names(text, EntityKind.PLACE)


def test_heldout_unit_numbers_stay_in_roles_on_either_side_of_the_name() -> None:
    text = (
        "El director del Hospital General de Zona No. 1, Juan Pérez López, informó que hubo "
        "avances. Paola Lira Castillo, jefa de Enfermería de la Unidad de Medicina Familiar "
        "Núm. 5, dijo que la vacunación siguió."
    )
    officials = entities_of(text, EntityKind.OFFICIAL)
    assert officials["Juan Pérez López"].role == "director del Hospital General de Zona No. 1"
    assert officials["Paola Lira Castillo"].role == (
        "jefa de Enfermería de la Unidad de Medicina Familiar Núm. 5"
    )


def test_heldout_y_joins_two_people_when_a_role_follows_each() -> None:
    text = (
        "Asistieron Juan Pérez López, director de Finanzas y Zoé Robledo Aburto, directora de "
        "Administración, al evento. Por su parte, Karla Ruiz Franco, presidenta municipal de "
        "Mixquiahuala de Juárez, señaló que hubo avances."
    )
    officials = entities_of(text, EntityKind.OFFICIAL)
    assert {name: e.role for name, e in officials.items()} == {
        "Juan Pérez López": "director de Finanzas",
        "Zoé Robledo Aburto": "directora de Administración",
        "Karla Ruiz Franco": "presidenta municipal de Mixquiahuala de Juárez",
    }


# --- roles as offices (issue 10, class 6) ----------------------------------------------------


def _officials(text: str) -> dict[str, BulletinEntity]:
    return entities_of(text, EntityKind.OFFICIAL)


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        (
            "Puerto Escondido, Oaxaca.- En gira por la Costa, el Gobernador de la entidad, "
            "Alejandro Murat Hinojosa, recorrió el Hospital Rural de Pinotepa Nacional.",
            "Alejandro Murat Hinojosa",
            "Gobernador de Oaxaca",
        ),
        (
            "Tuxtla Gutiérrez, Chiapas.- La ampliación de la clínica fue anunciada por el "
            "gobernador del estado, Eduardo Ramírez Aguilar, ante derechohabientes.",
            "Eduardo Ramírez Aguilar",
            "Gobernador de Chiapas",
        ),
        (
            "Hermosillo, Sonora.- La mandataria estatal, Claudia Pavlovich Arellano, "
            "agradeció al Seguro Social la nueva Unidad de Medicina Familiar.",
            "Claudia Pavlovich Arellano",
            "Gobernadora de Sonora",
        ),
        (
            "En Toluca, Estado de México, el mandatario mexiquense, Alfredo del Mazo Maza, "
            "inauguró la unidad.",
            "Alfredo del Mazo Maza",
            "Gobernador del Estado de México",
        ),
    ],
)
def test_a_contextual_role_gets_the_bulletins_state(text: str, person: str, expected: str) -> None:
    found = _officials(text)[person]
    assert found.office == expected
    assert found.role is not None and found.role != expected  # the wording is kept as written


def test_a_governor_of_a_named_state_keeps_that_state_in_another_states_bulletin() -> None:
    text = (
        "Monterrey, Nuevo León.- Al encuentro asistió el gobernador del estado de Coahuila, "
        "Manolo Jiménez Salinas, invitado por el Instituto."
    )
    assert _officials(text)["Manolo Jiménez Salinas"].office == "Gobernador de Coahuila"


@pytest.mark.parametrize(
    "role",
    [
        "titular del Seguro Social",
        "director general del Instituto Mexicano del Seguro Social (IMSS)",
        "Director General del IMSS",
        "el director general del Seguro Social",
    ],
)
def test_every_wording_of_the_imss_head_is_one_office(role: str) -> None:
    text = f"En la ceremonia, Zoé Robledo, {role}, entregó reconocimientos al personal."
    found = _officials(text)["Zoé Robledo"]
    assert office(found.office or "").key == "director general imss"


def test_a_role_does_not_stop_at_y_inside_an_institutions_name() -> None:
    text = (
        "Al acto acudieron Martí Batres Guadarrama, director general del Instituto de Seguridad "
        "y Servicios Sociales de los Trabajadores del Estado (ISSSTE), y Zoé Robledo, director "
        "general del IMSS."
    )
    found = _officials(text)
    assert found["Martí Batres Guadarrama"].role == (
        "director general del Instituto de Seguridad y Servicios Sociales de los Trabajadores "
        "del Estado (ISSSTE)"
    )
    assert found["Martí Batres Guadarrama"].office == "Director General del ISSSTE"
    assert found["Zoé Robledo"].role == "director general del IMSS"


def test_y_between_two_people_still_ends_a_role() -> None:
    text = (
        "Firmaron Ana Ruiz Soto, directora de Finanzas y Administración, y Juan Pérez López, "
        "director de Prestaciones Médicas."
    )
    found = _officials(text)
    assert found["Ana Ruiz Soto"].role == "directora de Finanzas y Administración"
    assert found["Juan Pérez López"].role == "director de Prestaciones Médicas"


# --- institutions beyond the table (issue 10, class 5) ---------------------------------------


def _institutions(text: str) -> dict[str, BulletinEntity]:
    return entities_of(text, EntityKind.INSTITUTION)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "El IMSS y la Secretaría de Agricultura y Desarrollo Rural firmaron un convenio "
            "para los jornaleros.",
            "Secretaría de Agricultura y Desarrollo Rural",
        ),
        (
            "Con apoyo de la Comisión Nacional para el Desarrollo de los Pueblos Indígenas se "
            "tradujeron los materiales.",
            "Comisión Nacional para el Desarrollo de los Pueblos Indígenas",
        ),
        (
            "Asistieron representantes del Sindicato Nacional de Trabajadores Mineros "
            "a la jornada de vacunación.",
            "Sindicato Nacional de Trabajadores Mineros",
        ),
        (
            "Los pasantes provienen de la Universidad Autónoma de Chiapas y realizarán su "
            "servicio social en la región.",
            "Universidad Autónoma de Chiapas",
        ),
        (
            "El terreno fue donado por el Ayuntamiento de Apodaca para la nueva clínica.",
            "Ayuntamiento de Apodaca",
        ),
        (
            "La Fiscalía General del Estado de Puebla abrió una carpeta por la compra de "
            "medicamentos.",
            "Fiscalía General del Estado de Puebla",
        ),
    ],
)
def test_a_body_the_table_lacks_is_read_from_its_name(text: str, body: str) -> None:
    assert body in _institutions(text)


def test_a_glossed_acronym_joins_its_long_form() -> None:
    text = (
        "El IMSS y el Instituto Nacional para el Federalismo y el Desarrollo Municipal (INAFED) "
        "capacitarán a los alcaldes. El INAFED aportará los materiales."
    )
    inafed = _institutions(text)["Instituto Nacional para el Federalismo y el Desarrollo Municipal"]
    assert [m.text for m in inafed.mentions][1:] == ["INAFED", "INAFED"]


def test_governing_bodies_take_their_institutions_name() -> None:
    text = (
        "El H. Consejo Técnico del Instituto Mexicano del Seguro Social aprobó el presupuesto. "
        "La Junta Directiva del ISSSTE sesionó el mismo día. Más tarde, el Consejo Técnico "
        "ratificó a los titulares de las representaciones."
    )
    found = _institutions(text)
    assert len(found["Consejo Técnico del IMSS"].mentions) == 2
    assert "Junta Directiva del ISSSTE" in found


@pytest.mark.parametrize(
    ("text", "not_a_body"),
    [
        (
            "La Secretaría de Economía y el Gobernador Juan Pérez López inauguraron la planta.",
            "Secretaría de Economía y el Gobernador Juan Pérez López",
        ),
        ("Se rindió el informe de la Secretaría General del Instituto.", "Secretaría General"),
        ("Son las acciones que ejecutará el Instituto en Michoacán.", "Instituto en Michoacán"),
        (
            "Se celebró el bicentenario de la Federación de Chiapas a México.",
            "Federación de Chiapas",
        ),
        (
            "Sesionó el Consejo Consultivo Delegacional del Seguro Social en Tlaxcala.",
            "Consejo Consultivo Delegacional",
        ),
        (
            "Se reunió el Comité Ciudadano de Seguimiento de la obra del hospital.",
            "Comité Ciudadano de Seguimiento",
        ),
        ("Se inauguró la 116 Asamblea General Ordinaria del IMSS.", "Asamblea General del IMSS"),
    ],
)
def test_what_is_no_public_body_is_not_read_as_one(text: str, not_a_body: str) -> None:
    assert not_a_body not in _institutions(text)


def test_a_body_naming_a_units_kind_is_part_of_the_unit() -> None:
    text = "El director visitó el Hospital Rural IMSS-Bienestar de Ocosingo, Chiapas."
    assert "IMSS-Bienestar" not in _institutions(text)
    assert "Hospital Rural IMSS-Bienestar de Ocosingo" in entities_of(text, EntityKind.FACILITY)
    owned = "El director recorrió el Centro Médico del ISSEMyM de Ecatepec."
    assert "ISSEMyM" in _institutions(owned)  # an owner is still named


def test_a_role_over_a_body_read_by_the_grammar_keeps_its_whole_name() -> None:
    text = (
        "Participó Víctor Villalobos Arámbula, secretario de Agricultura y Desarrollo Rural, "
        "en la firma del convenio con el IMSS."
    )
    person = _officials(text)["Víctor Villalobos Arámbula"]
    assert person.role == "secretario de Agricultura y Desarrollo Rural"


def test_a_body_inside_anothers_name_is_named_too() -> None:
    text = (
        "Zoé Robledo se reunió con la Comisión de Seguridad Social del Senado de la República "
        "y con el Consejo Consultivo de la Comisión Nacional de los Derechos Humanos."
    )
    found = _institutions(text)
    assert {"Senado de la República", "CNDH"} <= set(found)
    assert "Comisión de Seguridad Social del Senado de la República" in found


def test_a_state_secretariat_named_through_its_government() -> None:
    text = "Acudió el encargado de la Secretaría de Salud del Gobierno de Oaxaca."
    assert "Secretaría de Salud de Oaxaca" in _institutions(text)


@pytest.mark.parametrize(
    ("first", "second", "home", "body"),
    [
        # one office renamed: delegación, then OOAD, then Oficina de Representación
        (
            "delegado del IMSS en Oaxaca",
            "titular de la Oficina de Representación en la entidad",
            "20",
            None,
        ),
        (
            "delegada del Instituto Mexicano del Seguro Social en Oaxaca",
            "titular del Órgano de Operación Administrativa Desconcentrada (OOAD) en Oaxaca",
            None,
            None,
        ),
        ("Presidente de la República", "presidenta de México", None, None),
        ("secretaria de Gobernación", "titular de la Segob", None, None),
        ("Secretario del Trabajo y Previsión Social", "titular de la STPS", None, None),
        ("secretario de Salud estatal", "Secretaria de Salud de Oaxaca", "20", None),
        ("director general del instituto", "Director General del IMSS", None, "IMSS"),
        (
            "Director nacional del IMSS",
            "director general del Instituto Mexicano del Seguro Social",
            None,
            None,
        ),
        ("titular del Programa IMSS-PROSPERA", "titular de IMSS-PROSPERA", None, None),
        (
            "titular de la Unidad del Programa IMSS-Bienestar",
            "titular de la Unidad IMSS-Bienestar",
            None,
            None,
        ),
    ],
)
def test_wordings_of_one_office_share_its_key(
    first: str, second: str, home: str | None, body: str | None
) -> None:
    assert office(first, home, body).key == office(second, home, body).key


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("director general del IMSS", "director general del ISSSTE"),
        ("secretario general del IMSS", "secretario de Salud"),
        ("Gobernador de Oaxaca", "Gobernador de Chiapas"),
        ("delegado del IMSS en Oaxaca", "delegado del IMSS en Puebla"),
        ("secretario de Salud", "subsecretario de Salud"),
    ],
)
def test_different_offices_keep_different_keys(first: str, second: str) -> None:
    assert office(first).key != office(second).key


def test_a_municipal_council_names_its_municipality_too() -> None:
    text = "El terreno fue donado por el Ayuntamiento de Apodaca para la nueva clínica."
    assert "Ayuntamiento de Apodaca" in _institutions(text)
    assert "Apodaca, Nuevo León" in names(text, EntityKind.PLACE)


def test_a_role_before_the_name_spans_y_inside_a_body_and_sisters_stay_two() -> None:
    text = (
        "Ayer, la directora general del Instituto de Seguridad y Servicios Sociales de los "
        "Trabajadores del Estado (ISSSTE), Bertha Alcalde Luján, y la secretaria del Trabajo y "
        "Previsión Social, Luisa María Alcalde Luján, firmaron el acuerdo."
    )
    found = _officials(text)
    assert found["Bertha Alcalde Luján"].office == "Directora General del ISSSTE"
    assert found["Luisa María Alcalde Luján"].role == "secretaria del Trabajo y Previsión Social"
    assert office(found["Luisa María Alcalde Luján"].role or "").key == "secretario stps"


def test_an_acronym_glossed_after_a_state_body_joins_it() -> None:
    text = (
        "Oaxaca de Juárez, Oaxaca.- Los Servicios de Salud de Oaxaca (SSO) y el IMSS firmaron "
        "un convenio. Los SSO aportarán personal de enfermería."
    )
    sso = _institutions(text)["Servicios de Salud de Oaxaca"]
    assert [m.text for m in sso.mentions] == ["Servicios de Salud de Oaxaca", "SSO", "SSO"]


def test_a_long_form_misspelled_in_the_source_joins_the_acronym_it_glosses() -> None:
    text = "El delegado del Instituto Mexicano Social (IMSS) en Jalisco, Juan Pérez López, habló."
    found = _institutions(text)
    assert list(found) == ["IMSS"]
    assert [m.text for m in found["IMSS"].mentions] == ["Instituto Mexicano Social", "IMSS"]


def test_a_place_or_name_with_its_own_article_stays_in_the_body() -> None:
    text = (
        "El Ayuntamiento de Los Cabos donó el predio; los médicos residentes vienen de la "
        "Universidad La Salle."
    )
    assert {"Ayuntamiento de Los Cabos", "Universidad La Salle"} <= set(_institutions(text))


def test_the_acronym_after_a_governing_body_is_its_institutions() -> None:
    text = (
        "En la sesión del Consejo Técnico del Instituto Mexicano del Seguro Social (IMSS), el "
        "IMSS presentó su informe."
    )
    found = _institutions(text)
    imss = ["Instituto Mexicano del Seguro Social", "IMSS", "IMSS"]  # its owner, inside it
    assert [m.text for m in found["IMSS"].mentions] == imss
    assert len(found["Consejo Técnico del IMSS"].mentions) == 1


def test_a_name_listed_with_commas_is_whole_when_its_acronym_closes_it() -> None:
    text = (
        "La Secretaría de Agricultura, Ganadería, Desarrollo Rural, Pesca y Alimentación "
        "(Sagarpa) y el IMSS firmaron. La Sagarpa aportará los padrones. La Secretaría de "
        "Economía, la CFE y el IMSS también."
    )
    found = _institutions(text)
    sagarpa = found["Secretaría de Agricultura, Ganadería, Desarrollo Rural, Pesca y Alimentación"]
    assert [m.text for m in sagarpa.mentions][1:] == ["Sagarpa", "Sagarpa"]
    assert "Secretaría de Economía" in found  # no acronym closes it: the comma ends it


def test_a_bare_director_of_a_body_is_its_director_general() -> None:
    assert office("director del Instituto Mexicano del Seguro Social (IMSS)").key == (
        office("Director General del IMSS").key
    )
    assert office("director del IMSS en Sonora").key == office("delegado del IMSS en Sonora").key
    assert office("director de Finanzas del IMSS").key != office("director del IMSS").key


def test_both_chambers_by_either_name() -> None:
    text = "La Cámara de Senadores y la Cámara de Diputados aprobaron la reforma a la Ley."
    assert {"Senado de la República", "Cámara de Diputados"} <= set(_institutions(text))


def test_a_state_congress_is_its_states_and_a_medical_congress_is_no_body() -> None:
    text = (
        "Guadalajara, Jalisco.- El Congreso del Estado aprobó la donación del predio; el "
        "Congreso del Estado de Puebla hará lo mismo. La obra se presentó en el Congreso "
        "Nacional de Medicina Familiar."
    )
    found = _institutions(text)
    assert {"Congreso de Jalisco", "Congreso de Puebla"} <= set(found)
    assert not any("Medicina" in name for name in found)


def test_two_bare_governors_are_not_both_made_governor_of_the_bulletins_state() -> None:
    text = (
        "Oaxaca de Juárez, Oaxaca.- En la reunión regional, el gobernador Alejandro Murat "
        "Hinojosa recibió al gobernador Héctor Astudillo Flores para hablar de salud."
    )
    found = _officials(text)
    offices = {
        found[name].office for name in ("Alejandro Murat Hinojosa", "Héctor Astudillo Flores")
    }
    assert "Gobernador de Oaxaca" not in offices


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "titular",
                "del",
                "de la",
                "Gobernador",
                "mandataria",
                "entidad",
                "estatal",
                "Instituto",
                "Mexicano",
                "Seguro Social",
                "(IMSS)",
                "Secretaría",
                "Salud",
                "en",
                "y",
                "Director General",
                "Oaxaca",
                "(",
                ")",
                "mexiquense",
                "Programa",
                "\n",
            ]
        ),
        max_size=12,
    ),
    st.sampled_from([None, "20", "15", "09"]),
    st.sampled_from([None, "IMSS", "Secretaría de Salud"]),
)
def test_any_role_reads_as_an_office_with_a_plain_key(
    parts: list[str], home: str | None, body: str | None
) -> None:
    found = office(" ".join(parts), home, body)
    assert found.key == " ".join(found.key.split()) and found.key == fold(found.key)
    assert "\n" not in found.name


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [
        ("alcaldesa de Ecatepec", "alcalde de Ecatepec"),
        ("presidenta municipal de Reynosa", "presidente municipal de Reynosa"),
        ("directora general del ISSSTE", "director general del ISSSTE"),
        ("jefa de Gobierno de la Ciudad de México", "jefe de Gobierno de la Ciudad de México"),
    ],
)
def test_an_office_is_one_whoever_holds_it(feminine: str, masculine: str) -> None:
    assert office(feminine).key == office(masculine).key
    assert office(feminine).name != office(masculine).name  # shown as written


def test_every_long_name_reads_back_as_its_institution() -> None:
    """The finder searches institutions by these names: each must be the institution's own."""
    canonical = {name for name, _ in INSTITUTIONS}
    for name, long in LONG_NAMES.items():
        assert name in canonical
        assert [hit.name for hit in find_institutions(long)] == [name], long


def test_a_body_stops_before_y_and_an_acronym_and_an_assembly_of_others_is_not_the_imss() -> None:
    text = (
        "Con la Comisión Nacional para el Desarrollo de los Pueblos Indígenas y el IMSS se "
        "tradujeron las guías. En la Asamblea General de Asociados de la Fundación IMSS se "
        "presentó el informe con la Fundación Banorte y la titular del Conacyt."
    )
    found = _institutions(text)
    assert "Comisión Nacional para el Desarrollo de los Pueblos Indígenas" in found
    assert {"IMSS", "Fundación IMSS", "Fundación Banorte", "Conacyt"} <= set(found)
    assert "Asamblea General del IMSS" not in found


def test_federal_bodies_of_the_press_and_the_program_glossed_inside_its_name() -> None:
    text = (
        "La Guardia Nacional trasladó a las brigadas; el Banco del Bienestar pagará a los "
        "comités y el Poder Judicial de la Federación resolvió el amparo. Según la "
        "Organización para la Cooperación y el Desarrollo Económicos (OCDE), el gasto es bajo; "
        "el SNTE y la CONCANACO firmaron. La clínica pasó a IMSS (Instituto Mexicano del "
        "Seguro Social) - Bienestar, como otras 20 del Instituto Mexicano del Seguro Social "
        "(IMSS)-Bienestar, según la Secretaría de Anticorrupción y Buen Gobierno."
    )
    assert names(text, EntityKind.INSTITUTION) == {
        "Guardia Nacional",
        "Banco del Bienestar",
        "Poder Judicial de la Federación",
        "OCDE",
        "SNTE",
        "Concanaco",
        "IMSS-Bienestar",
        "Secretaría Anticorrupción y Buen Gobierno",
    }


def test_a_committee_with_neither_scope_nor_owner_is_no_body() -> None:
    text = (
        "Se eligió a la Comisión de Vigilancia y la Comisión Revisora presentó el pliego; el "
        "Comité Ejecutivo Nacional lo aprobó. Asistieron la Comisión de Salud de la Cámara de "
        "Diputados, la Comisión Nacional de Arbitraje Médico y la Comisión para el Desarrollo "
        "de los Pueblos Indígenas."
    )
    assert names(text, EntityKind.INSTITUTION) == {
        "Comisión de Salud de la Cámara de Diputados",
        "Cámara de Diputados",
        "Conamed",
        "Comisión para el Desarrollo de los Pueblos Indígenas",
    }


def test_state_bodies_in_capitals_and_the_government_a_body_belongs_to() -> None:
    text = (
        "EL DR. JUAN PÉREZ LUNA, DIRECTOR GENERAL DE SERVICIOS DE SALUD DE TABASCO, Y EL "
        "CONGRESO DE SONORA firmaron. La Secretaría de Salud del Gobierno de Oaxaca respondió."
    )
    assert {
        "Servicios de Salud de Tabasco",
        "Congreso de Sonora",
        "Secretaría de Salud de Oaxaca",
        "Gobierno de Oaxaca",
    } <= names(text, EntityKind.INSTITUTION)
