"""Which entity each spelling group resolved to, and the keys that find a group's neighbours,
kept in the index's SQLite file beside the resolved entity table.

An update (core/resolve_update.py) re-runs the merge rules only on the groups a changed
bulletin can reach. Finding them needs, for the last resolved corpus: every group (its
`GroupKey`, encoded as text) with its entity id and its sightings (each naming its bulletin
by a number that stays with it across updates, so an entity seen in every bulletin, like
the IMSS, is rebuilt from one row rather than from every bulletin); each longer official
name under its short forms (rule 3 finds longer names that way); each numbered unit under
its words (rule 4 relates a unit's states); and the vocabulary of official words under their
one-letter deletions (rules 2 and 3b find misspellings that way). Lookups are indexed SQL,
so nothing is loaded up front: a large corpus costs no more to update than a small one.

A link is stored as a 32-bit hash of its text: a collision only makes an update look at a
group it did not need, as does a stale vocabulary word (those are never deleted).
"""

from __future__ import annotations

import json
import marshal
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

from core.models import EntityKind
from core.resolve import MIN_VARIANT_WORD_LEN, Group, GroupKey, deletions, short_forms

_INDEXES = {
    "resolve_groups_gkey": "CREATE UNIQUE INDEX IF NOT EXISTS {} ON resolve_groups (gkey)",
    "resolve_groups_entity": "CREATE INDEX IF NOT EXISTS {} ON resolve_groups (entity)",
    "resolve_links_link": "CREATE INDEX IF NOT EXISTS {} ON resolve_links (link)",
}
CREATE_SQL = (
    """CREATE TABLE IF NOT EXISTS resolve_groups (
        gid INTEGER PRIMARY KEY,
        gkey TEXT NOT NULL,
        entity TEXT NOT NULL,
        sightings BLOB NOT NULL
    )""",
    "CREATE TABLE IF NOT EXISTS resolve_links (link INTEGER NOT NULL, gid INTEGER NOT NULL)",
    *(statement.format(name) for name, statement in _INDEXES.items()),
    """CREATE TABLE IF NOT EXISTS resolve_words (
        deletion TEXT NOT NULL,
        word TEXT NOT NULL,
        PRIMARY KEY (deletion, word)
    ) WITHOUT ROWID""",
)
_STATE = "resolved_state"
_SEP = "\x1f"  # never in a folded word or a state name
_BATCH = 500

#: A sighting as stored: (bulletin number, position in the bulletin, role, mentions,
#: spelling, office). Ranks change with every update; a bulletin's number does not.
StoredSighting = tuple[int, int, str | None, int, str, str | None]
#: A group as stored: (encoded key, entity id, sightings).
StoredGroup = tuple[str, str, Sequence[StoredSighting]]


@dataclass
class State:
    """The resolved corpus the stored groups describe."""

    key: str  # its resolved table's key
    bulletins: list[str]  # its bulletins' keys, in corpus order
    numbers: list[int]  # each one's number
    next: int  # the number the next new bulletin gets


def encode(gkey: GroupKey) -> str:
    kind, key, state, placeless = gkey
    return _SEP.join((kind, " ".join(key), state or "", "1" if placeless else "0"))


def decode(text: str) -> GroupKey:
    kind, key, state, placeless = text.split(_SEP)
    return kind, tuple(key.split(" ")), state or None, placeless == "1"


def official(key: tuple[str, ...]) -> str:
    """The encoded group of an official's folded words (officials have no state)."""
    return encode((EntityKind.OFFICIAL.value, key, None, True))


def form_link(key: tuple[str, ...]) -> int:
    """Where the longer official names that `key` is a short form of are listed."""
    return zlib.crc32(f"f{_SEP}{' '.join(key)}".encode())


def unit_link(key: tuple[str, ...]) -> int:
    """Where every state's group of one numbered unit is listed."""
    return zlib.crc32(f"u{_SEP}{' '.join(key)}".encode())


def is_numbered_unit(kind: str, key: tuple[str, ...]) -> bool:
    return kind == EntityKind.FACILITY.value and any(word.isdigit() for word in key)


def _links(gkey: str) -> set[int]:
    kind, key, _, _ = decode(gkey)
    if kind == EntityKind.OFFICIAL.value:
        return {form_link(form) for form in short_forms(key)}
    return {unit_link(key)} if is_numbered_unit(kind, key) else set()


def _words(gkeys: Iterable[str]) -> set[str]:
    official_prefix = EntityKind.OFFICIAL.value + _SEP
    return {
        word
        for gkey in gkeys
        if gkey.startswith(official_prefix)
        for word in decode(gkey)[1]
        if len(word) >= MIN_VARIANT_WORD_LEN
    }


def stored(group: Group, entity_id: str, numbers: Sequence[int] | None) -> StoredGroup:
    """A group as stored: its bulletins' ranks turned into their `numbers` (None: after a
    full resolution, where a bulletin's number is its rank)."""
    if numbers is None:
        return encode(group.gkey), entity_id, group.sightings
    sightings: list[StoredSighting] = [
        (numbers[rank], position, role, mentions, spelling, named)
        for rank, position, role, mentions, spelling, named in group.sightings
    ]
    return encode(group.gkey), entity_id, sightings


def restored(gkey: str, sightings: Iterable[StoredSighting], ranks: Mapping[int, int]) -> Group:
    """A stored group with its sightings in bulletins still there (`ranks`: number -> rank)."""
    kind, key, state, placeless = decode(gkey)
    group = Group(EntityKind(kind), key, state, placeless)
    group.sightings = sorted(
        (rank, position, role, mentions, spelling, named)
        for number, position, role, mentions, spelling, named in sightings
        if (rank := ranks.get(number)) is not None
    )
    return group


def read_state(conn: sqlite3.Connection) -> State | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_STATE,)).fetchone()
    if row is None:
        return None
    try:
        found = json.loads(row[0])
        state = State(str(found["key"]), found["bulletins"], found["numbers"], int(found["next"]))
    except (ValueError, KeyError, TypeError):
        return None
    return state if len(state.bulletins) == len(state.numbers) else None


def _select(conn: sqlite3.Connection, sql: str, values: Iterable[object]) -> Iterator[tuple]:
    """`sql` with `{marks}` for an IN list, run over `values` in batches."""
    values = list(dict.fromkeys(values))
    for start in range(0, len(values), _BATCH):
        batch = values[start : start + _BATCH]
        yield from conn.execute(sql.format(marks=",".join("?" * len(batch))), batch)


def entities_of(conn: sqlite3.Connection, gkeys: Iterable[str]) -> dict[str, str]:
    """The entity id of each of these groups that exists."""
    sql = "SELECT gkey, entity FROM resolve_groups WHERE gkey IN ({marks})"
    return dict(_select(conn, sql, gkeys))


def sightings_of(conn: sqlite3.Connection, gkeys: Iterable[str]) -> dict[str, list[StoredSighting]]:
    """The stored sightings of each of these groups that exists."""
    sql = "SELECT gkey, sightings FROM resolve_groups WHERE gkey IN ({marks})"
    return {gkey: marshal.loads(blob) for gkey, blob in _select(conn, sql, gkeys)}


def groups_of(conn: sqlite3.Connection, entity_ids: Iterable[str]) -> dict[str, str]:
    """Every group resolved to one of these entities, with its entity id."""
    sql = "SELECT gkey, entity FROM resolve_groups WHERE entity IN ({marks})"
    return dict(_select(conn, sql, entity_ids))


def linked(conn: sqlite3.Connection, links: Iterable[int]) -> dict[str, str]:
    """The groups listed under any of these links, with their entity ids."""
    sql = (
        "SELECT g.gkey, g.entity FROM resolve_links l JOIN resolve_groups g ON g.gid = l.gid"
        " WHERE l.link IN ({marks})"
    )
    return dict(_select(conn, sql, links))


def near_words(conn: sqlite3.Connection, word: str) -> set[str]:
    """Vocabulary words sharing a one-letter deletion with `word` (its variants among them)."""
    sql = "SELECT word FROM resolve_words WHERE deletion IN ({marks})"
    return {found for (found,) in _select(conn, sql, deletions(word))} - {word}


def replace_all(conn: sqlite3.Connection, state: State, groups: Iterable[StoredGroup]) -> None:
    """After a full resolution: these groups and nothing else, taken a batch at a time (a
    list of every group's rows would be another copy of the corpus's sightings). The
    indexes are dropped and made again after the rows are in: sorting once is several times
    faster than inserting half a million rows into a B-tree one at a time."""
    for name in _INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    for table in ("resolve_groups", "resolve_links", "resolve_words"):
        conn.execute(f"DELETE FROM {table}")
    numbered = enumerate(groups)
    words: set[str] = set()
    while batch := list(islice(numbered, _BATCH)):
        conn.executemany(
            "INSERT INTO resolve_groups (gid, gkey, entity, sightings) VALUES (?, ?, ?, ?)",
            [(gid, gkey, entity, _blob(s)) for gid, (gkey, entity, s) in batch],
        )
        conn.executemany(
            "INSERT INTO resolve_links (link, gid) VALUES (?, ?)",
            [(link, gid) for gid, (gkey, _, _) in batch for link in _links(gkey)],
        )
        words |= _words(gkey for _, (gkey, _, _) in batch)
    for name, statement in _INDEXES.items():
        conn.execute(statement.format(name))
    _add_words(conn, words)
    _write_state(conn, state)


def apply(
    conn: sqlite3.Connection, state: State, gone: Iterable[str], groups: Sequence[StoredGroup]
) -> None:
    """After an update: groups `gone` no longer exist, `groups` are as given."""
    sql = "SELECT gkey, gid FROM resolve_groups WHERE gkey IN ({marks})"
    for gkey, gid in list(_select(conn, sql, gone)):
        conn.executemany(
            "DELETE FROM resolve_links WHERE link = ? AND gid = ?",
            ((link, gid) for link in _links(gkey)),
        )
        conn.execute("DELETE FROM resolve_groups WHERE gid = ?", (gid,))
    known = set(entities_of(conn, (gkey for gkey, _, _ in groups)))
    conn.executemany(
        "INSERT INTO resolve_groups (gkey, entity, sightings) VALUES (?, ?, ?)"
        " ON CONFLICT(gkey) DO UPDATE SET entity = excluded.entity,"
        " sightings = excluded.sightings",
        ((gkey, entity, _blob(s)) for gkey, entity, s in groups),
    )
    new = (gkey for gkey, _, _ in groups if gkey not in known)  # a group's links never change
    conn.executemany(
        "INSERT INTO resolve_links (link, gid) VALUES (?, ?)",
        [(link, gid) for gkey, gid in _select(conn, sql, new) for link in _links(gkey)],
    )
    _add_words(conn, _words(gkey for gkey, _, _ in groups))
    _write_state(conn, state)


def _blob(sightings: Sequence[StoredSighting]) -> bytes:
    """marshal: several times faster than JSON for 100k small lists, and read back only by
    this module from this cache."""
    return marshal.dumps(sightings)


def _add_words(conn: sqlite3.Connection, words: Iterable[str]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO resolve_words (deletion, word) VALUES (?, ?)",
        ((deleted, word) for word in words for deleted in deletions(word)),
    )


def _write_state(conn: sqlite3.Connection, state: State) -> None:
    value = {
        "key": state.key,
        "bulletins": state.bulletins,
        "numbers": state.numbers,
        "next": state.next,
    }
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (_STATE, json.dumps(value)),  # ASCII: a path that is not UTF-8 stays storable
    )
