"""A cold load groups each bulletin's entities as its parsing worker returns it, in whatever
order the workers finish, and resolves from those groups once every file is in. The entities
must be exactly those of resolving the bulletins in corpus order, whatever the order of
arrival, when a worker dies mid-way, when some files are copies of others, and when an
interrupted load left a cache the next load completes."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from benchmarks.synth import generate
from core import index as index_module
from core.corpus import Corpus, load_corpus
from core.discover import seeds_dir
from core.entity_table import EntityTable
from core.parse import parse_file, parse_text
from core.resolve import (
    SpellingGroups,
    corpus_order_key,
    resolve_grouped,
    resolve_table,
    sightings_of,
)
from core.runtime import start_method

#: Bulletins in the agency's style naming people as other bulletins spell them: a short form,
#: accents lost, one misspelled surname, units with and without a state (every merge rule).
RULE_BULLETINS = (
    "Oaxaca, Oaxaca, a 3 de marzo de 2021.\n\nEL IMSS RECORRE UNIDADES\n\n"
    "El director general del IMSS, Zoé Alejandro Robledo Aburto, recorrió el Hospital General "
    "de Zona No. 1 de Oaxaca con el gobernador, Salomón Jara Cruz.\n",
    "A 9 de marzo de 2021.\n\nVISITA DE SUPERVISIÓN\n\n"
    "Zoe Robledo, director general del IMSS, visitó el Hospital General de Zona No. 1 y "
    "saludó a Salomon Jara Cruz.\n",
    "Chiapas, Chiapas, a 12 de abril de 2021.\n\nENTREGA DE EQUIPO\n\n"
    "El director general del IMSS, Zoe Robeldo, entregó equipo al Hospital General de Zona "
    "No. 1 de Chiapas; lo acompañó el gobernador, Rutilio Escandón Cadenas.\n",
)


def _rows(table: EntityTable, bulletins: int) -> tuple[list[Any], list[Any]]:
    """Every entity as the table holds it, and what each bulletin's entities resolved to."""
    entities = [
        (
            table.ids[i],
            table.kinds[i],
            table.names[i],
            list(table.aliases[i] or ()),
            [(role, list(ranks), list(forms)) for role, ranks, forms in table.role_ranks(i)],
            list(table.ranks(i)),
            table.columns["mentions"][i],
        )
        for i in range(len(table))
    ]
    return entities, [table.assigned(rank) for rank in range(bulletins)]


def _bulletins() -> list[Any]:
    texts = [text for _, text in generate(40, seed=5)] + list(RULE_BULLETINS)
    parsed = [parse_text(text, source=f"b{n:03d}.txt") for n, text in enumerate(texts)]
    parsed += [parse_file(path) for path in sorted(seeds_dir().glob("*.txt"))]
    return sorted(parsed, key=corpus_order_key)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bulletins_grouped_in_any_order_resolve_as_in_corpus_order(seed: int) -> None:
    ordered = _bulletins()
    seen = [sightings_of(b) for b in ordered]
    expected = _rows(resolve_table(ordered, seen), len(ordered))
    assert any(aliases for _, _, _, aliases, *_ in expected[0])  # the rules did merge names

    rng = random.Random(seed)
    # Each bulletin arrives under a number of its own, in a random order; three copies of
    # other bulletins arrive too, under numbers that are not in the corpus (rank -1).
    numbers = rng.sample(range(len(ordered) + 3), len(ordered) + 3)
    ranks = [-1] * len(numbers)
    arrivals = []
    for rank, number in enumerate(numbers[: len(ordered)]):
        ranks[number] = rank
        arrivals.append((number, seen[rank]))
    arrivals += [(number, rng.choice(seen)) for number in numbers[len(ordered) :]]
    rng.shuffle(arrivals)
    grouped = SpellingGroups()
    for number, entities in arrivals:
        grouped.add(number, entities)
    table, built = resolve_grouped(ordered, grouped, ranks)
    assert _rows(table, len(ordered)) == expected
    assert [entity.id for entity in built] == table.ids


def test_resolving_groups_that_miss_a_bulletin_says_which() -> None:
    ordered = _bulletins()[:3]
    grouped = SpellingGroups()
    grouped.add(0, sightings_of(ordered[0]))
    grouped.add(2, sightings_of(ordered[2]))
    with pytest.raises(ValueError, match="bulletin 1 of corpus order was never grouped"):
        resolve_grouped(ordered, grouped)


def _folder(tmp_path: Path) -> Path:
    """Synthetic bulletins, the rule bulletins and the seeds, plus two copies of one file."""
    folder = tmp_path / "bulletins"
    folder.mkdir()
    for number, (_, text) in enumerate(generate(30, seed=9)):
        (folder / f"s{number:03d}.txt").write_text(text, "utf-8")
    for number, text in enumerate(RULE_BULLETINS):
        (folder / f"r{number}.txt").write_text(text, "utf-8")
    for seed_file in sorted(seeds_dir().glob("*.txt")):
        shutil.copy(seed_file, folder / seed_file.name)
    for copy in ("copy_a.txt", "copy_b.txt"):
        shutil.copy(folder / "r1.txt", folder / copy)
    return folder


def _facts(corpus: Corpus) -> tuple[list[dict[str, Any]], list[list[str | None]]]:
    entities = [entity.model_dump() for entity in corpus.entities]
    assigned = [[seen.entity_id for seen in b.entities] for b in corpus.bulletins]
    return entities, assigned


def _never_read_back(*args: object) -> None:
    raise AssertionError("a cold load read the parsed files' entities back from the cache")


def test_a_cold_load_resolves_what_it_parsed_without_reading_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    expected = _facts(load_corpus([folder], use_cache=False))
    monkeypatch.setattr(index_module.Index, "_sightings", _never_read_back)
    cold = load_corpus([folder], cache_dir=tmp_path / "cache", workers=1)
    assert _facts(cold) == expected
    assert cold.duplicates  # the copies were parsed, grouped, and left out
    warm = load_corpus([folder], cache_dir=tmp_path / "cache", workers=1)
    assert _facts(warm) == expected


def test_a_worker_that_dies_mid_load_leaves_no_bulletin_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if start_method() != "fork":
        pytest.skip("a worker inherits a patched parser only when forked")
    folder = _folder(tmp_path)
    expected = _facts(load_corpus([folder], use_cache=False))
    parent, parse_chunk = os.getpid(), index_module._parse_chunk

    def dies_on_r0(items: list[tuple[int, str]]) -> list[Any]:
        if os.getpid() != parent and any(path.endswith("r0.txt") for _, path in items):
            os._exit(1)  # the pool breaks: this chunk and every one after it parse here
        return parse_chunk(items)

    dies_on_r0.__module__, dies_on_r0.__qualname__ = "core.index", "_parse_chunk"
    monkeypatch.setattr(index_module, "_parse_chunk", dies_on_r0)
    monkeypatch.setattr(index_module, "MIN_FILES_FOR_POOL", 4)
    monkeypatch.setattr(index_module.Index, "_sightings", _never_read_back)
    loaded = load_corpus([folder], cache_dir=tmp_path / "cache", workers=2)
    assert _facts(loaded) == expected


def test_an_interrupted_cold_load_leaves_a_cache_the_next_load_completes(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    expected = _facts(load_corpus([folder], use_cache=False))

    def interrupted(done: int, total: int, path: Path) -> None:
        if done >= 15:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_corpus([folder], cache_dir=tmp_path / "cache", workers=1, progress=interrupted)
    # The next load parses and groups the files not cached yet, reads the others' entities
    # from the cache, and resolves them all together.
    resumed = load_corpus([folder], cache_dir=tmp_path / "cache", workers=1)
    assert _facts(resumed) == expected
