"""Entity resolution across bulletins: the seeds first, then the merge rule case by case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.corpus import Corpus, load_corpus
from core.models import Bulletin, BulletinEntity, Entity, EntityKind, Span
from core.resolve import resolve


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_corpus()


def _by_name(corpus: Corpus, name: str) -> Entity:
    found = [e for e in corpus.entities if e.name == name]
    assert len(found) == 1, f"{name!r}: {[e.name for e in corpus.entities]}"
    return found[0]


def _seed_id(corpus: Corpus, prefix: str) -> str:
    return next(b.id for b in corpus.bulletins if Path(b.source or "").name.startswith(prefix))


def test_accent_variants_of_one_person_merge_across_seeds(seeds: Corpus) -> None:
    frinne = _by_name(seeds, "Frinné Azuara Yarzábal")
    assert frinne.aliases == ["Frinne Azuara Yarzabal"]
    assert set(frinne.bulletin_ids) == {_seed_id(seeds, "001"), _seed_id(seeds, "002")}
    assert not [e for e in seeds.entities if e.name == "Frinne Azuara Yarzabal"]


def test_one_official_across_three_bulletins_keeps_roles_with_dates(seeds: Corpus) -> None:
    director = _by_name(seeds, "José Antonio González Anaya")
    assert director.id == "official:jose-antonio-gonzalez-anaya"
    # corpus order: 001 and 002 sort at their date estimate (2012-12..2014-09), before 2015
    assert director.bulletin_ids == [_seed_id(seeds, p) for p in ("001", "002", "000")]
    dated = [r for r in director.roles if r.dates]
    assert dated and all(r.dates == [dt.date(2015, 7, 24)] for r in dated)
    assert any("Director General" in r.role for r in director.roles)
    seen_in = {b.id for b in seeds.bulletins for be in b.entities if be.entity_id == director.id}
    assert seen_in == set(director.bulletin_ids)


def test_people_sharing_a_surname_stay_apart(seeds: Corpus) -> None:
    cesar = _by_name(seeds, "César Duarte Jáquez")
    horacio = _by_name(seeds, "Horacio Duarte Olivares")
    assert cesar.id != horacio.id
    assert "Gobernador" in cesar.roles[0].role
    assert "secretario general" in horacio.roles[0].role


def test_every_bulletin_entity_points_to_its_resolved_entity(seeds: Corpus) -> None:
    ids = {e.id: e for e in seeds.entities}
    assert len(ids) == len(seeds.entities)
    mentions: dict[str, int] = {}
    for bulletin in seeds.bulletins:
        for seen in bulletin.entities:
            assert seen.entity_id in ids
            entity = ids[seen.entity_id]
            assert entity.kind == seen.kind
            assert bulletin.id in entity.bulletin_ids
            mentions[entity.id] = mentions.get(entity.id, 0) + max(1, len(seen.mentions))
    assert mentions == {e.id: e.mention_count for e in seeds.entities}
    for entity in seeds.entities:
        assert entity.id.startswith(f"{entity.kind}:")


def test_result_does_not_depend_on_input_order(seeds: Corpus) -> None:
    def snapshot(bulletins: list[Bulletin]) -> list[dict[str, object]]:
        copies = [b.model_copy(deep=True) for b in bulletins]
        return [e.model_dump() for e in resolve(copies)]

    assert snapshot(seeds.bulletins) == snapshot(list(reversed(seeds.bulletins)))


# -- the merge rule, case by case (names taken from the seeds) ---------------------------------


def _bulletin(
    bulletin_id: str,
    *names: str,
    kind: EntityKind = EntityKind.OFFICIAL,
    date: dt.date | None = None,
) -> Bulletin:
    entities = [
        BulletinEntity(kind=kind, name=n, mentions=[Span(start=0, end=len(n), text=n)])
        for n in names
    ]
    return Bulletin(id=bulletin_id, date=date, entities=entities)


def _names(entities: list[Entity]) -> list[tuple[str, list[str]]]:
    return sorted((e.name, sorted(e.aliases)) for e in entities)


def test_one_misspelled_surname_merges_but_a_different_surname_does_not() -> None:
    entities = resolve(
        [
            _bulletin("a", "José Antonio González Anaya", "Carlos Eugenio Ruíz Hernández"),
            _bulletin("b", "Jose Antonio Gonzales Anaya", "Carlos Eugenio Ruíz Fernández"),
        ]
    )
    assert _names(entities) == [
        ("Carlos Eugenio Ruíz Fernández", []),
        ("Carlos Eugenio Ruíz Hernández", []),
        ("José Antonio González Anaya", ["Jose Antonio Gonzales Anaya"]),
    ]


def test_short_form_joins_the_single_full_name_it_can_stand_for() -> None:
    entities = resolve(
        [
            _bulletin("a", "Zoé Robledo", "César Duarte"),
            _bulletin("b", "Zoé Robledo Aburto", "César Duarte Jáquez", "Horacio Duarte Olivares"),
            _bulletin("c", "González Anaya"),
            _bulletin("d", "José Antonio González Anaya"),
        ]
    )
    assert _names(entities) == [
        ("César Duarte Jáquez", ["César Duarte"]),
        ("Horacio Duarte Olivares", []),
        ("José Antonio González Anaya", ["González Anaya"]),
        ("Zoé Robledo Aburto", ["Zoé Robledo"]),
    ]


def test_ambiguous_short_forms_and_lone_surnames_stay_apart() -> None:
    entities = resolve(
        [
            _bulletin("a", "José Antonio González Anaya", "Alejandro Calderón Alipi"),
            _bulletin("b", "José Antonio Meade Kuribreña", "Calderón"),
            _bulletin("c", "José Antonio"),
        ]
    )
    assert [e.name for e in entities] == [
        "Alejandro Calderón Alipi",
        "Calderón",
        "José Antonio",
        "José Antonio González Anaya",
        "José Antonio Meade Kuribreña",
    ]


def test_places_and_numbered_units_never_merge_fuzzily() -> None:
    places = resolve([_bulletin("a", "Zacatecas", "Zacatepec", kind=EntityKind.PLACE)])
    assert len(places) == 2
    units = resolve(
        [
            _bulletin(
                "a",
                "Hospital General de Zona número 1",
                "Unidad de Medicina Familiar No. 1",
                "Unidad de Medicina Familiar No. 38",
                kind=EntityKind.FACILITY,
            ),
            _bulletin("b", "Hospital General de Zona No. 1", kind=EntityKind.FACILITY),
        ]
    )
    spellings = sorted(sorted([u.name, *u.aliases]) for u in units)
    assert spellings == [
        ["Hospital General de Zona No. 1", "Hospital General de Zona número 1"],
        ["Unidad de Medicina Familiar No. 1"],
        ["Unidad de Medicina Familiar No. 38"],
    ]


def test_bulletin_ids_follow_date_order_with_undated_last() -> None:
    entities = resolve(
        [
            _bulletin("undated", "Zoé Robledo"),
            _bulletin("late", "Zoé Robledo", date=dt.date(2024, 5, 30)),
            _bulletin("early", "Zoe Robledo", date=dt.date(2024, 4, 3)),
        ]
    )
    assert len(entities) == 1
    assert entities[0].bulletin_ids == ["early", "late", "undated"]
    assert entities[0].name == "Zoé Robledo"
    assert entities[0].mention_count == 3


def test_distinct_synthetic_names_do_not_collapse() -> None:
    """2,000 different people built from shared given names and surnames stay 2,000."""
    from benchmarks.synth import GIVEN_M, SURNAMES

    names = [
        f"{given} {first} {second}"
        for given in GIVEN_M[:10]
        for first in SURNAMES[:20]
        for second in SURNAMES[20:30]
    ]
    bulletins = [_bulletin(str(i), *names[i : i + 50]) for i in range(0, len(names), 50)]
    entities = resolve(bulletins)
    assert len(entities) == len(names) == 2000


def _unit_bulletin(bulletin_id: str, unit: str, *places: str) -> Bulletin:
    entities = [
        BulletinEntity(kind=kind, name=name, mentions=[Span(start=0, end=len(name), text=name)])
        for kind, name in [(EntityKind.FACILITY, unit), *((EntityKind.PLACE, p) for p in places)]
    ]
    return Bulletin(id=bulletin_id, entities=entities)


def test_numbered_units_of_different_states_stay_apart_and_say_where() -> None:
    entities = resolve(
        [
            _unit_bulletin(
                "a", "Hospital General de Zona No. 1", "Oaxaca", "Ánimas Trujano, Oaxaca"
            ),
            _unit_bulletin("b", "Hospital General de Zona No. 1", "Tapachula, Chiapas"),
            _unit_bulletin("c", "Hospital General de Zona No. 1", "Oaxaca"),
            _unit_bulletin("d", "Hospital Infantil Teletón de Oncología", "Querétaro"),
        ]
    )
    units = {e.name: e.bulletin_ids for e in entities if e.kind == EntityKind.FACILITY}
    assert units == {
        "Hospital General de Zona No. 1, Oaxaca": ["a", "c"],
        "Hospital General de Zona No. 1, Chiapas": ["b"],
        "Hospital Infantil Teletón de Oncología": ["d"],  # named units are one nationwide
    }


def test_a_unit_seen_where_no_state_is_told_joins_the_only_state_that_has_it() -> None:
    alone = resolve(
        [
            _unit_bulletin("a", "Unidad de Medicina Familiar No. 38", "Oaxaca"),
            _unit_bulletin("b", "Unidad de Medicina Familiar No. 38"),  # no place at all
            _unit_bulletin("c", "Unidad de Medicina Familiar No. 38", "Sonora", "Chiapas"),
        ]
    )
    units = {e.name: e.bulletin_ids for e in alone if e.kind == EntityKind.FACILITY}
    assert units == {  # c names two states equally: which one's No. 38 it is, it does not say
        "Unidad de Medicina Familiar No. 38, Oaxaca": ["a", "b"],
        "Unidad de Medicina Familiar No. 38": ["c"],
    }
    ambiguous = resolve(
        [
            _unit_bulletin("a", "Unidad de Medicina Familiar No. 38", "Oaxaca"),
            _unit_bulletin("b", "Unidad de Medicina Familiar No. 38", "Sonora"),
            _unit_bulletin("c", "Unidad de Medicina Familiar No. 38"),
        ]
    )
    units = {e.name: e.bulletin_ids for e in ambiguous if e.kind == EntityKind.FACILITY}
    assert units == {
        "Unidad de Medicina Familiar No. 38, Oaxaca": ["a"],
        "Unidad de Medicina Familiar No. 38, Sonora": ["b"],
        "Unidad de Medicina Familiar No. 38": ["c"],
    }


def _official(bulletin_id: str, *people: tuple[str, str | None]) -> Bulletin:
    entities = [
        BulletinEntity(
            kind=EntityKind.OFFICIAL,
            name=name,
            role=role,
            mentions=[Span(start=0, end=1, text=name[0])],
        )
        for name, role in people
    ]
    return Bulletin(id=bulletin_id, entities=entities)


def test_short_middle_and_full_forms_of_one_person_are_one() -> None:
    entities = resolve(
        [
            _official("a", ("Zoé Robledo", "director general del IMSS")),
            _official("b", ("Zoé Robledo Aburto", None)),
            _official("c", ("Zoé Alejandro Robledo Aburto", "titular del Seguro Social")),
        ]
    )
    assert _names(entities) == [
        ("Zoé Alejandro Robledo Aburto", ["Zoé Robledo", "Zoé Robledo Aburto"])
    ]
    assert [role.key for role in entities[0].roles] == ["director general imss"]


def test_a_misspelled_short_form_joins_only_through_a_shared_office() -> None:
    entities = resolve(
        [
            _official(
                "a",
                ("Zoé Robledo Aburto", "Director General del Instituto Mexicano del Seguro Social"),
            ),
            _official("b", ("Zoe Robeldo", "director general del IMSS")),
            _official("c", ("Marath Bolaños López", "secretario del Trabajo y Previsión Social")),
            _official("d", ("Marath Bolaño", "diputado local")),
        ]
    )
    assert _names(entities) == [
        ("Marath Bolaño", []),
        ("Marath Bolaños López", []),
        ("Zoé Robledo Aburto", ["Zoe Robeldo"]),
    ]


def test_sisters_who_share_both_surnames_never_merge() -> None:
    entities = resolve(
        [
            _official("a", ("Luisa María Alcalde Luján", "secretaria del Trabajo")),
            _official("b", ("Bertha Alcalde Luján", "directora general del ISSSTE")),
            _official(
                "c", ("Alcalde Luján", None), ("Bertha Alcalde", "directora general del Issste")
            ),
            _official("d", ("Luisa Alcalde Luján", "secretaria del Trabajo")),
        ]
    )
    assert _names(entities) == [
        ("Alcalde Luján", []),
        ("Bertha Alcalde Luján", ["Bertha Alcalde"]),
        ("Luisa María Alcalde Luján", ["Luisa Alcalde Luján"]),
    ]


def test_a_bare_title_joins_the_one_office_of_that_title() -> None:
    entities = resolve(
        [
            _official("a", ("Enrique Peña Nieto", "Presidente")),
            _official("b", ("Enrique Peña Nieto", "Presidente de la República")),
            _official("c", ("Ana Ruiz Soto", "presidenta")),
            _official("d", ("Ana Ruiz Soto", "presidenta municipal de Apodaca")),
            _official("e", ("Ana Ruiz Soto", "presidenta del Consejo Consultivo")),
        ]
    )
    by_name = {e.name: e for e in entities}
    (president,) = by_name["Enrique Peña Nieto"].roles
    assert president.role == "Presidente de la República"
    assert president.wordings == ["Presidente", "Presidente de la República"]
    assert len(president.bulletin_ids) == 2
    assert len(by_name["Ana Ruiz Soto"].roles) == 3  # which presidency "presidenta" is: unsaid


def test_short_forms_are_the_given_name_with_later_words_or_the_trailing_surnames() -> None:
    from core.resolve import MAX_FORM_WORDS, short_forms

    assert short_forms(("zoe", "alejandro", "robledo", "aburto")) == {
        ("robledo", "aburto"),  # trailing surnames
        ("alejandro", "robledo", "aburto"),
        ("zoe", "alejandro"),  # the given name, then some later words in order
        ("zoe", "robledo"),
        ("zoe", "aburto"),
        ("zoe", "alejandro", "robledo"),
        ("zoe", "alejandro", "aburto"),
        ("zoe", "robledo", "aburto"),
    }
    assert short_forms(("gonzalez", "anaya")) == set()
    assert short_forms(("imss",)) == set()
    # A "name" longer than any person's keeps only its trailing forms.
    long = tuple(f"w{i}" for i in range(MAX_FORM_WORDS + 1))
    assert short_forms(long) == {long[-size:] for size in range(2, len(long))}
    # Forms that coincide (a repeated word) are one form.
    assert short_forms(("maria", "maria", "lopez")) == {("maria", "lopez"), ("maria", "maria")}
