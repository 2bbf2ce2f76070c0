"""Which entity each spelling group resolved to, and the keys that find a group's neighbours,
kept in the index's SQLite file beside the resolved entity table.

An update (core/resolve_update.py) re-runs the merge rules only on the groups a changed
bulletin can reach. Finding them needs, for the last resolved corpus: every group (its
`GroupKey`, encoded as text) with its entity id and its sightings (each naming its bulletin
by key, so an entity seen in every bulletin, like the IMSS, is rebuilt from one row rather
than from every bulletin); each longer official name under its short forms (rule 3 finds
longer names that way); each numbered unit under its words (rule 4 relates a unit's
states); and the vocabulary of official words under their one-letter deletions (rules 2 and
3b find misspellings that way). Lookups are indexed SQL, so nothing is loaded up front: a
50,000-bulletin corpus costs no more to update than a small one. Stale vocabulary words are
harmless (they only widen a search), so they are never deleted.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence

from core.models import EntityKind
from core.resolve import MIN_VARIANT_WORD_LEN, Group, GroupKey, deletions, short_forms

CREATE_SQL = (
    """CREATE TABLE IF NOT EXISTS resolve_groups (
        gkey TEXT PRIMARY KEY,
        entity TEXT NOT NULL,
        sightings TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS resolve_groups_entity ON resolve_groups (entity)",
    """CREATE TABLE IF NOT EXISTS resolve_links (
        link TEXT NOT NULL,
        target TEXT NOT NULL,
        PRIMARY KEY (link, target)
    ) WITHOUT ROWID""",
)
_STATE = "resolved_state"
_SEP = "\x1f"  # never in a folded word or a state name
_FORM, _UNIT, _DELETION = "f", "u", "d"
_BATCH = 500

#: A sighting as stored: (bulletin key, position in the bulletin, role, mentions, spelling,
#: office), the bulletin named by its key since ranks change with every update.
StoredSighting = tuple[str, int, str | None, int, str, str | None]
#: A group as stored: (encoded key, entity id, sightings).
StoredGroup = tuple[str, str, list[StoredSighting]]


def encode(gkey: GroupKey) -> str:
    kind, key, state, placeless = gkey
    return _SEP.join((kind, " ".join(key), state or "", "1" if placeless else "0"))


def decode(text: str) -> GroupKey:
    kind, key, state, placeless = text.split(_SEP)
    return kind, tuple(key.split(" ")), state or None, placeless == "1"


def official(key: tuple[str, ...]) -> str:
    """The encoded group of an official's folded words (officials have no state)."""
    return encode((EntityKind.OFFICIAL.value, key, None, True))


def form_link(key: tuple[str, ...]) -> str:
    """Where the longer official names that `key` is a short form of are listed."""
    return f"{_FORM}{_SEP}{' '.join(key)}"


def unit_link(key: tuple[str, ...]) -> str:
    """Where every state's group of one numbered unit is listed."""
    return f"{_UNIT}{_SEP}{' '.join(key)}"


def stored(group: Group, entity_id: str, keys: Sequence[str]) -> StoredGroup:
    """A group as stored, its bulletins' ranks (in the order of `keys`) turned into keys."""
    sightings: list[StoredSighting] = [
        (keys[rank], position, role, mentions, spelling, named)
        for rank, position, role, mentions, spelling, named in group.sightings
    ]
    return encode(group.gkey), entity_id, sightings


def restored(gkey: str, sightings: Iterable[StoredSighting], ranks: Mapping[str, int]) -> Group:
    """A stored group with its sightings in bulletins still there, ranked by `ranks`."""
    kind, key, state, placeless = decode(gkey)
    group = Group(EntityKind(kind), key, state, placeless)
    group.sightings = sorted(
        (rank, position, role, mentions, spelling, named)
        for bulletin, position, role, mentions, spelling, named in sightings
        if (rank := ranks.get(bulletin)) is not None
    )
    group.spellings = Counter(sighting[4] for sighting in group.sightings)
    return group


def is_numbered_unit(kind: str, key: tuple[str, ...]) -> bool:
    return kind == EntityKind.FACILITY.value and any(word.isdigit() for word in key)


def _links(gkey: GroupKey) -> Iterator[tuple[str, str]]:
    kind, key, _, _ = gkey
    target = encode(gkey)
    if kind == EntityKind.OFFICIAL.value:
        for form in short_forms(key):
            yield form_link(form), target
        for word in key:
            if len(word) >= MIN_VARIANT_WORD_LEN:
                for deleted in deletions(word):
                    yield f"{_DELETION}{_SEP}{deleted}", word
    elif is_numbered_unit(kind, key):
        yield unit_link(key), target


def read_state(conn: sqlite3.Connection) -> tuple[str, list[str]] | None:
    """(the resolved table's key these groups describe, its bulletins' keys in its order)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_STATE,)).fetchone()
    if row is None:
        return None
    try:
        state = json.loads(row[0])
        return str(state["key"]), list(state["bulletins"])
    except (ValueError, KeyError, TypeError):
        return None


def _select(conn: sqlite3.Connection, sql: str, values: Iterable[str]) -> Iterator[tuple]:
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
    return {gkey: json.loads(text) for gkey, text in _select(conn, sql, gkeys)}


def groups_of(conn: sqlite3.Connection, entity_ids: Iterable[str]) -> dict[str, str]:
    """Every group resolved to one of these entities, with its entity id."""
    sql = "SELECT gkey, entity FROM resolve_groups WHERE entity IN ({marks})"
    return dict(_select(conn, sql, entity_ids))


def linked(conn: sqlite3.Connection, links: Iterable[str]) -> set[str]:
    """The groups listed under any of these links."""
    sql = "SELECT target FROM resolve_links WHERE link IN ({marks})"
    return {target for (target,) in _select(conn, sql, links)}


def near_words(conn: sqlite3.Connection, word: str) -> set[str]:
    """Vocabulary words sharing a one-letter deletion with `word` (its variants among them)."""
    links = [f"{_DELETION}{_SEP}{deleted}" for deleted in deletions(word)]
    return linked(conn, links) - {word}


def replace_all(
    conn: sqlite3.Connection, key: str, bulletins: list[str], groups: Iterable[StoredGroup]
) -> None:
    """After a full resolution: these groups (encoded key, entity id) and nothing else."""
    conn.execute("DELETE FROM resolve_groups")
    conn.execute("DELETE FROM resolve_links")
    apply(conn, key, bulletins, (), groups)


def apply(
    conn: sqlite3.Connection,
    key: str,
    bulletins: list[str],
    gone: Iterable[str],
    groups: Iterable[StoredGroup],
) -> None:
    """After an update: groups `gone` no longer exist, `groups` resolve to these entities."""
    gone = list(gone)
    conn.executemany("DELETE FROM resolve_groups WHERE gkey = ?", ((g,) for g in gone))
    conn.executemany(
        "DELETE FROM resolve_links WHERE link = ? AND target = ?",
        (link for g in gone for link in _links(decode(g)) if link[1] == g),
    )
    rows = [(gkey, entity, json.dumps(sightings)) for gkey, entity, sightings in groups]
    conn.executemany(
        "INSERT INTO resolve_groups (gkey, entity, sightings) VALUES (?, ?, ?)"
        " ON CONFLICT(gkey) DO UPDATE SET entity = excluded.entity,"
        " sightings = excluded.sightings",
        rows,
    )
    conn.executemany(
        "INSERT OR IGNORE INTO resolve_links (link, target) VALUES (?, ?)",
        (link for gkey, _, _ in rows for link in _links(decode(gkey))),
    )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (_STATE, json.dumps({"key": key, "bulletins": bulletins})),  # escapes odd paths
    )
