"""Direct quotes and their speakers: the seeds' gold, bulletins written for it, and the rules.

Gold (tests/gold/quotes/) was written by reading the bulletins; the scorer is
benchmarks/eval_quotes.py, which prints the same numbers the README reports.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from benchmarks.eval_quotes import QUOTES_GOLD, evaluate
from core import load_corpus, parse_text
from core.models import Bulletin


def _said(bulletin: Bulletin) -> list[tuple[str, str | None]]:
    return [(q.text.split()[0], q.speaker_name) for q in bulletin.quotes]


@pytest.mark.parametrize("folder", ["seeds", "bulletins"])
def test_gold_pairs_are_found(folder: str) -> None:
    score = evaluate(QUOTES_GOLD / folder)
    detail = "\n".join(score.misses)
    assert score.gold >= 15, "gold too small to measure anything"
    assert score.quotes_matched == score.gold == score.found, detail
    # Speakers: all right on the seeds; the written bulletins keep misses the rules cannot
    # see ("la representante del Seguro Social" for a "titular de la Oficina de Representación").
    floor = 1.0 if folder == "seeds" else 0.9
    assert score.pairs_right / score.gold >= floor, detail


def test_quote_spans_index_the_text() -> None:
    for bulletin in load_corpus(use_cache=False).bulletins:
        for quote in bulletin.quotes:
            assert bulletin.text[quote.start : quote.end] == quote.text


def test_speaker_is_the_corpus_entity_id() -> None:
    corpus = load_corpus(use_cache=False)
    speakers = {q.speaker for b in corpus.bulletins for q in b.quotes if q.speaker}
    assert "official:jose-antonio-gonzalez-anaya" in speakers
    for speaker in speakers:
        entity = corpus.entity(speaker)
        assert entity is not None and entity.kind == "official"


def test_verb_without_subject_continues_the_speaker_only_nearby() -> None:
    text = (
        "Reunión de trabajo en Puebla\n\n"
        "El gobernador de Puebla, Alejandro Armenta Mier, dijo que habrá más médicos. "
        "“Vamos a contratar a 300 especialistas este año”, afirmó.\n\n"
        "La reunión terminó con un recorrido por el hospital y sus nuevas áreas.\n\n"
        "El personal recibió uniformes y equipo nuevo para los quirófanos.\n\n"
        "“Nadie se quedará sin atención en la sierra”, agregó."
    )
    said = _said(parse_text(text))
    assert said == [("Vamos", "Alejandro Armenta Mier"), ("Nadie", None)]


def test_a_subject_who_is_no_official_stops_the_carry() -> None:
    text = (
        "Entrega de la UMF No. 7\n\n"
        "La directora general adjunta del IMSS, Carmen Rosales Luna, entregó la unidad. "
        "“Es una clínica para toda la colonia y sus familias”, afirmó un vecino de la zona.\n\n"
        "“La esperamos durante diez años completos”, añadió."
    )
    said = _said(parse_text(text))
    assert [speaker for _, speaker in said] == [None, None]


def test_names_and_titles_in_quotation_marks_are_not_speech() -> None:
    text = (
        "Programa de salud\n\n"
        "El IMSS presentó la estrategia “La Clínica es Nuestra” en el Hospital de "
        "Especialidades “Dr. Bernardo Sepúlveda Gutiérrez” y en la unidad “chatarra”."
    )
    assert parse_text(text).quotes == []


def test_role_subject_resolves_to_the_one_official_with_that_role() -> None:
    text = (
        "Visita a Sonora\n\n"
        "El director general del IMSS, Zoé Robledo, y la gobernadora interina, Ana Ruiz "
        "Sandoval, visitaron el hospital.\n\n"
        "La gobernadora destacó: “Este hospital cambia la vida de toda la región del norte”.\n\n"
        "El titular del Seguro Social afirmó que “la obra se entregará antes de diciembre”."
    )
    said = _said(parse_text(text))
    assert said == [("Este", "Ana Ruiz Sandoval"), ("la", "Zoé Robledo")]


def test_two_officials_with_the_role_leave_the_speaker_unknown() -> None:
    text = (
        "Convenio regional\n\n"
        "El gobernador de Colima, Pedro Ochoa Silva, y el gobernador de Jalisco, Pablo "
        "Lemus Navarro, firmaron el convenio.\n\n"
        "El gobernador dijo que “la región occidente tendrá un solo padrón de pacientes”."
    )
    assert _said(parse_text(text)) == [("la", None)]


def test_colon_opens_a_quote_in_the_next_paragraph() -> None:
    text = (
        "Guarderías\n\n"
        "La coordinadora de guarderías del IMSS, Rosa Medina Torres, expresó:\n\n"
        "Ninguna madre trabajadora debe elegir entre su empleo y sus hijos.\n\n"
        "El programa inicia en marzo."
    )
    quotes = parse_text(text).quotes
    assert [(q.text, q.speaker_name) for q in quotes] == [
        ("Ninguna madre trabajadora debe elegir entre su empleo y sus hijos.", "Rosa Medina Torres")
    ]


def test_quotes_in_parse_json() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli", "parse", "--json", "seeds/000_f30207a0e62f3e58.txt"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    quotes = json.loads(out.splitlines()[0])["quotes"]
    assert [q["speaker"] for q in quotes] == ["official:cesar-duarte-jaquez"] * 2
    assert set(quotes[0]) >= {"text", "speaker", "start", "end"}


@pytest.mark.parametrize(
    "unit",
    ["“", '"', "Dijo: ", "El gobernador dijo que ", "“Dijo la verdad, dijo” "],
    ids=["open-marks", "straight", "colons", "verbs", "quotes"],
)
def test_hostile_text_stays_linear(unit: str) -> None:
    from core.quotes import extract_quotes

    def seconds(n: int) -> float:
        started = time.process_time()
        extract_quotes(unit * n, [])
        return time.process_time() - started

    small, large = seconds(5_000), seconds(20_000)
    assert large < max(0.5, small * 12), (small, large)  # 4x the input; quadratic would be 16x


def test_a_bare_mandatario_is_whoever_the_gender_and_the_bulletin_leave() -> None:
    president_and_governor = (
        "Gira por Sonora\n\n"
        "La presidenta Claudia Sheinbaum Pardo y el gobernador de Sonora, Alfonso Durazo "
        "Montaño, recorrieron la obra.\n\n"
        "El mandatario anunció que “el hospital abrirá sus puertas en el mes de octubre”.\n\n"
        "La mandataria afirmó que “ningún sonorense quedará sin atención médica”."
    )
    said = _said(parse_text(president_and_governor))
    assert said == [("el", "Alfonso Durazo Montaño"), ("ningún", "Claudia Sheinbaum Pardo")]
    two_men = president_and_governor.replace(
        "La presidenta Claudia Sheinbaum Pardo", "El presidente Andrés Manuel López Obrador"
    )
    assert _said(parse_text(two_men))[0] == ("el", None)


def test_a_short_quotation_right_beside_a_verb_of_saying_is_speech() -> None:
    b = parse_text(
        "Inaugura IMSS clínica en Navojoa\n\n"
        'Navojoa, Sonora.- El gobernador de Sonora, Alfonso Durazo Montaño, dijo: "Cumplimos". '
        "“Vamos bien”, afirmó después el gobernador. El director inauguró la Clínica “Juárez”, "
        'dijo el cronista, y aseguró que fue una "sorpresa".'
    )
    assert [q.text for q in b.quotes] == ["Cumplimos", "Vamos bien"]
    assert {q.speaker for q in b.quotes} == {"official:alfonso-durazo-montano"}
