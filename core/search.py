"""Fuzzy search over entity names, aliases and roles, fast enough to run on every keystroke.

Query syntax follows fzf: space-separated terms are ANDed; `'word` must occur as written
(substring), `^word` starts a name, `word$` ends one, `!word` excludes entities containing it
(also `!^word`, `!word$`). A plain term matches a word of a name, alias or role exactly, as a
prefix ("chihu" -> "Chihuahua"), inside a word ("anaya" in "Santanaya"), or with a typo
("gonzales" -> "González"). Everything is accent- and case-insensitive. Roles are searched as
written and as offices (core.entities.roles): "gober oaxaca" finds the man a bulletin about
Oaxaca calls "Gobernador de la entidad".

How it stays fast over 100,000 names: every string is folded once (core.textfold keeps
offsets, so spans point into the accented original) and split into words; an inverted index
maps each word to the entities that use it. A query term is expanded against the sorted word
vocabulary (bisect for prefixes, one C-level scan for infixes, rapidfuzz over the vocabulary
for typos), the expansions give candidate entities by set union and intersection, and only a
bounded number of candidates (`MAX_SCORED`, best-known first) are scored in Python.
"""

from __future__ import annotations

import marshal
import mmap
import re
import struct
import threading
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice, pairwise
from typing import BinaryIO, Literal

from rapidfuzz import fuzz, process

from core.entities.gazetteer import state_short_forms
from core.entities.institutions import LONG_NAMES
from core.entity_table import EntityTable
from core.lazy import LazySequence
from core.models import Entity, EntityKind, Hit
from core.query_limits import bound_query
from core.runtime import gc_paused
from core.textfold import WORD, fold, nfc, word_spans

Field = Literal["name", "alias", "role"]
#: A row's field as stored: one byte per row.
_FIELDS: tuple[Field, ...] = ("name", "alias", "role")
_FIELD_CODES: dict[Field, int] = {name: code for code, name in enumerate(_FIELDS)}
_ROLE = _FIELD_CODES["role"]
_KIND_CODES = {kind: code for code, kind in enumerate(EntityKind)}

#: Words this short are matched by prefix/exact only: an infix "a" or "de" would match all.
MIN_INFIX_LEN = 3
#: Shortest word given typo tolerance; shorter words have too many near neighbours.
MIN_TYPO_LEN = 4
#: rapidfuzz fuzz.ratio (0-100) a vocabulary word needs to count as a typo of the query word.
TYPO_MIN_RATIO = 80.0
#: At most this many vocabulary words stand in for one misspelled query word.
TYPO_MAX_WORDS = 40
#: Candidates scored per query of one or two terms (fewer for longer queries); beyond this,
#: the best-known entities (most bulletins) go first.
MAX_SCORED = 250
#: The fewest candidates a long query scores (the budget shrinks as terms are added).
MIN_SCORED = 60
#: Candidates scored when every word is vague: ranking then follows the prior anyway.
VAGUE_SCORED = 120
#: Entities with more roles than this are scored through a word -> roles map ...
MAX_ROLE_ROWS = 6
#: ... reading at most this many roles (the shortest) per query term.
ROLES_PER_TERM = 3
#: A word standing for more postings than this is not turned into a set: entities are walked
#: best-known first and tested against it instead ("j", "de" on 100,000 names).
SCAN_ABOVE = 20_000

# Match quality of one query word against one word of a string (0-1).
_EXACT = 1.0
_PREFIX_BASE, _PREFIX_RANGE = 0.75, 0.25  # grows with the share of the word typed
_INFIX_BASE, _INFIX_RANGE = 0.5, 0.2
_TYPO_WEIGHT = 0.85  # times the typo's ratio / 100
_FILTER = 1.0  # a satisfied ', ^ or $ term
# Whole-string score = 100 * field weight * (quality share + compactness share + order bonus).
_QUALITY_SHARE, _COMPACT_SHARE, _ORDER_BONUS = 0.88, 0.12, 0.03
_FIELD_WEIGHT: dict[str, float] = {"name": 1.0, "alias": 0.97, "role": 0.85}
_CROSS_FIELD = 0.8  # a term matched only in another of the entity's strings
_CACHE_SIZE = 512
#: Row words renumbered at a time while building (see `_renumbered`).
_RENUMBER_SLICE = 1 << 18
_NO_POSTINGS = array("I")


@dataclass(frozen=True)
class Term:
    """One parsed query term."""

    text: str  # folded, operators stripped
    exact: bool = False  # 'word
    prefix: bool = False  # ^word
    suffix: bool = False  # word$
    negate: bool = False  # !word

    @property
    def is_filter(self) -> bool:
        return self.exact or self.prefix or self.suffix


def parse_query(query: str) -> list[Term]:
    """fzf-style terms; a plain term with punctuation ("no.1") becomes one term per word."""
    terms: list[Term] = []
    for raw in query.split():
        negate = raw.startswith("!")
        body = raw[1:] if negate else raw
        exact = body.startswith("'")
        body = body[1:] if exact else body
        prefix = body.startswith("^")
        body = body[1:] if prefix else body
        suffix = body.endswith("$") and len(body) > 1
        body = body[:-1] if suffix else body
        text = fold(nfc(body))
        if not text:
            continue
        if negate or exact or prefix or suffix:
            terms.append(Term(text, exact or negate, prefix, suffix, negate))
        else:
            terms.extend(Term(word) for word in WORD.findall(text))
    return terms


_UNIT_NUMBER = re.compile(r"\s(?:(?:No|N[úu]m|N[úu]mero)\.?\s*)?\d", re.IGNORECASE)


def unit_abbreviation(name: str) -> str | None:
    """How people write a numbered unit: "Unidad de Medicina Familiar No. 38" -> "UMF No. 38".

    IMSS abbreviations are the initials of the capitalized words (HGZ, HGR, UMF, UMR, UMAE),
    so they are derived, not listed. Searched as an alias of the facility.
    """
    number = _UNIT_NUMBER.search(name)
    if number is None:
        return None
    initials = [word[0] for word in name[: number.start()].split() if word[:1].isupper()]
    if len(initials) < 2:
        return None
    return "".join(initials).upper() + name[number.start() :]


@dataclass
class _Expansion:
    """What one query term stands for in the vocabulary, and (lazily) which entities have it.

    `quality` maps a vocabulary word (its id) to (match quality, how it matched, letters
    matched); `strong` words match
    exactly or by prefix, `weak` ones inside a word or with a typo. `estimate` (sum of the
    posting sizes; `strong_estimate` of the strong words') decides whether building the
    entity set is worth it.
    """

    term: Term
    quality: dict[int, tuple[float, str, int]] = field(default_factory=dict)
    strong_words: list[int] = field(default_factory=list)
    weak_words: list[int] = field(default_factory=list)
    estimate: int = 0
    strong_estimate: int = 0
    strong_set: set[int] | None = None
    full_set: set[int] | None = None

    @property
    def needle(self) -> str:
        """What an entity's word blob must contain for a strong match."""
        t = self.term
        return " " + t.text if (t.prefix or not t.exact) and not t.suffix else t.text

    @property
    def infix(self) -> bool:
        return not self.term.is_filter and len(self.term.text) >= MIN_INFIX_LEN


@dataclass
class SearchResult:
    """Hits plus how many entities matched in all (an estimate for one- or two-letter words)."""

    hits: list[Hit]
    total: int
    exact_total: bool = True


class EntitySearch:
    """Index over a corpus's entities, built once; `search` is safe from worker threads."""

    def __init__(self, entities: Iterable[Entity] | EntityTable) -> None:
        table = (
            entities if isinstance(entities, EntityTable) else EntityTable.from_entities(entities)
        )
        with gc_paused():
            self._build(table)
        self._init_caches()

    def _init_caches(self) -> None:
        self._cache: OrderedDict[tuple[str, bool, bool, bool], _Expansion] = OrderedDict()
        #: Answers to recent queries: every search starts with the same few letters, and
        #: backspace retypes what was just answered. The index never changes once built.
        self._results: OrderedDict[tuple[str, tuple[str, ...] | None, int], SearchResult] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def _build(self, table: EntityTable) -> None:
        self._table = table
        # Entity numbers follow a prior (most bulletins, then shortest name): when a query is
        # too vague to score everything, low numbers are the ones worth scoring.
        # Sorted by keys alone: one row (names, roles...) per entity at a time is made below,
        # not 500,000 of them at once (~300 MB at 50,000 bulletins).
        self._order = _prior_order(table)
        self._kinds = bytes(_KIND_CODES[table.kinds[i]] for i in self._order)
        # One row per distinct string of an entity; a string many entities share (a role) is
        # folded and split once, and a name is the table's own string, not a copy.
        self._extra: list[str] = []
        extra_ids: dict[str, int] = {}
        word_ids: dict[str, int] = {}  # numbered as first seen; renumbered sorted below
        split_cache: dict[str, tuple[array[int], int]] = {}
        rows_text, rows_field, rows_letters = array("I"), bytearray(), array("I")
        rows_words, rows_words_end = array("I"), array("I", [0])
        entity_rows = array("I", [0])
        postings: list[array[int]] = []
        novel: dict[int, tuple[int, ...]] = {}
        self._blobs: list[str] = []  # " word word ... " per entity: one C-level `in` test
        many_roles: list[tuple[int, list[int]]] = []
        words_seen: list[str] = []
        base = len(table)

        def split(text: str) -> tuple[array[int], int]:
            found = WORD.findall(fold(text))
            ids = array("I")
            for word in found:
                word_id = word_ids.get(word)
                if word_id is None:
                    word_id = word_ids[word] = len(words_seen)
                    words_seen.append(word)
                    postings.append(array("I"))
                ids.append(word_id)
            return ids, max(1, sum(map(len, found)))

        for number, index in enumerate(self._order):
            entity = table.row(index)
            own_words: set[int] = set()
            seen: set[str] = set()
            texts: list[tuple[str, Field]] = [(entity.name, "name")]
            texts += [(alias, "alias") for alias in entity.aliases]
            # Offices too: "Gobernador de la entidad" is found as "gober oaxaca".
            texts += [(role, "role") for role in (*entity.roles, *entity.role_forms)]
            if entity.kind == EntityKind.FACILITY and (short := unit_abbreviation(entity.name)):
                texts.append((short, "alias"))
            elif entity.kind == EntityKind.PLACE:  # "cdmx", "edomex", "D.F." find their state
                texts += [(form, "alias") for form in state_short_forms(entity.name)]
            elif entity.kind == EntityKind.INSTITUTION and (long := LONG_NAMES.get(entity.name)):
                texts.append((long, "alias"))  # "seguro social" finds the IMSS
            name_words: tuple[int, ...] = ()
            roles: list[int] = []
            for text, kind_of_field in texts:
                if text in seen:
                    continue
                seen.add(text)
                original = nfc(text)
                if kind_of_field == "name" and original == text:
                    text_id = entity.index
                    found_words, letters = split(original)
                else:
                    text_id = extra_ids.get(original, -1)
                    if text_id < 0:
                        text_id = extra_ids[original] = base + len(self._extra)
                        self._extra.append(original)
                    cached = split_cache.get(original)
                    if cached is None:
                        cached = split_cache[original] = split(original)
                    found_words, letters = cached
                if not found_words:
                    continue
                if kind_of_field == "name":
                    name_words = tuple(found_words)
                elif (
                    kind_of_field == "alias"
                    and len(found_words) < len(name_words)
                    and tuple(found_words) == name_words[: len(found_words)]
                ):
                    continue  # the name minus its tail ("…No. 1" of "…No. 1, Oaxaca"): no news
                row = len(rows_text)
                if kind_of_field == "alias" and name_words:
                    novel[row] = tuple(w for w in dict.fromkeys(found_words) if w not in name_words)
                elif kind_of_field == "role":
                    roles.append(row)
                rows_text.append(text_id)
                rows_field.append(_FIELD_CODES[kind_of_field])
                rows_letters.append(letters)
                rows_words.extend(found_words)
                rows_words_end.append(len(rows_words))
                own_words.update(found_words)
            entity_rows.append(len(rows_text))
            if len(roles) > MAX_ROLE_ROWS:
                many_roles.append((number, roles))
            self._blobs.append(" " + " ".join(words_seen[w] for w in own_words) + " ")
            for word in own_words:
                postings[word].append(number)
        del split_cache
        # Word ids in alphabetical order: the words a prefix starts are a range of ids.
        self._vocabulary = sorted(words_seen)
        sorted_id = {word: i for i, word in enumerate(self._vocabulary)}
        renumber = [sorted_id[word] for word in words_seen]
        self._rows_words = _renumbered(rows_words, renumber)
        self._postings = array("I")
        self._postings_end = array("I")
        for word in self._vocabulary:
            self._postings.extend(postings[word_ids[word]])
            postings[word_ids[word]] = _NO_POSTINGS  # freed as copied: never two copies
            self._postings_end.append(len(self._postings))
        self._novel = {row: tuple(renumber[w] for w in found) for row, found in novel.items()}
        self._rows_text, self._rows_field = rows_text, bytes(rows_field)
        self._rows_letters, self._rows_words_end = rows_letters, rows_words_end
        self._entity_rows = entity_rows
        self._many_roles: dict[int, tuple[list[int], dict[int, list[int]]]] = {}
        for number, roles in many_roles:
            self._index_roles(number, roles)
        self._index_vocabulary()

    def _index_vocabulary(self) -> None:
        """The word list as one string, for the C-level infix scan, and where each word
        starts in it; words by length are made on the first typo."""
        self._blob = "\n" + "\n".join(self._vocabulary) + "\n"
        self._blob_starts = array("I")
        offset = 1
        for word in self._vocabulary:
            self._blob_starts.append(offset)
            offset += len(word) + 1
        self._by_length: dict[int, tuple[list[int], list[str]]] | None = None

    # -- rows: what each stored string is, by row number --------------------------------------

    def _rows(self, number: int) -> range:
        """The rows (strings) of entity `number`."""
        return range(self._entity_rows[number], self._entity_rows[number + 1])

    def _row_words(self, row: int) -> array[int]:
        """The row's words as vocabulary ids, in the order they are written."""
        return self._rows_words[self._rows_words_end[row] : self._rows_words_end[row + 1]]

    def _row_text(self, row: int) -> str:
        """The row's string as written (NFC): a name of the table, or one of `_extra`."""
        text_id, names = self._rows_text[row], self._table.names
        return names[text_id] if text_id < len(names) else self._extra[text_id - len(names)]

    def _row_folded(self, row: int) -> str:
        return fold(self._row_text(row))

    def _row_field(self, row: int) -> Field:
        return _FIELDS[self._rows_field[row]]

    def _word_id(self, word: str) -> int | None:
        i = bisect_left(self._vocabulary, word)
        return i if i < len(self._vocabulary) and self._vocabulary[i] == word else None

    def _posting(self, word_id: int) -> array[int]:
        """The entities (numbers, ascending) with a string holding this word."""
        end = self._postings_end
        return self._postings[end[word_id - 1] if word_id else 0 : end[word_id]]

    def _posting_size(self, word_id: int) -> int:
        end = self._postings_end
        return end[word_id] - (end[word_id - 1] if word_id else 0)

    # The built index as a few flat arrays and strings: saved and restored at memory speed
    # (core/finder_cache.py keeps it beside the entity table), and ~10x smaller in memory
    # than a tuple of strings per row.
    _ARRAYS = (
        "_order",
        "_entity_rows",
        "_rows_text",
        "_rows_letters",
        "_rows_words",
        "_rows_words_end",
        "_postings",
        "_postings_end",
    )

    def write_state(self, out: BinaryIO) -> None:
        """Save the built index for `restored` (same table, same version of this module)."""
        header = (len(self._table), len(self._order), self._array_types(), self._ARRAYS)
        checksum = 0
        for record in self._state_records(header):  # one at a time: the arrays not copied
            checksum = zlib.crc32(record, checksum)
            _write_record(out, record)
        _write_record(out, marshal.dumps(checksum))

    def _array_types(self) -> tuple[tuple[str, int], ...]:
        """Each array's type code and item size (a file from another platform is refused)."""
        return tuple(
            (column.typecode, column.itemsize)
            for column in (getattr(self, name) for name in self._ARRAYS)
        )

    def _state_records(self, header: tuple[object, ...]) -> Iterator[bytes | array[int]]:
        """What `write_state` writes, made as it is written: all of it at once was 150 MB
        more at 50,000 bulletins, beside the index itself."""
        yield marshal.dumps(header)
        for name in self._ARRAYS:
            yield getattr(self, name)
        yield marshal.dumps(self._kinds)
        yield marshal.dumps(self._rows_field)
        yield marshal.dumps("\n".join(self._vocabulary))
        yield marshal.dumps("\n".join(self._blobs))
        for value in (self._extra, self._novel, self._many_roles):
            yield marshal.dumps(value)

    @classmethod
    def restored(cls, table: EntityTable, data: bytes | mmap.mmap) -> EntitySearch | None:
        """The index `write_state` saved for this table; None when the data does not fit."""
        records = _records(data)
        checksum = 0

        def read() -> memoryview:
            nonlocal checksum
            record = next(records)
            checksum = zlib.crc32(record, checksum)
            return record

        search = cls.__new__(cls)
        with gc_paused():
            try:
                count, entities, types, arrays = marshal.loads(read())
                if (count, arrays) != (len(table), cls._ARRAYS) or len(types) != len(arrays):
                    return None
                for name, (typecode, itemsize) in zip(arrays, types, strict=True):
                    if typecode not in ("H", "I") or array(typecode).itemsize != itemsize:
                        return None
                    column = array(typecode)
                    column.frombytes(read())
                    setattr(search, name, column)
                search._kinds, search._rows_field, vocabulary, blobs = (
                    marshal.loads(read()) for _ in range(4)
                )
                search._extra, search._novel, search._many_roles = (
                    marshal.loads(read()) for _ in range(3)
                )
                saved_checksum = marshal.loads(next(records))
                # The checksum stands for range checks over millions of ids: a file whose
                # bytes are what was written indexes only what it was written for.
                if saved_checksum != checksum:
                    return None
                search._vocabulary = vocabulary.split("\n") if vocabulary else []
                search._blobs = blobs.split("\n") if entities else []
            except (EOFError, ValueError, TypeError, StopIteration, struct.error):
                return None
        search._table = table
        if not search._consistent(entities):
            return None
        search._index_vocabulary()
        search._init_caches()
        return search

    def _consistent(self, entities: int) -> bool:
        """Whether restored columns fit together (a damaged file must not index out of range)."""
        rows = len(self._rows_text)
        return (
            len(self._order) == len(self._kinds) == len(self._blobs) == entities
            and len(self._entity_rows) == entities + 1
            and (not entities or self._entity_rows[-1] == rows)
            and len(self._rows_field) == len(self._rows_letters) == rows
            and len(self._rows_words_end) == rows + 1
            and self._rows_words_end[-1] == len(self._rows_words)
            and len(self._postings_end) == len(self._vocabulary)
            and (not self._vocabulary or self._postings_end[-1] == len(self._postings))
            and isinstance(self._kinds, bytes)
            and isinstance(self._rows_field, bytes)
            and isinstance(self._extra, list)
            and all(isinstance(value, dict) for value in (self._novel, self._many_roles))
        )

    def _index_roles(self, number: int, roles: list[int]) -> None:
        by_word: dict[int, list[int]] = defaultdict(list)
        for row in roles:
            for word in set(self._row_words(row)):
                by_word[word].append(row)
        for rows in by_word.values():
            rows.sort(key=self._rows_letters.__getitem__)  # shortest role first
        direct = [r for r in self._rows(number) if self._rows_field[r] != _ROLE]
        self._many_roles[number] = (direct, dict(by_word))

    def __len__(self) -> int:
        return len(self._order)

    @property
    def entities(self) -> LazySequence[Entity]:
        """The entities in prior order (most bulletins first), each built when read."""
        return LazySequence(len(self._order), self._entity)

    def _entity(self, number: int) -> Entity:
        return self._table.entity(self._order[number])

    def search(
        self, query: str, kinds: Collection[EntityKind | str] | None = None, limit: int = 20
    ) -> list[Hit]:
        """Best `limit` hits for an fzf-style query; an empty query lists the best-known."""
        return self.query(query, kinds, limit).hits

    def query(
        self, query: str, kinds: Collection[EntityKind | str] | None = None, limit: int = 20
    ) -> SearchResult:
        """Like `search`, with the number of matching entities for an `N/M` display."""
        query = bound_query(query).text  # a pasted page must not cost seconds per keystroke
        key = (" ".join(query.split()), None if kinds is None else tuple(sorted(kinds)), limit)
        with self._lock:
            answered = self._results.get(key)
            if answered is not None:
                self._results.move_to_end(key)
                return replace(answered, hits=list(answered.hits))  # callers may edit the list
        result = self._query(query, kinds, limit)
        with self._lock:
            self._results[key] = result
            while len(self._results) > _CACHE_SIZE:
                self._results.popitem(last=False)
        return replace(result, hits=list(result.hits))

    def _query(
        self, query: str, kinds: Collection[EntityKind | str] | None, limit: int
    ) -> SearchResult:
        terms = parse_query(query)
        positive = [self._expand(t) for t in terms if not t.negate]
        negative = [t for t in terms if t.negate]
        allowed = self._allowed(kinds)
        chosen, total, exact = self._candidates(positive, negative, allowed)
        if not positive:
            return SearchResult([self._plain_hit(n) for n in chosen[:limit]], total, exact)
        scored: list[tuple[float, int, int]] = []
        by_word = _word_terms(positive)
        for number in chosen:
            best = self._score_entity(number, positive, by_word)
            if best is not None:
                scored.append((-best[0], number, best[1]))
        scored.sort()
        if exact and len(chosen) == total:
            total = len(scored)
        hits = [self._hit(n, row, -neg, positive) for neg, n, row in scored[:limit]]
        return SearchResult(hits, total, exact)

    # -- candidates -------------------------------------------------------------------------

    def _allowed(self, kinds: Collection[EntityKind | str] | None) -> Callable[[int], bool] | None:
        """A test of an entity's kind, or None for every kind."""
        if not kinds:
            return None
        codes, allowed = self._kinds, {_KIND_CODES[EntityKind(kind)] for kind in kinds}
        return lambda n: codes[n] in allowed

    def _candidates(
        self,
        positive: list[_Expansion],
        negative: list[Term],
        allowed: Callable[[int], bool] | None,
    ) -> tuple[list[int], int, bool]:
        """Entity numbers worth scoring (at most MAX_SCORED, best-known first), how many
        entities match in all, and whether that count is exact."""
        blobs = self._blobs
        keep: list[Callable[[int], bool]] = []
        if allowed is not None:
            keep.append(allowed)
        for term in negative:
            keep.append(self._negation_test(term))
        ordered = sorted(positive, key=lambda e: e.estimate)
        if not ordered or min(e.strong_estimate for e in ordered) > SCAN_ABOVE:
            # Only vague words ("j", "de"): walk entities best-known first and stop early.
            # (A rare prefix with many words around it, "conce", is not vague: its own
            # entities are few.)
            found: Iterable[int] = range(len(blobs))
            for test in [self._strong_test(e) for e in ordered] + keep:
                found = filter(test, found)  # chained in C: no per-entity generator
            chosen = list(islice(found, VAGUE_SCORED))
            if len(chosen) < VAGUE_SCORED:
                return chosen, len(chosen), True
            estimate = min([len(blobs), *(e.estimate for e in ordered)])
            return chosen, estimate, False
        pivot, others = ordered[0], ordered[1:]
        # Scoring costs per term: a long query ("hospital general de subzona no 1") scores
        # fewer candidates, all of which match every term anyway.
        budget = max(MIN_SCORED, MAX_SCORED * 2 // max(2, len(ordered)))
        strong = self._narrow(self._strong_set(pivot), others, keep, full=False)
        if len(strong) >= budget or not any(e.weak_words for e in ordered):
            return self._best_known(strong, budget), len(strong), True
        everything = self._narrow(self._full_set(pivot), others, keep, full=True)
        return self._best_known(everything, budget), len(everything), True

    def _narrow(
        self,
        start: set[int],
        others: list[_Expansion],
        keep: list[Callable[[int], bool]],
        *,
        full: bool,
    ) -> set[int]:
        result = set(start)
        for expansion in others:
            if not result:
                break
            cached = expansion.full_set if full else expansion.strong_set
            if cached is None and expansion.estimate <= 2 * len(result):
                cached = self._full_set(expansion) if full else self._strong_set(expansion)
            if cached is not None:
                result &= cached
            else:
                test = self._full_test(expansion) if full else self._strong_test(expansion)
                result = set(filter(test, result))
        for test in keep:
            result = set(filter(test, result))
        return result

    def _strong_test(self, expansion: _Expansion) -> Callable[[int], bool]:
        blobs, needle = self._blobs, expansion.needle
        return lambda n: needle in blobs[n]

    def _full_test(self, expansion: _Expansion) -> Callable[[int], bool]:
        blobs, text = self._blobs, expansion.term.text
        needle = text if expansion.infix else expansion.needle
        typo_words = [w for w in expansion.weak_words if expansion.quality[w][1] == "typo"]
        typos = self._union(typo_words) if typo_words else set()
        return lambda n: needle in blobs[n] or n in typos

    def _negation_test(self, term: Term) -> Callable[[int], bool]:
        if WORD.fullmatch(term.text) and not term.prefix and not term.suffix:
            blobs, text = self._blobs, term.text
            return lambda n: text not in blobs[n]
        return lambda n: not any(_satisfies(self._row_folded(row), term) for row in self._rows(n))

    def _best_known(self, candidates: set[int], budget: int = MAX_SCORED) -> list[int]:
        # Sorting costs with the candidates, walking the prior with how rare they are: at
        # 1/64 of the entities a walk visits 64 * budget of them, at C speed.
        if len(candidates) <= budget or len(candidates) * 64 < len(self._order):
            return sorted(candidates)[:budget]
        found = filter(candidates.__contains__, range(len(self._order)))
        return list(islice(found, budget))

    def _strong_set(self, expansion: _Expansion) -> set[int]:
        if expansion.strong_set is None:
            expansion.strong_set = self._union(expansion.strong_words)
        return expansion.strong_set

    def _full_set(self, expansion: _Expansion) -> set[int]:
        if expansion.full_set is None:
            weak = self._union(expansion.weak_words)
            expansion.full_set = (
                self._strong_set(expansion) | weak if weak else self._strong_set(expansion)
            )
        return expansion.full_set

    def _union(self, words: Sequence[int]) -> set[int]:
        if not words:
            return set()
        return set().union(*map(self._posting, words))

    # -- expanding a term over the vocabulary -----------------------------------------------

    def _expand(self, term: Term) -> _Expansion:
        key = (term.text, term.exact, term.prefix, term.suffix)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        expansion = self._compute_expansion(term)
        expansion.strong_estimate = sum(map(self._posting_size, expansion.strong_words))
        expansion.estimate = expansion.strong_estimate + sum(
            map(self._posting_size, expansion.weak_words)
        )
        with self._lock:
            self._cache[key] = expansion
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return expansion

    def _compute_expansion(self, term: Term) -> _Expansion:
        if term.is_filter:
            return self._filter_expansion(term)
        text = term.text
        expansion = _Expansion(term)
        quality = expansion.quality
        vocabulary = self._vocabulary
        for word in self._prefixed(text):
            length = len(vocabulary[word])
            if length == len(text):
                quality[word] = (_EXACT, "exact", length)
            else:
                q = _PREFIX_BASE + _PREFIX_RANGE * len(text) / length
                quality[word] = (q, "prefix", len(text))
        expansion.strong_words = list(quality)
        if len(text) >= MIN_INFIX_LEN:
            for word in self._infixed(text):
                if word not in quality:
                    q = _INFIX_BASE + _INFIX_RANGE * len(text) / len(vocabulary[word])
                    quality[word] = (q, "infix", len(text))
                    expansion.weak_words.append(word)
        if len(text) >= MIN_TYPO_LEN and self._word_id(text) is None:
            for word, ratio in self._typos(text):
                q = _TYPO_WEIGHT * ratio / 100
                if word not in quality:
                    quality[word] = (q, "typo", len(vocabulary[word]))
                    expansion.weak_words.append(word)
        return expansion

    def _filter_expansion(self, term: Term) -> _Expansion:
        """Candidates for ', ^ and $ terms; the exact condition is checked when scoring."""
        pieces = WORD.findall(term.text)
        expansion = _Expansion(term)
        if not pieces:
            return expansion
        words: Sequence[int]
        if term.prefix:
            if len(pieces) == 1:
                words = self._prefixed(pieces[0])
            else:
                first = self._word_id(pieces[0])
                words = [] if first is None else [first]
        elif term.suffix and len(pieces) == 1:
            vocabulary = self._vocabulary
            infixed = self._infixed(pieces[0], True)
            words = [w for w in infixed if vocabulary[w].endswith(pieces[0])]
        else:
            words = self._infixed(max(pieces, key=len), include_prefix=True)
        expansion.strong_words = list(words)
        return expansion

    def _prefixed(self, text: str) -> range:
        """The ids of the words `text` starts (alphabetical ids: one range)."""
        lo = bisect_left(self._vocabulary, text)
        return range(lo, bisect_left(self._vocabulary, text + "\uffff", lo))

    def _infixed(self, text: str, include_prefix: bool = False) -> list[int]:
        found: dict[int, None] = {}
        starts = self._blob_starts
        for match in re.finditer(re.escape(text), self._blob):
            i = bisect_right(starts, match.start()) - 1
            if include_prefix or match.start() != starts[i]:
                found[i] = None
        return list(found)

    def _typos(self, text: str) -> list[tuple[int, float]]:
        # fuzz.ratio >= 80 needs lengths within a factor 1.5 of each other.
        lo, hi = -(-len(text) * 2 // 3), len(text) * 3 // 2
        by_length = self._words_by_length()
        ids: list[int] = []
        pool: list[str] = []
        for n in range(lo, hi + 1):
            same_ids, same_words = by_length.get(n, ((), ()))
            ids += same_ids
            pool += same_words
        found = process.extract(
            text, pool, scorer=fuzz.ratio, score_cutoff=TYPO_MIN_RATIO, limit=TYPO_MAX_WORDS
        )
        return [(ids[i], score) for _, score, i in found]

    def _words_by_length(self) -> dict[int, tuple[list[int], list[str]]]:
        """Vocabulary ids and words of each length (made on the first typo)."""
        if self._by_length is None:
            by_length: dict[int, tuple[list[int], list[str]]] = {}
            for word_id, word in enumerate(self._vocabulary):
                same_ids, same_words = by_length.setdefault(len(word), ([], []))
                same_ids.append(word_id)
                same_words.append(word)
            self._by_length = by_length
        return self._by_length

    # -- scoring ----------------------------------------------------------------------------

    def _rows_to_score(self, number: int, terms: list[_Expansion]) -> Iterable[int]:
        """All strings of an entity, except for one with many roles: its names, plus for each
        term the shortest roles holding that term's best word."""
        many = self._many_roles.get(number)
        if many is None:
            return self._rows(number)
        direct, by_word = many
        chosen = dict.fromkeys(direct)
        # Rarest terms first, and at most MAX_ROLE_ROWS roles in all: a six-word query over an
        # official with dozens of roles would otherwise score ~20 of them.
        for expansion in sorted(terms, key=lambda e: e.estimate):
            if len(chosen) - len(direct) >= MAX_ROLE_ROWS:
                break
            if expansion.term.is_filter:
                needle = expansion.term.text
                matching = (r for r in self._rows(number) if needle in self._row_folded(r))
                chosen.update(dict.fromkeys(islice(matching, ROLES_PER_TERM)))
                continue
            quality = expansion.quality
            best_q, best_word = 0.0, None
            if len(quality) < len(by_word):
                for word, found in quality.items():
                    if found[0] > best_q and word in by_word:
                        best_q, best_word = found[0], word
            else:
                for word in by_word:
                    found = quality.get(word)
                    if found is not None and found[0] > best_q:
                        best_q, best_word = found[0], word
            if best_word is not None:
                chosen.update(dict.fromkeys(by_word[best_word][:ROLES_PER_TERM]))
        return chosen

    def _score_entity(
        self, number: int, terms: list[_Expansion], by_word: _WordTerms | None = None
    ) -> tuple[float, int] | None:
        """(score, best string row), or None when some term matches none of its strings.

        One pass per string: each term's best word (quality, letters matched, position).
        A term matched only in another string of the entity counts at `_CROSS_FIELD`.
        """
        if by_word is None:
            by_word = _word_terms(terms)
        count = len(terms)
        covered = [0.0] * count
        rows: list[tuple[int, list[float], int, list[int]]] = []
        filters = [(i, e.term) for i, e in enumerate(terms) if e.term.is_filter]
        novel = self._novel
        for row in self._rows_to_score(number, terms):
            if not filters and row in novel and not any(by_word(w) for w in novel[row]):
                continue  # an alias whose own words match nothing scores below the name
            words = self._row_words(row)
            best_q = [0.0] * count
            best_len = [0] * count
            best_at = [-1] * count
            for at, word in enumerate(words):  # one lookup per word, whatever the terms
                found_for = by_word(word)
                if found_for is None:
                    continue
                for i, found in found_for:
                    if found[0] > best_q[i]:
                        best_q[i], best_len[i], best_at[i] = found[0], found[2], at
            folded = self._row_folded(row) if filters else ""
            for i, term in filters:
                if _satisfies(folded, term):
                    best_q[i], best_len[i] = _FILTER, len(term.text)
            qualities = [0.0] * count
            matched = 0
            positions: list[int] = []
            for i in range(count):
                quality = best_q[i]
                if quality <= 0:
                    continue
                qualities[i] = quality
                matched += best_len[i]
                if best_at[i] >= 0:
                    positions.append(best_at[i])
                if quality > covered[i]:
                    covered[i] = quality
            if matched:
                rows.append((row, qualities, matched, positions))
        if not rows or min(covered) <= 0:
            return None
        best: tuple[float, int] | None = None
        for row, qualities, matched, positions in rows:
            total = sum(q or covered[i] * _CROSS_FIELD for i, q in enumerate(qualities))
            compact = min(1.0, matched / self._rows_letters[row])
            in_order = len(positions) > 1 and all(a < b for a, b in pairwise(positions))
            raw = (
                _QUALITY_SHARE * total / count
                + _COMPACT_SHARE * compact
                + (_ORDER_BONUS if in_order else 0.0)
            )
            score = 100 * _FIELD_WEIGHT[_FIELDS[self._rows_field[row]]] * min(1.0, raw)
            if best is None or score > best[0]:
                best = (score, row)
        return best

    def _hit(self, number: int, row: int, score: float, terms: list[_Expansion]) -> Hit:
        matched = self._row_text(row)
        folded = fold(matched)
        words = [(self._word_id(word), start, end) for word, start, end in word_spans(folded)]
        spans = [s for e in terms if (s := _term_span(folded, words, e)) is not None]
        return Hit(
            entity=self._entity(number),
            score=round(score, 2),
            matched=matched,
            field=self._row_field(row),
            spans=_merge(spans),
        )

    def _plain_hit(self, number: int) -> Hit:
        entity = self._entity(number)
        return Hit(entity=entity, score=0.0, matched=nfc(entity.name), field="name", spans=[])


def _renumbered(words: array[int], renumber: Sequence[int]) -> array[int]:
    """`words` renumbered, two bytes a word when the vocabulary allows (it does for the
    ~3,000 words of 50,000 synthetic bulletins: 12M row words, 24 MB less), taken from
    the end a slice at a time, so that `words` shrinks as the result grows."""
    result = array("H" if len(renumber) <= 1 << 16 else "I")
    while words:
        part = words[-_RENUMBER_SLICE:]
        del words[-_RENUMBER_SLICE:]
        part.reverse()
        result.extend(map(renumber.__getitem__, part))
    result.reverse()
    return result


def _prior_order(table: EntityTable) -> array[int]:
    """Entity rows by prior: most bulletins, most mentions, shortest name, then id.

    One stable sort per key, least significant first, gives the order of a sort by the
    tuple of keys without a tuple per entity (~60 MB at 50,000 bulletins, at the peak of
    the finder's build)."""
    bulletins, mentions, names = table.columns["offsets"], table.columns["mentions"], table.names
    order = list(range(len(table)))
    order.sort(key=table.ids.__getitem__)
    order.sort(key=lambda i: len(names[i]))
    order.sort(key=lambda i: -mentions[i])
    order.sort(key=lambda i: bulletins[i] - bulletins[i + 1])
    return array("I", order)


_Match = tuple[float, str, int]
#: Vocabulary word id -> [(query term index, how that term matches the word)], or None.
_WordTerms = Callable[[int], Sequence[tuple[int, _Match]] | None]


_RECORD_SIZE = struct.Struct("<Q")


def _write_record(out: BinaryIO, blob: bytes | array[int]) -> None:
    """One record with its length first: `_records` reads it without a file object
    (marshal.load on a file reads in tiny pieces, ~5x slower than marshal.loads)."""
    data = memoryview(blob).cast("B")
    out.write(_RECORD_SIZE.pack(len(data)))
    out.write(data)


def _records(data: bytes | mmap.mmap) -> Iterator[memoryview]:
    """The records of `data`, not copied."""
    view = memoryview(data)
    offset = 0
    while offset < len(view):
        (size,) = _RECORD_SIZE.unpack_from(view, offset)
        offset += _RECORD_SIZE.size
        if offset + size > len(view):
            raise EOFError("truncated record")
        yield view[offset : offset + size]
        offset += size


def _word_terms(terms: list[_Expansion]) -> _WordTerms:
    """Made once per query, so scoring a string costs one lookup per word, not per term.

    One term (most keystrokes, and the vaguest: "c" expands to thousands of words) reads
    its own table; several are merged into one.
    """
    plain = [(i, e) for i, e in enumerate(terms) if not e.term.is_filter]
    if len(plain) == 1:
        (only, expansion), get = plain[0], plain[0][1].quality.get

        def lookup(word: int) -> Sequence[tuple[int, _Match]] | None:
            found = get(word)
            return None if found is None else ((only, found),)

        return lookup
    merged: dict[int, list[tuple[int, _Match]]] = {}
    for i, expansion in plain:
        for word, found in expansion.quality.items():
            merged.setdefault(word, []).append((i, found))
    return merged.get


def _satisfies(folded: str, term: Term) -> bool:
    """Whether a folded string meets a ', ^ or $ term (or the substring of a ! term)."""
    text = term.text
    if term.prefix and term.suffix:
        return folded.strip() == text
    if term.prefix:
        return folded.lstrip().startswith(text)
    if term.suffix:
        return folded.rstrip().endswith(text)
    return text in folded


def _term_span(
    folded: str, words: list[tuple[int | None, int, int]], expansion: _Expansion
) -> tuple[int, int] | None:
    """Where a term matched in a folded string; `words`: (vocabulary id, start, end)."""
    term = expansion.term
    if term.is_filter:
        if not _satisfies(folded, term):
            return None
        if term.suffix and not term.prefix:
            end = len(folded.rstrip())
            return (end - len(term.text), end)
        start = len(folded) - len(folded.lstrip()) if term.prefix else folded.find(term.text)
        return (start, start + len(term.text))
    best: tuple[float, int, int] | None = None
    for word, start, end in words:
        found = None if word is None else expansion.quality.get(word)
        if found is None or (best is not None and found[0] <= best[0]):
            continue
        q, how, _ = found
        if how == "prefix":
            best = (q, start, start + len(term.text))
        elif how == "infix":
            offset = folded.find(term.text, start, end) - start
            best = (q, start + offset, start + offset + len(term.text))
        else:
            best = (q, start, end)
    return None if best is None else (best[1], best[2])


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
