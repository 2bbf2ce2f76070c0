"""Resolved entities as columns, so a 100,000-entity corpus reopens in milliseconds.

A list of 100k `Entity` models costs ~1 s to restore and ~400 MB; most of it (every role's
dates, every bulletin id per entity) is only read when someone opens one entity. Here an
entity is a row of plain columns, bulletins are referred to by their rank in corpus order
(flat integer arrays), and an `Entity` model is built when asked for, then kept in a small
LRU. The table also remembers which entity each bulletin's own entities were resolved to.
"""

from __future__ import annotations

import json
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from core.models import BulletinSummary, Entity, EntityKind, RoleSeen

#: A role an entity held and the ranks (corpus order) of the bulletins that state it.
RoleRanks = tuple[str, tuple[int, ...]]

_KIND_CODES = {kind: kind.value[0] for kind in EntityKind}  # o, p, f, i
_KINDS_BY_CODE = {code: kind for kind, code in _KIND_CODES.items()}
_ARRAYS = ("postings", "offsets", "mentions", "assign", "assign_offsets")
_MATERIALIZED_KEEP = 4096
NO_ENTITY = -1


class EntityRow(NamedTuple):
    """What search and lists need of one entity, without building its model."""

    index: int
    id: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    bulletin_count: int
    mention_count: int


class EntityTable:
    """Entities in (kind, id) order; bulletins referred to by rank in corpus order."""

    def __init__(
        self,
        *,
        ids: list[str],
        kinds: list[EntityKind],
        names: list[str],
        aliases: dict[int, tuple[str, ...]],
        roles: dict[int, tuple[RoleRanks, ...]],
        postings: array[int],
        offsets: array[int],
        mentions: array[int],
        assign: array[int],
        assign_offsets: array[int],
        bulletins: Sequence[BulletinSummary] = (),
        models: Sequence[Entity] | None = None,
    ) -> None:
        self.ids, self.kinds, self.names = ids, kinds, names
        self.aliases, self.roles = aliases, roles
        self.postings, self.offsets, self.mentions = postings, offsets, mentions
        self.assign, self.assign_offsets = assign, assign_offsets
        self.bulletins = bulletins
        self._models = models
        self._index = {entity_id: i for i, entity_id in enumerate(ids)}
        self._built: OrderedDict[int, Entity] = OrderedDict()

    # -- reading ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ids)

    def index(self, entity_id: str) -> int | None:
        return self._index.get(entity_id)

    def ranks(self, i: int) -> array[int]:
        """The ranks of the bulletins mentioning entity `i`, in corpus order."""
        return self.postings[self.offsets[i] : self.offsets[i + 1]]

    def row(self, i: int) -> EntityRow:
        return EntityRow(
            i,
            self.ids[i],
            self.kinds[i],
            self.names[i],
            self.aliases.get(i, ()),
            tuple(role for role, _ in self.roles.get(i, ())),
            self.offsets[i + 1] - self.offsets[i],
            self.mentions[i],
        )

    def rows(self) -> Iterator[EntityRow]:
        return map(self.row, range(len(self.ids)))

    def entity(self, i: int) -> Entity:
        """The full model of entity `i` (built on first use, kept in an LRU)."""
        if self._models is not None:
            return self._models[i]
        built = self._built.get(i)
        if built is not None:
            self._built.move_to_end(i)
            return built
        built = self._build(i)
        self._built[i] = built
        if len(self._built) > _MATERIALIZED_KEEP:
            self._built.popitem(last=False)
        return built

    def _build(self, i: int) -> Entity:
        bulletins = self.bulletins
        roles = [
            RoleSeen(
                role=role,
                dates=sorted({d for r in ranks if (d := bulletins[r].date) is not None}),
                bulletin_ids=list(dict.fromkeys(bulletins[r].id for r in ranks)),
            )
            for role, ranks in self.roles.get(i, ())
        ]
        return Entity(
            id=self.ids[i],
            kind=self.kinds[i],
            name=self.names[i],
            aliases=list(self.aliases.get(i, ())),
            roles=roles,
            bulletin_ids=list(dict.fromkeys(bulletins[r].id for r in self.ranks(i))),
            mention_count=self.mentions[i],
        )

    def assigned(self, rank: int) -> list[str | None]:
        """The entity id of each of the bulletin's own entities, in its order."""
        found = self.assign[self.assign_offsets[rank] : self.assign_offsets[rank + 1]]
        return [self.ids[i] if i != NO_ENTITY else None for i in found]

    def entities_in(self, rank: int) -> set[int]:
        """The entities a bulletin mentions."""
        found = self.assign[self.assign_offsets[rank] : self.assign_offsets[rank + 1]]
        return {i for i in found if i != NO_ENTITY}

    # -- building --------------------------------------------------------------------------

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> EntityTable:
        """A table over ready-made models (returned as they are by `entity`)."""
        models = list(entities)
        local: dict[str, int] = {}
        postings, offsets = array("I"), array("I", [0])
        roles: dict[int, tuple[RoleRanks, ...]] = {}
        for i, entity in enumerate(models):
            postings.extend(local.setdefault(b, len(local)) for b in entity.bulletin_ids)
            offsets.append(len(postings))
            if entity.roles:
                roles[i] = tuple((role.role, ()) for role in entity.roles)
        return cls(
            ids=[e.id for e in models],
            kinds=[EntityKind(e.kind) for e in models],
            names=[e.name for e in models],
            aliases={i: tuple(e.aliases) for i, e in enumerate(models) if e.aliases},
            roles=roles,
            postings=postings,
            offsets=offsets,
            mentions=array("I", (e.mention_count for e in models)),
            assign=array("i"),
            assign_offsets=array("I", [0]),
            models=models,
        )

    # -- storing ---------------------------------------------------------------------------

    def to_blobs(self) -> tuple[bytes, bytes]:
        """(names and roles as compressed JSON, the integer columns as compressed bytes)."""
        header = {
            "ids": self.ids,
            "kinds": "".join(_KIND_CODES[kind] for kind in self.kinds),
            "names": self.names,
            "aliases": {str(i): list(a) for i, a in self.aliases.items()},
            "roles": {str(i): [[r, list(ks)] for r, ks in rs] for i, rs in self.roles.items()},
            "arrays": [len(getattr(self, name)) for name in _ARRAYS],
        }
        packed = b"".join(getattr(self, name).tobytes() for name in _ARRAYS)
        return (
            zlib.compress(json.dumps(header, ensure_ascii=False).encode(), 1),
            zlib.compress(packed, 1),
        )

    @classmethod
    def from_blobs(
        cls, header_blob: bytes, arrays_blob: bytes, bulletins: Sequence[BulletinSummary]
    ) -> EntityTable | None:
        """The table `to_blobs` stored, or None when the blobs do not fit together."""
        try:
            header = json.loads(zlib.decompress(header_blob))
            packed = zlib.decompress(arrays_blob)
            columns: list[array[int]] = []
            start = 0
            for name, length in zip(_ARRAYS, header["arrays"], strict=True):
                column = array("i" if name == "assign" else "I")
                end = start + length * column.itemsize
                column.frombytes(packed[start:end])
                columns.append(column)
                start = end
            ids: list[str] = header["ids"]
            table = cls(
                ids=ids,
                kinds=[_KINDS_BY_CODE[code] for code in header["kinds"]],
                names=header["names"],
                aliases={int(i): tuple(a) for i, a in header["aliases"].items()},
                roles={
                    int(i): tuple((r, tuple(ks)) for r, ks in rs)
                    for i, rs in header["roles"].items()
                },
                **dict(zip(_ARRAYS, columns, strict=True)),
                bulletins=bulletins,
            )
        except (ValueError, KeyError, TypeError, zlib.error):
            return None
        if (
            start != len(packed)
            or len(table.offsets) != len(ids) + 1
            or len(table.assign_offsets) != len(bulletins) + 1
            or len(table.kinds) != len(ids)
        ):
            return None
        return table
