"""Updating a cached corpus's entities after a few files changed gives exactly what resolving
every bulletin again gives: ids, names, aliases, roles, counts, and which entity each
bulletin's entity resolved to. Seeded random sequences of adds, edits and deletes over
synthetic bulletins, the seeds, and bulletins written to exercise every merge rule (short
forms, one misspelled word, accents lost, numbered units with and without a state)."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.synth import generate
from core import index as index_module
from core import resolve_store
from core.corpus import Corpus, load_corpus
from core.discover import seeds_dir
from core.entity_table import EntityTable
from core.models import BulletinSummary, EntityKind
from core.resolve import Seen, resolve_table, resolve_with_groups
from core.resolve_update import update_table
from core.textfold import fold

MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto"]
STATES = ["Oaxaca", "Chiapas", "Sonora", "Yucatán"]


def _facts(corpus: Corpus) -> tuple[list[dict[str, Any]], list[list[str | None]]]:
    entities = [entity.model_dump() for entity in corpus.entities]
    assigned = [[seen.entity_id for seen in b.entities] for b in corpus.bulletins]
    return entities, assigned


def _rebuilt(corpus: Corpus) -> Corpus:
    """The same bulletins resolved from scratch, without the cache."""
    return Corpus.from_bulletins([b.model_copy(deep=True) for b in corpus.bulletins])


def _variant(name: str, rng: random.Random) -> str:
    """Another way a bulletin writes one person: a short form, a typo, accents lost."""
    words = name.split()
    choice = rng.randrange(4)
    if choice == 0 and len(words) >= 3:
        return f"{words[0]} {words[-2]}"  # given name and first surname
    if choice == 1 and len(words) >= 4:
        return " ".join([words[0], *words[-2:]])  # middle name left out
    if choice == 2 and len(words[-1]) >= 6:
        last = words[-1]
        return " ".join([*words[:-1], last[:2] + last[3] + last[2] + last[4:]])  # swapped
    return fold(name).title()


def _rule_bulletin(names: list[str], rng: random.Random) -> str:
    """A bulletin, in the agency's style, naming people as other bulletins spelled them."""
    people = [_variant(rng.choice(names), rng) for _ in range(3)] if names else []
    unit = f"Hospital General de Zona No. {rng.randint(1, 6)}"
    day, month = rng.randint(1, 28), rng.choice(MONTHS)
    if rng.random() < 0.5:  # no state named: the unit cannot be placed
        where = f"A {day} de {month} de 2021."
        place = ""
    else:
        state = rng.choice(STATES)
        where = f"{state}, {state}, a {day} de {month} de 2021."
        place = f" de {state}"
    lines = [where, "", "EL IMSS RECORRE UNIDADES MÉDICAS", ""]
    roles = ["el director general del IMSS", "la titular de la delegación", "el gobernador"]
    for person, role in zip(people, roles, strict=False):
        lines.append(f"Durante la visita, {role}, {person}, recorrió el {unit}{place}.")
        lines.append("")
    return "\n".join(lines)


class _Corpus:
    """A folder of bulletins changed at random, step by step."""

    def __init__(self, folder: Path, seed: int) -> None:
        self.folder = folder
        self.rng = random.Random(seed)
        texts = [text for _, text in generate(160, seed)]
        self.pool = texts[120:]
        for number, text in enumerate(texts[:120]):
            (folder / f"s{number:03d}.txt").write_text(text, "utf-8")
        for seed_file in sorted(seeds_dir().iterdir()):
            shutil.copy(seed_file, folder / seed_file.name)
        self.written = 0

    def files(self) -> list[Path]:
        return sorted(p for p in self.folder.iterdir() if p.is_file())

    def _text(self, names: list[str]) -> str:
        if self.pool and self.rng.random() < 0.5:
            return self.pool.pop()
        return _rule_bulletin(names, self.rng)

    def step(self, names: list[str]) -> None:
        for _ in range(self.rng.randint(1, 3)):
            files = self.files()
            action = self.rng.choice(("add", "add", "edit", "delete"))
            if action == "add" or len(files) < 10:
                self.written += 1
                path = self.folder / f"n{self.written:03d}.txt"
                path.write_text(self._text(names), "utf-8")
            elif action == "edit":
                self.rng.choice(files).write_text(self._text(names), "utf-8")
            else:
                self.rng.choice(files).unlink()


@pytest.mark.parametrize("seed", [3, 11])
def test_random_adds_edits_and_deletes_update_like_a_full_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    folder = tmp_path / "bulletins"
    folder.mkdir()
    corpus = _Corpus(folder, seed)
    cache = tmp_path / "cache"
    loaded = load_corpus([folder], cache_dir=cache, workers=1)
    loaded.entity_table  # noqa: B018 (its full resolution, in a thread, is not counted)
    full = index_module.resolve_grouped
    calls: list[int] = []

    def counted(ordered: Any, *args: Any) -> Any:
        calls.append(len(ordered))
        return full(ordered, *args)

    monkeypatch.setattr(index_module, "resolve_grouped", counted)
    merged = 0
    for step in range(8):
        if step % 2:  # as a new process would: the previous table read back from the cache
            monkeypatch.setattr(index_module, "_last_table", index_module._LastTable())
        table = loaded.entity_table
        names = [
            table.names[i]
            for i in range(len(table))
            if table.kinds[i] is EntityKind.OFFICIAL and len(table.names[i].split()) >= 3
        ]
        corpus.step(names)
        loaded = load_corpus([folder], cache_dir=cache, workers=1)
        assert _facts(loaded) == _facts(_rebuilt(loaded))
        merged += sum(1 for e in loaded.entities if e.aliases)
    assert calls == []  # every step was an update, none a full resolution
    assert merged  # the steps did merge spellings, so the rules ran on updates


def test_an_update_sees_a_short_form_become_ambiguous(tmp_path: Path) -> None:
    """Rule 3 joins a short form to the one full name it fits; a second full name that fits
    arriving later splits it off again, exactly as a full resolution would."""
    folder = tmp_path / "b"
    folder.mkdir()
    line = "Ciudad de México, a {d} de mayo de 2024.\n\nTÍTULO {d}\n\n{text}\n"
    (folder / "a.txt").write_text(
        line.format(
            d=2,
            text="El director general del IMSS, Zoé Alejandro Robledo Aburto, inauguró la clínica.",
        ),
        "utf-8",
    )
    (folder / "b.txt").write_text(
        line.format(d=3, text="El director general del IMSS, Zoé Robledo, firmó el convenio."),
        "utf-8",
    )
    cache = tmp_path / "cache"
    before = load_corpus([folder], cache_dir=cache)
    assert before.search("Zoé Robledo")[0].entity.aliases == ["Zoé Robledo"]
    (folder / "c.txt").write_text(
        line.format(d=4, text="La secretaria de salud, Zoé María Robledo Pérez, asistió."),
        "utf-8",
    )
    after = load_corpus([folder], cache_dir=cache)
    assert _facts(after) == _facts(_rebuilt(after))
    names = sorted(e.name for e in after.entities if e.kind == EntityKind.OFFICIAL)
    assert "Zoé Robledo" in names  # two people fit it now: it stands alone


def test_spliced_table_renumbers_bulletins_inserted_in_the_middle(tmp_path: Path) -> None:
    """A bulletin dated between others shifts the ranks of every later one."""
    folder = tmp_path / "b"
    folder.mkdir()
    for day in (1, 20):
        (folder / f"{day}.txt").write_text(
            f"Ciudad de México, a {day} de mayo de 2024.\n\nT\n\n"
            "El director general del IMSS, Zoé Robledo Aburto, habló.\n",
            "utf-8",
        )
    cache = tmp_path / "cache"
    load_corpus([folder], cache_dir=cache)
    (folder / "10.txt").write_text(
        "Ciudad de México, a 10 de mayo de 2024.\n\nT\n\n"
        "El gobernador de Oaxaca, Salomón Jara Cruz, habló con Zoé Robledo Aburto.\n",
        "utf-8",
    )
    after = load_corpus([folder], cache_dir=cache)
    assert [s.date.day for s in after.summaries if s.date] == [1, 10, 20]
    zoe = after.entity("official:zoe-robledo-aburto")
    assert zoe is not None and len(zoe.bulletin_ids) == 3
    assert _facts(after) == _facts(_rebuilt(after))
    table: EntityTable = after.entity_table
    summaries: list[BulletinSummary] = list(after.summaries)
    assert [summaries[r].id for r in table.ranks(table.index(zoe.id) or 0)] == zoe.bulletin_ids


def _table_facts(table: EntityTable) -> list[tuple[Any, ...]]:
    rows = [
        (row.id, row.name, row.aliases, row.roles, list(table.ranks(row.index)), row.mention_count)
        for row in table.rows()
    ]
    assigned = [table.assigned(rank) for rank in range(len(table.bulletins))]
    return [*rows, *assigned]


def test_entities_named_alike_are_numbered_as_a_full_resolution_numbers_them() -> None:
    """Two units no rule relates can still give one id ("…, Oaxaca" placed by the text and
    a name that ends in the state): they are "x" and "x~2" in group order, and an update
    that brings the first-ordered one in renumbers the other, which it did not touch."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    for statement in resolve_store.CREATE_SQL:
        conn.execute(statement)
    placed = ("facility", "Hospital General Regional, Oaxaca", None, 1, None)
    in_name = ("facility", "Hospital General Regional Oaxaca", None, 2, None)
    person = ("official", "Salomón Jara Cruz", "gobernador de Oaxaca", 1, None)
    seen: list[list[Seen]] = [[in_name, person], [person]]
    summaries = [BulletinSummary(id=f"b{n}", date=dt.date(2024, 5, n + 1)) for n in range(3)]
    keys = [f"k{n}" for n in range(3)]

    table, groups = resolve_with_groups(summaries[:2], seen)
    assert [i for i in table.ids if i.startswith("facility:")] == [
        "facility:hospital-general-regional-oaxaca"
    ]
    state = resolve_store.State("before", keys[:2], [0, 1], 2)
    resolve_store.replace_all(
        conn, state, [resolve_store.stored(g, entity, state.numbers) for g, entity in groups]
    )
    seen.append([placed])  # a third bulletin, dated last, names the unit the other way
    update = update_table(
        conn, table, state, summaries, "after", keys, lambda ranks: {r: seen[r] for r in ranks}
    )
    assert update is not None
    full = resolve_table(summaries, seen)
    assert _table_facts(update.table) == _table_facts(full)
    assert sorted(i for i in full.ids if i.startswith("facility:")) == [
        "facility:hospital-general-regional-oaxaca",
        "facility:hospital-general-regional-oaxaca~2",
    ]


def test_a_refresh_back_to_a_stored_corpus_updates_the_table_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file added then deleted: the corpus is one whose table is stored, but the table in
    memory is updated instead of decoding a second copy of every name (and a refresh that
    finds no change shares the table whole)."""
    folder = tmp_path / "bulletins"
    folder.mkdir()
    _Corpus(folder, 5)
    cache = tmp_path / "cache"
    first = load_corpus([folder], cache_dir=cache, workers=1)
    expected = _facts(first)
    added = folder / "zz_added.txt"
    added.write_text(_rule_bulletin(["Zoé Robledo Aburto"], random.Random(2)), "utf-8")
    with_file = load_corpus([folder], cache_dir=cache, workers=1)
    before = with_file.entity_table
    added.unlink()

    def never(*args: object) -> None:
        raise AssertionError("the stored table was decoded")

    monkeypatch.setattr(index_module.Index, "_stored_table", never)
    back = load_corpus([folder], cache_dir=cache, workers=1)
    assert _facts(back) == expected
    table = back.entity_table
    same_object = sum(
        1 for i in range(len(table)) if (j := before.index(table.ids[i])) is not None
        and table.names[i] is before.names[j]
    )  # fmt: skip
    assert len(table) > 1000 and same_object >= len(table) - 10  # but the few re-resolved
    again = load_corpus([folder], cache_dir=cache, workers=1)
    assert again.entity_table.names is table.names and again.entity_table.columns is table.columns
    assert _facts(again) == expected
    index_module._last_write.wait(cache / "index.sqlite3")
    monkeypatch.undo()  # as the next launch: the table read back from the cache
    monkeypatch.setattr(index_module, "_last_table", index_module._LastTable())
    assert _facts(load_corpus([folder], cache_dir=cache, workers=1)) == expected


def test_a_refresh_while_the_table_restores_waits_and_updates_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's refresh (or --watch) soon after launch: the launch's table is still being
    decoded in a thread; the refresh's update waits for it instead of decoding its own
    copy of the same table as a base."""
    folder = tmp_path / "bulletins"
    folder.mkdir()
    _Corpus(folder, 7)
    cache = tmp_path / "cache"
    load_corpus([folder], cache_dir=cache, workers=1).entity_table  # noqa: B018 (stored)
    index_module._last_write.wait(cache / "index.sqlite3")
    monkeypatch.setattr(index_module, "_last_table", index_module._LastTable())  # relaunch
    decode = index_module.Index._stored_table
    decoded: list[str] = []

    def slow_decode(self: index_module.Index, key: str, ordered: Any) -> Any:
        decoded.append(key)
        time.sleep(0.3)  # as 50,000 bulletins' table takes a second
        return decode(self, key, ordered)

    monkeypatch.setattr(index_module.Index, "_stored_table", slow_decode)
    launched = load_corpus([folder], cache_dir=cache, workers=1)  # its table: in a thread
    (folder / "zz_added.txt").write_text(
        _rule_bulletin(["Zoé Robledo Aburto"], random.Random(4)), "utf-8"
    )
    refreshed = load_corpus([folder], cache_dir=cache, workers=1)
    assert _facts(refreshed) == _facts(_rebuilt(refreshed))
    assert len(launched.entity_table) and len(decoded) == 1
