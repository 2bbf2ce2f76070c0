"""Fuzzy entity search: what users type on the seeds, fzf's operators, and a large index."""

from __future__ import annotations

import pytest

from core.corpus import Corpus, load_corpus
from core.models import Entity, EntityKind, Hit, RoleSeen
from core.search import MAX_SCORED, EntitySearch, parse_query, unit_abbreviation


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_corpus()


def _first(corpus: Corpus, query: str, **kwargs: object) -> Hit:
    hits = corpus.search(query, **kwargs)  # type: ignore[arg-type]
    assert hits, f"no hit for {query!r}"
    return hits[0]


def _highlighted(hit: Hit) -> list[str]:
    return [hit.matched[start:end] for start, end in hit.spans]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gober chihu", "César Duarte Jáquez"),
        ("zoe robledo", "Zoé Robledo"),
        ("hospital zona 1", "Hospital General de Zona No. 1, Oaxaca"),
        ("jose antonio", "José Antonio González Anaya"),
        ("gonzales anaya", "José Antonio González Anaya"),
        ("frinne azuara", "Frinné Azuara Yarzábal"),
        ("ZOÉ", "Zoé Robledo"),
        ("lohman iturbur", "Jens Pedro Lohmann Iturburu"),
        ("umf 38", "Unidad de Medicina Familiar No. 38, Oaxaca"),
    ],
)
def test_what_users_type_finds_who_they_mean(seeds: Corpus, query: str, expected: str) -> None:
    assert _first(seeds, query).entity.name == expected


def test_governor_is_found_through_his_role_with_highlights(seeds: Corpus) -> None:
    hit = _first(seeds, "gober chihu")
    assert hit.field == "role"
    assert hit.matched == "Gobernador de Chihuahua"  # the office; the wording stays below
    assert _highlighted(hit) == ["Gober", "Chihu"]
    assert [r.role for r in hit.entity.roles] == ["Gobernador del estado de Chihuahua"]


@pytest.mark.parametrize(
    ("query", "governor", "written"),
    [
        ("gober oaxaca", "Gabino Cué Monteagudo", "Gobernador de la entidad"),
        ("gober chiapas", "Manuel Velasco Coello", "Gobernador de la entidad"),
    ],
)
def test_a_governor_written_of_the_entidad_is_found_by_his_state(
    seeds: Corpus, query: str, governor: str, written: str
) -> None:
    """Seeds 001 and 002 say only "Gobernador de la entidad": the bulletin's state fills in."""
    hit = _first(seeds, query)
    assert hit.entity.name == governor
    assert hit.field == "role"
    assert _highlighted(hit)[0] == "Gober"
    assert written in hit.entity.roles[0].wordings


def test_one_office_written_three_ways_is_one_role(seeds: Corpus) -> None:
    """ "titular del Seguro Social", "Director General del IMSS" and the long form: one role."""
    anaya = _first(seeds, "gonzalez anaya").entity
    assert len(anaya.roles) == 1
    role = anaya.roles[0]
    assert role.key == "director general imss"
    assert "titular del Seguro Social" in role.wordings
    assert "Director General del Instituto Mexicano del Seguro Social" in role.wordings
    assert len(role.bulletin_ids) == 3
    assert _first(seeds, "titular seguro social").entity.id == anaya.id


def test_spans_point_into_the_accented_original(seeds: Corpus) -> None:
    hit = _first(seeds, "zoe robledo")
    assert hit.matched == "Zoé Robledo"
    assert _highlighted(hit) == ["Zoé", "Robledo"]
    typo = _first(seeds, "gonzales anaya")
    assert _highlighted(typo) == ["González", "Anaya"]


def test_accents_and_case_do_not_matter(seeds: Corpus) -> None:
    def ranked(query: str) -> list[str]:
        return [h.entity.id for h in seeds.search(query)]

    assert ranked("zoe") == ranked("ZOÉ") == ranked("Zoé")
    assert ranked("yarzabal") == ranked("Yarzábal")


def test_scores_are_0_to_100_best_first(seeds: Corpus) -> None:
    hits = seeds.search("salud", limit=50)
    assert len(hits) > 3
    scores = [h.score for h in hits]
    assert all(0 <= s <= 100 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert len({h.entity.id for h in hits}) == len(hits)


def test_ties_go_to_the_shorter_candidate(seeds: Corpus) -> None:
    names = [h.entity.name for h in seeds.search("chihuahua", kinds=[EntityKind.PLACE])]
    assert names[:2] == ["Chihuahua", "Chihuahua, Chihuahua"]


def test_kind_filter(seeds: Corpus) -> None:
    hits = seeds.search("chihuahua", kinds=["institution"])
    assert hits and {h.entity.kind for h in hits} == {EntityKind.INSTITUTION}
    assert "Gobierno de Chihuahua" in [h.entity.name for h in hits]


def test_fzf_operators(seeds: Corpus) -> None:
    duartes = [h.entity.name for h in seeds.search("duarte")]
    assert {"César Duarte Jáquez", "Horacio Duarte Olivares"} <= set(duartes)
    assert [h.entity.name for h in seeds.search("duarte !cesar")] == ["Horacio Duarte Olivares"]
    starts = seeds.search("^hospital", limit=50)
    assert starts and all(h.matched.lower().startswith("hospital") for h in starts)
    assert all(h.spans[0][0] == 0 for h in starts)
    ends = seeds.search("ecatepec$", limit=50)
    assert ends and all(h.matched.endswith("Ecatepec") for h in ends)
    exact = [h.entity.name for h in seeds.search("'oncolog")]
    assert set(exact) == {
        "Hospital Oncológico de Ecatepec",
        "Centro de Oncología de Ecatepec de Morelos",
    }
    both = [h.entity.name for h in seeds.search("hospital ecatepec")]
    assert both == ["Hospital Oncológico de Ecatepec"]


def test_parse_query_understands_fzf_syntax() -> None:
    terms = parse_query("  ^Hosp  'zona !rural 1$ no.1 ")
    assert [(t.text, t.prefix, t.exact, t.suffix, t.negate) for t in terms] == [
        ("hosp", True, False, False, False),
        ("zona", False, True, False, False),
        ("rural", False, True, False, True),
        ("1", False, False, True, False),
        ("no", False, False, False, False),
        ("1", False, False, False, False),
    ]


def test_nothing_matches_nonsense_and_empty_lists_the_best_known(seeds: Corpus) -> None:
    assert seeds.search("xqzwv") == []
    listed = seeds.search("", limit=3)
    assert listed[0].entity.name == "IMSS"  # in all five seeds
    assert all(h.score == 0 and h.spans == [] for h in listed)


def test_search_result_counts_matches(seeds: Corpus) -> None:
    result = seeds.search_result("duarte", limit=1)
    assert len(result.hits) == 1
    assert result.total == 2 and result.exact_total


# -- a large index: the paths that avoid scoring everything -----------------------------------


@pytest.fixture(scope="module")
def big() -> EntitySearch:
    from benchmarks.bench_search import synthetic_entities

    entities = synthetic_entities(20_000)
    entities.append(
        Entity(
            id="official:cesar-duarte-jaquez",
            kind=EntityKind.OFFICIAL,
            name="César Duarte Jáquez",
            roles=[RoleSeen(role="Gobernador del estado de Chihuahua")],
        )
    )
    return EntitySearch(entities)


def test_vague_queries_stay_correct_on_a_large_index(big: EntitySearch) -> None:
    result = big.query("m", limit=20)
    assert len(result.hits) == 20
    assert result.total > MAX_SCORED
    for hit in result.hits:
        assert any(hit.matched[s:e].lower() == "m" for s, e in hit.spans)
    names = big.search("ma ro", limit=20)
    assert names
    for hit in names:
        words = [w.lower() for w in hit.matched.split()]
        assert any(w.startswith("ma") for w in words) or hit.field != "name"


def test_one_person_among_many_namesakes(big: EntitySearch) -> None:
    governors = big.search("gober chihu")
    assert len(governors) == 20
    for hit in governors:
        assert hit.field == "role"
        assert [w.lower() for w in _highlighted(hit)] == ["gober", "chihu"]
    assert big.search("cesar duarte jaquez")[0].entity.name == "César Duarte Jáquez"
    assert big.search("cesar duarte jaques")[0].entity.name == "César Duarte Jáquez"


def test_full_names_rank_first_like_the_naive_scan(big: EntitySearch) -> None:
    """For a complete name the entity itself must be the top hit, as WRatio would have it."""
    sample = [e.name for e in big.entities[:: len(big.entities) // 50]]
    for name in sample:
        top = big.search(name.lower(), limit=5)
        assert top[0].matched == name or top[0].score == 100.0, name


def test_numbered_units_answer_to_their_abbreviation(seeds: Corpus) -> None:
    assert unit_abbreviation("Unidad de Medicina Familiar No. 38") == "UMF No. 38"
    assert unit_abbreviation("Hospital General de Zona número 1") == "HGZ número 1"
    assert unit_abbreviation("Centro de Oncología de Ecatepec de Morelos") is None
    hit = _first(seeds, "hgz 1")
    assert hit.entity.name == "Hospital General de Zona No. 1, Oaxaca"
    assert (hit.field, hit.matched, _highlighted(hit)) == (
        "alias",
        "HGZ No. 1, Oaxaca",
        ["HGZ", "1"],
    )


def test_a_role_among_dozens_is_found_and_highlighted() -> None:
    roles = [f"director del Hospital General de Zona No. {n}" for n in range(1, 40)]
    roles.append("Gobernador del estado de Chihuahua")
    veteran = Entity(
        id="official:cesar-duarte-jaquez",
        kind=EntityKind.OFFICIAL,
        name="César Duarte Jáquez",
        roles=[RoleSeen(role=r) for r in roles],
    )
    other = Entity(id="official:otro", kind=EntityKind.OFFICIAL, name="Horacio Duarte Olivares")
    finder = EntitySearch([veteran, other])
    hit = finder.search("gober chihu")[0]
    assert (hit.entity.id, hit.matched) == (veteran.id, "Gobernador del estado de Chihuahua")
    assert _highlighted(hit) == ["Gober", "Chihu"]
    assert finder.search("duarte zona 17")[0].entity.id == veteran.id
    unit = finder.search("zona 17")[0]
    assert unit.matched == "director del Hospital General de Zona No. 17"
    assert _highlighted(unit) == ["Zona", "17"]


def test_a_repeated_query_is_answered_the_same_and_its_list_is_the_callers(
    seeds: Corpus,
) -> None:
    finder = seeds.finder
    first = finder.query("gober chihu")
    first.hits.clear()  # what one caller does with its list
    again = finder.query("gober  chihu")  # same words, same answer (from the recent ones)
    assert again.hits and again.hits[0].entity.name == "César Duarte Jáquez"
    assert finder.query("gober chihu", kinds=["place"]).hits != again.hits


@pytest.mark.parametrize(
    ("query", "institution"),
    [("seguro social", "IMSS"), ("trabajadores del estado", "ISSSTE"), ("funcion publica", "SFP")],
)
def test_an_institution_named_by_its_acronym_is_found_by_its_long_name(
    seeds: Corpus, query: str, institution: str
) -> None:
    hit = _first(seeds, query)
    assert hit.entity.name == institution
    assert hit.field == "alias"
