"""Officials in the shapes real pages give them (issue 10, round 2), on sentences written for
these tests: headlines, reflowed lines, titles between a role and a name, roles after
asides, names in capitals, misspellings. Each test is one class of error seen on real text.
"""

from __future__ import annotations

from core.entities import extract_entities
from core.models import EntityKind
from core.parse import parse_text


def officials(text: str) -> dict[str, str | None]:
    return {e.name: e.role for e in extract_entities(text) if e.kind == EntityKind.OFFICIAL}


def test_a_headline_verb_or_noun_is_not_part_of_the_name() -> None:
    text = (
        "Inaugura Julio Menchaca Salazar clínica en Tulancingo\n\n"
        "Tulancingo, Hidalgo.- El gobernador de Hidalgo, Julio Menchaca Salazar, inauguró la "
        "clínica.\n\n"
        "Nombramiento de Carlos Aceves del Olmo, nuevo dirigente de la CTM\n\n"
        "Encabeza Menchaca Salazar la ceremonia"
    )
    found = officials(text)
    assert found["Julio Menchaca Salazar"] == "gobernador de Hidalgo"
    assert found["Carlos Aceves del Olmo"] == "dirigente de la CTM"
    assert not any(name.split()[0] in ("Inaugura", "Nombramiento", "Encabeza") for name in found)


def test_a_reflowed_byline_or_dateline_is_not_glued_to_a_name() -> None:
    page = (
        "Rinde informe el delegado\n"
        "Redacción: Laura Méndez\n"
        "Laura Méndez\n"
        "La asamblea fue presidida por Rocío Nahle García\n"
        "Xalapa, Veracruz, 3 de marzo de 2025. El delegado del IMSS, Roberto Campa Cifrián, "
        "rindió su informe."
    )
    found = officials(parse_text(page).text)
    assert "Rocío Nahle García" in found
    assert not any("Veracruz" in name or "Laura Méndez Laura" in name for name in found)


def test_a_role_is_found_through_the_titles_before_the_name() -> None:
    text = (
        "Los recibieron la secretaria general de la Sección 21 del Sindicato Nacional de "
        "Trabajadores del Seguro Social, Diputada y Doctora Alma Rosa Treviño Salas; el "
        "gobernador del Estado Dr. Alfonso Durazo Montaño, y la directora del hospital, "
        "Doctora Nora Leticia Ibarra Cano. También llegó el nuevo delegado del IMSS en el "
        "estado, el doctor Rafael Lugo Pineda."
    )
    found = officials(text)
    assert found["Alma Rosa Treviño Salas"] == (
        "secretaria general de la Sección 21 del Sindicato Nacional de Trabajadores del Seguro "
        "Social"
    )
    assert found["Alfonso Durazo Montaño"] == "gobernador del Estado"
    assert found["Nora Leticia Ibarra Cano"] == "directora del hospital"
    assert found["Rafael Lugo Pineda"] == "delegado del IMSS en el estado"


def test_the_role_that_says_of_what_beats_a_bare_one() -> None:
    text = (
        "El senador Ricardo Monreal Ávila (Morena), presidente de la Junta de Coordinación "
        "Política, acompañó a la gobernadora. Después se aprobó el nombramiento de la "
        "licenciada Irene Salas Peña, como nueva titular de la Unidad de Fiscalización. "
        "Gerardo Ruiz Mena, nuevo secretario general de la CROC, asistió."
    )
    found = officials(text)
    assert found["Ricardo Monreal Ávila"] == "presidente de la Junta de Coordinación Política"
    assert found["Irene Salas Peña"] == "titular de la Unidad de Fiscalización"
    assert found["Gerardo Ruiz Mena"] == "secretario general de la CROC"


def test_new_role_words_give_their_role() -> None:
    text = (
        "Estuvieron presentes la enfermera Teresa Solís Vega; Anselmo Cruz Ortiz, comisariado "
        "ejidal de San Isidro; la síndica Elvira Pacheco y el regidor Tomás Lara Gil."
    )
    found = officials(text)
    assert found["Teresa Solís Vega"] == "enfermera"
    assert found["Anselmo Cruz Ortiz"] == "comisariado ejidal de San Isidro"
    assert found["Elvira Pacheco"] == "síndica"
    assert found["Tomás Lara Gil"] == "regidor"


def test_a_role_clause_ends_at_a_verb_when_the_comma_is_missing() -> None:
    text = (
        "A la toma de protesta de Ángel Ruiz Tapia como nuevo delegado del IMSS en el estado "
        "asistieron el secretario de Salud y el alcalde, Pedro Soto Lima."
    )
    assert officials(text)["Ángel Ruiz Tapia"] == "delegado del IMSS en el estado"
    text = (
        "En Mérida, Yucatán, el secretario general de la CTM señaló que habrá acuerdos con "
        "Manuel Gómez Ríos, dirigente de la CROC, quien firmó."
    )
    found = officials(text)
    assert "Yucatán" not in found
    assert found["Manuel Gómez Ríos"] == "dirigente de la CROC"


def test_uncued_names_closing_an_office_or_holding_one_with_quien() -> None:
    text = (
        "En la glosa del segundo informe de Gobierno de Samuel García, el secretario de "
        "Salud habló. Tras 30 años de servicio, Ernesto Vega, quien estuvo al frente de la "
        "delegación, se retira."
    )
    found = officials(text)
    assert "Samuel García" in found
    assert "Ernesto Vega" in found


def test_quien_with_a_patients_verb_makes_no_official() -> None:
    text = (
        "Entre los pacientes atendidos está Rosa Medina, quien acudió con su hija y agradeció "
        "la atención del personal."
    )
    assert "Rosa Medina" not in officials(text)


def test_a_capitalized_role_glued_after_a_name_is_its_role() -> None:
    page = (
        "Dip. Ernesto Pérez Astorga\n"
        "Presidente de la Mesa Directiva del H. Congreso del Estado\n\n"
        "Por medio de la presente le remitimos el dictamen aprobado."
    )
    found = officials(parse_text(page).text)
    assert found == {
        "Ernesto Pérez Astorga": "Presidente de la Mesa Directiva del H. Congreso del Estado"
    }


def test_names_in_capitals_after_a_title_are_people_in_title_case() -> None:
    text = (
        "CONVENIO QUE CELEBRAN EL INSTITUTO MEXICANO DEL SEGURO SOCIAL, REPRESENTADO POR SU "
        "DIRECTOR GENERAL, EL MTRO. ZOÉ ALEJANDRO ROBLEDO ABURTO, ASISTIDO POR LA DRA. CÉLIDA "
        "DUQUE MOLINA, TITULAR DE LA DIRECCIÓN DE PRESTACIONES MÉDICAS, Y POR LA OTRA PARTE "
        "EL GOBIERNO DEL ESTADO, REPRESENTADO POR EL LIC. RAÚL ARMANDO CASTRO VERA, EN SU "
        "CARÁCTER DE SECRETARIO DE FINANZAS."
    )
    found = officials(text)
    assert found == {
        "Zoé Alejandro Robledo Aburto": "DIRECTOR GENERAL",
        "Célida Duque Molina": "TITULAR DE LA DIRECCIÓN DE PRESTACIONES MÉDICAS",
        "Raúl Armando Castro Vera": "SECRETARIO DE FINANZAS",
    }


def test_a_capitalized_headline_without_a_title_names_nobody() -> None:
    text = "EL IMSS INAUGURA HOSPITAL GENERAL DE ZONA EN SAN LUIS POTOSÍ CON EL GOBERNADOR."
    assert officials(text) == {}


def test_a_misspelled_mention_joins_the_person_it_misspells() -> None:
    text = (
        "El director general del IMSS, Zoé Robledo, visitó la obra. Más tarde Zoo Robledo "
        "detalló la inversión. Al cierre, Zoé Robeldo, director general del IMSS, dijo "
        "que volverá."
    )
    found = officials(text)
    assert list(found) == ["Zoé Robledo"]
    entity = next(e for e in extract_entities(text) if e.kind == EntityKind.OFFICIAL)
    assert len(entity.mentions) == 3


def test_two_different_people_with_close_names_stay_apart() -> None:
    text = (
        "La diputada Luisa Ortega Ruiz, presidenta de la Comisión de Salud, y la senadora "
        "Luisa Ortiz Ruiz, presidenta de la Comisión de Hacienda, firmaron."
    )
    assert set(officials(text)) == {"Luisa Ortega Ruiz", "Luisa Ortiz Ruiz"}


def test_taking_office_or_a_quien_clause_gives_the_role() -> None:
    text = (
        "Octavio Romero Oropeza, tomó protesta como nuevo director del Infonavit, ante el "
        "Consejo. También se reconoció a Joel Ayala Almeida, quien durante su gestión como "
        "dirigente de la FSTSE impulsó la reforma."
    )
    found = officials(text)
    assert found["Octavio Romero Oropeza"] == "director del Infonavit"
    assert found["Joel Ayala Almeida"] == "dirigente de la FSTSE"


def test_a_semicolon_after_a_role_with_its_article_introduces_the_name() -> None:
    text = (
        "La visita fue encabezada por la presidenta de la CNDH; Rosario Piedra Ibarra, y la "
        "acompañaron Alfonso Romo Garza, jefe de la Oficina, como enlace con el sector privado; "
        "Graciela Márquez Colín, secretaria de Economía."
    )
    found = officials(text)
    assert found["Rosario Piedra Ibarra"] == "presidenta de la CNDH"
    assert found["Graciela Márquez Colín"] == "secretaria de Economía"


def test_a_role_ends_at_a_date_or_at_por_parte_de() -> None:
    text = (
        "Juan Molinar Horcasitas, director general del IMSS el 5 de junio de 2009 cuando "
        "ocurrió el incendio, declaró ante la comisión. Tras la renuncia como secretario de "
        "Hacienda por parte de Carlos Urzúa, Arturo Herrera Gutiérrez, subsecretario de "
        "Hacienda, asumió el cargo."
    )
    found = officials(text)
    assert found["Juan Molinar Horcasitas"] == "director general del IMSS"
    assert found["Arturo Herrera Gutiérrez"] == "subsecretario de Hacienda"


def test_a_name_after_the_place_that_ends_a_role_without_comma() -> None:
    text = (
        "Al corte de listón acudieron el presidente municipal de Ecatepec Azucena Cisneros "
        "Coss y el gobernador de Nuevo León Samuel García Sepúlveda."
    )
    found = officials(text)
    assert found["Azucena Cisneros Coss"] == "presidente municipal de Ecatepec"
    assert found["Samuel García Sepúlveda"] == "gobernador de Nuevo León"
    assert not any("Ecatepec" in name or "León" in name.split()[0] for name in found)


def test_a_semicolon_right_after_a_name_introduces_its_role() -> None:
    text = (
        "Esta mañana, Martí Batres Guadarrama; Director General del Issste, se reunió con la "
        "doctora Laura Ríos Peña, encargada de la dirección del hospital."
    )
    found = officials(text)
    assert found["Martí Batres Guadarrama"] == "Director General del Issste"
    assert found["Laura Ríos Peña"] == "encargada de la dirección del hospital"


def test_a_courtesy_title_with_no_role_is_a_private_person() -> None:
    text = (
        "Hablaron la Sra. Lucía Ramos Ortega, madre usuaria de la guardería, y el señor Pedro "
        "Solís Cano, derechohabiente de la clínica; también la Sra. Ana Luna Gil, presidenta "
        "del DIF municipal."
    )
    found = officials(text)
    assert "Lucía Ramos Ortega" not in found
    assert "Pedro Solís Cano" not in found
    assert found["Ana Luna Gil"] == "presidenta del DIF municipal"


def test_a_thing_done_as_a_role_is_no_person() -> None:
    text = (
        "Este lunes Rocío Nahle García acudió al Congreso para rendir Protesta Constitucional "
        "como Gobernadora de Veracruz. Olga Sánchez Cordero como senadora votó a favor."
    )
    found = officials(text)
    assert "Protesta Constitucional" not in found
    assert found["Olga Sánchez Cordero"] == "senadora"


def test_a_role_right_after_a_name_with_its_comma_left_out() -> None:
    text = (
        "Posteriormente, Martha Eloísa Sánchez Vázquez titular del IMSS en Querétaro, dio "
        "inicio a la sesión."
    )
    assert officials(text) == {"Martha Eloísa Sánchez Vázquez": "titular del IMSS en Querétaro"}


def test_page_furniture_glued_to_a_name_does_not_rename_the_person() -> None:
    page = (
        "Redacción\n"
        "Share\n"
        "Zoé Robledo, director general del IMSS, visitó la unidad. Después, Zoé Robledo "
        "dijo que volverá."
    )
    assert officials(parse_text(page).text) == {"Zoé Robledo": "director general del IMSS"}


def test_a_signature_in_capitals_before_its_role() -> None:
    text = (
        "Se exhorta a las autoridades a que se reanude el servicio de cirugías. "
        "ROSA MARÍA PERAL VIVAR Diputada local. "
        "LA PRESIDENCIA DEL CONGRESO Secretaría General."
    )
    assert officials(text) == {"Rosa María Peral Vivar": "Diputada local"}


def test_surnames_with_particles_as_real_pages_write_them() -> None:
    text = (
        "Asistieron el secretario de Salud, Jesús de la O Treviño; el representante ante el H. "
        "Consejo Técnico por la Coparmex, licenciado Raúl Ibarra Del Valle; el gobernador "
        "Alfredo Del Mazo Maza y la alcaldesa Rosa Cabeza De Vaca Ruiz."
    )
    assert officials(text) == {
        "Jesús de la O Treviño": "secretario de Salud",
        "Raúl Ibarra Del Valle": "representante ante el H. Consejo Técnico por la Coparmex",
        "Alfredo Del Mazo Maza": "gobernador",
        "Rosa Cabeza De Vaca Ruiz": "alcaldesa",
    }


def test_a_stray_period_before_the_comma_and_new_role_and_caption_cues() -> None:
    text = (
        "Tras agradecer a Ramiro López Solís., director general del hospital, el comisario "
        "ejidal Tomás Ugarte Peña entregó el predio.\n\nSesión del Consejo Técnico del IMSS "
        "presidida por Zoé Robledo Aburto."
    )
    assert officials(text) == {
        "Ramiro López Solís": "director general del hospital",
        "Tomás Ugarte Peña": "comisario ejidal",
        "Zoé Robledo Aburto": None,
    }


def test_a_byline_reflowed_onto_the_leads_first_words_is_no_official() -> None:
    text = (
        "Avanza hospital en Puebla\n\nJulio César Morales Los trabajos del hospital avanzan, "
        "informó el delegado del IMSS, Pedro Arce Ríos."
    )
    assert officials(text) == {"Pedro Arce Ríos": "delegado del IMSS"}


def test_ciudadano_is_a_title_not_an_initial() -> None:
    text = (
        "Firmaron el delegado, Dr. Juan Pérez Soto, y el alcalde, C. Pedro Limón Ruiz; "
        "REPRESENTADO POR EL C. ROBERTO HERNÁNDEZ CORDERO, EN SU CARÁCTER DE SECRETARIO DE "
        "HACIENDA."
    )
    assert officials(text) == {
        "Juan Pérez Soto": "delegado",
        "Pedro Limón Ruiz": "alcalde",
        "Roberto Hernández Cordero": "SECRETARIO DE HACIENDA",
    }


def test_en_representacion_de_ends_a_role_and_names_a_person_with_a_glued_role() -> None:
    text = (
        "Encabezó el acto Laura Gil Campos Secretaria de Desarrollo Social en representación "
        "de Omar Ruiz Téllez Gobernador del Estado de Hidalgo; asistieron Ana Mayorga Delgado "
        "Jefa de Servicios en representación de Rosa Osorio Chong Delegada del IMSS, Juana "
        "Mora García Directora del Hospital Rural No. 21 de Huejutla."
    )
    assert officials(text) == {
        "Laura Gil Campos": "Secretaria de Desarrollo Social",
        "Omar Ruiz Téllez": "Gobernador del Estado de Hidalgo",
        "Ana Mayorga Delgado": "Jefa de Servicios",
        "Rosa Osorio Chong": "Delegada del IMSS",
        "Juana Mora García": "Directora del Hospital Rural No. 21 de Huejutla",
    }


def test_a_letters_salutation_and_copy_list() -> None:
    text = (
        "Senador Pablo Gómez Morales Presidente de la Mesa Directiva del H. Congreso de la "
        "Unión Presente Ciudad de México a 27 de junio de 2017. Le presento el informe.\n"
        "c.c.p. Lic. Felipe Ruiz Acero.-Subsecretario de Enlace Legislativo.- Presente. Lic. "
        "María Reyna Ríos.-Directora de Finanzas del IMSS.- Presente."
    )
    assert officials(text) == {
        "Pablo Gómez Morales": "Presidente de la Mesa Directiva del H. Congreso de la Unión",
        "Felipe Ruiz Acero": "Subsecretario de Enlace Legislativo",
        "María Reyna Ríos": "Directora de Finanzas del IMSS",
    }


def test_an_irregular_preterite_ends_a_role() -> None:
    text = (
        "Morelia, Michoacán.- El director general del Seguro Social propuso a la maestra Ana "
        "Laura Ríos Pérez, coordinadora de Proyectos Especiales, para el grupo técnico. El "
        "delegado del IMSS en Michoacán hizo un recorrido y el secretario de Salud Elías Ortiz "
        "Vega puso en marcha la obra."
    )
    found = officials(text)
    assert found["Ana Laura Ríos Pérez"] == "coordinadora de Proyectos Especiales"
    assert found["Elías Ortiz Vega"] == "secretario de Salud"


def test_a_role_after_an_aside_or_se_trata_de() -> None:
    text = (
        "Saltillo, Coahuila.- Coahuila tiene nueva delegada del IMSS, se trata de Rosa Elena "
        "Quintero Ruiz, quien ganó el concurso. Asistió Juan Carlos Pérez Gómez, actual "
        "secretario de Salud de Coahuila. La reforma la firmó Raúl Lozano Peña, en ese momento "
        "secretario del Trabajo. Laura Gómez Ruiz, quien tras un proceso de selección nacional, "
        "fue nombrada titular de la delegación del IMSS en Zacatecas, rindió protesta."
    )
    assert officials(text) == {
        "Rosa Elena Quintero Ruiz": "delegada del IMSS",
        "Juan Carlos Pérez Gómez": "secretario de Salud de Coahuila",
        "Raúl Lozano Peña": "secretario del Trabajo",
        "Laura Gómez Ruiz": "titular de la delegación del IMSS en Zacatecas",
    }


def test_two_roles_joined_by_y_give_the_first() -> None:
    text = (
        "Culiacán, Sinaloa.- La delegada del IMSS en Sinaloa y presidenta del Consejo "
        "Consultivo, Rosa Elena Quintero Ruiz, presentó el informe. La vocera del Movimiento de "
        "Trabajadores, Martha Ruiz Gómez, habló después."
    )
    assert officials(text) == {
        "Rosa Elena Quintero Ruiz": "delegada del IMSS en Sinaloa",
        "Martha Ruiz Gómez": "vocera del Movimiento de Trabajadores",
    }


def test_an_acronym_between_commas_stays_inside_the_role() -> None:
    text = (
        "Ciudad de México.- El director general del Instituto Mexicano del Seguro Social, IMSS, "
        "Zoé Robledo, anunció cambios. Asistieron representantes del IMSS, ISSSTE, Pemex y la "
        "Sedena."
    )
    assert officials(text) == {
        "Zoé Robledo": "director general del Instituto Mexicano del Seguro Social"
    }


def test_a_bulleted_headline_verb_before_two_surnames() -> None:
    text = (
        "• Asegura Vallejo Barragán que el sindicato está unido\n\n"
        "Ciudad de México.- Manuel Vallejo Barragán, secretario del Trabajo del SNTSS, dijo que "
        "no hay disputa. Lo dijo también Vallejo Barragán ante la prensa."
    )
    assert officials(text) == {"Manuel Vallejo Barragán": "secretario del Trabajo del SNTSS"}


def test_a_former_holder_keeps_ex_glued_to_the_role() -> None:
    text = (
        "Mérida, Yucatán.- La obra quedó inconclusa desde el gobierno del expresidente Felipe "
        "Calderón Hinojosa. A la ceremonia asistió la exgobernadora Ivonne Ortega Pacheco, "
        "junto con el exdelegado del IMSS en Yucatán, Alberto Reyes Carrillo."
    )
    assert officials(text) == {
        "Felipe Calderón Hinojosa": "expresidente",
        "Ivonne Ortega Pacheco": "exgobernadora",
        "Alberto Reyes Carrillo": "exdelegado del IMSS en Yucatán",
    }


def test_a_word_that_is_never_a_name_elsewhere_is_a_surname_between_names() -> None:
    text = (
        "Toluca, Estado de México.- Fue designado el doctor Misael Ley Mejía como titular del "
        "OOAD, en apego a la Ley del Seguro Social; asistió la diputada Rosa Ley Ortiz."
    )
    assert set(officials(text)) == {"Misael Ley Mejía", "Rosa Ley Ortiz"}


def test_a_name_in_brackets_right_after_its_role() -> None:
    text = (
        "Tuxpan, Veracruz.- El delegado pidió apoyo a la presidenta municipal de Tuxpan (Nora "
        "Jéssica Lagunes Jáuregui) para donar el predio del nuevo hospital."
    )
    assert officials(text) == {"Nora Jéssica Lagunes Jáuregui": "presidenta municipal de Tuxpan"}


def test_a_role_whose_body_is_listed_with_commas() -> None:
    text = (
        "Acompañaron a la presidenta el secretario de Agricultura, Ganadería, Desarrollo Rural, "
        "Pesca y Alimentación, José Calzada Rovirosa, y el gobernador, Omar Fayad Meneses, "
        "Juan Pérez López y Ana Ruiz Soto, María Gómez Díaz."
    )
    found = officials(text)
    assert found["José Calzada Rovirosa"] == (
        "secretario de Agricultura, Ganadería, Desarrollo Rural, Pesca y Alimentación"
    )
    assert found["Omar Fayad Meneses"] == "gobernador"
    assert found["María Gómez Díaz"] is None  # a list of people is no body's name


def test_a_bare_title_after_a_role_that_says_of_what() -> None:
    text = (
        "Ciudad de México.- Asistió el próximo director general del ISSSTE, diputado Martí "
        "Batres Guadarrama, y el gobernador de Sonora, doctor Alfonso Durazo Montaño."
    )
    found = officials(text)
    assert found["Martí Batres Guadarrama"] == "director general del ISSSTE"
    assert found["Alfonso Durazo Montaño"] == "gobernador de Sonora"


def test_a_role_after_quien_es_or_quien_funge_como() -> None:
    text = (
        "Colima, Colima.- Asistió la doctora Ana Ruiz Soto quien es la coordinadora de "
        "Prestaciones Médicas en Colima; habló Juan Pérez López, quien funge como titular del "
        "IMSS en la entidad, y Luis Gómez Díaz, quien es muy querido en la ciudad. El senador "
        "Pedro Díaz Ruiz, quien será titular del IMSS, también habló."
    )
    assert officials(text) == {
        "Ana Ruiz Soto": "coordinadora de Prestaciones Médicas en Colima",
        "Juan Pérez López": "titular del IMSS en la entidad",
        "Luis Gómez Díaz": None,
        "Pedro Díaz Ruiz": "senador",  # a future office is not the one held
    }


def test_a_capitalized_office_of_a_place_then_the_name_with_no_comma() -> None:
    found = {
        e.name: e.role
        for e in extract_entities(
            "El Gobernador de San Luis Potosí Ricardo Gallardo Cardona participó en la reunión; "
            "el Secretario de Salud Jorge Alcocer Varela, también."
        )
        if e.kind == EntityKind.OFFICIAL
    }
    assert found == {
        "Ricardo Gallardo Cardona": "Gobernador de San Luis Potosí",
        "Jorge Alcocer Varela": "Secretario de Salud",
    }
