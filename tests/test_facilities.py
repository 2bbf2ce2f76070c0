"""Medical units as IMSS names them, in sentences written for these tests in bulletin style.

Each test is one part of the naming scheme (core/entities/facility_types.py): numbered types
and their spellings, UMAE hospitals and their complexes, honorific names in quotes, program
labels, elided enumerations, the state a unit's town gives it, and what is not a unit.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from core.entities import extract_entities, extract_mentions
from core.entities.facilities import find_facilities
from core.models import Bulletin, EntityKind
from core.resolve import resolve
from tui.cli import run


def facilities(text: str) -> list[str]:
    """Facility names in order of appearance, one per mention."""
    return [hit.name for hit in find_facilities(text)]


def officials(text: str) -> set[str]:
    return {e.name for e in extract_entities(text) if e.kind == EntityKind.OFFICIAL}


def test_number_words_do_not_end_the_name() -> None:
    text = (
        "El director visitó el Hospital de Gineco Pediatría No. 48 y el Hospital de "
        "Psiquiatría Infantil Núm. 3, donde se amplió el área de urgencias."
    )
    assert facilities(text) == [
        "Hospital de Gineco Pediatría No. 48",
        "Hospital de Psiquiatría Infantil No. 3",
    ]


def test_every_spelling_of_a_numbered_type_is_one_unit() -> None:
    text = (
        "Se reforzó la plantilla de la unidad de medicina familiar número 5, de la Unidad de "
        "Médicina Familiar No. 9, de la UMF. No. 12 y del Hospital General de Zona (HGZ) "
        "No. 8. También del Hospital de Subzona 14 y del Hospital de Gineco-Obstetricia "
        "N° 3-A."
    )
    assert facilities(text) == [
        "Unidad de Medicina Familiar No. 5",
        "Unidad de Medicina Familiar No. 9",
        "Unidad de Medicina Familiar No. 12",
        "Hospital General de Zona No. 8",
        "Hospital General de Subzona No. 14",
        "Hospital de Gineco-Obstetricia No. 3A",
    ]


def test_misspelled_and_hyphenated_types_and_levels_of_care() -> None:
    text = (
        "Atiende a la población de la Unidad Medico Familiar (UMF) No. 20 y del Hospital "
        "General de Sub-Zona con Medicina Familiar (HGSZ/MF) No. 30; se construirá un "
        "Hospital de Segundo Nivel."
    )
    assert facilities(text) == [
        "Unidad de Medicina Familiar No. 20",
        "Hospital General de Subzona con Medicina Familiar No. 30",
    ]


def test_combined_types_with_one_number_are_one_unit() -> None:
    text = (
        "La obra beneficia al Hospital General Regional con Medicina Familiar No. 1, al "
        "HGZ/MF No. 6, al Hospital General de Subzona con Unidad de Medicina Familiar 4 y a "
        "la UMF con UMAA No. 13."
    )
    assert facilities(text) == [
        "Hospital General Regional con Medicina Familiar No. 1",
        "Hospital General de Zona con Medicina Familiar No. 6",
        "Hospital General de Subzona con Medicina Familiar No. 4",
        "Unidad de Medicina Familiar con Unidad Médica de Atención Ambulatoria No. 13",
    ]


def test_two_numbers_joined_by_con_are_two_units() -> None:
    # Each number belongs to its own numbering series, so each is looked up on its own.
    text = "Supervisó la Unidad Médica Rural 12 con Unidad de Medicina Familiar 5 de Tekax."
    assert facilities(text) == ["Unidad Médica Rural No. 12", "Unidad de Medicina Familiar No. 5"]


def test_umae_hospitals_drop_the_umae_label_and_keep_their_complex_apart() -> None:
    text = (
        "La Unidad Médica de Alta Especialidad (UMAE) Hospital de Cardiología No. 34 y la "
        "UMAE Hospital de Traumatología y Ortopedia No. 21 recibieron equipo. En el Hospital "
        "de Pediatría “Dr. Silvestre Frenk Freund”, del Centro Médico Nacional Siglo XXI, "
        "y en el Hospital de Oncología del CMN Siglo XXI se abrieron consultorios. La UMAE "
        "No. 34 atiende a tres estados."
    )
    assert facilities(text) == [
        "Hospital de Cardiología No. 34",
        "Hospital de Traumatología y Ortopedia No. 21",
        "Hospital de Pediatría “Dr. Silvestre Frenk Freund”",
        "Centro Médico Nacional Siglo XXI",
        "Centro Médico Nacional Siglo XXI",
        "Hospital de Cardiología No. 34",  # "la UMAE No. 34" is the hospital named above
    ]


def test_medical_complexes_by_their_own_names() -> None:
    text = (
        "Participaron el Centro Médico Nacional “La Raza”, el CMN 'Siglo XXI', el Centro "
        "Médico Nacional de Occidente “Lic. Ignacio García Téllez”, el Centro Médico Nacional "
        "del Noreste, el Centro Médico Nacional del Bajío (CMNB) y el Centro Médico Nacional "
        "Manuel Ávila Camacho."
    )
    assert facilities(text) == [
        "Centro Médico Nacional La Raza",
        "Centro Médico Nacional Siglo XXI",
        "Centro Médico Nacional de Occidente",
        "Centro Médico Nacional del Noreste",
        "Centro Médico Nacional del Bajío",
        "Centro Médico Nacional Manuel Ávila Camacho",
    ]


def test_a_quoted_honorific_names_a_unit_that_has_no_other_name() -> None:
    text = (
        'Abrió el Hospital General de Zona "XIV de Septiembre", la Clínica «Héroes '
        "Tecámac» y el HGZ “Dr. Ernesto Ramos Bours” de Hermosillo."
    )
    assert facilities(text) == [
        "Hospital General de Zona “XIV de Septiembre”",
        "Clínica “Héroes Tecámac”",
        "Hospital General de Zona “Dr. Ernesto Ramos Bours”",
    ]


def test_a_numbered_unit_keeps_its_number_and_its_honorific_is_no_person() -> None:
    text = (
        "La directora del Hospital General Regional No. 1 “Dr. Carlos Mac Gregor Sánchez "
        "Navarro”, Elena Ruiz Campos, recibió al gobernador."
    )
    hits = find_facilities(text)
    assert [h.name for h in hits] == ["Hospital General Regional No. 1"]
    assert text[hits[0].start : hits[0].end].endswith("Navarro”")
    assert not any("Mac Gregor" in name for name in officials(text))


def test_a_quoted_sentence_after_a_unit_is_no_honorific() -> None:
    text = 'En la UMF No. 20 "nos atendieron muy bien", dijo una derechohabiente.'
    hits = find_facilities(text)
    assert [(h.name, text[h.start : h.end]) for h in hits] == [
        ("Unidad de Medicina Familiar No. 20", "UMF No. 20")
    ]


def test_program_labels_are_part_of_community_and_rural_hospitals() -> None:
    text = (
        "Se inauguró el Hospital Rural IMSS-Bienestar de Ocosingo. Días después, el "
        "Hospital Rural del IMSS Bienestar en Ocosingo recibió a su primer paciente, y el "
        "hospital comunitario de Nautla amplió su horario."
    )
    hits = find_facilities(text)
    assert [h.name for h in hits] == [
        "Hospital Rural IMSS-Bienestar de Ocosingo",
        "Hospital Rural IMSS-Bienestar de Ocosingo",
        "Hospital Comunitario de Nautla",
    ]
    # the town after "en" is where the unit is: a place mention of its own
    assert text[hits[1].start : hits[1].end] == "Hospital Rural del IMSS Bienestar"


def test_elided_enumerations_are_one_unit_per_number() -> None:
    text = (
        "Operan las UMF No. 4 en Saltillo, No. 7 en Monclova y No. 50 en Torreón. Morelia "
        "tiene otras tres UMF: la No. 84 en Tacícuaro, No. 71 de la zona norte y la No. 80."
    )
    hits = find_facilities(text)
    assert [h.name for h in hits] == [
        f"Unidad de Medicina Familiar No. {n}" for n in (4, 7, 50, 84, 71, 80)
    ]
    assert [h.state for h in hits[:3]] == ["Coahuila"] * 3


def test_an_enumeration_continues_past_the_towns_of_its_items() -> None:
    text = (
        "Se modernizaron las unidades de medicina familiar número 2, del municipio de "
        "Jiutepec, y la número 6, de Cuautla; también la Unidad de Medicina Familiar N.8."
    )
    hits = find_facilities(text)
    assert [(h.name, h.state) for h in hits] == [
        ("Unidad de Medicina Familiar No. 2", "Morelos"),
        ("Unidad de Medicina Familiar No. 6", "Morelos"),
        ("Unidad de Medicina Familiar No. 8", None),  # no town follows it
    ]


def test_a_unit_named_by_article_and_number_takes_the_type_said_before() -> None:
    text = (
        "Darán servicio las Unidades de Medicina Familiar (UMF) No. 3 y 5 de Saltillo; en "
        "Ramos Arizpe lo hará la No. 7 y en Parras la núm. 12. El Hospital General de Zona "
        "No. 1 también, pero la No. 9 no abrirá."
    )
    hits = find_facilities(text)
    assert [h.name for h in hits] == [
        "Unidad de Medicina Familiar No. 3",
        "Unidad de Medicina Familiar No. 5",
        "Unidad de Medicina Familiar No. 7",
        "Unidad de Medicina Familiar No. 12",
        "Hospital General de Zona No. 1",
    ]  # "la No. 9" after a hospital: the article does not agree, so it is no unit


def test_a_list_after_a_colon_takes_the_type_said_before_it() -> None:
    text = (
        "Las Unidades de Medicina Familiar de Oaxaca que serán rehabilitadas son: No. 12 "
        "Tuxtepec, No. 40 Juchitán y No. 3 Salina Cruz. El Hospital Rural participa."
    )
    assert facilities(text) == [f"Unidad de Medicina Familiar No. {n}" for n in (12, 40, 3)]


def test_an_enumeration_runs_past_bracketed_neighbourhoods_and_articles() -> None:
    text = (
        "Darán consulta las UMF No. 31 (Centro), No. 44, (Las Américas); No. 52 (Ixtapaluca) "
        "y No. 70, (San Buenaventura). También los HGZ No. 8 en Ensenada; y el número 20 en "
        "Tecate; y las UMAA No. 3 ubicada en Tijuana y la 9 en Rosarito."
    )
    assert facilities(text) == [
        "Unidad de Medicina Familiar No. 31",
        "Unidad de Medicina Familiar No. 44",
        "Unidad de Medicina Familiar No. 52",
        "Unidad de Medicina Familiar No. 70",
        "Hospital General de Zona No. 8",
        "Hospital General de Zona No. 20",
        "Unidad Médica de Atención Ambulatoria No. 3",
        "Unidad Médica de Atención Ambulatoria No. 9",
    ]


def test_los_de_subzona_names_the_type_of_the_numbers_after_it() -> None:
    text = (
        "Operan los Hospitales Generales de Zona No. 1 en Tepic y No. 24 en Santiago "
        "Ixcuintla; así como los de subzona, como el No. 10 en Tuxpan y No. 11 en Acaponeta."
    )
    assert facilities(text) == [
        "Hospital General de Zona No. 1",
        "Hospital General de Zona No. 24",
        "Hospital General de Subzona No. 10",
        "Hospital General de Subzona No. 11",
    ]


def test_plural_rural_hospitals_with_towns_are_one_hospital_per_town() -> None:
    text = (
        "Seguirán abiertos los Hospitales Rurales del Programa IMSS-Bienestar de Ocosingo, "
        "San Felipe Ecatepec, Bochil y Motozintla. Y los hospitales comunitarios de Tenosique "
        "e Jonuta."
    )
    assert facilities(text) == [
        "Hospital Rural IMSS-Bienestar de Ocosingo",
        "Hospital Rural IMSS-Bienestar de San Felipe Ecatepec",
        "Hospital Rural IMSS-Bienestar de Bochil",
        "Hospital Rural IMSS-Bienestar de Motozintla",
        "Hospital Comunitario de Tenosique",
        "Hospital Comunitario de Jonuta",
    ]
    mentions = extract_mentions(text)
    # the towns are the units' names, not places; the program after "del" is still a body
    assert not [m for m in mentions if m.kind == EntityKind.PLACE]
    assert "IMSS-Bienestar" in {m.name for m in mentions if m.kind == EntityKind.INSTITUTION}


def test_a_program_written_into_the_name_stays_and_an_apostrophe_does_not_end_it() -> None:
    text = (
        "Avanza el Hospital General IMSS-Bienestar “Dra. Elvia Carrillo O’Neill”, y el "
        "Hospital Regional del IMSS Bienestar “Dr. Rafael D’Amico” abrió su torre."
    )
    assert facilities(text) == [
        "Hospital General IMSS-Bienestar “Dra. Elvia Carrillo O’Neill”",
        "Hospital Regional “Dr. Rafael D’Amico”",
    ]


def test_a_unit_named_by_its_town_is_the_numbered_unit_placed_there() -> None:
    text = (
        "Abrirá la Unidad de Medicina Familiar (UMF) No. 41 en el municipio de Tepeapulco, "
        "con seis consultorios.\n\nHasta hoy la UMF de Tepeapulco atendía en un local "
        "rentado; la UMF de Apan sigue igual. En Saltillo, la Clínica 2 es el HGZ No. 2."
    )
    assert facilities(text) == [
        "Unidad de Medicina Familiar No. 41",
        "Unidad de Medicina Familiar No. 41",
        "Unidad de Medicina Familiar de Apan",
        "Hospital General de Zona No. 2",
        "Hospital General de Zona No. 2",
    ]
    # two units numbered 2: "la Clínica 2" cannot say which
    assert "Clínica No. 2" in facilities("La Clínica 2, la UMF No. 2 y el HGZ No. 2.")


def test_a_social_security_centre_named_by_its_town_is_a_unit() -> None:
    text = "Se renovó el gimnasio del Centro de Seguridad Social de Tulancingo del IMSS."
    assert facilities(text) == ["Centro de Seguridad Social de Tulancingo"]
    assert facilities("Cerrarán el Centro de Seguridad Social y las guarderías.") == []


def test_a_small_unit_type_of_a_whole_state_is_a_kind_not_a_unit() -> None:
    text = (
        "Se abrirá el primer Centro de Educación y Cuidado Infantil (CECI) del Estado de "
        "México; el Hospital General del Estado de Sonora recibió equipo."
    )
    assert facilities(text) == ["Hospital General del Estado de Sonora"]


def test_a_town_closing_a_list_places_every_unit_of_it() -> None:
    text = "Se equiparon las Unidades Médicas Rurales 12, 13 y 14 de Ocosingo."
    assert [h.state for h in find_facilities(text)] == ["Chiapas"] * 3


def test_a_town_several_states_share_is_taken_in_the_bulletins_state() -> None:
    text = (
        "Monterrey, Nuevo León.- En Nuevo León abrieron la UMF No. 45 de Hidalgo y la UMF "
        "No. 9 de Guadalupe; en Nuevo León también operan otras 40."
    )
    units = [m for m in extract_mentions(text) if m.kind == EntityKind.FACILITY]
    assert [m.state for m in units] == ["Nuevo León", "Nuevo León"]


def test_a_titled_name_right_after_a_unit_is_its_honorific() -> None:
    text = (
        "Llegaron al Hospital General Regional No. 1 Lic. Ignacio García Téllez y al Hospital "
        "de Especialidades Dr. Bernardo Sepúlveda Gutiérrez del CMN Siglo XXI."
    )
    assert facilities(text) == [
        "Hospital General Regional No. 1",
        "Hospital de Especialidades “Dr. Bernardo Sepúlveda Gutiérrez”",
        "Centro Médico Nacional Siglo XXI",
    ]
    assert officials(text) == set()
    headed = "La directora del HGZ No. 1 Dra. María López Ruiz informó."
    assert [headed[h.start : h.end] for h in find_facilities(headed)] == ["HGZ No. 1"]


def test_the_owner_after_a_named_unit_is_not_its_name() -> None:
    text = (
        "El Hospital de Pediatría del Centro Médico Nacional del Noreste (CMNN) del IMSS "
        "Nuevo León y el Hospital de Tapachula del IMSS recibieron equipo; la clínica será "
        "una UMF Plus."
    )
    hits = find_facilities(text)
    assert [(h.name, text[h.start : h.end]) for h in hits] == [
        ("Centro Médico Nacional del Noreste", "Centro Médico Nacional del Noreste (CMNN)"),
        ("Hospital de Tapachula", "Hospital de Tapachula"),
    ]
    places = {e.name for e in extract_entities(text) if e.kind == EntityKind.PLACE}
    assert "Nuevo León" in places


def test_counts_after_a_unit_are_not_more_units() -> None:
    text = "La UMF No. 5 tiene 30 consultorios y 12 camas; el HGZ 2 atiende 24 horas."
    assert facilities(text) == [
        "Unidad de Medicina Familiar No. 5",
        "Hospital General de Zona No. 2",
    ]


def test_services_and_bare_types_are_not_units() -> None:
    text = (
        "El hospital cuenta con Clínica de Mama, Clínica de Heridas y Unidad de Cuidados "
        "Intensivos; el IMSS abrirá 12 Hospitales Generales de Zona y el Hospital de "
        "Especialidades El IMSS informó."
    )
    assert facilities(text) == []


def test_the_town_after_a_unit_gives_its_state_for_every_mention() -> None:
    text = (
        "Tijuana, Baja California.- La gobernadora de Baja California visitó Mexicali y "
        "Ensenada, Baja California. Médicos del HGZ No. 33 de Monterrey apoyaron en Baja "
        "California; el Hospital General de Zona No. 33 envió a 12 especialistas."
    )
    hits = find_facilities(text)
    assert [(h.name, h.state) for h in hits] == [
        ("Hospital General de Zona No. 33", "Nuevo León")
    ] * 2
    (unit,) = [e for e in extract_entities(text) if e.kind == EntityKind.FACILITY]
    assert (unit.name, unit.state, len(unit.mentions)) == (
        "Hospital General de Zona No. 33",
        "Nuevo León",
        2,
    )


def test_the_named_state_decides_between_towns_of_one_name() -> None:
    text = "La UMF No. 73 de Guadalupe, Zacatecas y la UMF No. 9 de Guadalupe, Nuevo León."
    assert [h.state for h in find_facilities(text)] == ["Zacatecas", "Nuevo León"]


def test_resolution_files_a_placed_unit_under_its_own_state() -> None:
    text = (
        "Mexicali, Baja California.- En Baja California, Tijuana y Ensenada, Baja "
        "California, recibieron médicos del HGZ No. 33 de Monterrey."
    )
    other = "Monterrey, Nuevo León.- El Hospital General de Zona No. 33 amplió urgencias."
    bulletins = [
        Bulletin(id="a", entities=extract_entities(text)),
        Bulletin(id="b", entities=extract_entities(other)),
    ]
    units = {e.name: e.bulletin_ids for e in resolve(bulletins) if e.kind == EntityKind.FACILITY}
    assert units == {"Hospital General de Zona No. 33, Nuevo León": ["a", "b"]}


def test_parse_json_and_entities_say_where_a_placed_unit_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(
        "Mexicali, Baja California, 3 de marzo de 2024.\n\nVisita\n\nEn Tijuana, Baja "
        "California, se reconoció a médicos del HGZ No. 33 de Monterrey.\n",
        encoding="utf-8",
    )
    assert run(["parse", "--json", str(tmp_path)]) == 0
    record = json.loads(capsys.readouterr().out)
    (unit,) = [e for e in record["entities"] if e["kind"] == "facility"]
    assert (unit["name"], unit["state"]) == ("Hospital General de Zona No. 33", "Nuevo León")
    assert "state" not in next(e for e in record["entities"] if e["kind"] == "place")
    assert run(["entities", "--json", "--kind", "facility", "--no-cache", str(tmp_path)]) == 0
    (entity,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert entity["name"] == "Hospital General de Zona No. 33, Nuevo León"


def test_units_of_one_name_in_two_states_are_two_entities_in_a_bulletin() -> None:
    text = "El HGZ No. 1 de Tapachula y el HGZ No. 1 de Oaxaca de Juárez recibieron equipo."
    units = [e for e in extract_entities(text) if e.kind == EntityKind.FACILITY]
    assert [(u.name, u.state) for u in units] == [
        ("Hospital General de Zona No. 1", "Chiapas"),
        ("Hospital General de Zona No. 1", "Oaxaca"),
    ]


def test_detection_time_grows_linearly_with_facility_dense_text() -> None:
    unit = (
        "El HGZ No. 33 de Monterrey, el Centro Médico Nacional Siglo XXI, el Hospital "
        "Municipal de Zinacantepec y las UMF 5, 7 y 9 atienden. "
    )

    def seconds(copies: int) -> float:
        text = unit * copies
        started = time.process_time()
        find_facilities(text)
        return time.process_time() - started

    seconds(50)  # warm up: patterns compile once per process
    small = min(seconds(500) for _ in range(3))
    large = min(seconds(2000) for _ in range(3))
    # Linear: about 4x. Comparing every match with all earlier ones made it ~16x.
    assert large < 8 * small + 0.05, (small, large)


def test_runs_of_spaces_inside_a_unit_cost_linear_time() -> None:
    # A pattern that gives spaces back one at a time made each run cost its length squared.
    def seconds(spaces: int) -> float:
        pad = " " * spaces
        text = f"El Hospital Abc{pad}de y la UMF No. 1{pad}en Saltillo, Hospital{pad}Xyz."
        started = time.process_time()
        find_facilities(text)
        return time.process_time() - started

    seconds(100)
    small = min(seconds(2_000) for _ in range(3))
    large = min(seconds(8_000) for _ in range(3))
    assert large < 8 * small + 0.05, (small, large)


def test_the_facility_benchmark_runs_at_a_tiny_size() -> None:
    from benchmarks.bench_facilities import run as bench

    result = bench([0.002, 0.004])  # 10 and 20 copies of a paragraph naming 6 units
    sizes = result["sizes"]
    assert isinstance(sizes, list) and [row["hits"] for row in sizes] == [60, 120]


def test_an_apostrophe_inside_an_unquoted_name_does_not_cut_it() -> None:
    text = (
        "Avanza la obra del Hospital General de O’Horán en Mérida; el Hospital O'Horán "
        "seguirá abierto, dijo la doctora Ana O’Farrill Pérez, directora del hospital."
    )
    assert facilities(text) == ["Hospital General de O’Horán", "Hospital O'Horán"]
    assert "Ana O’Farrill Pérez" in officials(text)


def test_a_number_glued_to_the_units_acronym() -> None:
    text = "Se ampliará la HGZ71 en Veracruz y la UMF61 de Boca del Río; el COVID19 sigue."
    assert facilities(text) == [
        "Hospital General de Zona No. 71",
        "Unidad de Medicina Familiar No. 61",
    ]


def test_lowercase_no_names_units_after_their_type() -> None:
    text = (
        "Las Unidades de Medicina Familiar con atención continua están en Mazatlán, la no. 45 "
        "y la UMF no. 56; y en Culiacán, la no. 36 en la colonia Infonavit Humaya. No hay "
        "otra. La respuesta fue no. 3 veces."
    )
    assert facilities(text) == [
        "Unidad de Medicina Familiar No. 45",
        "Unidad de Medicina Familiar No. 56",
        "Unidad de Medicina Familiar No. 36",
    ]
    bodies = {e.name for e in extract_entities(text) if e.kind == EntityKind.INSTITUTION}
    assert "Infonavit" not in bodies


def test_subzona_is_one_spelling_inside_a_named_unit() -> None:
    for written in ("Sub-Zona", "Sub Zona", "Subzona", "SubZona"):
        text = f"El director recorrió el Hospital General de {written} de Tenosique, Tabasco."
        assert facilities(text) == ["Hospital General de Subzona de Tenosique"], written


def test_a_rural_hospital_of_the_program_named_by_its_town_without_de() -> None:
    text = (
        "Guaymas, Sonora.- Durante la inauguración del Hospital Rural IMSS-Bienestar Pótam, el "
        "director habló. En el Hospital Rural IMSS-Bienestar El personal recibió equipo."
    )
    assert facilities(text) == ["Hospital Rural IMSS-Bienestar de Pótam"]


def test_a_count_of_procedures_in_another_unit_is_no_unit_number() -> None:
    text = (
        "Se realizaron 90 cirugías: 50 en el Hospital General de Zona número 5; 25 en HGZ número "
        "41; y 15 más en el Hospital General Regional (HGR) número 2; otras 4 en la UMF No. 9."
    )
    assert facilities(text) == [
        "Hospital General de Zona No. 5",
        "Hospital General de Zona No. 41",
        "Hospital General Regional No. 2",
        "Unidad de Medicina Familiar No. 9",
    ]


def test_a_lowercase_hospital_named_by_its_town_only_when_it_is_being_built() -> None:
    text = (
        "Los trabajadores reclamaron el atraso en la apertura del hospital de San Pablo "
        "Xochimehuacan y en la construcción del nuevo hospital de Tapachula. El hospital de "
        "Tapachula atiende a muchos; la ampliación del hospital de Pediatría sigue pendiente."
    )
    assert facilities(text) == [
        "Hospital de San Pablo Xochimehuacan",
        "Hospital de Tapachula",
    ]


def test_units_known_by_a_head_or_a_dedication_the_table_lacked() -> None:
    text = (
        "Orizaba, Veracruz.- La gobernadora inauguró el Hospital de Salud Mental “Dra. Ana "
        "M. Ruiz Soto”; los pacientes graves seguirán en la Clínica Hospital No. 5 y en el "
        "Sanatorio Guadalupe, mientras abre la Unidad Médica Familiar “Benito Juárez”."
    )
    assert facilities(text) == [
        "Hospital de Salud Mental “Dra. Ana M. Ruiz Soto”",
        "Clínica Hospital No. 5",
        "Sanatorio Guadalupe",
        "Unidad Médica Familiar “Benito Juárez”",
    ]


def test_a_dedication_that_is_a_date_names_the_numbered_unit_that_bears_it() -> None:
    text = (
        "Tuxtla Gutiérrez, Chiapas.- Abrió el Hospital “20 de Noviembre” del IMSS. El Hospital "
        "General de Zona No. 2 “20 de Noviembre” tiene 144 camas."
    )
    assert facilities(text) == ["Hospital General de Zona No. 2"] * 2


def test_a_count_for_a_new_unit_after_a_numbered_one_is_no_unit_number() -> None:
    text = (
        "Se sumaron 90 camas: 40 en el Hospital General Regional No. 6; otras 30 en el "
        "Hospital General de Zona No. 2, y 20 en la nueva Unidad de Cirugía Ambulatoria."
    )
    assert facilities(text) == ["Hospital General Regional No. 6", "Hospital General de Zona No. 2"]


def test_a_named_hospital_with_whom_it_serves_or_a_lower_case_type() -> None:
    text = (
        "Xalapa, Veracruz.- El Hospital de la Mujer y la Niñez Veracruzana y el Hospital "
        "general de Coatepec recibieron equipo; el hospital general de la zona, no."
    )
    assert facilities(text) == [
        "Hospital de la Mujer y la Niñez Veracruzana",
        "Hospital General de Coatepec",
    ]


def test_the_town_after_an_unquoted_dedication_is_a_place() -> None:
    names = {
        (e.kind, e.name)
        for e in extract_entities(
            "Este año abrirán el HGZ No. 8 Dr. Gilberto Flores Izquierdo de Matamoros, "
            "Tamaulipas, y el Hospital de Especialidades Dr. Juan de León, en Monterrey."
        )
    }
    assert {
        (EntityKind.FACILITY, "Hospital General de Zona No. 8"),
        (EntityKind.PLACE, "Matamoros, Tamaulipas"),
        (EntityKind.FACILITY, "Hospital de Especialidades “Dr. Juan de León”"),
    } <= names


def test_a_rank_among_units_or_a_count_of_works_is_no_unit_number() -> None:
    text = (
        "Abrió la Unidad de Medicina Familiar No. 12 en Tepic, la número 9 de las 40 que se "
        "construyen; se hicieron 4 remodelaciones en las UMF No. 3 y No. 5 y 2 ampliaciones en "
        "el Hospital General de Zona No. 1."
    )
    assert facilities(text) == [
        "Unidad de Medicina Familiar No. 12",
        "Unidad de Medicina Familiar No. 3",
        "Unidad de Medicina Familiar No. 5",
        "Hospital General de Zona No. 1",
    ]


def test_a_generic_unit_word_in_lower_case_before_an_abbreviated_number() -> None:
    text = (
        "Hace falta un hospital como la clínica No. 1 de Tijuana; la guardería Núm. 5 abrió y la "
        "clínica número 80 atiende llamadas."
    )
    assert facilities(text) == ["Clínica No. 1", "Guardería No. 5"]


def test_a_list_of_works_glossing_each_unit_with_its_owner() -> None:
    text = (
        "Este año abrirán:\n"
        "- Hospital General Regional Zaragoza (IMSS), en Iztapalapa, Ciudad de México.\n"
        "- Hospital General de Zona Navojoa (IMSS), en Sonora.\n"
        "- Clínica-Hospital Tapachula (ISSSTE), en Chiapas.\n"
        "- Hospital General de Zona “21 de marzo” (IMSS), en Hidalgo.\n"
        "- Hospital Materno Infantil Cd. del Carmen (IMSS), en Campeche."
    )
    assert facilities(text) == [
        "Hospital General Regional Zaragoza",
        "Hospital General de Zona Navojoa",
        "Clínica-Hospital Tapachula",
        "Hospital General de Zona “21 de marzo”",
        "Hospital Materno Infantil Cd. del Carmen",
    ]
    # the owner after each unit is still a mention of the body
    bodies = [m.text for m in extract_mentions(text) if m.kind == EntityKind.INSTITUTION]
    assert bodies == ["IMSS", "IMSS", "ISSSTE", "IMSS", "IMSS"]


def test_a_bracketed_type_acronym_inside_a_name_is_not_an_owner() -> None:
    assert facilities(
        "El Centro Médico Nacional (CMN) Siglo XXI y la Clínica-Hospital del ISSSTE."
    ) == ["Centro Médico Nacional Siglo XXI"]


def test_a_health_centre_with_extended_services_named_by_its_town() -> None:
    text = (
        "Concluyó el Centro de Salud con Servicios Ampliados (CESSA) de Santa María Tonameca; "
        "el CESA de Putla Villa de Guerrero abrirá en mayo y se construirá un nuevo Centro de "
        "Salud con Servicios Ampliados (CESA) en Tlahualilo."
    )
    assert facilities(text) == [
        "Centro de Salud con Servicios Ampliados de Santa María Tonameca",
        "CESA de Putla Villa de Guerrero",
    ]
    # the towns inside the units' names are theirs; the third unit has none, its town is a place
    assert {e.name for e in extract_entities(text) if e.kind == EntityKind.PLACE} == {
        "Tlahualilo, Durango"
    }


def test_a_clinic_in_lower_case_with_a_number_the_text_places() -> None:
    text = (
        "El delegado visitó la clínica 32 de Guasave; entregó camillas a las clínicas 21 y 9 "
        "del IMSS y recorrió las clínicas 3 de Navojoa; 14 de Huatabampo. La clínica 20 de "
        "Noviembre es del ISSSTE y la clínica 80 recibe 40 llamadas."
    )
    assert facilities(text) == [
        "Clínica No. 32",
        "Clínica No. 21",
        "Clínica No. 9",
        "Clínica No. 3",
        "Clínica No. 14",
    ]


def test_an_elided_unit_after_the_clause_about_the_first() -> None:
    text = (
        "El HGR de Mazatlán tendrá 180 camas y atenderá a 400 mil personas; el de Guasave, 90 "
        "camas. El Hospital de Tlapa abrió; el de la zona norte no."
    )
    assert facilities(text) == [
        "Hospital General Regional de Mazatlán",
        "Hospital General Regional de Guasave",
        "Hospital de Tlapa",
    ]


def test_a_units_size_written_as_a_sum_is_no_unit_number() -> None:
    text = "Se aprobó una UMF 2+1 consultorios en Uruapan y la ampliación de la UMF No. 2."
    assert facilities(text) == ["Unidad de Medicina Familiar No. 2"]


def test_what_a_hospital_was_turned_into_for_a_while_is_no_name() -> None:
    text = (
        "El Hospital Materno-Infantil funcionó como Hospital Covid-19 en 2020; el Hospital "
        "COVID de Tijuana cerró."
    )
    assert facilities(text) == ["Hospital Materno-Infantil", "Hospital COVID de Tijuana"]


def test_a_named_units_shorter_name_joins_its_one_longer_name() -> None:
    text = (
        "Supera Hospital de Traumatología de Torreón las 9 mil cirugías\n\n"
        "Se realizaron en el Hospital de Traumatología y Ortopedia de Torreón, Coahuila; el "
        "Hospital Rural de Parras y el Hospital Comunitario de Viesca, no."
    )
    assert facilities(text) == [
        "Hospital de Traumatología y Ortopedia de Torreón",
        "Hospital de Traumatología y Ortopedia de Torreón",
        "Hospital Rural de Parras",
        "Hospital Comunitario de Viesca",
    ]


def test_a_headline_reflowed_onto_its_byline_ends_the_units_town() -> None:
    text = (
        "Supervisan avances del Hospital de Alta Especialidad IMSS-Bienestar en Tepic Por Ana "
        "Ruiz Tepic.- El Hospital Rural IMSS-Bienestar de San Juan Bautista Cuicatlán abrió."
    )
    assert facilities(text) == [
        "Hospital de Alta Especialidad IMSS-Bienestar de Tepic",
        "Hospital Rural IMSS-Bienestar de San Juan Bautista Cuicatlán",
    ]


def test_two_long_names_joined_by_a_slash_as_their_acronyms_are() -> None:
    text = (
        "Darán urgencias el Hospital General de Zona (HGZ)/Unidad de Medicina Familiar (UMF) "
        "No. 1, en Pachuca, el HGZ/UMF No. 6 y el Hospital General de Subzona/Unidad de "
        "Medicina Familiar No. 33."
    )
    assert facilities(text) == [
        "Hospital General de Zona con Medicina Familiar No. 1",
        "Hospital General de Zona con Medicina Familiar No. 6",
        "Hospital General de Subzona con Medicina Familiar No. 33",
    ]


def test_an_elided_unit_after_or() -> None:
    text = (
        "Quienes acudían al Hospital Central, al Hospital de Soledad o al de Ciudad Valles "
        "serán atendidos; el Hospital de Pediatría o el de la zona, también."
    )
    assert facilities(text) == [
        "Hospital Central",
        "Hospital de Soledad",
        "Hospital de Ciudad Valles",
    ]


def test_a_program_unit_dedicated_to_a_person_takes_no_de() -> None:
    text = (
        "Recorrió el Hospital IMSS-Bienestar María del Socorro Quiroga Aguilar y el Hospital "
        "Rural IMSS-Bienestar San Juan Chamula."
    )
    assert facilities(text) == [
        "Hospital IMSS-Bienestar María del Socorro Quiroga Aguilar",
        "Hospital Rural IMSS-Bienestar de San Juan Chamula",
    ]


def test_a_kind_of_unit_in_quotes_is_no_name() -> None:
    text = (
        "Este año se concretará la Unidad de Medicina Familiar “Plus” de la reserva; la Clínica "
        "“Héroes Tecámac” ya opera."
    )
    assert facilities(text) == ["Clínica “Héroes Tecámac”"]
