"""Institutions in the shapes real pages give them (round 4), on sentences written for these
tests: courts and boards read by their head noun, acronyms, one plural naming two bodies,
state bodies written with "del Estado" or with the state's name glued on.
"""

from __future__ import annotations

from core.entities import extract_entities
from core.models import EntityKind


def institutions(text: str) -> set[str]:
    return {e.name for e in extract_entities(text) if e.kind == EntityKind.INSTITUTION}


def test_courts_boards_and_movements_are_read_by_their_head() -> None:
    text = (
        "Mérida, Yucatán.- El tribunal ordenó a la Junta Federal de Conciliación y Arbitraje "
        "reponer el proceso, informó el Movimiento Nacional en Defensa de la Seguridad Social. "
        "El Juzgado Tercero de Distrito y la Suprema Corte de Justicia de la Nación ya habían "
        "resuelto el amparo."
    )
    assert institutions(text) == {
        "Junta Federal de Conciliación y Arbitraje",
        "Movimiento Nacional en Defensa de la Seguridad Social",
        "Juzgado Tercero de Distrito",
        "Suprema Corte de Justicia de la Nación",
    }


def test_a_movement_without_a_complement_is_no_body() -> None:
    assert institutions("Surgió un Movimiento Nacional entre los médicos del país.") == set()


def test_the_federal_health_and_science_secretariats_by_their_acronyms() -> None:
    text = "Querétaro, Qro.- Los titulares del IMSS, Ssa y Secihti recorrieron el laboratorio."
    assert institutions(text) == {"IMSS", "Secretaría de Salud", "Secihti"}
    long_form = "La Secretaría de Ciencia, Humanidades, Tecnología e Innovación firmó el convenio."
    assert institutions(long_form) == {"Secihti"}


def test_one_plural_head_names_each_body_it_lists() -> None:
    text = (
        "El traslado de pacientes contó con las Secretarías de Marina y de la Defensa Nacional, "
        "y después con las Secretarías de Educación Pública, de Gobernación y de Hacienda y "
        "Crédito Público."
    )
    assert institutions(text) == {"Semar", "Sedena", "SEP", "Segob", "SHCP"}


def test_a_state_body_del_estado_or_with_its_state_glued_on() -> None:
    text = (
        "Zapopan, Jalisco.- La Secretaría de Infraestructura y Obra Pública del Estado pavimentó "
        "las calles, y el convenio lo firmaron Servicios de Salud Jalisco y el IMSS. En "
        "Villahermosa, el Instituto de Seguridad Social del estado de Tabasco (ISSET) abrió otra "
        "clínica."
    )
    found = institutions(text)
    assert "Secretaría de Infraestructura y Obra Pública de Jalisco" in found
    assert "Servicios de Salud de Jalisco" in found
    assert "Instituto de Seguridad Social del estado de Tabasco" in found
    assert not any(name.endswith("del Estado") for name in found)


def test_a_research_or_teaching_centre_is_a_body_and_a_health_centre_a_unit() -> None:
    text = (
        "Toluca, Estado de México.- Es doctora por el Centro de Posgrados del Estado de México y "
        "colaboró con el Centro Nacional de Trasplantes y el Centro de Salud de Metepec."
    )
    found = {(e.kind, e.name) for e in extract_entities(text)}
    assert (EntityKind.INSTITUTION, "Centro de Posgrados del Estado de México") in found
    assert (EntityKind.INSTITUTION, "Centro Nacional de Trasplantes") in found
    assert (EntityKind.FACILITY, "Centro de Salud de Metepec") in found
    assert (EntityKind.INSTITUTION, "Centro de Salud de Metepec") not in found


def test_a_numbered_meeting_of_a_body_is_not_the_body() -> None:
    text = (
        "Ciudad de México.- Durante la 115 Asamblea General Ordinaria del IMSS, el director "
        "informó que el XXIV Consejo Seccional del Sindicato Nacional de Trabajadores del "
        "Seguro Social y la Décima Quinta Asamblea General de la Fundación IMSS sesionarán "
        "en mayo."
    )
    assert institutions(text) == {"IMSS", "SNTSS", "Fundación IMSS"}
    # the body itself still counts
    assert "Consejo Técnico del IMSS" in institutions("La sesión del Consejo Técnico del IMSS.")


def test_a_court_keeps_its_ordinal_its_subject_and_its_lower_case_region() -> None:
    text = (
        "Hermosillo, Sonora.- El Tercer Tribunal Colegiado en Materia de Trabajo del Quinto "
        "Circuito confirmó el laudo; el Cuarto Tribunal Colegiado del Circuito Auxiliar de la "
        "primera región, con residencia en Naucalpan, ya lo había revisado."
    )
    assert institutions(text) == {
        "Tercer Tribunal Colegiado en Materia de Trabajo del Quinto Circuito",
        "Cuarto Tribunal Colegiado del Circuito Auxiliar de la primera región",
    }


def test_the_imss_and_its_program_in_a_pages_title_case() -> None:
    text = (
        "Al cierre del año, el Imss Chiapas atiende a 300 mil personas del programa Imss Bienestar."
    )
    assert institutions(text) == {"IMSS", "IMSS-Bienestar"}


def test_a_governing_body_of_the_imss_in_one_state_is_not_the_imss_body() -> None:
    text = (
        "Saltillo, Coahuila.- Ante el Consejo Consultivo del IMSS en Coahuila, la titular "
        "rindió su informe; el Consejo Consultivo del IMSS, a nivel nacional, lo recibirá."
    )
    assert institutions(text) == {"IMSS", "Consejo Consultivo del IMSS"}
    assert institutions("Sesionó el Consejo Consultivo del IMSS en Coahuila.") == {"IMSS"}


def test_the_yearly_assembly_is_an_event_not_the_body() -> None:
    text = (
        "Puebla, Puebla.- La Asamblea General anual del IMSS será en el hospital; la Asamblea "
        "General extraordinaria del IMSS, en mayo."
    )
    assert institutions(text) == {"IMSS"}


def test_a_national_executive_committee_is_its_unions_governing_body() -> None:
    text = (
        "La STPS entregó la toma de nota al Comité Ejecutivo Nacional del Sindicato Nacional de "
        "Trabajadores del Seguro Social (SNTSS); el Comité Ejecutivo Nacional de la CTM asistió."
    )
    assert institutions(text) == {
        "STPS",
        "Comité Ejecutivo Nacional del SNTSS",
        "SNTSS",
        "Comité Ejecutivo Nacional de la CTM",
        "CTM",
    }


def test_a_municipal_or_constitutional_council_names_its_town_too() -> None:
    text = (
        "El Consejo Técnico aceptó el terreno que dona el Ayuntamiento Municipal de Berriozábal, "
        "Chiapas, y el del Ayuntamiento Constitucional de Zinacantán."
    )
    found = {(e.kind, e.name) for e in extract_entities(text)}
    assert {
        (EntityKind.INSTITUTION, "Ayuntamiento Municipal de Berriozábal"),
        (EntityKind.INSTITUTION, "Ayuntamiento Constitucional de Zinacantán"),
        (EntityKind.PLACE, "Berriozábal, Chiapas"),
        (EntityKind.PLACE, "Zinacantán, Chiapas"),
    } <= found


def test_what_people_call_the_imss_workers_union_is_the_sntss() -> None:
    text = (
        "La STPS entregó la toma de nota a la dirigencia del Sindicato Nacional del IMSS; el "
        "líder del Sindicato del IMSS en Sonora habló."
    )
    assert institutions(text) == {"STPS", "SNTSS"}
