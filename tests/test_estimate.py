"""Date estimates for undated bulletins: who held which office, which names were in use.

Bulletin sentences here are written for these tests in the style of IMSS bulletins.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest

from benchmarks.eval_estimate import main as eval_estimate
from core import load_corpus, parse_file, parse_text
from core.dating_tables import holders, parse_month, signals, tenures
from core.entities.gazetteer import STATES
from core.models import Bulletin, BulletinSummary, DateEstimate
from core.resolve import corpus_order_key
from tui.cli import run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _undated(body: str) -> Bulletin:
    return parse_text(f"IMSS Y GOBIERNO ESTATAL FIRMAN CONVENIO\n\n{body}\n")


def _months(estimate: DateEstimate) -> tuple[str | None, str | None]:
    return estimate.from_, estimate.to


def _evidence(bulletin: Bulletin) -> dict[str, str]:
    assert bulletin.date_estimate is not None
    return {e.mention: e.office for e in bulletin.date_estimate.evidence}


# -- the seeds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "governor", "state"),
    [
        ("001_c0813492a43ee07f.txt", "Manuel Velasco Coello", "Chiapas"),
        ("002_7522df85aa83776d.txt", "Gabino Cué Monteagudo", "Oaxaca"),
    ],
)
def test_undated_seeds_are_estimated_between_dec_2012_and_sept_2014(
    seed: str, governor: str, state: str
) -> None:
    bulletin = parse_file(SEEDS / seed)
    assert bulletin.date is None, "an estimate is never copied into the date"
    estimate = bulletin.date_estimate
    assert estimate is not None
    assert "2012-12" <= estimate.from_ <= estimate.to <= "2014-09"  # type: ignore[operator]
    assert _months(estimate) == ("2012-12", "2014-09")
    evidence = _evidence(bulletin)
    # González Anaya through a role phrase: "Director General del IMSS" / "titular del Seguro
    # Social"; the governor through "Gobernador de la entidad" in a bulletin about the state
    assert evidence["José Antonio González Anaya"] == "Director General del IMSS"
    assert evidence[governor] == f"Gobernador de {state}"
    assert "IMSS-Oportunidades" in evidence
    bounds = {e.mention: e.bound for e in estimate.evidence}
    assert bounds["José Antonio González Anaya"] == "from"
    assert bounds["IMSS-Oportunidades"] == "to"
    assert all(e.source.startswith("https://") for e in estimate.evidence)
    spans = [(e.start, e.end, e.mention) for e in estimate.evidence]
    assert all(bulletin.text[s:e] == m for s, e, m in spans)


def test_dated_seeds_get_no_estimate_and_no_contradiction() -> None:
    for seed in ("000_f30207a0e62f3e58.txt", "003_6e06f150067975fc.txt"):
        bulletin = parse_file(SEEDS / seed)
        assert bulletin.date is not None and bulletin.date_estimate is None
        assert not [i for i in bulletin.issues if i.code.startswith("date-")]


# -- evidence needs a role phrase ---------------------------------------------------------------


def test_robledo_as_director_general_and_imss_bienestar_start_no_earlier_than_2019() -> None:
    bulletin = _undated(
        "Durante la gira, Zoé Robledo, director general del IMSS, supervisó las obras del "
        "Hospital Rural de Ocosingo, que forma parte del programa IMSS-Bienestar."
    )
    estimate = bulletin.date_estimate
    assert estimate is not None and estimate.from_ is not None
    assert estimate.from_ >= "2019-01"
    assert estimate.from_ == "2019-05"  # Robledo took office in May 2019
    assert estimate.to is None, "an office-holder still in office leaves the end open"
    assert estimate.label == "≈2019-05…"
    evidence = _evidence(bulletin)
    assert set(evidence) == {"Zoé Robledo", "IMSS-Bienestar"}
    assert evidence["Zoé Robledo"] == "Director General del IMSS"


def test_a_bare_name_is_not_evidence() -> None:
    bulletin = _undated(
        "José Antonio González Anaya recorrió la Unidad de Medicina Familiar número 12 y "
        "conversó con derechohabientes. Más tarde, Manuel Velasco Coello inauguró la obra."
    )
    assert bulletin.date_estimate is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Asistió el ex Director General del IMSS, José Antonio González Anaya, como invitado.",
        "Asistió el exdirector general del IMSS, José Antonio González Anaya, como invitado.",
        "Lo acompañó el entonces Gobernador de Chiapas, Manuel Velasco Coello, en la visita.",
        "José Narro Robles, quien fuera secretario de Salud, impartió la conferencia.",
        "Eduardo Ramírez Aguilar, gobernador electo de Chiapas, recorrió el hospital.",
        "Saludó a la candidata a Jefa de Gobierno de la Ciudad de México, Clara Brugada Molina.",
    ],
)
def test_a_role_not_held_at_the_time_is_not_evidence(sentence: str) -> None:
    bulletin = _undated(sentence)
    assert bulletin.date_estimate is None, sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "En la reunión participó el Secretario de Salud de Oaxaca, José Narro Robles, quien "
        "presentó el informe de la jurisdicción sanitaria.",
        "José Narro Robles, secretario de Salud del estado, presentó el informe.",
        "Zoé Robledo Aburto, titular del IMSS en Chiapas, recibió a los médicos.",
        "Zoé Robledo Aburto, director general del IMSS-Bienestar, recibió a los médicos.",
    ],
)
def test_another_office_is_not_the_one_the_table_knows(sentence: str) -> None:
    estimate = _undated(sentence).date_estimate
    assert estimate is None or all(e.holder is None for e in estimate.evidence)


def test_governor_with_explicit_state_and_jefa_de_gobierno() -> None:
    bulletin = _undated(
        "Rutilio Escandón Cadenas, gobernador de Chiapas, y la Jefa de Gobierno de la Ciudad "
        "de México, Claudia Sheinbaum Pardo, firmaron como testigos de honor."
    )
    assert bulletin.date_estimate is not None
    assert _months(bulletin.date_estimate) == ("2018-12", "2023-06")
    assert _evidence(bulletin) == {
        "Rutilio Escandón Cadenas": "Gobernador de Chiapas",
        "Claudia Sheinbaum Pardo": "Jefe de Gobierno de la Ciudad de México",
    }


def test_a_person_in_two_offices_counts_for_the_one_the_text_names() -> None:
    bulletin = _undated(
        "La Presidenta de la República, Claudia Sheinbaum Pardo, encabezó la ceremonia."
    )
    assert bulletin.date_estimate is not None
    assert _months(bulletin.date_estimate) == ("2024-10", None)


# -- names that date a text by themselves -------------------------------------------------------


def test_a_former_name_is_not_evidence_but_the_current_one_is() -> None:
    bulletin = _undated(
        "Las unidades del programa IMSS-Bienestar (antes IMSS-PROSPERA) atienden a "
        "comunidades rurales; el extinto Seguro Popular ya no las financia."
    )
    assert bulletin.date_estimate is not None
    assert set(_evidence(bulletin)) == {"IMSS-Bienestar"}


def test_distrito_federal_gives_only_an_upper_bound() -> None:
    bulletin = _undated("El Hospital de Especialidades del Distrito Federal amplió su horario.")
    assert bulletin.date_estimate is not None
    assert _months(bulletin.date_estimate) == (None, "2016-01")
    assert bulletin.date_estimate.label == "≈…2016-01"


def test_conflicting_evidence_gives_no_estimate_and_says_why() -> None:
    bulletin = _undated(
        "Zoé Robledo, director general del IMSS, visitó unidades del programa "
        "IMSS-Oportunidades en la sierra."
    )
    assert bulletin.date_estimate is None
    [issue] = [i for i in bulletin.issues if i.code == "date-estimate-conflict"]
    assert "Zoé Robledo" in issue.message and "2019-05" in issue.message
    assert "IMSS-Oportunidades" in issue.message and "2014-09" in issue.message


# -- dated bulletins ----------------------------------------------------------------------------


def _opening_dated(year: int) -> Bulletin:
    """A bulletin dated Thursday 2 May of `year` (2013 or 2019) naming González Anaya."""
    return parse_text(
        f"BOLETÍN DE PRENSA\n\nCiudad de México, jueves 2 de mayo de {year}.\n\n"
        "IMSS INAUGURA CLÍNICA\n\n"
        "El Director General del IMSS, José Antonio González Anaya, inauguró la Unidad de "
        "Medicina Familiar número 45 junto con la comunidad.\n"
    )


def test_a_dated_bulletin_contradicted_by_its_office_holders_gets_a_warning() -> None:
    bulletin = _opening_dated(2019)
    assert bulletin.date == dt.date(2019, 5, 2)
    assert bulletin.date_estimate is None
    [issue] = [i for i in bulletin.issues if i.code == "date-contradiction"]
    assert issue.severity == "warning"
    assert "González Anaya" in issue.message
    assert "until 2016-02" in issue.message and "2019-05-02" in issue.message


def test_a_dated_bulletin_with_consistent_office_holders_has_no_warning() -> None:
    bulletin = _opening_dated(2013)
    assert bulletin.date == dt.date(2013, 5, 2)
    assert not [i for i in bulletin.issues if i.code.startswith("date-")]


# -- the tables ---------------------------------------------------------------------------------


def test_every_table_row_has_a_source_and_a_sane_interval() -> None:
    for row in (*tenures(), *signals()):
        assert re.match(r"https://\S+$", row.source), row
        assert row.start is not None or row.end is not None, row
        if row.start is not None and row.end is not None:
            assert row.start <= row.end, row


def test_no_two_tenures_of_one_office_overlap() -> None:
    by_office: dict[tuple[str, str], list[tuple[int, int | None, str]]] = defaultdict(list)
    for t in tenures():
        assert t.start is not None, t
        by_office[(t.office, t.jurisdiction)].append((t.start, t.end, t.names[0]))
    for office, stints in by_office.items():
        stints.sort()
        for (_, end, name), (start, _, successor) in pairwise(stints):
            # consecutive holders may share the month of the handover, never more
            assert end is not None and end <= start, (office, name, successor)
        open_ended = [name for _, end, name in stints if end is None]
        assert len(open_ended) <= 1, (office, open_ended)


def test_governors_cover_the_32_states_since_2000() -> None:
    names = {name for _, name, _ in STATES}
    governed = {t.jurisdiction for t in tenures() if t.office == "gobernador"}
    assert governed == names
    for state in names:
        starts = [t.start for t in tenures() if t.jurisdiction == state and t.start is not None]
        assert min(starts) <= parse_month("2001-12"), state  # type: ignore[operator]


def test_name_forms_match_only_the_same_person() -> None:
    assert [t.names[0] for t in holders("imss_director_general", "Zoé Robledo")] == [
        "Zoé Robledo Aburto"
    ]
    assert holders("gobernador", "Jaime Rodríguez Calderón", "Nuevo León")
    assert holders("gobernador", "Mara Lezama", "Quintana Roo")
    assert not holders("gobernador", "Javier Duarte", "Chihuahua")  # César Duarte governed it
    assert not holders("gobernador", "Duarte", "Veracruz"), "one word is not a person"
    # two governors of Nayarit share this short form: both stints, never one guessed
    assert len(holders("gobernador", "Antonio Echevarría", "Nayarit")) == 2


# -- where the estimate travels -----------------------------------------------------------------


def test_estimated_bulletins_sort_by_midpoint_and_plain_undated_ones_last() -> None:
    estimate = DateEstimate.model_validate({"from": "2012-12", "to": "2014-09", "evidence": []})
    assert estimate.midpoint == dt.date(2013, 10, 31)  # halfway from 2012-12-01 to 2014-09-30
    summaries = [
        BulletinSummary(id="none"),
        BulletinSummary(id="late", date=dt.date(2015, 7, 24)),
        BulletinSummary(id="estimated", date_estimate=estimate),
        BulletinSummary(id="early", date=dt.date(2013, 1, 10)),
    ]
    ordered = [s.id for s in sorted(summaries, key=corpus_order_key)]
    assert ordered == ["early", "estimated", "late", "none"]


def test_the_estimate_survives_json_and_the_cache(tmp_path: Path) -> None:
    parsed = parse_file(SEEDS / "001_c0813492a43ee07f.txt")
    data = parsed.model_dump(mode="json")
    assert data["date_estimate"]["from"] == "2012-12" and data["date"] is None
    assert Bulletin.model_validate_json(parsed.model_dump_json()) == parsed
    for _ in range(2):  # cold, then warm from the SQLite cache
        corpus = load_corpus([SEEDS], cache_dir=tmp_path)
        summary = next(s for s in corpus.summaries if s.id == parsed.id)
        assert summary.date_estimate == parsed.date_estimate


def test_parse_json_and_table_show_the_estimate_apart_from_the_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    seed = str(SEEDS / "001_c0813492a43ee07f.txt")
    assert run(["parse", "--json", seed]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["date"] is None
    estimate = record["date_estimate"]
    assert (estimate["from"], estimate["to"]) == ("2012-12", "2014-09")
    first = estimate["evidence"][0]
    assert set(first) >= {"mention", "office", "bound", "from", "to", "source"}
    assert run(["parse", seed]) == 0
    out = capsys.readouterr().out
    assert "≈2012-12…2014-09" in out and "undated" not in out


def test_a_name_followed_by_its_successor_is_a_former_name() -> None:
    bulletin = _undated(
        "Las clínicas del programa IMSS-Oportunidades, hoy IMSS-PROSPERA, atienden a "
        "comunidades rurales."
    )
    assert bulletin.date_estimate is not None
    assert set(_evidence(bulletin)) == {"IMSS-PROSPERA"}


@pytest.mark.parametrize(
    ("sentence", "months"),
    [
        ("Participó la Secretaría de Bienestar en la entrega de apoyos.", ("2018-11", None)),
        ("Participó la Secretaría de Bienestar de Chiapas en la entrega de apoyos.", None),
        ("Participó la Secretaría de Desarrollo Social estatal en la entrega.", None),
        ("Participó la Sedesol en la entrega de apoyos.", (None, "2018-11")),
    ],
)
def test_a_ministry_name_states_share_dates_only_the_federal_one(
    sentence: str, months: tuple[str | None, str | None] | None
) -> None:
    estimate = _undated(sentence).date_estimate
    assert (estimate and _months(estimate)) == months


def test_dated_seeds_fall_inside_the_estimate_their_text_gives(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert eval_estimate([str(SEEDS)]) == 0
    out = capsys.readouterr().out
    assert "dated bulletins: 3; with an estimate: 3; date inside it: 3" in out
    assert "false contradiction warnings: 0" in out


@pytest.mark.parametrize(
    ("sentence", "office"),
    [
        (
            "El Director General del Instituto Mexicano del Seguro Social (IMSS), Zoé Robledo, "
            "inauguró la clínica.",
            "Director General del IMSS",
        ),
        ("El Gobernador Velasco Coello indicó que el convenio beneficia a la región.", None),
        ("El presidente Andrés Manuel López Obrador inauguró el hospital.", None),
        ("Mercedes Juan López, secretaria de Salud, encabezó la jornada.", "Secretario de Salud"),
    ],
)
def test_role_phrase_forms(sentence: str, office: str | None) -> None:
    bulletin = _undated(sentence)
    assert bulletin.date_estimate is not None, sentence
    [evidence] = bulletin.date_estimate.evidence
    assert evidence.holder is not None
    assert office is None or evidence.office == office


def test_a_lone_title_before_a_comma_names_no_office() -> None:
    bulletin = _undated("El presidente municipal, Andrés Manuel López Obrador, dio la bienvenida.")
    assert bulletin.date_estimate is None


def _dated_nov_2018(role_and_name: str) -> Bulletin:
    return parse_text(
        "BOLETÍN DE PRENSA\n\nCiudad de México, jueves 8 de noviembre de 2018.\n\n"
        "IMSS PRESENTA PLAN DE TRABAJO\n\n"
        f"El equipo de transición informó que seguirá la política de {role_and_name} de "
        "llevar médicos y medicinas a las comunidades.\n"
    )


def test_a_lone_title_may_name_the_holder_elect_but_a_full_role_may_not() -> None:
    # "el Presidente López Obrador" was said before he took office (2018-12)
    informal = _dated_nov_2018("el Presidente López Obrador")
    assert not [i for i in informal.issues if i.code == "date-contradiction"]
    formal = _dated_nov_2018("el Presidente de la República, Andrés Manuel López Obrador,")
    [issue] = [i for i in formal.issues if i.code == "date-contradiction"]
    assert "from 2018-12" in issue.message and "2018-11-08" in issue.message
