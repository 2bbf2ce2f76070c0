"""Resolve again only what a few changed bulletins reach, with the result of resolving all.

The merge rules (core/resolve.py) only ever relate spelling groups that share a lookup key:
a variant word (rule 2), a short form (rule 3), a misspelled short form (3b), a numbered
unit's words (rule 4). So the groups of the changed bulletins are grown into a region closed
under "a rule could relate them" (probing the keys in core/resolve_store.py) and under "were
one entity before"; the rules run on that region alone; its entities are built again from
the sightings the store keeps per group plus the new bulletins' own; every other entity is
copied from the previous table with its bulletins renumbered (core.entity_table `spliced`).
Entities whose names give the same id join the region too, so their numbering ("x", "x~2")
is redone together. What depends on corpus order (first seen, role order, dates) is relative
order, which renumbering keeps.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence

from core import resolve_store as store
from core.entity_table import EntityTable
from core.models import BulletinSummary, EntityKind
from core.resolve import (
    ID_NUMBER,
    MIN_VARIANT_WORD_LEN,
    Built,
    GroupKey,
    Seen,
    build_entities,
    cluster_groups,
    group_spellings,
    is_variant,
    packed,
    short_forms,
)
from core.runtime import gc_paused

#: Beyond this share of bulletins added or removed, resolving everything costs about the same.
MAX_CHANGED_SHARE = 0.2
#: ... but a small corpus may always change this many bulletins at once.
MIN_CHANGES = 50

#: Reads the entities of the bulletins at these ranks of the new corpus order.
ReadSeen = Callable[[Collection[int]], Mapping[int, Sequence[Seen]]]


class Update:
    """The new table, and what the group store must learn from it."""

    def __init__(
        self,
        table: EntityTable,
        state: store.State,
        gone: set[str],
        groups: Sequence[store.StoredGroup] = (),
        unstored: Sequence[Built] = (),
    ) -> None:
        self.table, self.state = table, state
        #: Groups (encoded) that no longer exist.
        self.gone = gone
        self._groups, self._unstored = list(groups), unstored

    def stored_groups(self) -> Iterator[store.StoredGroup]:
        """The groups resolved, as stored: the groups of `unstored` entities, from a full
        resolution (numbers are ranks), are encoded one at a time as the thread that writes
        them gets there, never all at once (a copy of every sighting)."""
        yield from self._groups
        for entity in self._unstored:
            for group in entity.groups:
                yield store.stored(group, entity.id, None)


def update_table(
    conn: sqlite3.Connection,
    base: EntityTable,
    state: store.State,
    ordered: Sequence[BulletinSummary],
    state_key: str,
    keys: Sequence[str],
    read_seen: ReadSeen,
) -> Update | None:
    """`base` (the resolution of `state`'s bulletins, whose groups the store in `conn`
    holds) brought to the bulletins `keys` (summaries `ordered`, corpus order; the table's
    key `state_key`). None when too much changed for an update to pay."""
    old_rank = {key: rank for rank, key in enumerate(state.bulletins)}
    new_rank = {key: rank for rank, key in enumerate(keys)}
    added = [rank for rank, key in enumerate(keys) if key not in old_rank]
    removed = [rank for rank, key in enumerate(state.bulletins) if key not in new_rank]
    if len(added) + len(removed) > max(MIN_CHANGES, len(keys) * MAX_CHANGED_SHARE):
        return None
    ranks = [new_rank.get(key, -1) for key in state.bulletins]
    numbers = [0] * len(keys)
    for old, new in enumerate(ranks):
        if new >= 0:
            numbers[new] = state.numbers[old]
    for offset, rank in enumerate(added):
        numbers[rank] = state.next + offset
    after = store.State(state_key, list(keys), numbers, state.next + len(added))
    with gc_paused():
        return _update(conn, base, after, ranks, added, removed, ordered, read_seen)


def _update(
    conn: sqlite3.Connection,
    base: EntityTable,
    state: store.State,
    ranks: list[int],
    added: list[int],
    removed: list[int],
    ordered: Sequence[BulletinSummary],
    read_seen: ReadSeen,
) -> Update:
    seen = dict(read_seen(added))
    fresh = {store.encode(g.gkey): g for g in group_spellings(seen.items())}
    region = _Region(conn)
    region.grow(fresh, (base.ids[i] for rank in removed for i in base.entities_in(rank)))
    rank_of = {number: rank for rank, number in enumerate(state.numbers)}
    stored: dict[str, list[store.StoredSighting]] = {}
    while True:
        stored.update(store.sightings_of(conn, region.gkeys - stored.keys()))
        groups = []
        for gkey in region.gkeys:
            group = store.restored(gkey, stored.get(gkey, ()), rank_of)
            more = fresh.get(gkey)
            if more is not None:  # new bulletins rank anywhere: merge, keep rank order
                group.sightings = sorted([*group.sightings, *more.sightings])
            if group.sightings:
                groups.append(group)
        built = build_entities(cluster_groups(groups))
        others = _sharing_ids(base, region.entities, built)
        if not others:
            break
        region.grow((), others)
    dropped = {i for entity_id in region.entities if (i := base.locate(entity_id)) is not None}
    table = base.spliced(
        dropped,
        [packed(entity) for entity in built],
        [[(rank, position) for rank, position, *_ in entity.sightings] for entity in built],
        ranks,
        ordered,
        {rank: len(seen[rank]) for rank in added},
    )
    resolved = [
        store.stored(g, entity.id, state.numbers) for entity in built for g in entity.groups
    ]
    return Update(table, state, region.gkeys - {gkey for gkey, _, _ in resolved}, resolved)


def _sharing_ids(base: EntityTable, region: set[str], built: list[Built]) -> set[str]:
    """Entities outside the region numbered together with one in it ("x", "x~2")."""
    found: set[str] = set()
    for stem in {e.id.split(ID_NUMBER)[0] for e in built} | {e.split(ID_NUMBER)[0] for e in region}:
        number, entity_id = 1, stem
        while base.locate(entity_id) is not None:  # numbers run 2, 3, ... without gaps
            if entity_id not in region:
                found.add(entity_id)
            number += 1
            entity_id = f"{stem}{ID_NUMBER}{number}"
    return found


class _Region:
    """Groups closed under "a rule could relate them" and "were one entity", with the ids
    of the entities they were."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.gkeys: set[str] = set()
        self.entities: set[str] = set()
        self._near: dict[str, list[str]] = {}

    def grow(self, gkeys: Iterable[str], entity_ids: Iterable[str]) -> None:
        frontier, entities = set(gkeys), set(entity_ids)
        while True:
            entities -= self.entities
            if entities:
                self.entities |= entities
                frontier |= store.groups_of(self.conn, entities).keys()
            frontier -= self.gkeys
            if not frontier:
                return
            self.gkeys |= frontier
            probes: set[str] = set(frontier)
            links: set[int] = set()
            for gkey in frontier:
                self._neighbours(store.decode(gkey), probes, links)
            found = store.entities_of(self.conn, probes)
            found.update(store.linked(self.conn, links))
            frontier, entities = set(found), set(found.values())

    def _variants(self, word: str) -> list[str]:
        if len(word) < MIN_VARIANT_WORD_LEN:
            return []
        found = self._near.get(word)
        if found is None:
            near = store.near_words(self.conn, word)
            found = self._near[word] = sorted(w for w in near if is_variant(word, w))
        return found

    def _neighbours(self, gkey: GroupKey, probes: set[str], links: set[int]) -> None:
        """Every group a rule could relate to `gkey`: as groups to look up (`probes`) and
        as lists of groups (`links`). More than the rules use is harmless."""
        kind, key, _, _ = gkey
        if kind != EntityKind.OFFICIAL.value:
            if store.is_numbered_unit(kind, key):
                links.add(store.unit_link(key))  # rule 4
            return

        def respelled(name: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
            for pos, word in enumerate(name):
                for other in self._variants(word):
                    yield (*name[:pos], other, *name[pos + 1 :])

        probes.update(store.official(other) for other in respelled(key))  # rule 2
        for form in short_forms(key):  # rule 3 and 3b, `key` the longer name
            probes.add(store.official(form))
            if len(form) == 2:
                probes.update(store.official(other) for other in respelled(form))
        if len(key) >= 2:  # rule 3 and 3b, `key` the short form
            links.add(store.form_link(key))
            if len(key) == 2:
                links.update(store.form_link(other) for other in respelled(key))
