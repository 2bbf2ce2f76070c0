"""Fuzzy search over entity names, aliases and roles, fast enough to run on every keystroke.

Query syntax follows fzf: space-separated terms are ANDed; `'word` must occur as written
(substring), `^word` starts a name, `word$` ends one, `!word` excludes entities containing it
(also `!^word`, `!word$`). A plain term matches a word of a name, alias or role exactly, as a
prefix ("chihu" -> "Chihuahua"), inside a word ("anaya" in "Santanaya"), or with a typo
("gonzales" -> "González"). Everything is accent- and case-insensitive.

How it stays fast over 100,000 names: every string is folded once (core.textfold keeps
offsets, so spans point into the accented original) and split into words; an inverted index
maps each word to the entities that use it. A query term is expanded against the sorted word
vocabulary (bisect for prefixes, one C-level scan for infixes, rapidfuzz over the vocabulary
for typos), the expansions give candidate entities by set union and intersection, and only a
bounded number of candidates (`MAX_SCORED`, best-known first) are scored in Python.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import Literal

from rapidfuzz import fuzz, process

from core.models import Entity, EntityKind, Hit
from core.textfold import WORD, fold, nfc

Field = Literal["name", "alias", "role"]

#: Words this short are matched by prefix/exact only: an infix "a" or "de" would match all.
MIN_INFIX_LEN = 3
#: Shortest word given typo tolerance; shorter words have too many near neighbours.
MIN_TYPO_LEN = 4
#: rapidfuzz fuzz.ratio (0-100) a vocabulary word needs to count as a typo of the query word.
TYPO_MIN_RATIO = 80.0
#: At most this many vocabulary words stand in for one misspelled query word.
TYPO_MAX_WORDS = 40
#: Candidates scored per query; beyond this, the best-known entities (most bulletins) go first.
MAX_SCORED = 400

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


@dataclass
class _String:
    entity: int
    field: Field
    original: str
    folded: str
    words: list[tuple[str, int, int]]


@dataclass
class _Expansion:
    """Vocabulary words a query word stands for, with match quality, and their entities."""

    quality: dict[str, tuple[float, str]] = field(default_factory=dict)  # word -> (q, how)
    strong: set[int] = field(default_factory=set)  # via exact or prefix words
    weak: set[int] = field(default_factory=set)  # via infix or typo words only


@dataclass
class SearchResult:
    """Hits plus how many entities matched in all (an upper bound when candidates were cut)."""

    hits: list[Hit]
    total: int


class EntitySearch:
    """Index over a corpus's entities, built once; `search` is safe from worker threads."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        # Entity numbers follow a prior (most bulletins, then shortest name): when a query is
        # too vague to score everything, low numbers are the ones worth scoring.
        self.entities = sorted(
            entities, key=lambda e: (-len(e.bulletin_ids), -e.mention_count, len(e.name), e.id)
        )
        self._strings: list[_String] = []
        self._by_entity: list[list[int]] = []
        postings: dict[str, set[int]] = defaultdict(set)
        self._by_kind: dict[EntityKind, set[int]] = defaultdict(set)
        for number, entity in enumerate(self.entities):
            self._by_kind[EntityKind(entity.kind)].add(number)
            own: list[int] = []
            seen: set[str] = set()
            fields: list[tuple[Field, str]] = [("name", entity.name)]
            fields += [("alias", a) for a in entity.aliases]
            fields += [("role", r.role) for r in entity.roles]
            for kind_of_field, text in fields:
                original = nfc(text)
                if original in seen:
                    continue
                seen.add(original)
                folded = fold(original)
                spans = [(m.group(), m.start(), m.end()) for m in WORD.finditer(folded)]
                if not spans:
                    continue
                own.append(len(self._strings))
                self._strings.append(_String(number, kind_of_field, original, folded, spans))
                for word, _, _ in spans:
                    postings[word].add(number)
            self._by_entity.append(own)
        self._vocabulary = sorted(postings)
        self._postings = {word: list(ids) for word, ids in postings.items()}
        self._blob = "\n" + "\n".join(self._vocabulary) + "\n"
        self._blob_starts = []
        offset = 1
        for word in self._vocabulary:
            self._blob_starts.append(offset)
            offset += len(word) + 1
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for word in self._vocabulary:
            self._by_length[len(word)].append(word)
        self._cache: OrderedDict[tuple[str, str], _Expansion] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.entities)

    def search(
        self, query: str, kinds: Collection[EntityKind | str] | None = None, limit: int = 20
    ) -> list[Hit]:
        """Best `limit` hits for an fzf-style query; an empty query lists the best-known."""
        return self.query(query, kinds, limit).hits

    def query(
        self, query: str, kinds: Collection[EntityKind | str] | None = None, limit: int = 20
    ) -> SearchResult:
        """Like `search`, with the number of matching entities for an `N/M` display."""
        terms = parse_query(query)
        positive = [t for t in terms if not t.negate]
        negative = [t for t in terms if t.negate]
        allowed = self._allowed(kinds)
        candidates = self._candidates(positive, allowed)
        for term in negative:
            if not term.prefix and not term.suffix:
                candidates -= self._containing(term.text)
        total = len(candidates)
        chosen = self._best_known(candidates, MAX_SCORED)
        if not positive:
            hits = [self._plain_hit(n) for n in chosen if not self._excluded(n, negative)][:limit]
            return SearchResult(hits, total)
        expansions = [self._expand(t) for t in positive]
        scored: list[tuple[float, int, int, list[float]]] = []
        for number in chosen:
            if self._excluded(number, negative):
                continue
            best = self._score_entity(number, positive, expansions)
            if best is not None:
                scored.append((-best[0], number, best[1], best[2]))
        scored.sort()
        if len(candidates) <= MAX_SCORED:
            total = len(scored)
        hits = [
            self._hit(number, string_index, -neg_score, positive, expansions)
            for neg_score, number, string_index, _ in scored[:limit]
        ]
        return SearchResult(hits, total)

    # -- candidates -------------------------------------------------------------------------

    def _allowed(self, kinds: Collection[EntityKind | str] | None) -> set[int] | None:
        if not kinds:
            return None
        allowed: set[int] = set()
        for kind in kinds:
            allowed |= self._by_kind.get(EntityKind(kind), set())
        return allowed

    def _candidates(self, positive: list[Term], allowed: set[int] | None) -> set[int]:
        if not positive:
            return set(range(len(self.entities))) if allowed is None else set(allowed)
        expansions = [self._expand(t) for t in positive]
        strong = _intersect([e.strong for e in expansions], allowed)
        if len(strong) >= MAX_SCORED:
            return strong
        return _intersect([e.strong | e.weak for e in expansions], allowed)

    def _best_known(self, candidates: set[int], count: int) -> list[int]:
        if len(candidates) <= count:
            return sorted(candidates)
        if len(candidates) * 8 < len(self.entities):
            return sorted(candidates)[:count]
        return list(islice(filter(candidates.__contains__, range(len(self.entities))), count))

    def _expand(self, term: Term) -> _Expansion:
        mode = "".join(
            flag for flag, on in (("'", term.exact), ("^", term.prefix), ("$", term.suffix)) if on
        )
        key = (term.text, mode)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        expansion = self._compute_expansion(term)
        with self._lock:
            self._cache[key] = expansion
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return expansion

    def _compute_expansion(self, term: Term) -> _Expansion:
        if term.is_filter:
            return self._filter_expansion(term)
        text = term.text
        quality: dict[str, tuple[float, str]] = {}
        for word in self._prefixed(text):
            q = _EXACT if word == text else _PREFIX_BASE + _PREFIX_RANGE * len(text) / len(word)
            quality[word] = (q, "exact" if word == text else "prefix")
        strong_words = list(quality)
        weak_words: list[str] = []
        if len(text) >= MIN_INFIX_LEN:
            for word in self._infixed(text):
                if word not in quality:
                    q = _INFIX_BASE + _INFIX_RANGE * len(text) / len(word)
                    quality[word] = (q, "infix")
                    weak_words.append(word)
        if len(text) >= MIN_TYPO_LEN and text not in self._postings:
            for word, ratio in self._typos(text):
                q = _TYPO_WEIGHT * ratio / 100
                if word not in quality or quality[word][0] < q:
                    if word not in quality:
                        weak_words.append(word)
                    quality[word] = (q, "typo")
        strong = self._union(strong_words)
        weak = self._union(weak_words) - strong
        return _Expansion(quality, strong, weak)

    def _filter_expansion(self, term: Term) -> _Expansion:
        """Candidates for ', ^ and $ terms; the exact condition is checked when scoring."""
        pieces = WORD.findall(term.text)
        if not pieces:
            return _Expansion()
        if term.prefix and not term.exact:
            first = pieces[0]
            words = self._prefixed(first) if len(pieces) == 1 else [first]
        elif term.prefix:
            words = self._prefixed(pieces[0])
        elif term.suffix and len(pieces) == 1:
            words = [
                w for w in self._infixed(pieces[0], include_prefix=True) if w.endswith(pieces[0])
            ]
        else:
            longest = max(pieces, key=len)
            words = self._infixed(longest, include_prefix=True)
        return _Expansion({}, self._union(words), set())

    def _containing(self, text: str) -> set[int]:
        pieces = WORD.findall(text)
        if len(pieces) != 1 or pieces[0] != text:
            return set()  # checked per candidate by _excluded instead
        return self._union(self._infixed(text, include_prefix=True))

    def _prefixed(self, text: str) -> list[str]:
        lo = bisect_left(self._vocabulary, text)
        hi = bisect_left(self._vocabulary, text + "\uffff", lo)
        return self._vocabulary[lo:hi]

    def _infixed(self, text: str, include_prefix: bool = False) -> list[str]:
        found: dict[str, None] = {}
        for match in re.finditer(re.escape(text), self._blob):
            i = bisect_right(self._blob_starts, match.start()) - 1
            if include_prefix or match.start() != self._blob_starts[i]:
                found[self._vocabulary[i]] = None
        return list(found)

    def _typos(self, text: str) -> list[tuple[str, float]]:
        # fuzz.ratio >= 80 needs lengths within a factor 1.5 of each other.
        lo, hi = -(-len(text) * 2 // 3), len(text) * 3 // 2
        pool = [w for n in range(lo, hi + 1) for w in self._by_length.get(n, ())]
        found = process.extract(
            text, pool, scorer=fuzz.ratio, score_cutoff=TYPO_MIN_RATIO, limit=TYPO_MAX_WORDS
        )
        return [(word, score) for word, score, _ in found]

    def _union(self, words: list[str]) -> set[int]:
        if not words:
            return set()
        return set().union(*(self._postings[w] for w in words))

    # -- scoring ----------------------------------------------------------------------------

    def _excluded(self, number: int, negative: list[Term]) -> bool:
        return any(
            _satisfies(self._strings[s].folded, term)
            for term in negative
            for s in self._by_entity[number]
        )

    def _score_entity(
        self, number: int, terms: list[Term], expansions: list[_Expansion]
    ) -> tuple[float, int, list[float]] | None:
        """(score, best string, per-term qualities) or None when some term matches nowhere."""
        per_string: list[tuple[int, list[float]]] = []
        for s in self._by_entity[number]:
            string = self._strings[s]
            per_string.append(
                (s, [_term_quality(string, t, e) for t, e in zip(terms, expansions, strict=True)])
            )
        if not per_string:
            return None
        covered = [max(q[i] for _, q in per_string) for i in range(len(terms))]
        if min(covered) <= 0:
            return None
        best: tuple[float, int, list[float]] | None = None
        for s, qualities in per_string:
            if not any(qualities):
                continue
            filled = [q if q > 0 else covered[i] * _CROSS_FIELD for i, q in enumerate(qualities)]
            score = self._string_score(self._strings[s], terms, filled, expansions)
            if best is None or score > best[0]:
                best = (score, s, filled)
        return best

    def _string_score(
        self,
        string: _String,
        terms: list[Term],
        qualities: list[float],
        expansions: list[_Expansion],
    ) -> float:
        spans, positions = self._match_spans(string, terms, expansions)
        matched = sum(end - start for start, end in _merge(spans))
        compact = matched / max(1, len(string.folded.strip()))
        in_order = len(positions) > 1 and all(a < b for a, b in pairwise(positions))
        raw = (
            _QUALITY_SHARE * sum(qualities) / len(qualities)
            + _COMPACT_SHARE * compact
            + (_ORDER_BONUS if in_order else 0.0)
        )
        return round(100 * _FIELD_WEIGHT[string.field] * min(1.0, raw), 2)

    def _match_spans(
        self, string: _String, terms: list[Term], expansions: list[_Expansion]
    ) -> tuple[list[tuple[int, int]], list[int]]:
        """Highlight spans in the string, and the start of each matched term (query order)."""
        spans: list[tuple[int, int]] = []
        positions: list[int] = []
        for term, expansion in zip(terms, expansions, strict=True):
            span = _term_span(string, term, expansion)
            if span is not None:
                spans.append(span)
                positions.append(span[0])
        return spans, positions

    def _hit(
        self,
        number: int,
        string_index: int,
        score: float,
        terms: list[Term],
        expansions: list[_Expansion],
    ) -> Hit:
        string = self._strings[string_index]
        spans, _ = self._match_spans(string, terms, expansions)
        return Hit(
            entity=self.entities[number],
            score=score,
            matched=string.original,
            field=string.field,
            spans=_merge(spans),
        )

    def _plain_hit(self, number: int) -> Hit:
        entity = self.entities[number]
        return Hit(entity=entity, score=0.0, matched=nfc(entity.name), field="name", spans=[])


def _intersect(sets: list[set[int]], allowed: set[int] | None) -> set[int]:
    ordered = sorted(sets, key=len)
    if allowed is not None:
        ordered.insert(0 if len(allowed) < len(ordered[0]) else 1, allowed)
    result = set(ordered[0])
    for other in ordered[1:]:
        result &= other
        if not result:
            break
    return result


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


def _term_quality(string: _String, term: Term, expansion: _Expansion) -> float:
    if term.is_filter:
        return _FILTER if _satisfies(string.folded, term) else 0.0
    best = 0.0
    quality = expansion.quality
    for word, _, _ in string.words:
        found = quality.get(word)
        if found is not None and found[0] > best:
            best = found[0]
    return best


def _term_span(string: _String, term: Term, expansion: _Expansion) -> tuple[int, int] | None:
    folded = string.folded
    if term.is_filter:
        if not _satisfies(folded, term):
            return None
        if term.suffix and not term.prefix:
            end = len(folded.rstrip())
            return (end - len(term.text), end)
        start = len(folded) - len(folded.lstrip()) if term.prefix else folded.find(term.text)
        return (start, start + len(term.text))
    best: tuple[float, int, int] | None = None
    for word, start, end in string.words:
        found = expansion.quality.get(word)
        if found is None or (best is not None and found[0] <= best[0]):
            continue
        q, how = found
        if how == "prefix":
            best = (q, start, start + len(term.text))
        elif how == "infix":
            offset = word.find(term.text)
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
