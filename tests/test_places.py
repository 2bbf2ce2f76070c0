"""Places on sentences written for these tests in the style of IMSS bulletins (none is a seed).

One group per class of miss found on real bulletins: abbreviated states, the country, towns the
context gate used to reject, everyday names longer in the catalog, and the finder's aliases.
"""

from __future__ import annotations

import pytest

from core import parse_text
from core.entities import extract_entities, extract_mentions
from core.entities.gazetteer import gazetteer, state_short_forms
from core.models import EntityKind
from core.resolve import resolve
from core.search import EntitySearch


def places(text: str) -> set[str]:
    return {e.name for e in extract_entities(text) if e.kind == EntityKind.PLACE}


def place_spans(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.name) for m in extract_mentions(text) if m.kind == EntityKind.PLACE}


# --- abbreviated states ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dateline", "town", "state"),
    [
        ("Juchitán de Zaragoza, Oax., 9 de junio de 2021", "Heroica Ciudad de Juchitán", "Oaxaca"),
        ("Celaya, Gto., 2 de febrero de 2023", "Celaya, Guanajuato", "Guanajuato"),
        ("Cárdenas, Tab., 14 de agosto de 2019", "Cárdenas, Tabasco", "Tabasco"),
        ("Chilpancingo, Gro., 1 de julio de 2022", "Chilpancingo", "Guerrero"),
        ("Tehuacán, Pue., 30 de abril de 2024", "Tehuacán, Puebla", "Puebla"),
        ("Nezahualcóyotl, Edo. Méx., 6 de mayo de 2020", "Nezahualcóyotl", "Estado de México"),
        ("Los Cabos, B.C.S., 19 de enero de 2018", "Los Cabos, Baja California Sur", None),
        ("Cozumel, Q. Roo, 8 de octubre de 2021", "Cozumel, Quintana Roo", "Quintana Roo"),
        ("Guadalupe, N.L., 3 de marzo de 2022", "Guadalupe, Nuevo León", "Nuevo León"),
        ("Ciudad Valles, S.L.P., 11 de noviembre de 2020", "Ciudad Valles", "San Luis Potosí"),
        ("Poza Rica, Ver., 25 de septiembre de 2019", "Poza Rica", "Veracruz"),
        ("Comitán, Chis., 4 de diciembre de 2023", "Comitán", "Chiapas"),
        ("Uruapan, Mich., 17 de marzo de 2017", "Uruapan, Michoacán", "Michoacán"),
        ("Navojoa, Son., 22 de junio de 2016", "Navojoa, Sonora", "Sonora"),
        ("Monclova, Coah., 13 de julio de 2015", "Monclova, Coahuila", "Coahuila"),
        ("Zapopan, Jal., 5 de septiembre de 2024", "Zapopan, Jalisco", "Jalisco"),
    ],
)
def test_datelines_with_abbreviated_states(dateline: str, town: str, state: str | None) -> None:
    text = f"{dateline}.- El IMSS entregó equipo médico a la unidad de la región."
    found = places(text)
    assert any(name.startswith(town) for name in found), found
    if state is not None:
        assert state in found  # the abbreviation is the state, as "Celaya, Guanajuato" is
    short = state or "Baja California Sur"
    assert all(name == short or name.endswith(", " + short) for name in found), found


def test_short_forms_that_are_words_count_only_after_a_town() -> None:
    text = (
        "Manzanillo, Col., 2 de mayo de 2022.- La clínica de la calle Juárez 15, Col. Centro, "
        "abrió. Son. las diez de la mañana y la campaña sigue. Ver. más en el portal."
    )
    assert places(text) == {"Manzanillo, Colima", "Colima"}


def test_unambiguous_short_forms_stand_alone_in_text() -> None:
    text = "La brigada atenderá a derechohabientes de Oax., Chis. y Gro. durante el mes."
    assert places(text) == {"Oaxaca", "Chiapas", "Guerrero"}


def test_city_abbreviation_reads_as_ciudad() -> None:
    text = "Las unidades de Cd. Juárez y de Cd. del Carmen recibieron ambulancias nuevas."
    assert place_spans(text) == {
        ("Cd. Juárez", "Juárez, Chihuahua"),
        ("Cd. del Carmen", "Carmen, Campeche"),
    }


def test_capital_and_short_forms_are_places_in_text() -> None:
    text = "En la CDMX, el Edomex y el D.F. de antes, la cdmx y el edomex de hoy."
    found = [m.name for m in extract_mentions(text) if m.kind == EntityKind.PLACE]
    capital, state = "Ciudad de México", "Estado de México"
    assert found == [capital, state, capital, capital, state]


def test_every_inegi_abbreviation_is_known() -> None:
    gaz = gazetteer()
    for form in ("Ags.", "Tamps.", "Q. Roo", "SLP", "NL", "BCS", "Mex.", "Tlax.", "Zac."):
        assert form in gaz.state_abbreviations
    assert "Son." not in gaz.standalone and "Oax." in gaz.standalone


# --- the country -------------------------------------------------------------------------


def test_the_country_is_a_place() -> None:
    text = (
        "El IMSS es la institución de seguridad social más grande de México. En toda la "
        "República Mexicana opera 1,500 unidades, y en el país atiende a 80 millones."
    )
    assert place_spans(text) == {
        ("México", "México"),
        ("República Mexicana", "México"),
        ("país", "México"),
    }


def test_mexico_inside_names_roles_and_figures_of_speech_is_not_the_country() -> None:
    text = (
        "La presidenta de México, Claudia Sheinbaum Pardo, y el Banco de México acordaron "
        "con el Gobierno de México construir un México más sano. La red crece en el país."
    )
    assert "México" not in places(text)  # and "el país" alone never names it


def test_lower_case_estado_de_mexico_is_the_state() -> None:
    text = "La Secretaría de Salud reforzó la vacunación en el estado de México y en Toluca."
    assert {"Estado de México", "Toluca, Estado de México"} <= places(text)
    assert "México" not in places(text)


def test_mexico_in_page_furniture_or_a_brand_is_not_the_country() -> None:
    assert places("México | El IMSS amplía su red\n\nEscucha W Radio México en vivo.") == set()


def test_mexico_df_is_the_capital() -> None:
    assert places("México, D.F., 4 de abril de 2010.- El IMSS informó.") == {"Ciudad de México"}
    assert "México" not in places("México, 9 Jun (Notimex).- El IMSS informó.")


# --- towns the context gate rejected ------------------------------------------------------


def test_sentence_opening_preposition_is_no_name_glued_to_a_town() -> None:
    text = "En Tepic, el IMSS abrió consultorios. Desde Apan llegaron las brigadas."
    assert places(text) == {"Tepic, Nayarit", "Apan, Hidalgo"}


def test_short_names_are_towns_unless_listed_as_words() -> None:
    assert places("Los habitantes de Ures y de Naco tendrán una clínica nueva.") == {
        "Ures, Sonora",
        "Naco, Sonora",
    }
    assert places("La Isla de la Mina fue el tema.") == set()


def test_two_word_towns_after_a_preposition_of_place() -> None:
    assert places("La obra en Ramos Arizpe avanza un 80 por ciento.") == {"Ramos Arizpe, Coahuila"}
    # a hero's name is no town without a cue; a namesake far from the bulletin's state neither
    assert places("El homenaje en Benito Juárez fue breve.") == set()
    assert places("El IMSS en Oaxaca abrió en Santa Cruz una clínica.") == {"Oaxaca"}


def test_surname_towns_in_the_bulletins_own_state() -> None:
    assert places("El IMSS en Guanajuato amplía el hospital en León.") == {
        "Guanajuato",
        "León, Guanajuato",
    }
    assert places("El IMSS en Nuevo León abrió en Allende una unidad.") == {
        "Nuevo León",
        "Allende, Nuevo León",
    }
    assert places("La inversión en Salud en Zacatecas crece.") == {"Zacatecas"}


def test_town_followed_by_another_state_is_not_that_states_namesake() -> None:
    found = places("El hospital de Tula, Hidalgo, tendrá 298 camas.")
    assert found == {"Tula de Allende, Hidalgo", "Hidalgo"}


def test_a_comma_inside_a_municipality_named_with_a_state() -> None:
    text = "En Nuevo León, la UMF No. 10 de Sabinas, Hidalgo, y la No. 14 de Cadereyta."
    assert places(text) == {
        "Nuevo León",
        "Sabinas Hidalgo, Nuevo León",
        "Cadereyta Jiménez, Nuevo León",
    }
    assert ("Sabinas, Hidalgo", "Sabinas Hidalgo, Nuevo León") in place_spans(text)


def test_state_after_en_or_in_parentheses_places_the_towns_before_it() -> None:
    text = (
        "Se visitaron las clínicas de Matamoros y Allende, en Coahuila, y la de "
        "Huajuapan de León (Oaxaca); después, Chihuahua."
    )
    assert {"Matamoros, Coahuila", "Allende, Coahuila"} <= places(text)
    assert not any(name.endswith(", Chihuahua") for name in places(text))


def test_city_of_a_state_name_is_its_capital() -> None:
    assert places("La ciudad de Puebla recibió la Asamblea.") == {"Puebla, Puebla"}
    assert places("El hospital de Guanajuato capital abrió.") == {"Guanajuato, Guanajuato"}
    assert places("El municipio de Durango y el estado de Durango firmaron.") == {
        "Durango, Durango",
        "Durango",
    }


def test_ambiguous_state_closing_a_list_item() -> None:
    text = "Asistieron:\n\n• Rocío Nahle García, Veracruz\n\n• Julio Menchaca Salazar, Hidalgo\n"
    assert {"Veracruz", "Hidalgo"} <= places(text)
    assert "Hidalgo" not in places("El homenaje a Miguel Hidalgo fue breve.")


def test_everyday_names_of_municipalities() -> None:
    text = (
        "El hospital atenderá a los municipios de Dolores Hidalgo, San José Iturbide y "
        "Celaya; en Nuevo León, a los de San Nicolás, Apodaca y Escobedo."
    )
    assert places("Llegó a Carrillo Puerto, Q. Roo, y a Díaz Ordaz, Tamps.") == {
        "Felipe Carrillo Puerto, Quintana Roo",
        "Quintana Roo",
        "Gustavo Díaz Ordaz, Tamaulipas",
        "Tamaulipas",
    }
    assert places("El expresidente Díaz Ordaz y el general Carrillo Puerto.") == set()
    assert places("Se amplió el hospital de Tlaxiaco y el de Tuxtepec, en Oaxaca.") == {
        "Heroica Ciudad de Tlaxiaco, Oaxaca",  # a Heroica town by its name, whatever its size
        "San Juan Bautista Tuxtepec, Oaxaca",
        "Oaxaca",
    }
    assert {
        "Dolores Hidalgo Cuna de la Independencia Nacional, Guanajuato",
        "San José de Iturbide, Guanajuato",
        "Celaya, Guanajuato",
        "San Nicolás de los Garza, Nuevo León",
        "Apodaca, Nuevo León",
        "General Escobedo, Nuevo León",
    } <= places(text)


def test_the_town_of_a_numbered_unit() -> None:
    text = (
        "El programa suma la UMF No. 88 de Ramos Arizpe, la UMF No. 83 de Matamoros y el "
        "HGSZ No. 54, en Empalme, a la red de Coahuila."
    )
    assert {"Ramos Arizpe, Coahuila", "Matamoros, Coahuila", "Empalme, Sonora"} <= places(text)
    assert places("Se vacunó del 30 de Mayo al 2 de Junio.") == set()


def test_a_region_is_named_after_a_town_of_its_own_state() -> None:
    text = "El IMSS en Chiapas recorrió la región del Soconusco y la región de Tapachula."
    assert places(text) == {"Chiapas", "Tapachula, Chiapas"}  # no Soconusco, Veracruz


def test_short_names_of_small_saint_heroica_and_general_municipalities() -> None:
    text = (
        "Se abrieron unidades en Techaluta, Jalisco; en Nacozari, Sonora; y en Juchitán, "
        "Huatulco y Jamiltepec, en la costa e istmo de Oaxaca. También en Enrique Estrada, "
        "Zacatecas, y en Sabinas, Nuevo León."
    )
    assert {
        "Techaluta de Montenegro, Jalisco",
        "Nacozari de García, Sonora",
        "Heroica Ciudad de Juchitán de Zaragoza, Oaxaca",  # not Juchitán, Guerrero
        "Santa María Huatulco, Oaxaca",
        "Santiago Jamiltepec, Oaxaca",
        "General Enrique Estrada, Zacatecas",
        "Sabinas Hidalgo, Nuevo León",  # not Sabinas, Coahuila
    } <= places(text)
    # a person's name or a surname is no short form: "San Pedro Garza García" is no "García"
    gaz = gazetteer()
    assert all(not p.name.startswith("San Pedro Garza") for p in gaz.entries["garcia"].places)
    assert "benito" not in gaz.entries and "venustiano" not in gaz.entries


def test_two_towns_of_one_state_answering_to_one_name_are_no_place() -> None:
    text = "Se construyen unidades en Tizayuca, Atotonilco y Actopan, en Hidalgo."
    found = places(text)
    assert {"Tizayuca, Hidalgo", "Actopan, Hidalgo"} <= found
    assert not any(name.startswith("Atotonilco") for name in found)
    assert "Atotonilco el Grande, Hidalgo" in places("Llegó a Atotonilco el Grande, Hidalgo.")


def test_a_valley_or_isthmus_named_after_a_town_is_a_region() -> None:
    text = (
        "El IMSS en Hidalgo atiende el Valle del Mezquital; en Oaxaca, el Istmo de "
        "Tehuantepec y la Sierra de Juárez."
    )
    assert places(text) == {"Hidalgo", "Oaxaca"}


def test_a_capitalized_dateline_town_on_its_own_line() -> None:
    text = "Por: Redacción\n\nTAPACHULA.- El IMSS en Chiapas abrió la unidad."
    assert places(text) == {"Tapachula, Chiapas", "Chiapas"}


def test_a_surname_wrapped_to_the_next_line_is_no_dateline_town() -> None:
    text = (
        "Asistieron Laura Méndez Ruiz, delegada en Puebla; Óscar Rafael Márquez\n"
        "Escobedo, jefe de Pediatría, y Juan Pérez\nLeón, director del hospital."
    )
    assert places(text) == {"Puebla"}


def test_a_sentence_opening_verb_or_an_article_is_no_name_glued_to_a_town() -> None:
    assert places("LEE TAMBIÉN: Inaugura Tepic su nuevo mercado.") == {"Tepic, Nayarit"}
    text = "Atenderá a los municipios de Tasquillo y El Cardonal, en Hidalgo."
    assert places(text) == {"Tasquillo, Hidalgo", "Cardonal, Hidalgo", "Hidalgo"}
    # a given name opening the sentence is still part of the name
    assert places("Benito Juárez García nació en 1806.") == set()


def test_a_state_after_a_body_with_state_branches() -> None:
    text = "La Delegación Hidalgo del IMSS y la delegada del IMSS Morelos firmaron."
    assert places(text) == {"Hidalgo", "Morelos"}


def test_a_state_name_after_a_numbered_unit_is_a_town() -> None:
    text = "Se remodelan los HGZ No. 1 de Durango y No. 46 de Gómez Palacio."
    assert places(text) == {"Durango, Durango", "Gómez Palacio, Durango"}
    text = "En Nuevo León abren la UMF No. 44 de Ciénega de Flores y la No. 45 de Hidalgo."
    assert "Hidalgo, Nuevo León" in places(text) and "Hidalgo" not in places(text)


def test_san_pedro_is_taken_in_the_bulletins_state() -> None:
    assert "San Pedro Garza García, Nuevo León" in places(
        "En Nuevo León, la UMAA No. 17 atiende en San Pedro y Monterrey."
    )
    assert "San Pedro, Coahuila" in places("En Coahuila, el IMSS llegó a San Pedro y Parras.")


def test_neighbourhoods_named_like_small_far_towns_are_no_places() -> None:
    text = (
        "El IMSS en Coahuila amplía en Saltillo las UMF de El Cortijo y Santa Bárbara, y "
        "atiende a pacientes de Tixkokob."
    )
    found = places(text)
    assert not any(p.startswith(("Santa Bárbara", "Santa María Cortijo")) for p in found)
    assert "Tixkokob, Yucatán" in found  # a far town not named like a neighbourhood
    # with its state named, the far town is meant
    assert "Santa Bárbara, Chihuahua" in places(
        "El IMSS en Coahuila y Chihuahua atiende en Saltillo y en Santa Bárbara."
    )


def test_the_countrys_formal_name_and_state_capitals_after_de() -> None:
    text = (
        "Con fundamento en la Constitución Política de los Estados Unidos Mexicanos, el "
        "gobernador de BC y el delegado del IMSS en NL firmaron."
    )
    assert places(text) == {"México", "Baja California", "Nuevo León"}
    assert places("Viajó a los Estados Unidos de América.") == set()
    assert places("La clase de NLP y la vitamina BC12.") == set()


def test_ciudad_x_is_the_bulletins_own_x() -> None:
    text = "En Nuevo León atienden la UMF No. 20 de Ciudad Juárez y la No. 3 de Monterrey."
    assert "Juárez, Nuevo León" in places(text)
    assert "Juárez, Chihuahua" in places("En Coahuila se habló de Ciudad Juárez, Chihuahua.")


def test_the_town_after_a_programs_rural_hospital_en_is_a_place() -> None:
    mentions = extract_mentions("Abrirá el Hospital Rural del IMSS Bienestar en Ocosingo, Chiapas.")
    assert {(m.kind, m.name) for m in mentions} >= {
        (EntityKind.FACILITY, "Hospital Rural IMSS-Bienestar de Ocosingo"),
        (EntityKind.PLACE, "Ocosingo, Chiapas"),
    }


def test_lower_case_ciudad_before_a_city_name() -> None:
    assert places("Los pacientes ya no viajan a ciudad Obregón.") == {"Cajeme, Sonora"}


def test_surnames_are_no_short_form_of_a_town() -> None:
    text = "Germán Martínez renunció; Martínez dijo que Encarnación y Rincón opinaron."
    assert places(text) == set()


# --- the finder --------------------------------------------------------------------------


def test_state_short_forms_for_the_finder() -> None:
    assert {"CDMX", "DF", "D.F.", "Distrito Federal"} <= set(state_short_forms("Ciudad de México"))
    assert "Edomex" in state_short_forms("Estado de México")
    assert state_short_forms("Tula de Allende, Hidalgo") == ()


@pytest.mark.parametrize(
    ("query", "state"),
    [
        ("cdmx", "Ciudad de México"),
        ("edomex", "Estado de México"),
        ("D.F.", "Ciudad de México"),
        ("df", "Ciudad de México"),
        ("oax", "Oaxaca"),
    ],
)
def test_finder_finds_a_state_by_its_short_form(query: str, state: str) -> None:
    texts = [
        "Toluca, Edo. de México, 2 de mayo de 2020.- El IMSS abrió una clínica en Ecatepec.",
        "Ciudad de México, 3 de mayo de 2020.- El IMSS en Oaxaca firmó un convenio.",
    ]
    search = EntitySearch(resolve([parse_text(t, source=f"{i}.txt") for i, t in enumerate(texts)]))
    assert search.search(query)[0].entity.name == state


def test_finder_on_the_seeds_finds_edomex_and_cdmx() -> None:
    from core import load_corpus

    corpus = load_corpus()
    assert corpus.search("edomex")[0].entity.name == "Estado de México"
    assert corpus.search("cdmx")[0].entity.name == "Ciudad de México"
    assert corpus.search("D.F.")[0].entity.name == "Ciudad de México"


def test_dense_short_forms_cost_linear_time() -> None:
    import time

    unit = "Cd. Juárez y Cd. Obregón, Son., Oax. y la República Mexicana en México. "

    def cost(n: int) -> float:
        started = time.process_time()
        extract_mentions(unit * n)
        return time.process_time() - started

    cost(50)  # warm the gazetteer and the patterns
    small, large = cost(300), cost(1200)
    assert large < 10 * small + 0.5  # quadratic work would be 16x


def test_the_bulletins_state_is_not_voted_by_a_surname_inside_a_name() -> None:
    # "García" is also a municipality of Nuevo León; "Guerrero" a surname: the cue "en" makes
    # it the state, so "la secretaria de Salud estatal" is Guerrero's
    text = (
        "La representante del IMSS en Guerrero, doctora Rosa Elena Pineda Ruiz, y la "
        "secretaria de Salud estatal, Laura García Salgado, visitaron la Secretaría de Salud "
        "estatal en Chilpancingo."
    )
    bodies = {e.name for e in extract_entities(text) if e.kind == EntityKind.INSTITUTION}
    assert "Secretaría de Salud de Guerrero" in bodies
    assert "García, Nuevo León" not in places(text)


def test_a_state_named_beside_one_of_its_towns_is_its_capital() -> None:
    text = (
        "Construirá el IMSS clínicas en Zacatecas y Guadalupe, y los hospitales de las ciudades "
        "de Durango y Gómez Palacio tendrán quirófanos. El IMSS en Zacatecas lo informó desde "
        "León, Guanajuato, y visitará Sonora, Sinaloa y Nayarit."
    )
    found = places(text)
    assert {"Zacatecas, Zacatecas", "Guadalupe, Zacatecas", "Durango, Durango"} <= found
    assert {"Gómez Palacio, Durango", "Zacatecas", "León, Guanajuato", "Guanajuato"} <= found
    assert {"Sonora", "Sinaloa", "Nayarit"} <= found
    assert "Guanajuato, Guanajuato" not in found


def test_a_common_word_town_that_opens_another_name_is_no_place() -> None:
    text = (
        "Inaugura IMSS Centro de Atención Infantil en Tecate; la Reforma de Ley sigue. En el "
        "municipio de Centro, Tabasco, y en Progreso, Yucatán, abrirán clínicas."
    )
    assert places(text) == {
        "Tecate, Baja California",
        "Centro, Tabasco",
        "Tabasco",
        "Progreso, Yucatán",
        "Yucatán",
    }


def test_a_municipality_called_by_its_article_and_head_and_a_glued_unit_number() -> None:
    text = (
        "En Guerrero se trata de los municipios Petatlán, La Unión, Taxco de Alarcón y Los "
        "Reyes no. La Unión de vecinos pidió otra clínica. En Querétaro avanza la Unidad de "
        "Medicina Familiar Número17 en Corregidora."
    )
    found = places(text)
    assert "La Unión de Isidoro Montes de Oca, Guerrero" in found
    assert "Corregidora, Querétaro" in found
    unions = [m for m in extract_mentions(text) if m.name.startswith("La Unión")]
    assert len(unions) == 1  # "La Unión de vecinos" opens another name


def test_a_pavilion_is_no_town() -> None:
    text = "La torre tendrá un Pabellón de Centro de Salud Mental, como el de Aguascalientes."
    assert places(text) == {"Aguascalientes"}


def test_a_saints_town_called_without_its_saint_is_not_its_namesake_elsewhere() -> None:
    text = "El gobernador anunció el hospital de Jalapa de Díaz y el de Jalapa del Marqués."
    assert places(text) == {
        "San Felipe Jalapa de Díaz, Oaxaca",
        "Santa María Jalapa del Marqués, Oaxaca",
    }


def test_common_word_towns_in_a_list_joined_by_o() -> None:
    text = (
        "Zacatecas, Zac.- El delegado propuso un hospital general ya sea para Calera, Guadalupe "
        "o Río Grande, según la demanda."
    )
    assert {"Calera, Zacatecas", "Guadalupe, Zacatecas", "Río Grande, Zacatecas"} <= places(text)


def test_a_state_named_like_a_surname_after_a_tour() -> None:
    assert "Guerrero" in places("En su gira por Guerrero, la presidenta inauguró un hospital.")
    assert "Morelos" in places("Durante un recorrido de trabajo por Morelos, el titular habló.")
    assert "Guerrero" not in places("El informe fue presentado por Guerrero ante el consejo.")


def test_an_outlets_slogan_opening_a_line_is_no_place() -> None:
    text = (
        "De Veracruz al mundo Abre el IMSS clínica\n\nXalapa, Veracruz.- El IMSS abrió una clínica "
        "en Coatepec.\n"
        "Desde Puebla para el mundo"
    )
    found = places(text)
    assert "Puebla" not in found
    assert {"Xalapa, Veracruz", "Veracruz", "Coatepec, Veracruz"} <= found
    assert "Puebla" in places("Llegaron de Puebla al mundial de futbol.")


def test_the_imss_regional_office_mexico_oriente_is_not_the_country() -> None:
    text = "Fue jefa de Educación en la delegación México Oriente del IMSS, en Naucalpan."
    assert "México" not in places(text)
    assert "México" in places("El IMSS atiende a la mitad de la población de México.")


_LEAD = (
    " El delegado del IMSS recorrió la nueva Unidad de Medicina Familiar y anunció más "
    "consultorios para la población derechohabiente de la región."
)


@pytest.mark.parametrize(
    ("dateline", "place"),
    [
        ("CDMX, 5 de mayo de 2025.-", "Ciudad de México"),
        ("VILLAHERMOSA, Tab., 2 de julio de 2024.-", "Centro, Tabasco"),
        ("Ciudad Obregón, Sonora, 3 de marzo de 2021.-", "Cajeme, Sonora"),
    ],
)
def test_the_datelines_place_is_written_as_the_place_entity(dateline: str, place: str) -> None:
    b = parse_text(f"IMSS abre clínica\n\n{dateline}{_LEAD}")
    assert b.place == place
    assert place in {e.name for e in b.entities if e.kind is EntityKind.PLACE}


def test_a_dateline_opening_with_no_known_town_keeps_its_words() -> None:
    # a locality below the municipality: cutting it to its state would lose where it was
    b = parse_text(f"IMSS abre clínica\n\nEl Vizcaíno, B.C.S., 3 de marzo de 2021.-{_LEAD}")
    assert b.place == "El Vizcaíno, B.C.S."


def test_counted_municipalities_of_a_state_name_the_state() -> None:
    names = [
        m.name
        for m in extract_mentions(
            "El hospital atenderá a la población de 84 municipios de Puebla y Tlaxcala; en el "
            "municipio de Colima abrirá otra clínica."
        )
        if m.kind is EntityKind.PLACE
    ]
    assert names == ["Puebla", "Tlaxcala", "Colima, Colima"]


def test_a_city_seat_called_ciudad_names_its_municipality_whatever_its_size() -> None:
    # Ciudad Altamirano is the seat of Pungarabato (Guerrero), not Altamirano (Chiapas);
    # "Mante" and "Madero" are what Tamaulipas calls El Mante and Ciudad Madero
    assert places(
        "El IMSS descartó daños en sus unidades de Ciudad Altamirano y Chilpancingo, Guerrero."
    ) == {"Pungarabato, Guerrero", "Chilpancingo de los Bravo, Guerrero", "Guerrero"}
    assert places(
        "Los derechohabientes de Tampico, Mante y Madero serán atendidos en Tamaulipas."
    ) == {"Tampico, Tamaulipas", "El Mante, Tamaulipas", "Ciudad Madero, Tamaulipas", "Tamaulipas"}
    # a surname seat still needs a place cue: "Madero" alone is a person's name first
    assert "Ciudad Madero, Tamaulipas" not in places("Madero dijo que el IMSS crecerá.")


def test_a_town_right_after_a_unit_number_in_a_list_of_the_bulletins_state() -> None:
    text = (
        "El IMSS en Tamaulipas atenderá urgencias en el HGZ No. 13 Matamoros, el HGSZ No. 17 "
        "Miguel Alemán y el HGZ No. 3 Mante."
    )
    assert places(text) == {
        "Tamaulipas",
        "Matamoros, Tamaulipas",
        "Miguel Alemán, Tamaulipas",
        "El Mante, Tamaulipas",
    }
    # a surname town of another state after a number is no cue (Allende is no town of Sonora)
    assert places("El IMSS en Sonora abrió la UMF No. 7 Allende ayer.") == {"Sonora"}


def test_a_town_named_after_a_person_with_a_middle_initial_is_that_persons_name() -> None:
    # Múgica (Michoacán) and Escobedo (Nuevo León) are towns; here they close people's names
    text = (
        "Morelia, Michoacán.- La nueva sede ocupará el antiguo Cereso Francisco J. Múgica; la "
        "escuela Mariano J. Escobedo también se remodela."
    )
    assert places(text) == {"Morelia, Michoacán", "Michoacán"}


def test_a_small_towns_seat_spelling_out_its_name_is_the_town() -> None:
    text = (
        "El IMSS recibió terrenos en Nuevo San Juan Parangaricutiro, Michoacán, y en Parras de "
        "la Fuente; el niño Mariano Matamoros no es un lugar."
    )
    assert places(text) == {
        "Nuevo Parangaricutiro, Michoacán",
        "Michoacán",
        "Parras, Coahuila",
    }


def test_the_town_of_a_hospital_in_lower_case_needs_no_other_cue() -> None:
    text = (
        "Durango, Durango.- Avanzan el nuevo hospital de Santiago Papasquiaro y los hospitales "
        "en San Juan del Río; la clínica de Mama no es un lugar."
    )
    assert places(text) == {
        "Durango, Durango",
        "Durango",
        "Santiago Papasquiaro, Durango",
        "San Juan del Río, Durango",
    }


def test_the_short_names_people_give_two_towns() -> None:
    text = (
        "Chihuahua, Chihuahua.- Se atenderá en Delicias, Parral y Cuauhtémoc; en Michoacán, en "
        "Zacapu y San Juan Parangaricutiro."
    )
    assert {
        "Hidalgo del Parral, Chihuahua",
        "Cuauhtémoc, Chihuahua",
        "Nuevo Parangaricutiro, Michoacán",
    } <= places(text)


def test_a_units_neighbourhood_named_after_a_hero_is_no_far_town() -> None:
    text = (
        "Querétaro, Querétaro.- Darán urgencias la UMF No. 9, en Felipe Carrillo Puerto, y la "
        "UMF No. 4, en Tequisquiapan; el HGZ No. 2 de Lázaro Cárdenas, Michoacán, también."
    )
    assert places(text) == {
        "Querétaro, Querétaro",
        "Querétaro",
        "Tequisquiapan, Querétaro",
        "Lázaro Cárdenas, Michoacán",
        "Michoacán",
    }


def test_a_small_villa_of_a_state_the_text_never_names_is_a_locality() -> None:
    # Villa Juárez is a town of San Luis Potosí and a locality of Benito Juárez, Sonora
    text = (
        "Hermosillo, Sonora.- El hospital beneficiará a los habitantes de Álamos, Huatabampo, "
        "Etchojoa, Villa Juárez y Navojoa."
    )
    assert "Villa Juárez, San Luis Potosí" not in places(text)
    assert "Etchojoa, Sonora" in places(text)
