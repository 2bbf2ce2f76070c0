"""The citation `y` copies: every part a journalist needs, none invented."""

from __future__ import annotations

import pytest
from pilot_helpers import SEEDS

from core import parse_file
from core.citation import citation
from core.models import BulletinSummary


def test_a_dated_bulletin_is_cited_with_kind_number_dateline_and_iso_date() -> None:
    b = parse_file(SEEDS / "003_6e06f150067975fc.txt")
    assert citation(b) == (
        "IMSS. Boletín de prensa No. 257/2024. Ciudad de México, jueves 30 de mayo de 2024 "
        "(2024-05-30). “Avanza trabajo conjunto entre Sector Salud y estados incorporados a "
        "IMSS-Bienestar en reunión nacional”. [003_6e06f150067975fc.txt]"
    )


@pytest.mark.parametrize("seed", ["001_c0813492a43ee07f.txt", "002_7522df85aa83776d.txt"])
def test_an_undated_bulletin_without_a_kind_reads_sin_tipo_s_f_and_its_estimate(seed: str) -> None:
    b = parse_file(SEEDS / seed)
    assert b.date is None and b.kind is None
    cited = citation(b)
    assert cited.startswith("IMSS. [Sin tipo]. s. f. ")
    assert b.date_estimate is not None and b.date_estimate.from_ and b.date_estimate.to
    span = f"entre {b.date_estimate.from_} y {b.date_estimate.to}"
    assert f"s. f. [fecha estimada: {span}]. “FIRMAN IMSS Y GOBIERNO DE " in cited
    assert "Boletín" not in cited  # no kind the text does not state
    assert cited.endswith(f"”. [{seed}]")


def test_an_undated_bulletin_with_a_place_keeps_it_before_s_f() -> None:
    b = BulletinSummary(id="x", kind="comunicado", place="Oaxaca, Oaxaca", title="Título")
    assert citation(b) == "IMSS. Comunicado. Oaxaca, Oaxaca, s. f. “Título”."


@pytest.mark.parametrize(
    ("bounds", "shown"),
    [
        ({"from": "2012-12", "to": "2018-11"}, "[fecha estimada: entre 2012-12 y 2018-11]"),
        ({"from": "2019-01"}, "[fecha estimada: desde 2019-01]"),
        ({"from": "2015-07", "to": "2015-07"}, "[fecha estimada: 2015-07]"),
    ],
)
def test_an_undated_bulletin_cites_its_estimate_marked_as_estimated(
    bounds: dict[str, str], shown: str
) -> None:
    b = BulletinSummary.model_validate({"id": "x", "title": "T", "date_estimate": bounds})
    assert citation(b) == f"IMSS. [Sin tipo]. s. f. {shown}. “T”."
