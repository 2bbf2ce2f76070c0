"""Corpus.filter, date ranges as typed, timeline counts and `imss-tui timeline`, on the seeds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from core import Corpus, load_corpus, parse_text
from core.filters import DateRange, parse_date_range
from core.i18n import set_language
from core.timeline import count_by, periods_between
from tui.cli import run


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_corpus(use_cache=False)


def _files(summaries: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(Path(s.source or "").name[:3] for s in summaries)


def _entity_id(corpus: Corpus, query: str) -> str:
    return corpus.search(query, limit=1)[0].entity.id


def test_an_empty_filter_keeps_every_bulletin_in_corpus_order(seeds: Corpus) -> None:
    assert seeds.filter() == list(seeds.summaries)


def test_two_entities_and_a_date_range_combine_with_and(seeds: Corpus) -> None:
    robledo = _entity_id(seeds, "Zoé Robledo")
    assert _files(seeds.filter(entities=[robledo])) == ["003", "004"]
    # Delfina Gómez (governor of the Estado de México) is in 004 only: both entities -> 004
    gomez = _entity_id(seeds, "Delfina Gómez")
    assert _files(seeds.filter(entities=[robledo, gomez])) == ["004"]
    # and a date range that excludes 004 (2024-04-03) leaves nothing
    assert seeds.filter(entities=[robledo, gomez], date_from=dt.date(2024, 5, 1)) == []
    assert _files(seeds.filter(entities=[robledo], date_from=dt.date(2024, 5, 1))) == ["003"]


def test_date_range_ends_are_included_and_open_ends_work(seeds: Corpus) -> None:
    on_the_day = seeds.filter(date_from=dt.date(2015, 7, 24), date_to=dt.date(2015, 7, 24))
    assert _files(on_the_day) == ["000"]
    assert _files(seeds.filter(date_to=dt.date(2024, 4, 3))) == ["000", "004"]
    assert _files(seeds.filter(date_from=dt.date(2024, 4, 4))) == ["003"]


def test_undated_bulletins_match_a_range_only_through_their_whole_estimate(
    seeds: Corpus,
) -> None:
    # 001 and 002 are estimated 2012-12..2014-09: not dated, so a plain range leaves them out
    assert seeds.filter(date_from=dt.date(2012, 1, 1), date_to=dt.date(2014, 12, 31)) == []
    inside = seeds.filter(
        date_from=dt.date(2012, 1, 1), date_to=dt.date(2014, 12, 31), estimates=True
    )
    assert _files(inside) == ["001", "002"]
    partly = seeds.filter(
        date_from=dt.date(2013, 1, 1), date_to=dt.date(2014, 12, 31), estimates=True
    )
    assert partly == [], "an estimate reaching outside the range is not inside it"


def test_undated_only_and_kinds(seeds: Corpus) -> None:
    assert _files(seeds.filter(undated=True)) == ["001", "002"]
    # kinds are compared without accents or case
    assert _files(seeds.filter(kinds=["BOLETIN DE PRENSA"])) == ["003"]
    assert _files(seeds.filter(kinds=["boletín conjunto", "comunicado conjunto"])) == ["000", "004"]
    assert seeds.filter(kinds=["boletín de prensa"], undated=True) == []


def test_an_unknown_entity_keeps_nothing(seeds: Corpus) -> None:
    assert seeds.filter(entities=["official:nobody"]) == []


def test_filter_does_not_load_full_bulletins() -> None:
    bulletins = [
        parse_text(
            f"Ciudad de México, {day} de mayo de 2024.\n\nEl director general del IMSS, "
            f"Zoé Robledo Aburto, visitó el Hospital número {day}.",
            source=f"b{day}.txt",
        )
        for day in (2, 9, 16)
    ]
    corpus = Corpus.from_bulletins(bulletins)
    loaded: list[int] = []
    corpus._loaded.load = lambda rank: loaded.append(rank) or bulletins[rank]
    robledo = _entity_id(corpus, "Zoé Robledo")
    kept = corpus.filter(entities=[robledo], date_from=dt.date(2024, 5, 5))
    assert [s.date for s in kept] == [dt.date(2024, 5, 9), dt.date(2024, 5, 16)]
    assert loaded == []


@pytest.mark.parametrize(
    ("typed", "first", "last", "label"),
    [
        ("2015", dt.date(2015, 1, 1), dt.date(2015, 12, 31), "2015"),
        ("2024-04", dt.date(2024, 4, 1), dt.date(2024, 4, 30), "2024-04"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024-02"),
        ("2015-01..2015-12", dt.date(2015, 1, 1), dt.date(2015, 12, 31), "2015"),
        ("2015-03..2016-02", dt.date(2015, 3, 1), dt.date(2016, 2, 29), "2015-03..2016-02"),
        (" 2015-03-02 ", dt.date(2015, 3, 2), dt.date(2015, 3, 2), "2015-03-02"),
        ("2015..", dt.date(2015, 1, 1), None, "2015-01-01.."),
        ("..2016-06", None, dt.date(2016, 6, 30), "..2016-06-30"),
        ("2013…2014", dt.date(2013, 1, 1), dt.date(2014, 12, 31), "2013..2014"),
        ("9999-12", dt.date(9999, 12, 1), dt.date(9999, 12, 31), "9999-12"),  # was Overflow
    ],
)
def test_typed_date_ranges(typed: str, first: dt.date, last: dt.date, label: str) -> None:
    found = parse_date_range(typed)
    assert (found.first, found.last) == (first, last)
    assert found.label == label
    assert parse_date_range(found.label) == found


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "not a date or range"),
        ("..", "not a date or range"),
        ("mayo 2015", "not a date or range"),
        ("2015 2016", "not a date or range"),
        ("2015-13", r"there is no month 13 \(months go from 1 to 12\)"),
        ("2015-02-30", r"2015-02 has no day 30 \(it has 28\)"),
        ("0000..2015", "there is no year 0000"),
        ("2016..2015", "ends before it starts"),
    ],
)
def test_bad_date_ranges_say_why(typed: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_date_range(typed)


def test_bad_dates_say_why_in_spanish_not_in_pythons_words() -> None:
    set_language("es")
    with pytest.raises(ValueError) as month:
        parse_date_range("2015-13")
    with pytest.raises(ValueError) as day:
        parse_date_range("2015-04-31")
    assert (
        str(month.value)
        == "fecha no válida en '2015-13': no existe el mes 13 (los meses van del 1 al 12)"
    )
    assert str(day.value) == "fecha no válida en '2015-04-31': 2015-04 no tiene día 31 (tiene 30)"


def test_date_range_contains_days_not_other_things() -> None:
    year = DateRange(dt.date(2015, 1, 1), dt.date(2015, 12, 31))
    assert dt.date(2015, 12, 31) in year and dt.date(2016, 1, 1) not in year
    assert "2015-05-01" not in year


def test_timeline_counts_each_month_and_undated_apart(seeds: Corpus) -> None:
    timeline = count_by(seeds.summaries)
    assert next(iter(timeline.counts)) == "2015-07" and list(timeline.counts)[-1] == "2024-05"
    assert len(timeline.counts) == 12 * 8 + 11  # 2015-07..2024-05, the empty months too
    assert {k: n for k, n in timeline.counts.items() if n} == {
        "2015-07": 1,
        "2024-04": 1,
        "2024-05": 1,
    }
    assert (timeline.dated, timeline.undated, timeline.estimated) == (3, 2, 2)
    by_year = count_by(seeds.summaries, by="year")
    assert by_year.counts == {
        str(y): (1 if y == 2015 else 2 if y == 2024 else 0) for y in range(2015, 2025)
    }


def test_timeline_keeps_a_fixed_axis_for_filtered_bulletins(seeds: Corpus) -> None:
    span = (dt.date(2015, 7, 1), dt.date(2024, 5, 30))
    only_2024 = count_by(seeds.filter(date_from=dt.date(2024, 1, 1)), span=span)
    assert len(only_2024.counts) == 107 and only_2024.counts["2015-07"] == 0
    assert only_2024.counts["2024-04"] == 1 and only_2024.undated == 0


def test_periods_between_crosses_years() -> None:
    assert periods_between(dt.date(2014, 11, 30), dt.date(2015, 2, 1)) == [
        "2014-11",
        "2014-12",
        "2015-01",
        "2015-02",
    ]


def test_cli_timeline_json_follows_entity_and_dates(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["timeline", "--no-cache", "--json"]) == 0
    whole = json.loads(capsys.readouterr().out)
    assert (whole["dated"], whole["undated"], whole["estimated"]) == (3, 2, 2)
    assert whole["periods"][0] == {"period": "2015-07", "bulletins": 1}

    assert run(["timeline", "--no-cache", "--json", "--by", "year", "--entity", "zoe robledo"]) == 0
    robledo = json.loads(capsys.readouterr().out)
    assert robledo["periods"] == [{"period": "2024", "bulletins": 2}]
    assert [e["name"] for e in robledo["entities"]] == ["Zoé Robledo"]

    args = ["timeline", "--no-cache", "--json", "--entity", "zoe robledo", "--dates", "2024-05"]
    assert run(args) == 0
    may = json.loads(capsys.readouterr().out)
    assert may["periods"] == [{"period": "2024-05", "bulletins": 1}] and may["dates"] == "2024-05"


def test_cli_timeline_table_collapses_empty_months(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["timeline", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "2015-08…2024-03" in out and "2016-01" not in out
    assert "undated" in out and "2 with a date estimate" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--entity", "qqqqzzzz"], "--entity 'qqqqzzzz': no entity matches"),
        (["--dates", "2015-13"], "--dates: not a valid date"),
        (["--by", "week"], "invalid choice: 'week'"),
    ],
)
def test_cli_timeline_usage_errors_name_the_problem(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["timeline", "--no-cache", *args]) == 2
    assert message in capsys.readouterr().err


def test_cli_timeline_counts_an_entitys_undated_bulletins_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # González Anaya: 000 (2015-07-24), and 001, 002 undated with estimates
    assert (
        run(["timeline", "--no-cache", "--json", "--by", "year", "--entity", "gonzalez anaya"]) == 0
    )
    record = json.loads(capsys.readouterr().out)
    assert [e["name"] for e in record["entities"]] == ["José Antonio González Anaya"]
    assert record["periods"] == [{"period": "2015", "bulletins": 1}]
    assert (record["dated"], record["undated"], record["estimated"]) == (1, 2, 2)
