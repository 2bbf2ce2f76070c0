"""Merge the entities seen in single bulletins into corpus-wide `Entity` records.

Merge rule (same kind only; every step is symmetric, so the result does not depend on the
order of the input):

1. Same words after folding: names whose folded words are equal are one entity. Case, accents,
   punctuation and spacing never separate ("Frinne Azuara Yarzabal" = "Frinné Azuara
   Yarzábal"). For facilities and institutions a number word before a digit is dropped
   ("Hospital General de Zona número 1" = "Hospital General de Zona No. 1").
2. One misspelled word (officials only): two names with the same number of words that differ
   in exactly one word merge when that word is a spelling variant: both at least
   `MIN_VARIANT_WORD_LEN` letters, same first letter, optimal-string-alignment distance <=
   `MAX_VARIANT_EDITS` (rapidfuzz), and the whole names score `fuzz.ratio >= MIN_NAME_RATIO`.
   "González Anaya" = "Gonzales Anaya", but "Hernández" != "Fernández" (first letter) and
   "Duarte Jáquez" != "Duarte Olivares" (not a variant).
3. Short form of one full name (officials only): a name of two or more words merges into a
   longer name when its words appear in the longer one in order and it either starts with the
   same given name ("Zoé Robledo" -> "Zoé Robledo Aburto") or is its trailing surnames
   ("González Anaya" -> "José Antonio González Anaya"), and exactly one entity from step 2
   fits, counting names already joined as one: longer short forms join first, so "Zoé
   Robledo Aburto" joins "Zoé Alejandro Robledo Aburto" and "Zoé Robledo" then has one person
   to join. An ambiguous short form ("José Antonio" when two José Antonios exist; "Alcalde
   Luján" beside Luisa María and Bertha Alcalde Luján) stays apart,
   and a single word never merges across bulletins: the extractor links "González Anaya
   dijo" inside a bulletin, where the context makes it safe. 3b: a two-word short form with
   one misspelled word (a rule-2 variant) joins likewise when the two were seen in one office
   ("Zoe Robeldo, director general del IMSS" -> "Zoé Robledo Aburto", director general of
   the IMSS); offices compare by `core.entities.roles` key.

4. Numbered units are told apart by state (facilities only): "Hospital General de Zona No. 1"
   exists in many states, so its sightings group by the state the bulletin places the unit in
   ("HGZ No. 1 de Tapachula": `BulletinEntity.state`), else the state the bulletin is about
   (its places' leading state), and the entity is named "Hospital General de Zona No. 1,
   Oaxaca". Sightings in bulletins that name no state join the one state's unit, if only one
   has it.

Places are never merged fuzzily: "Zacatecas" and "Zacatepec" are two municipalities.

Scale: step 1 is a dict; step 2 finds variant words with a symmetric-deletion index over the
vocabulary (each word indexed under its one-letter deletions), so candidates come from
lookups, never from comparing all pairs; step 3 indexes each longer name under its short forms
(`short_forms`), so a short form's candidates are one lookup. Linear in the number of distinct
names. Every rule relates only groups that share such a key, which is what lets an update
re-run them on the few groups a changed bulletin reaches (core/resolve_update.py). Step 1
does not depend on corpus order, so a cold load runs it on each bulletin as its parsing
worker returns it (`SpellingGroups`), and only steps 2-4 and the building of entities wait
for the last file; entities are named first and packed into the table one at a time, so
their roles and bulletins never exist for all of them at once.

Ids: the kind and the folded words of the name; clusters whose names give the same id (a
numbered unit no state could be told for, beside the same unit in bulletins naming several
states) are numbered in group order, "x", "x~2".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import combinations
from operator import attrgetter, itemgetter

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from core.entities.gazetteer import leading_state, state_names
from core.entities.roles import is_bare, office
from core.entity_table import NO_ENTITY, EntityTable, PackedEntity, RoleRanks, pack_forms
from core.models import Bulletin, BulletinSummary, Entity, EntityKind
from core.quotes import link_speakers
from core.runtime import gc_paused
from core.textfold import count_diacritics, fold, nfc, slug, words

#: Shortest word that may differ by a typo between two spellings of one person.
MIN_VARIANT_WORD_LEN = 5
#: Edits (insert, delete, substitute, swap neighbours) allowed in that one word.
MAX_VARIANT_EDITS = 1
#: Whole-name similarity (rapidfuzz fuzz.ratio, 0-100) required on top of the word rule.
MIN_NAME_RATIO = 90.0
#: Longest name whose every short form is indexed (rule 3); longer ones keep their trailing
#: surnames only.
MAX_FORM_WORDS = 10

_NUMBER_WORDS = frozenset({"no", "num", "numero", "nro", "n"})
_FUZZY_KINDS = frozenset({EntityKind.OFFICIAL})
_KIND_ORDER = {kind: i for i, kind in enumerate(EntityKind)}


def corpus_order_key(bulletin: BulletinSummary) -> tuple[bool, dt.date, bool, str, str]:
    """Date order; an undated bulletin with a date estimate sorts by its midpoint (after a
    dated one of the same day), one with neither comes last; ties broken by source path then
    id (stable across runs)."""
    estimate = bulletin.date_estimate
    when = bulletin.date or (estimate.midpoint if estimate is not None else None)
    return (
        when is None,
        when or dt.date.min,
        bulletin.date is None,
        bulletin.source or "",
        bulletin.id,
    )


def match_words(kind: EntityKind, name: str) -> tuple[str, ...]:
    """The words two spellings must share to be the same entity under rule 1."""
    tokens = words(name)
    if kind in (EntityKind.FACILITY, EntityKind.INSTITUTION):
        tokens = [
            t
            for i, t in enumerate(tokens)
            if not (t in _NUMBER_WORDS and i + 1 < len(tokens) and tokens[i + 1].isdigit())
        ]
    return tuple(tokens)


#: One entity as a bulletin states it: (kind, name, role, number of mentions, office). The
#: resolver needs no more, so a cached corpus resolves without loading whole bulletins.
Seen = tuple[str, str, str | None, int, str | None]

#: (bulletin's rank in corpus order, entity's position in that bulletin, role, mentions,
#: cleaned spelling, office)
_Sighting = tuple[int, int, str | None, int, str, str | None]


def sightings_of(bulletin: Bulletin) -> list[Seen]:
    """A unit the text places in a state is seen under its resolved name ("Hospital General
    de Zona No. 33, Nuevo León"), so the state travels with it through the cache."""
    return [
        (e.kind, f"{e.name}, {e.state}" if e.state else e.name, e.role, len(e.mentions), e.office)
        for e in bulletin.entities
    ]


def split_state(kind: EntityKind, spelling: str) -> tuple[str, str | None]:
    """'Hospital General de Zona No. 33, Nuevo León' -> the unit and the state it is in."""
    if kind is EntityKind.FACILITY:
        unit, comma, state = spelling.rpartition(", ")
        if comma and state in state_names():
            return unit, state
    return spelling, None


#: What tells groups apart: (kind, folded words, state of a numbered unit, placeless).
GroupKey = tuple[str, tuple[str, ...], str | None, bool]
#: Between an id and the number of a cluster whose name gives the same id ("x~2"): never in
#: a slug, so a numbered id cannot be another entity's own.
ID_NUMBER = "~"


@dataclass(slots=True)
class Group:
    """All sightings of one spelling key (rule 1), in (rank, position) order.

    Slots and no per-group counter of spellings (`spellings` counts them when asked): a
    50,000-bulletin corpus has ~650,000 groups, most seen once."""

    kind: EntityKind
    key: tuple[str, ...]
    #: For a numbered unit, the state of the bulletins it was seen in (see `_state_of`), and
    #: whether those bulletins named no state at all (rather than several).
    state: str | None = None
    placeless: bool = True
    sightings: Sequence[_Sighting] = field(default_factory=list)

    @property
    def gkey(self) -> GroupKey:
        return (self.kind.value, self.key, self.state, self.placeless)

    @property
    def spellings(self) -> Counter[str]:
        """How many sightings wrote each spelling."""
        return Counter(sighting[4] for sighting in self.sightings)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # Smaller index wins: deterministic whatever order unions arrive in.
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo


def resolve(bulletins: list[Bulletin]) -> list[Entity]:
    """Corpus-wide entities from the bulletins' own entities; sets each `entity_id` too.

    See the module docstring for the merge rule.
    """
    ordered = sorted(bulletins, key=corpus_order_key)
    table = resolve_table(ordered, [sightings_of(b) for b in ordered])
    for rank, bulletin in enumerate(ordered):
        for seen, entity_id in zip(bulletin.entities, table.assigned(rank), strict=True):
            seen.entity_id = entity_id
        link_speakers(bulletin)
    return [table.entity(i) for i in range(len(table))]


def resolve_table(
    ordered: Sequence[BulletinSummary], seen: Sequence[Sequence[Seen]]
) -> EntityTable:
    """The resolved entities of bulletins given in corpus order, with what each bulletin's
    entities (`seen[rank]`) resolved to."""
    return resolve_with_groups(ordered, seen)[0]


def resolve_with_groups(
    ordered: Sequence[BulletinSummary], seen: Sequence[Sequence[Seen]]
) -> tuple[EntityTable, list[tuple[Group, str]]]:
    """`resolve_table`, plus each spelling group with the id of the entity it joined (what
    an update needs to find the groups a change reaches: core/resolve_store.py)."""
    collected = SpellingGroups()
    for rank, entities in enumerate(seen):
        collected.add(rank, entities)
    table, built = resolve_grouped(ordered, collected)
    return table, [(group, entity.id) for entity in built for group in entity.groups]


def resolve_grouped(
    ordered: Sequence[BulletinSummary],
    collected: SpellingGroups,
    ranks: Sequence[int] | None = None,
) -> tuple[EntityTable, list[Built]]:
    """`resolve_table` for bulletins already grouped, every one of `ordered` added under the
    number whose `ranks[number]` is its rank (numbers are ranks when `ranks` is None; a
    number of rank -1 is left out: a copy of another file). With the entities as built:
    their ids and groups are what the group store keeps (core/resolve_store.py)."""
    sizes = [-1] * len(ordered)
    for number, size in collected.sizes.items():
        rank = number if ranks is None else ranks[number]
        if rank >= 0:
            sizes[rank] = size
    if -1 in sizes:
        raise ValueError(f"bulletin {sizes.index(-1)} of corpus order was never grouped")
    with gc_paused():
        built = build_entities(cluster_groups(collected.groups(ranks)))
        return _table(built, ordered, sizes), built


def group_order(group: Group) -> str:
    """Groups sorted by this give the same clusters and ids whatever the input order: by
    kind, folded words, state, placeless, as one string (comparing 10^5 strings is several
    times faster than comparing nested tuples). Fields are joined by "\x01" and words by
    "\x02", both below any character of a word or a state name, so the string sorts as
    the tuple (kind, words, state, placeless) would."""
    words = "\x02".join(group.key)
    return f"{_KIND_ORDER[group.kind]}\x01{words}\x01{group.state or ''}\x01{group.placeless:d}"


def cluster_groups(groups: list[Group]) -> list[list[Group]]:
    """Rules 2-4 over `groups` (sorted here): the clusters, each in group order, listed by
    their first group. Rules only relate groups that share a lookup key
    (core.resolve_links), so running them on a closed subset gives that subset's clusters."""
    groups.sort(key=group_order)
    uf = _UnionFind(len(groups))
    for kind in _FUZZY_KINDS:
        members = [i for i, g in enumerate(groups) if g.kind is kind]
        variants = _merge_variants(groups, members, uf)
        _merge_short_forms(groups, members, uf, variants)
    _merge_stateless_units(groups, uf)
    clusters: dict[int, list[Group]] = defaultdict(list)
    for i, group in enumerate(groups):
        clusters[uf.find(i)].append(group)
    return [clusters[root] for root in sorted(clusters)]


def build_entities(clusters: Sequence[list[Group]]) -> list[Built]:
    """One entity per cluster, in (kind, id) order. Clusters whose names give the same id
    are numbered in the order given (their first groups' order): "x", "x~2", "x~3". The
    number depends only on clusters with that id, so an update can recompute it locally."""
    built = [_build_entity(cluster) for cluster in clusters]
    if len(Counter(entity.id for entity in built)) < len(built):  # rare: some id repeats
        taken: Counter[str] = Counter()
        for entity in built:
            taken[entity.id] += 1
            if taken[entity.id] > 1:
                entity.id = f"{entity.id}{ID_NUMBER}{taken[entity.id]}"
    # (kind, id) order: each kind's entities sorted by id (one string, not a tuple, each).
    by_kind: dict[EntityKind, list[Built]] = {kind: [] for kind in EntityKind}
    for entity in built:
        by_kind[entity.kind].append(entity)
    built = []
    for entities in by_kind.values():
        entities.sort(key=_entity_id)
        built += entities
    return built


_entity_id = attrgetter("id")


def group_spellings(seen: Iterable[tuple[int, Sequence[Seen]]]) -> list[Group]:
    """Rule 1: the sightings of (rank, that bulletin's entities) grouped by spelling key."""
    collected = SpellingGroups()
    for rank, entities in seen:
        collected.add(rank, entities)
    return collected.groups()


class SpellingGroups:
    """Rule 1 fed one bulletin at a time, in any order: a cold load groups each bulletin as
    its parsing worker returns it, while the others still parse, and keeps no bulletin's
    entities once grouped (only their count). Sightings name their bulletin by the number
    `add` was given until `groups` turns numbers into ranks, once corpus order is known.

    Wordings repeat across bulletins (roles, offices): each is kept once (`_strings`)."""

    def __init__(self) -> None:
        #: Groups by (kind, state, placeless), then by folded words: no key tuple per group.
        self._by_key: dict[tuple[str, str | None, bool], dict[tuple[str, ...], Group]] = {}
        # Names repeat across bulletins: clean and key each distinct spelling once, per kind,
        # with its group when that does not depend on the bulletin (all but numbered units
        # the name does not place in a state).
        self._cleaned: dict[str, dict[str, _Cleaned]] = {kind.value: {} for kind in EntityKind}
        self._strings: dict[str, str] = {}
        #: Each bulletin's number of entities, by the number it was added under.
        self.sizes: dict[int, int] = {}

    def __contains__(self, number: object) -> bool:
        return number in self.sizes

    def add(self, number: int, entities: Sequence[Seen]) -> None:
        """Group the entities of bulletin `number` (a bulletin is added once)."""
        cleaned, strings = self._cleaned, self._strings
        self.sizes[number] = len(entities)
        state: tuple[str | None, bool] | None = None  # worked out once per bulletin
        for position, seen in enumerate(entities):
            kind_name, name, role, mentions = seen[0], seen[1], seen[2], seen[3]
            spelled = cleaned[kind_name]
            known = spelled.get(name)
            if known is None:
                known = spelled[name] = self._clean(_KINDS[kind_name], name)
            spelling, group, key = known
            if group is None:
                if key is None:
                    continue  # no words: no entity
                if state is None:
                    state = _state_of(entities)
                unit_state, named = state
                group = self._group(EntityKind.FACILITY, key, unit_state, not named)
            office = seen[4] if len(seen) > 4 else None  # older caches have no office
            if role:
                role = strings.setdefault(role, role)
                if office is not None:
                    office = strings.setdefault(office, office)
                if role.strip():
                    _role_key(role, office)  # worked out now, while workers still parse
            sightings = group.sightings
            assert isinstance(sightings, list)  # a tuple only once `groups` is done
            sightings.append((number, position, role, mentions, spelling, office))

    def _clean(self, kind: EntityKind, name: str) -> _Cleaned:
        spelling, placed = split_state(kind, " ".join(nfc(name).split()))
        if spelling == name:
            spelling = name  # one string, not two equal ones
        strings = self._strings
        key = tuple(strings.setdefault(word, word) for word in match_words(kind, spelling))
        if not key:
            return spelling, None, None
        if placed is None and kind is EntityKind.FACILITY and any(w.isdigit() for w in key):
            return spelling, None, key  # placed by the state of each bulletin it is seen in
        return spelling, self._group(kind, key, placed, placed is None), None

    def _group(
        self, kind: EntityKind, key: tuple[str, ...], state: str | None, placeless: bool
    ) -> Group:
        groups = self._by_key.setdefault((kind.value, state, placeless), {})
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(kind, key, state, placeless)
        return group

    def groups(self, ranks: Sequence[int] | None = None) -> list[Group]:
        """The groups, each sighting's bulletin number turned into `ranks[number]` (when
        given: a rank below 0 drops the sighting, and a group left with none), sightings in
        (rank, position) order, as tuples (a list per group is twice the size). Ends the
        grouping: what it kept to group faster is let go."""
        groups = [group for found in self._by_key.values() for group in found.values()]
        self._by_key, self._cleaned, self._strings = {}, {}, {}
        kept = []
        for group in groups:
            sightings = group.sightings
            if ranks is not None:
                sightings = [
                    (rank, position, role, mentions, spelling, office)
                    for number, position, role, mentions, spelling, office in sightings
                    if (rank := ranks[number]) >= 0
                ]
            if sightings:
                if len(sightings) > 1:
                    sightings = sorted(sightings)  # (rank, position) is unique: enough
                group.sightings = tuple(sightings)
                kept.append(group)
        return kept


#: A name cleaned: (spelling, its group, or None and the words of a numbered unit whose
#: group depends on the bulletin's state; both None when the name has no words).
_Cleaned = tuple[str, "Group | None", tuple[str, ...] | None]
_KINDS = {kind.value: kind for kind in EntityKind}


def _state_of(entities: Sequence[Seen]) -> tuple[str | None, bool]:
    """The state a bulletin is about (the one its places name most, by mentions, if it
    clearly leads: twice the next), and whether it names any state at all.

    Numbered units repeat across states ("Hospital General de Zona No. 1" exists in many),
    so they are told apart by it."""
    places = (seen for seen in entities if seen[0] == EntityKind.PLACE)
    return leading_state((name, mentions) for _, name, _, mentions, *_ in places)


def _merge_stateless_units(groups: list[Group], uf: _UnionFind) -> None:
    """A numbered unit seen only in bulletins that name no state joins the one state's unit
    of that name, when exactly one state has it; otherwise it stays apart (it cannot be
    placed, and bulletins naming several states do not say which)."""
    stated: dict[tuple[EntityKind, tuple[str, ...]], list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        if group.state is not None:
            stated[(group.kind, group.key)].append(i)
    for i, group in enumerate(groups):
        if group.kind is EntityKind.FACILITY and group.state is None and group.placeless:
            found = stated.get((group.kind, group.key), [])
            if len(found) == 1 and any(word.isdigit() for word in group.key):
                uf.union(i, found[0])


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


def is_variant(a: str, b: str) -> bool:
    return (
        a[0] == b[0]
        and min(len(a), len(b)) >= MIN_VARIANT_WORD_LEN
        and OSA.distance(a, b, score_cutoff=MAX_VARIANT_EDITS) <= MAX_VARIANT_EDITS
    )


def _merge_variants(groups: list[Group], members: list[int], uf: _UnionFind) -> dict[str, set[str]]:
    """Rule 2: names equal but for one word that is a spelling variant. Returns the variant
    words found (each word -> its variants)."""
    vocabulary = {w for i in members for w in groups[i].key if len(w) >= MIN_VARIANT_WORD_LEN}
    by_deletion: dict[str, list[str]] = defaultdict(list)
    for word in sorted(vocabulary):
        for deleted in deletions(word):
            by_deletion[deleted].append(word)
    variants: dict[str, set[str]] = defaultdict(set)
    for bucket in by_deletion.values():
        if len(bucket) < 2:
            continue
        for a in bucket:
            for b in bucket:
                if a < b and is_variant(a, b):
                    variants[a].add(b)
                    variants[b].add(a)
    # Both names of a pair hold a variant word: the others (most) are never looked at again.
    spelled = variants.keys()
    by_key = {
        key: i for i in members if len(key := groups[i].key) >= 2 and not spelled.isdisjoint(key)
    }
    for key, i in by_key.items():
        for pos, word in enumerate(key):
            for other in sorted(variants.get(word, ())):
                j = by_key.get((*key[:pos], other, *key[pos + 1 :]))
                if j is not None and fuzz.ratio(" ".join(key), " ".join(groups[j].key)) >= (
                    MIN_NAME_RATIO
                ):
                    uf.union(i, j)
    return variants


def short_forms(key: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The shorter names (two words or more) rule 3 lets stand for `key`: its first word
    followed by some of the others in order ("zoe robledo" for "zoe alejandro robledo
    aburto"), or its trailing surnames ("gonzalez anaya"). A "name" of more than
    `MAX_FORM_WORDS` words is no person's: only its trailing forms count."""
    return {pick(key) for pick in _form_pickers(len(key))}


@cache
def _form_pickers(n: int) -> tuple[itemgetter[tuple[str, ...]], ...]:
    """What picks each short form out of an `n`-word name: the positions depend on `n`
    alone, so they are worked out once, and each form is one C-level call (half a million
    names at 50,000 bulletins, ~5 forms each)."""
    positions = {tuple(range(n - size, n)) for size in range(2, n)}
    if n <= MAX_FORM_WORDS:
        positions.update(
            (0, *others) for size in range(1, n - 1) for others in combinations(range(1, n), size)
        )
    return tuple(itemgetter(*picked) for picked in sorted(positions))


def _merge_short_forms(
    groups: list[Group], members: list[int], uf: _UnionFind, variants: dict[str, set[str]]
) -> None:
    """Rule 3: a short form joins the one longer name it can stand for; a short form with one
    misspelled word ("Zoe Robeldo") too, when the two share an office (rule 3b).

    Each longer name is indexed under its short forms, so a short form finds exactly its
    candidates with one lookup (scanning a shared given name's names grew with the corpus).
    Only forms some lookup below asks for are indexed: the names seen, and the respellings of
    two-word names (3b); most forms of most names are nobody's name. Only names that found
    a candidate are then visited (a few percent), not every name."""
    shorts = [groups[i].key for i in members if len(groups[i].key) >= 2]
    wanted = set(shorts)
    wanted.update(respelled for short in shorts for respelled in _respellings(short, variants))
    by_form: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in members:
        key = groups[i].key
        if len(key) > 2:  # a two-word name has no shorter form
            for form in {pick(key) for pick in _form_pickers(len(key))} & wanted:
                by_form[form].append(i)
    none: list[int] = []
    # A name with no candidate does nothing: only those with some, and the two-word names
    # with a misspelled word (3b), are visited.
    visited = [
        i
        for i in members
        if (key := groups[i].key) in by_form
        or (len(key) == 2 and not variants.keys().isdisjoint(key))
    ]

    # Longest short forms first, each joined at once: "Zoé Robledo Aburto" joins "Zoé
    # Alejandro Robledo Aburto" before "Zoé Robledo" looks, which then sees one person, not two.
    for i in sorted(visited, key=lambda i: (-len(groups[i].key), i)):
        short = groups[i].key
        own = uf.find(i)
        roots = {uf.find(j) for j in by_form.get(short, none)} - {own}
        # 3b: a given name and a misspelled surname ("Zoe Robeldo"); longer names with a
        # misspelling are rule 2's.
        if not roots and len(short) == 2 and any(word in variants for word in short):
            respelled = {
                j for form in _respellings(short, variants) for j in by_form.get(form, none)
            }
            if respelled:  # rare: the offices are read only then
                offices = _offices(groups[i])
                roots = {uf.find(j) for j in respelled if offices & _offices(groups[j])} - {own}
        if len(roots) == 1:
            uf.union(i, roots.pop())


def _respellings(
    short: tuple[str, ...], variants: dict[str, set[str]]
) -> Iterator[tuple[str, ...]]:
    """A two-word name with one word replaced by a variant of it (rule 3b's lookups)."""
    if len(short) == 2:
        for pos, word in enumerate(short):
            for other in variants.get(word, ()):
                yield (*short[:pos], other, *short[pos + 1 :])


def _offices(group: Group) -> set[str]:
    """The office keys a spelling was seen with."""
    return {_role_key(role, named)[1] for _, _, role, _, _, named in group.sightings if role}


def _canonical(kind: EntityKind, spellings: Counter[str], frequency: dict[str, int]) -> str:
    """Full form first (most words); then, for people, the accented spelling (PDFs often lose
    accents); then the most frequent, longest; alphabetical last so ties are stable."""
    if len(spellings) == 1:
        return next(iter(spellings))

    def preference(name: str) -> tuple[int, int, int, int, int, str]:
        accents = count_diacritics(name)
        accented = min(accents, 1) if kind is EntityKind.OFFICIAL else 0
        return (-len(words(name)), -accented, -frequency[name], -accents, -len(name), name)

    return min(spellings, key=preference)


@dataclass(slots=True)
class Built:
    """One resolved entity, named, before it becomes a row of the table: what it holds
    besides its name (roles, bulletins, mentions) is worked out as it is packed, one entity
    at a time, so a corpus's entities never all hold those at once."""

    id: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...]
    groups: list[Group]

    @property
    def sightings(self) -> Sequence[_Sighting]:
        """Every sighting of the entity, in (rank, position) order."""
        if len(self.groups) == 1:
            return self.groups[0].sightings
        sightings = [sighting for group in self.groups for sighting in group.sightings]
        sightings.sort(key=lambda sighting: sighting[:2])
        return sightings


#: "official:" and the like: an id's start, without an enum lookup per entity.
_ID_PREFIX = {kind: f"{kind.value}:" for kind in EntityKind}


def _build_entity(cluster: list[Group]) -> Built:
    first = cluster[0]
    kind = first.kind
    sightings = first.sightings if len(cluster) == 1 else None
    if sightings is not None and len(sightings) == 1:  # most entities: seen once
        name = sightings[0][4]
        if first.state is None:  # the id of the fields below, with no list or tuple made
            # A person's key is the folded words of their one spelling: the slug of it.
            ending = "-".join(first.key) if kind is EntityKind.OFFICIAL else slug(name)
            return Built(_ID_PREFIX[kind] + ending, kind, name, (), cluster)
        aliases: list[str] = []
    else:
        sightings = [sighting for group in cluster for sighting in group.sightings]
        spellings = Counter(sighting[4] for sighting in sightings)
        frequency: dict[str, int] = {}
        if len(spellings) > 1:
            bulletins_by_spelling: dict[str, set[int]] = defaultdict(set)
            for rank, _, _, _, spelling, _ in sightings:
                bulletins_by_spelling[spelling].add(rank)
            frequency = {name: len(ranks) for name, ranks in bulletins_by_spelling.items()}
        name = _canonical(kind, spellings, frequency)
        aliases = sorted((s for s in spellings if s != name), key=lambda s: (-frequency[s], s))
    state = cluster[0].state
    if state is None and len(cluster) > 1:
        state = next((group.state for group in cluster if group.state), None)
    if state is not None:  # "Hospital General de Zona No. 1, Oaxaca": one of many No. 1
        aliases = [name, *aliases]
        name = f"{name}, {state}"
    # A person's key is the folded words of every spelling, so it is the slug of the name too.
    key = cluster[0].key if kind is EntityKind.OFFICIAL and not aliases else None
    entity_id = f"{kind.value}:{'-'.join(key) if key else slug(name)}"
    return Built(id=entity_id, kind=kind, name=name, aliases=tuple(aliases), groups=cluster)


def _roles(sightings: Sequence[_Sighting]) -> tuple[RoleRanks, ...]:
    """Roles grouped by office (`roles.office` key: "titular del Seguro Social" and "Director
    General del IMSS" are one), in order of first sighting, each with its bulletins: the most
    common wording, then the office's name and every other wording. A bare title
    ("Presidente") joins the one office of that title the person is seen in ("Presidente de
    la República"), when there is exactly one."""
    if len(sightings) == 1:  # most entities: one sighting, one role at most
        rank, _, role, _, _, named = sightings[0]
        if not role or not role.strip():
            return ()
        text, _ = _role_key(role, named)
        # `pack_forms(text, named or text, (text,))`: the office's name, if it differs.
        return ((text, (rank,), () if not named or named == text else (named,)),)
    roles: dict[str, _RoleSeen] = {}
    for rank, _, role, _, _, named in sightings:
        if not role or not role.strip():
            continue
        text, key = _role_key(role, named)
        found = roles.get(key)
        if found is None:
            found = roles[key] = _RoleSeen()
        found.wordings[text] += 1
        found.offices[named or text] += 1
        found.ranks[rank] = None
    for bare in [key for key in roles if is_bare(key)]:
        wider = [key for key in roles if key.startswith(bare + " ")]
        if len(wider) == 1:
            joined, into = roles.pop(bare), roles[wider[0]]
            into.ranks = dict.fromkeys(sorted({*into.ranks, *joined.ranks}))
            into.others.update(joined.wordings)  # kept as wordings, never shown first
    out: list[RoleRanks] = []
    for seen in roles.values():
        role = _most_common(seen.wordings)
        forms = {*seen.wordings, *seen.others}
        out.append((role, tuple(seen.ranks), pack_forms(role, _most_common(seen.offices), forms)))
    return tuple(out)


@dataclass(slots=True)
class _RoleSeen:
    """The sightings of one office: its wordings, office names, bulletins."""

    wordings: Counter[str] = field(default_factory=Counter)
    offices: Counter[str] = field(default_factory=Counter)
    ranks: dict[int, None] = field(default_factory=dict)
    others: set[str] = field(default_factory=set)


def packed(entity: Built, sightings: Sequence[_Sighting] | None = None) -> PackedEntity:
    """The entity as a table row; `sightings`: its own, when the caller has them already."""
    if sightings is None:
        sightings = entity.sightings
    if len(sightings) == 1:  # most entities
        rank, _, _, mentions, _, _ = sightings[0]
        roles = _roles(sightings)
        return PackedEntity(
            entity.id, entity.kind, entity.name, entity.aliases, roles, [rank], max(1, mentions)
        )
    return PackedEntity(
        entity.id,
        entity.kind,
        entity.name,
        entity.aliases,
        _roles(sightings),
        list(dict.fromkeys([sighting[0] for sighting in sightings])),
        sum(max(1, mentions) for _, _, _, mentions, _, _ in sightings),
    )


def _table(
    built: list[Built], ordered: Sequence[BulletinSummary], sizes: Sequence[int]
) -> EntityTable:
    """`sizes[rank]`: how many entities the bulletin at `rank` has."""
    assigned = [[NO_ENTITY] * size for size in sizes]

    def rows() -> Iterator[PackedEntity]:
        for index, entity in enumerate(built):
            groups = entity.groups  # one group, most: `entity.sightings` without the call
            sightings = groups[0].sightings if len(groups) == 1 else entity.sightings
            for sighting in sightings:  # no unpacking: 10^6 sightings at 50k bulletins
                assigned[sighting[0]][sighting[1]] = index
            yield packed(entity, sightings)

    return EntityTable.pack(rows(), assigned, ordered)


@lru_cache(maxsize=65536)
def _role_key(role: str, named: str | None) -> tuple[str, str]:
    """The wording, spaces squashed, and the key of its office (of the wording when the
    bulletin gave no office: resolved from an older cache)."""
    text = " ".join(nfc(role).split())
    if text == role:
        text = role  # kept for the whole run: one string, not two equal ones
    return text, office(" ".join(nfc(named).split()) if named else text).key or fold(text)


def _most_common(spellings: Counter[str]) -> str:
    if len(spellings) == 1:
        return next(iter(spellings))
    return min(spellings, key=lambda s: (-spellings[s], -count_diacritics(s), s))
