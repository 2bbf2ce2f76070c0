"""Resolved entities as columns, so a 100,000-entity corpus reopens in milliseconds.

A list of 100k `Entity` models costs ~1 s to restore and ~400 MB; most of it (every role's
dates, every bulletin id per entity) is only read when someone opens one entity. Here an
entity is a row of plain columns, bulletins are referred to by their rank in corpus order
(flat integer arrays), and an `Entity` model is built when asked for, then kept in a small
LRU. The table also remembers which entity each bulletin's own entities were resolved to.
"""

from __future__ import annotations

import json
import struct
import zlib
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from core.entities.roles import office
from core.models import BulletinSummary, Entity, EntityKind, RoleSeen

#: A role an entity held (its most common wording), the ranks (corpus order) of the bulletins
#: that state it, and its other forms: the office's name first when it differs, then the other
#: wordings (see core.entities.roles).
RoleRanks = tuple[str, Sequence[int], Sequence[str]]

_KIND_CODES = {kind: kind.value[0] for kind in EntityKind}  # o, p, f, i
_KINDS_BY_CODE = {code: kind for kind, code in _KIND_CODES.items()}
_KIND_ORDER = {kind: i for i, kind in enumerate(EntityKind)}
#: The integer columns, in their stored order.
COLUMNS = (
    "postings",
    "offsets",
    "mentions",
    "role_first",
    "role_offsets",
    "role_postings",
    "role_text",
    "assign",
    "assign_offsets",
)
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
    #: The roles' other forms (offices, other wordings): searchable too.
    role_forms: tuple[str, ...] = ()


class EntityTable:
    """Entities in (kind, id) order; bulletins referred to by rank in corpus order.

    Integer columns (flat arrays, `offsets`-style: item i is `values[first[i]:first[i+1]]`):
    `postings`/`offsets` are each entity's bulletins; `role_postings`/`role_offsets` each
    role's bulletins, the roles of entity i being slots `role_first[i]:role_first[i+1]`, and
    `role_text[slot]` the wording's index in `role_texts` (thousands of wordings serve
    100k roles); `assign`/`assign_offsets` the entity each bulletin's own entities
    resolved to.
    """

    def __init__(
        self,
        *,
        ids: list[str],
        kinds: list[EntityKind],
        names: list[str],
        aliases: list[Sequence[str] | None],
        role_texts: list[str],
        columns: dict[str, array[int]],
        bulletins: Sequence[BulletinSummary] = (),
        models: Sequence[Entity] | None = None,
        role_forms: list[Sequence[int]] | None = None,
    ) -> None:
        self.ids, self.kinds, self.names = ids, kinds, names
        self.aliases, self.role_texts = aliases, role_texts
        #: Per role slot, its other forms as indexes into `role_texts` (most are empty).
        self.role_forms = role_forms or []
        self.columns = columns
        self.bulletins = bulletins
        self._models = models
        self._index: dict[str, int] | None = None  # over `models` only: see `index`
        self._built: OrderedDict[int, Entity] = OrderedDict()

    @classmethod
    def pack(
        cls,
        entities: Iterable[PackedEntity],
        assigned: Iterable[Sequence[int]],
        bulletins: Sequence[BulletinSummary] = (),
        models: Sequence[Entity] | None = None,
    ) -> EntityTable:
        """A table from per-entity records (taken once, in order: each can be made as it is
        packed) and then, per bulletin, its entities' table indexes."""
        builder = _Columns([])
        ids: list[str] = []
        kinds: list[EntityKind] = []
        names: list[str] = []
        aliases: list[Sequence[str] | None] = []
        for entity in entities:
            builder.add(entity)
            ids.append(entity.id)
            kinds.append(entity.kind)
            names.append(entity.name)
            aliases.append(list(entity.aliases) or None)
        columns = builder.columns
        for found in assigned:
            columns["assign"].extend(found)
            columns["assign_offsets"].append(len(columns["assign"]))
        return cls(
            ids=ids,
            kinds=kinds,
            names=names,
            aliases=aliases,
            role_texts=builder.role_texts,
            columns=columns,
            bulletins=bulletins,
            models=models,
            role_forms=builder.role_forms,
        )

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> EntityTable:
        """A table over ready-made models (returned as they are by `entity`)."""
        models = list(entities)
        local: dict[str, int] = {}
        packed = [
            PackedEntity(
                e.id,
                EntityKind(e.kind),
                e.name,
                tuple(e.aliases),
                tuple((role.role, (), role_forms(role)) for role in e.roles),
                [local.setdefault(b, len(local)) for b in e.bulletin_ids],
                e.mention_count,
            )
            for e in models
        ]
        return cls.pack(packed, (), models=models)

    # -- reading ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ids)

    def index(self, entity_id: str) -> int | None:
        """The row of `entity_id`: a binary search, rows being in (kind, id) order, except
        over ready-made models in any order (a map, built once). A map of 500,000 ids held
        ~45 MB per corpus, and a refresh holds two corpora."""
        if self._models is None:
            return self.locate(entity_id)
        if self._index is None:
            self._index = {found: i for i, found in enumerate(self.ids)}
        return self._index.get(entity_id)

    def locate(self, entity_id: str) -> int | None:
        """`index` by binary search (rows of a resolved table are in (kind, id) order)."""
        if self._index is not None:
            return self._index.get(entity_id)
        try:
            kind = EntityKind(entity_id.partition(":")[0])
        except ValueError:
            return None
        i = bisect_left(range(len(self)), (_KIND_ORDER[kind], entity_id), key=self._order_key)
        return i if i < len(self) and self.ids[i] == entity_id else None

    def _slice(self, values: str, offsets: str, i: int) -> array[int]:
        first = self.columns[offsets]
        return self.columns[values][first[i] : first[i + 1]]

    def ranks(self, i: int) -> array[int]:
        """The ranks of the bulletins mentioning entity `i`, in corpus order."""
        return self._slice("postings", "offsets", i)

    def role_names(self, i: int) -> tuple[str, ...]:
        first = self.columns["role_first"]
        texts = self.columns["role_text"][first[i] : first[i + 1]]
        return tuple(self.role_texts[t] for t in texts)

    def _forms(self, slot: int) -> tuple[str, ...]:
        if slot >= len(self.role_forms):
            return ()
        return tuple(self.role_texts[t] for t in self.role_forms[slot])

    def role_ranks(self, i: int) -> list[RoleRanks]:
        """Each role of entity `i` with the ranks of the bulletins stating it."""
        first = self.columns["role_first"][i]
        return [
            (role, self._slice("role_postings", "role_offsets", first + n), self._forms(first + n))
            for n, role in enumerate(self.role_names(i))
        ]

    def role_form_names(self, i: int) -> tuple[str, ...]:
        """The other forms of entity `i`'s roles (offices, other wordings), once each."""
        first, end = self.columns["role_first"][i], self.columns["role_first"][i + 1]
        roles = set(self.role_names(i))
        found = (form for slot in range(first, end) for form in self._forms(slot))
        return tuple(form for form in dict.fromkeys(found) if form not in roles)

    def row(self, i: int) -> EntityRow:
        offsets = self.columns["offsets"]
        return EntityRow(
            i,
            self.ids[i],
            self.kinds[i],
            self.names[i],
            tuple(self.aliases[i] or ()),
            self.role_names(i),
            offsets[i + 1] - offsets[i],
            self.columns["mentions"][i],
            self.role_form_names(i),
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
                **role_fields(role, forms),
            )
            for role, ranks, forms in self.role_ranks(i)
        ]
        return Entity(
            id=self.ids[i],
            kind=self.kinds[i],
            name=self.names[i],
            aliases=list(self.aliases[i] or ()),
            roles=roles,
            bulletin_ids=list(dict.fromkeys(bulletins[r].id for r in self.ranks(i))),
            mention_count=self.columns["mentions"][i],
        )

    def assigned(self, rank: int) -> list[str | None]:
        """The entity id of each of the bulletin's own entities, in its order."""
        found = self._slice("assign", "assign_offsets", rank)
        return [self.ids[i] if i != NO_ENTITY else None for i in found]

    def entities_in(self, rank: int) -> set[int]:
        """The entities a bulletin mentions."""
        return {i for i in self._slice("assign", "assign_offsets", rank) if i != NO_ENTITY}

    # -- updating --------------------------------------------------------------------------

    def over(self, bulletins: Sequence[BulletinSummary]) -> EntityTable:
        """The same rows over another list of the same bulletins (a corpus read again):
        every column shared, none copied (a table is never changed once made)."""
        return EntityTable(
            ids=self.ids,
            kinds=self.kinds,
            names=self.names,
            aliases=self.aliases,
            role_texts=self.role_texts,
            columns=self.columns,
            bulletins=bulletins,
            models=self._models,
            role_forms=self.role_forms,
        )

    def spliced(
        self,
        dropped: Collection[int],
        added: Sequence[PackedEntity],
        seen_at: Sequence[Iterable[tuple[int, int]]],
        ranks: Sequence[int],
        bulletins: Sequence[BulletinSummary],
        fresh: Mapping[int, int],
    ) -> EntityTable:
        """This table without rows `dropped`, with `added` merged in at their (kind, id)
        places: an update that re-resolved a few entities.

        `added` are in (kind, id) order with ranks of the new corpus order `bulletins`;
        `seen_at[k]` are the (new rank, position) of the bulletin entities resolved to
        `added[k]`. `ranks` maps each old rank to its new one (-1: the bulletin is gone, and
        no kept row mentions it); `fresh` gives each new bulletin's rank its number of
        entities. Kept rows are copied as column slices, so the cost is a few C-level passes
        over the columns plus the changed rows."""
        n = len(self)
        order = [(_KIND_ORDER[e.kind], e.id) for e in added]
        keys = range(n)
        at = [bisect_left(keys, key, key=self._order_key) for key in order]
        # Runs of kept old rows and the added rows between them, in the new order.
        pieces: list[tuple[int, int] | int] = []  # (first, end) of old rows, or added index
        cursor, k = 0, 0
        for event in sorted({*dropped, *at}):
            if cursor < event:
                pieces.append((cursor, event))
            while k < len(added) and at[k] == event:
                pieces.append(k)
                k += 1
            cursor = event + 1 if event in dropped else event
        if cursor < n:
            pieces.append((cursor, n))
        pieces.extend(range(k, len(added)))

        moved = any(old != new for old, new in enumerate(ranks))
        builder = _Columns(self.role_texts)
        remap = array("i", [NO_ENTITY]) * (n + 1)  # the last slot maps NO_ENTITY to itself
        placed = [0] * len(added)
        ids: list[str] = []
        kinds: list[EntityKind] = []
        names: list[str] = []
        aliases: list[Sequence[str] | None] = []
        for piece in pieces:
            if isinstance(piece, int):
                entity = added[piece]
                placed[piece] = len(ids)
                ids.append(entity.id)
                kinds.append(entity.kind)
                names.append(entity.name)
                aliases.append(list(entity.aliases) or None)
                builder.add(entity)
                continue
            first, end = piece
            remap[first:end] = array("i", range(len(ids), len(ids) + end - first))
            ids += self.ids[first:end]
            kinds += self.kinds[first:end]
            names += self.names[first:end]
            aliases += self.aliases[first:end]
            builder.copy(self, first, end, ranks if moved else None)

        columns = builder.columns
        old_assign = array("i", map(remap.__getitem__, self.columns["assign"]))
        old_offsets = self.columns["assign_offsets"]
        old_of = {new: old for old, new in enumerate(ranks) if new >= 0}
        assign, assign_offsets = columns["assign"], columns["assign_offsets"]
        for rank in range(len(bulletins)):
            old = old_of.get(rank)
            if old is None:
                assign.extend(array("i", [NO_ENTITY]) * fresh[rank])
            else:
                assign.extend(old_assign[old_offsets[old] : old_offsets[old + 1]])
            assign_offsets.append(len(assign))
        for index, places in zip(placed, seen_at, strict=True):
            for rank, position in places:
                assign[assign_offsets[rank] + position] = index
        return EntityTable(
            ids=ids,
            kinds=kinds,
            names=names,
            aliases=aliases,
            role_texts=builder.role_texts,
            columns=columns,
            bulletins=bulletins,
            role_forms=builder.role_forms,
        )

    def _order_key(self, i: int) -> tuple[int, str]:
        return (_KIND_ORDER[self.kinds[i]], self.ids[i])

    # -- storing ---------------------------------------------------------------------------

    def to_blobs(self) -> tuple[bytes, bytes]:
        """(the strings as compressed JSON, the integer columns as compressed bytes)."""
        # Each slot's forms as the number of a distinct set: a list per slot decoded as
        # ~1M lists at 50,000 bulletins (69 MB), where a few thousand sets serve them all.
        numbered: dict[tuple[int, ...], int] = {}
        form_set = array(
            "I", [numbered.setdefault(tuple(f), len(numbered)) for f in self.role_forms]
        )
        header = {
            "ids": self.ids,
            "kinds": "".join(_KIND_CODES[kind] for kind in self.kinds),
            "names": self.names,
            "aliases": [a or None for a in self.aliases],  # lists or tuples: JSON lists
            "role_texts": self.role_texts,
            "form_sets": [list(f) for f in numbered],
            "sizes": [*(len(self.columns[name]) for name in COLUMNS), len(form_set)],
        }
        # Each field its own compressed record, its JSON made a slice at a time: the whole
        # text of a 50,000-bulletin table is ~100 MB, more than the table itself, and a
        # reader decodes one field at a time.
        parts: list[bytes] = []
        for name in _HEADER_FIELDS:
            text = zlib.compressobj(1)
            field = [text.compress(piece) for piece in _json_pieces(header[name])]
            field.append(text.flush())
            parts += [_RECORD_SIZE.pack(sum(map(len, field))), *field]
        columns = zlib.compressobj(1)
        packed = [columns.compress(self.columns[name]) for name in COLUMNS]
        packed.append(columns.compress(form_set))
        packed.append(columns.flush())
        return b"".join(parts), b"".join(packed)

    @classmethod
    def from_blobs(
        cls, header_blob: bytes, columns_blob: bytes, bulletins: Sequence[BulletinSummary]
    ) -> EntityTable | None:
        """The table `to_blobs` stored, or None when the blobs do not fit together."""
        try:
            header = dict(zip(_HEADER_FIELDS, _json_records(header_blob), strict=True))
            packed = zlib.decompress(columns_blob)
            columns: dict[str, array[int]] = {}
            start = 0
            *sizes, form_set_size = header["sizes"]
            for name, length in zip(COLUMNS, sizes, strict=True):
                column = array("i" if name == "assign" else "I")
                end = start + length * column.itemsize
                column.frombytes(packed[start:end])
                columns[name] = column
                start = end
            form_set = array("I")
            end = start + form_set_size * form_set.itemsize
            form_set.frombytes(packed[start:end])
            start = end
            form_sets = [tuple(f) for f in header["form_sets"]]
            ids: list[str] = header["ids"]
            table = cls(
                ids=ids,
                kinds=[_KINDS_BY_CODE[code] for code in header["kinds"]],
                names=header["names"],
                aliases=header["aliases"],  # JSON lists serve as they are: no copying
                role_texts=header["role_texts"],
                columns=columns,
                bulletins=bulletins,
                role_forms=list(map(form_sets.__getitem__, form_set)),
            )
        except (ValueError, KeyError, TypeError, IndexError, zlib.error, struct.error):
            return None
        n = len(ids)
        if (
            start != len(packed)
            or not n == len(table.kinds) == len(table.names) == len(table.aliases)
            or not len(columns["offsets"]) == len(columns["role_first"]) == n + 1
            or len(columns["role_text"]) + 1 != len(columns["role_offsets"])
            or max(columns["role_text"], default=-1) >= len(table.role_texts)
            or len(table.role_forms) not in (0, len(columns["role_text"]))
            # C-level max over the sets (a generator per item costs ~0.4 s at 50k bulletins)
            or max(map(max, filter(None, form_sets)), default=-1) >= len(table.role_texts)
            or len(columns["assign_offsets"]) != len(bulletins) + 1
        ):
            return None
        return table


_HEADER_FIELDS = ("ids", "kinds", "names", "aliases", "role_texts", "form_sets", "sizes")
_RECORD_SIZE = struct.Struct("<Q")
_JSON_SLICE = 4096


def _json_pieces(value: object) -> Iterator[bytes]:
    """`value` as JSON, a list a slice of items at a time (never the whole text at once)."""
    if not isinstance(value, list) or len(value) <= _JSON_SLICE:
        yield json.dumps(value, ensure_ascii=False).encode()
        return
    yield b"["
    for start in range(0, len(value), _JSON_SLICE):
        text = json.dumps(value[start : start + _JSON_SLICE], ensure_ascii=False)
        yield (", " if start else "").encode() + text[1:-1].encode()
    yield b"]"


def _json_records(blob: bytes) -> Iterator[object]:
    """The values of the records `to_blobs` wrote, each decompressed when reached."""
    view, offset = memoryview(blob), 0
    while offset < len(view):
        (size,) = _RECORD_SIZE.unpack_from(view, offset)
        offset += _RECORD_SIZE.size
        if offset + size > len(view):
            raise ValueError("truncated record")
        yield json.loads(zlib.decompress(view[offset : offset + size]))
        offset += size


class _Columns:
    """The integer columns of a table being put together from copied runs and new rows."""

    def __init__(self, role_texts: list[str]) -> None:
        self.columns = {name: array("i" if name == "assign" else "I") for name in COLUMNS}
        for name in ("offsets", "role_first", "role_offsets", "assign_offsets"):
            self.columns[name].append(0)
        self.role_texts = list(role_texts)
        self._text_index: dict[str, int] | None = None
        #: Per role slot, its forms' text indexes: tuples, each kept once (thousands of
        #: offices serve 10^5 roles; a list each was 11 MB at 10k bulletins).
        self.role_forms: list[Sequence[int]] = []
        self._shared_forms: dict[tuple[int, ...], tuple[int, ...]] = {}

    def _text(self, text: str) -> int:
        if self._text_index is None:
            self._text_index = {t: i for i, t in enumerate(self.role_texts)}
        found = self._text_index.get(text)
        if found is None:
            found = self._text_index[text] = len(self.role_texts)
            self.role_texts.append(text)
        return found

    def add(self, entity: PackedEntity) -> None:
        c = self.columns
        postings = c["postings"]
        postings.extend(entity.ranks)
        c["offsets"].append(len(postings))
        c["mentions"].append(entity.mention_count)
        role_offsets = c["role_offsets"]
        if entity.roles:
            role_postings, role_text, text = c["role_postings"], c["role_text"], self._text
            for role, ranks, forms in entity.roles:
                role_postings.extend(ranks)
                role_offsets.append(len(role_postings))
                role_text.append(text(role))
                found = tuple([text(f) for f in forms]) if forms else ()
                self.role_forms.append(self._shared_forms.setdefault(found, found))
        c["role_first"].append(len(role_offsets) - 1)

    def copy(self, table: EntityTable, first: int, end: int, ranks: Sequence[int] | None) -> None:
        """Rows `first:end` of `table` as they are, their bulletins renumbered by `ranks`."""
        c, old = self.columns, table.columns
        renumber = ranks.__getitem__ if ranks is not None else None

        def postings(values: array[int]) -> array[int]:
            return array("I", map(renumber, values)) if renumber is not None else values

        offsets = old["offsets"]
        start, stop = offsets[first], offsets[end]
        shift = len(c["postings"]) - start
        c["postings"].extend(postings(old["postings"][start:stop]))
        c["offsets"].extend(array("I", [o + shift for o in offsets[first + 1 : end + 1]]))
        c["mentions"].extend(old["mentions"][first:end])
        role_first = old["role_first"]
        slot, slot_end = role_first[first], role_first[end]
        slot_shift = len(c["role_offsets"]) - 1 - slot
        later = role_first[first + 1 : end + 1]
        c["role_first"].extend(array("I", [f + slot_shift for f in later]))
        role_offsets = old["role_offsets"]
        start, stop = role_offsets[slot], role_offsets[slot_end]
        shift = len(c["role_postings"]) - start
        c["role_postings"].extend(postings(old["role_postings"][start:stop]))
        c["role_offsets"].extend(
            array("I", [o + shift for o in role_offsets[slot + 1 : slot_end + 1]])
        )
        c["role_text"].extend(old["role_text"][slot:slot_end])
        forms = table.role_forms
        self.role_forms += forms[slot:slot_end] if forms else [()] * (slot_end - slot)


class PackedEntity(NamedTuple):
    """One resolved entity as `EntityTable.pack` takes it."""

    id: str
    kind: EntityKind
    name: str
    aliases: Sequence[str]
    roles: Sequence[RoleRanks]
    ranks: Sequence[int]
    mention_count: int


def role_forms(role: RoleSeen) -> tuple[str, ...]:
    """The forms the table stores for a `RoleSeen`."""
    return pack_forms(role.role, role.office, role.wordings)


def pack_forms(role: str, named: str | None, wordings: Iterable[str]) -> tuple[str, ...]:
    """A role's forms as stored: its office's name, then its other wordings; nothing when
    the office is the role itself and no other wording was seen (most roles)."""
    named = named or role
    others = sorted(set(wordings) - {role, named})
    return () if named == role and not others else (named, *others)


def role_fields(role: str, forms: Sequence[str]) -> dict[str, object]:
    """`RoleSeen`'s office, key and wordings from a role and its stored forms."""
    named = forms[0] if forms else role
    return {"office": named, "key": office(named).key, "wordings": sorted({role, *forms[1:]})}
