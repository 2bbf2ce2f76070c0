"""People named without a role (issue 10, classes 1 and 2), on sentences written for these tests.

Each test is one sub-class: lists, councils, signatories, coordination with a known person,
given names that are also words, names closing an office or following an institution, and
the look-alikes that are not people (municipalities, streets, buildings, bylines).
"""

from __future__ import annotations

from core.entities import extract_entities, extract_mentions
from core.entities.person_names import Support, shape_support
from core.models import EntityKind


def officials(text: str) -> dict[str, str | None]:
    return {e.name: e.role for e in extract_entities(text) if e.kind == EntityKind.OFFICIAL}


def test_marina_del_pilar_is_an_official_with_her_role() -> None:
    text = (
        "Mexicali, Baja California, 4 de marzo de 2024.- La gobernadora de Baja California, "
        "Marina del Pilar Ávila Olmeda, inauguró la Unidad de Medicina Familiar No. 40."
    )
    assert officials(text) == {"Marina del Pilar Ávila Olmeda": "gobernadora de Baja California"}


def test_given_names_that_are_words_start_a_name() -> None:
    text = (
        "En la reunión participaron Rosario Piedra Ibarra, Dolores Padierna Luna y Cruz Pérez "
        "Cuéllar. Más tarde Julio Frenk Mora dijo que la Secretaría de Marina colaborará. "
        "Luz Elena González Escobar, secretaria de Energía, firmó el acuerdo."
    )
    found = officials(text)
    for name in (
        "Rosario Piedra Ibarra",
        "Dolores Padierna Luna",
        "Cruz Pérez Cuéllar",
        "Julio Frenk Mora",
    ):
        assert name in found
    assert found["Luz Elena González Escobar"] == "secretaria de Energía"
    assert not any("Marina" in name for name in found)  # the Secretaría de Marina is a body


def test_a_list_of_governors_with_their_states() -> None:
    text = (
        "Al acto acudieron los mandatarios estatales:\n"
        "- Samuel García Sepúlveda, Nuevo León\n"
        "- Layda Sansores San Román, Campeche\n"
        "- Rubén Rocha Moya, Sinaloa\n"
        "- Evelyn Salgado Pineda, Guerrero\n"
    )
    found = officials(text)
    assert {
        "Samuel García Sepúlveda",
        "Layda Sansores San Román",  # a rare given name: the list and two known surnames
        "Rubén Rocha Moya",
        "Evelyn Salgado Pineda",
    } <= set(found)
    assert "Nuevo León" not in found and "Guerrero" not in found


def test_council_members_by_sector() -> None:
    text = (
        "En la sesión del H. Consejo Técnico estuvieron presentes los consejeros Luisa María "
        "Alcalde Luján y Marath Bolaños López, de la Secretaría del Trabajo y Previsión Social. "
        "Por el sector obrero: Héctor Octavio Gómez Ruiz, Ana Lilia Rivera Quiroz y Selene Cruz. "
        "Por el sector patronal asistieron Tomás Ignacio Zubieta Ortega y Eugenia Sáenz Mora."
    )
    found = officials(text)
    assert {
        "Luisa María Alcalde Luján",
        "Marath Bolaños López",  # no known given name: the word "consejeros" and two surnames
        "Héctor Octavio Gómez Ruiz",
        "Ana Lilia Rivera Quiroz",
        "Selene Cruz",  # two words: coordinated with the names before it
        "Tomás Ignacio Zubieta Ortega",
        "Eugenia Sáenz Mora",
    } <= set(found)


def test_signatories_and_people_beside_a_known_one() -> None:
    text = (
        "El director general del IMSS, Zoé Robledo Aburto, estuvo acompañado de Irma Pérez "
        "Ordaz y Alma Rosa Luna. Firmaron como testigos de honor Ramón Soto Vela y Gisela Ruiz."
    )
    found = officials(text)
    assert found["Zoé Robledo Aburto"] == "director general del IMSS"
    assert {"Irma Pérez Ordaz", "Alma Rosa Luna", "Ramón Soto Vela", "Gisela Ruiz"} <= set(found)


def test_two_words_need_context() -> None:
    assert officials("El programa beneficia a Gisela Ruiz en su comunidad.") == {}
    assert officials("Asistieron Gisela Ruiz y Ramón Soto.") == {
        "Gisela Ruiz": None,
        "Ramón Soto": None,
    }


def test_municipalities_streets_and_buildings_named_after_people_are_not_people() -> None:
    text = (
        "La Unidad Médica Rural de Vicente Guerrero atiende a la población del municipio de "
        "Emiliano Zapata. La nueva clínica está en la calle Adolfo López Mateos, frente a la "
        "Escuela Primaria Benito Juárez García y la Avenida Manuel Ávila Camacho. Los pacientes "
        "llegan por la Calzada Vallejo y el Programa Sembrando Vida apoya a las familias. "
        'El Hospital de Especialidades "Dr. Bernardo Sepúlveda Gutiérrez" recibió equipo.'
    )
    assert officials(text) == {}


def test_a_name_alone_on_its_line_is_a_byline() -> None:
    for byline in ("Ángeles Cruz Martínez (El Diario)", "Alejandro López / NOTICIAS 7"):
        text = (
            f"IMSS AMPLÍA SERVICIOS EN SONORA\n\n{byline}\n\n"
            "El Instituto abrió dos consultorios en Hermosillo."
        )
        assert officials(text) == {}


def test_y_inside_a_name_and_a_name_that_closes_an_office() -> None:
    text = (
        "Se designó al licenciado Fernando Flores y Pérez, como representante suplente. "
        "El proyecto nació durante el Gobierno de Andrés Manuel López Obrador y continuó."
    )
    assert set(officials(text)) == {"Fernando Flores y Pérez", "Andrés Manuel López Obrador"}


def test_an_initial_opens_a_name_and_a_name_closes_a_place() -> None:
    text = (
        "Se reconoció al licenciado J. Fernando Franco González Salas por su labor. El "
        "gobernador de Baja California Sur Víctor Manuel Castro Cosío reveló que la obra avanza."
    )
    found = officials(text)
    assert "J. Fernando Franco González Salas" in found
    assert found["Víctor Manuel Castro Cosío"] == "gobernador de Baja California Sur"


def test_a_name_right_after_an_institution_takes_its_role() -> None:
    text = (
        "A convocatoria de la titular de la Secretaría de Gobernación Rosa Icela Rodríguez "
        "Velázquez, se reunieron los gobernadores."
    )
    role = officials(text)["Rosa Icela Rodríguez Velázquez"]
    assert role is not None and role.startswith("titular de la Secretaría de Gobernación")


def test_alternating_names_and_roles_keep_each_role_on_its_name() -> None:
    text = (
        "Estuvieron presentes David Kershenobich Stalnikowitz, secretario de Salud, Mario "
        "Delgado Carrillo, secretario de Educación Pública, Martí Batres Guadarrama, director "
        "general del ISSSTE. Más tarde, el gobernador Samuel García Sepúlveda, el secretario "
        "de Salud, Alma Rosa Marroquín Escamilla, y el alcalde César Garza Arredondo recorrieron "
        "la unidad."
    )
    found = officials(text)
    assert found["David Kershenobich Stalnikowitz"] == "secretario de Salud"
    assert found["Mario Delgado Carrillo"] == "secretario de Educación Pública"
    assert found["Martí Batres Guadarrama"] == "director general del ISSSTE"
    assert found["Samuel García Sepúlveda"] == "gobernador"
    assert found["Alma Rosa Marroquín Escamilla"] == "secretario de Salud"


def test_a_role_said_with_como_or_a_copula() -> None:
    text = (
        "El Consejo Técnico tomó protesta a Germán Martínez Cázares como nuevo director "
        "general del IMSS. En 2009 Daniel Karam Toumeh era el director general del Instituto."
    )
    found = officials(text)
    assert found["Germán Martínez Cázares"] == "director general del IMSS"
    assert found["Daniel Karam Toumeh"] == "director general del Instituto"


def test_a_place_opening_a_sentence_is_not_a_person() -> None:
    text = (
        "En Tuxtla Gutiérrez, el director general del IMSS, Zoé Robledo Aburto, inauguró la "
        "unidad. Desde Tabasco, la presidenta Claudia Sheinbaum Pardo encabezó el acto."
    )
    assert set(officials(text)) == {"Zoé Robledo Aburto", "Claudia Sheinbaum Pardo"}


def test_shape_support_levels() -> None:
    assert shape_support(["Luisa", "María", "Alcalde", "Luján"]) is Support.STANDALONE
    assert shape_support(["Selene", "Cruz"]) is Support.WITH_CONTEXT
    assert shape_support(["Marath", "Bolaños", "López"]) is Support.WITH_CONTEXT
    assert shape_support(["Calzada", "Vallejo"]) is Support.NONE
    assert shape_support(["Miguel", "Ángel"]) is Support.NONE  # given names only
    assert shape_support(["Sembrando", "Vida"]) is Support.NONE


def test_cues_do_not_make_people_of_places_and_buildings() -> None:
    text = (
        "Ante los pobladores del municipio de San Juan Chamula, sostuvo que habrá médicos. "
        "Donó equipo al Instituto Mexicano del Seguro Social Dr. Ernesto Ramos Bours en "
        "Hermosillo. Se abrieron unidades ubicadas en Jaltenango de la Paz, Nichnamtic y "
        "Adolfo López Mateos."
    )
    assert officials(text) == {}


def test_a_headline_verb_and_an_appositive_that_belongs_to_the_next_name() -> None:
    text = (
        "* Recorren Héctor Astudillo Flores, el secretario de Salud federal, Jorge Alcocer "
        "Varela y la directora Ana Ruiz Soto el hospital."
    )
    found = officials(text)
    assert "Héctor Astudillo Flores" in found and found["Héctor Astudillo Flores"] is None
    assert found["Jorge Alcocer Varela"] == "secretario de Salud federal"


def test_an_office_after_a_role_word_is_not_a_name() -> None:
    text = (
        "Participó Irma Solís Vega, Directora Estratégica de Planeación del ISSSTE, y habló la "
        "Senadora Sylvana Beltrones sobre el presupuesto."
    )
    found = officials(text)
    assert "Estratégica de Planeación" not in found
    assert found["Sylvana Beltrones"] == "Senadora"


def test_a_name_given_to_a_building_is_no_person() -> None:
    text = (
        "El delegado, Raúl Peña Ortiz, propuso el cambio de nombre de la clínica por el de "
        "Rosario Castellanos Figueroa y anunció que la guardería llevará el nombre de Juana "
        "Belén Gutiérrez de Mendoza en su honor."
    )
    found = officials(text)
    assert "Raúl Peña Ortiz" in found
    assert "Rosario Castellanos Figueroa" not in found
    assert "Juana Belén Gutiérrez de Mendoza" not in found


def test_bylines_signed_with_por_or_run_into_the_dateline_are_no_officials() -> None:
    text = (
        "Roberto Salinas Cantú\nTlaxcala, Tlax.- La delegada del IMSS, Sandra Ortiz Bravo, "
        "recorrió la clínica con el alcalde Pedro Limón Ruiz.\n\nPor: Teresa Villegas Ochoa.\n"
        "Marco Antonio Lira/Puebla.- El gobernador supervisó la obra."
    )
    assert officials(text) == {
        "Sandra Ortiz Bravo": "delegada del IMSS",
        "Pedro Limón Ruiz": "alcalde",
    }


def test_two_spellings_of_one_name_in_a_bulletin_are_one_person() -> None:
    text = (
        "El delegado estatal Christian Mendoza Ruiz recorrió la obra con la alcaldesa Ivonne "
        "Salas Cruz. Cristian Mendoza Ruiz dijo que abrirá en mayo e Ivone Salas Cruz lo celebró."
    )
    assert officials(text) == {
        "Christian Mendoza Ruiz": "delegado estatal",
        "Ivonne Salas Cruz": "alcaldesa",
    }


def test_a_headline_verb_or_a_body_word_before_a_name_is_not_part_of_it() -> None:
    text = (
        "Encabeza Marcela Guillén Ortiz reunión con alcaldes\n\nSe reúne delegado del IMSS con "
        "Ayuntamiento Tuxpan\n\nLa titular del IMSS en el estado, Marcela Guillén Ortiz, habló."
    )
    assert officials(text) == {"Marcela Guillén Ortiz": "titular del IMSS en el estado"}


def test_a_byline_with_the_date_it_was_filed_is_no_official() -> None:
    text = (
        "Próxima, la apertura del Hospital Materno Infantil\n\nAlma Reyes Cano, 29 de agosto "
        "de 2023\n\nCoatzacoalcos, Ver.- El titular del IMSS, Zoé Robledo Aburto, habló."
    )
    assert officials(text) == {"Zoé Robledo Aburto": "titular del IMSS"}


def test_a_predecessor_or_successor_named_without_a_role_is_a_person() -> None:
    text = (
        "La nueva dirigente no habló de los hechos que marcaron la gestión de su antecesor, "
        "Ramiro Fuentes. Su sucesora, Laura Cárdenas, tomará protesta en enero."
    )
    found = {e.name for e in extract_entities(text) if e.kind == EntityKind.OFFICIAL}
    assert found == {"Ramiro Fuentes", "Laura Cárdenas"}


def test_a_given_name_with_its_surname_in_brackets_is_the_person_named_before() -> None:
    text = (
        "Orizaba, Veracruz.- La presidenta estuvo con la gobernadora Rocío Nahle García y el "
        "senador Cuitláhuac García Jiménez. “Grabamos un mensaje con Rocío (Nahle) y "
        "Cuitláhuac (García) y hoy cumplimos”, dijo."
    )
    mentions = [
        (m.text, m.name) for m in extract_mentions(text) if m.kind != EntityKind.INSTITUTION
    ]
    assert ("Cuitláhuac (García)", "Cuitláhuac García Jiménez") in mentions
    assert ("Rocío (Nahle)", "Rocío Nahle García") in mentions
    # neither word of the aside is a town (Cuitláhuac, Veracruz; García, Nuevo León)
    assert {name for _, name in mentions if "," in name} == {"Orizaba, Veracruz"}


def test_a_role_in_lower_case_before_a_later_surname_mention_is_the_persons() -> None:
    text = (
        "Chetumal.- Mara Lezama Espinosa y el director general del IMSS, Zoé Robledo, "
        "encabezaron una mesa de trabajo. La gobernadora Lezama agradeció el apoyo."
    )
    assert officials(text) == {
        "Mara Lezama Espinosa": "gobernadora",
        "Zoé Robledo": "director general del IMSS",
    }
    # a role set off by commas after another name is that name's: "Robledo, director ..., Lezama"
    text = (
        "Chetumal.- Mara Lezama Espinosa y el director general del IMSS, Zoé Robledo, "
        "encabezaron una mesa de trabajo. Firmaron Robledo, director del Seguro Social, Lezama "
        "y otros."
    )
    assert officials(text)["Mara Lezama Espinosa"] is None


def test_a_reporter_in_brackets_between_the_dateline_and_its_dash_is_a_byline() -> None:
    text = (
        "Coatzacoalcos, Ver. (María Fernanda Ruiz).- El delegado del IMSS, Jorge Luis Ramos "
        "Ortiz, anunció la obra; estuvo el alcalde (Amado Cruz Malpica)."
    )
    assert "María Fernanda Ruiz" not in officials(text)
    assert "Jorge Luis Ramos Ortiz" in officials(text)


def test_a_person_whose_term_or_replacement_is_spoken_of() -> None:
    text = (
        "Tepic.- A partir de esta semana, la gestión de Jesús Chávez al frente de la institución "
        "permite estos trámites; llegó en sustitución de Martha Ruiz Ortega."
    )
    assert {"Jesús Chávez", "Martha Ruiz Ortega"} <= set(officials(text))


def test_a_byline_the_layout_turned_into_a_highlight_is_no_official() -> None:
    text = (
        "Supervisan hospitales de Nayarit\n\n• Por Mario Herrera García/Tepic\n\nEl gobernador "
        "de Nayarit, Miguel Ángel Navarro Quintero, recorrió el hospital."
    )
    assert officials(text) == {"Miguel Ángel Navarro Quintero": "gobernador de Nayarit"}


def test_a_speech_verb_followed_by_its_speaker_is_not_the_name_befores() -> None:
    text = (
        "Habrá urgencias en los hospitales de Ixtepec y Tlacotepec de Benito Juárez, informó "
        "el coordinador de Prevención del IMSS, Ernesto Corona Alvarado."
    )
    assert officials(text) == {
        "Ernesto Corona Alvarado": "coordinador de Prevención del IMSS",
    }
