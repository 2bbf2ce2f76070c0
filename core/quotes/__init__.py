"""Direct quotes in a bulletin and who said them (`Bulletin.quotes`).

`extract_quotes(text, entities)` finds speech between “…”, "…" and «…» and after a verb of
saying and a colon ("La gobernadora destacó: ..."), and gives each the official who says it
(see core/quotes/speakers.py for the rule) or None. Speakers are the bulletin's own official
entities, so the reader, the sidebar and the profile agree on who spoke; `link_speakers`
swaps in the corpus-resolved entity id once a bulletin is part of a corpus.
"""

from __future__ import annotations

import logging
import re
from itertools import pairwise

from core.models import Bulletin, BulletinEntity, EntityKind, Quote
from core.quotes.marks import Marked, blocks, is_short_speech, is_speech, quoted, trimmed
from core.quotes.speakers import MASK, Attribution, Attributor, Official, verb_pattern
from core.textfold import slug

__all__ = ["extract_quotes", "link_speakers"]

log = logging.getLogger(__name__)

#: A sentence ends at . ! ? (perhaps closing a quote) before a capital or an opening mark.
_SENTENCE_END = re.compile(r"[.!?]+[”»\"]?(?=\s+[¿¡“«\"A-ZÁÉÍÓÚÑ])")
#: Words whose period is no sentence end: "No. 1", "Dr. Zoé", "C. P.".
_ABBREVIATION = re.compile(r"(?:\b(?:No|Núm|Dr|Dra|Lic|Mtro|Mtra|Ing|Sr|Sra|Arq|Gral)|\b[A-Z])$")
#: A dash-delimited aside inside a quote that names the speaker: "–apuntó–", "—dijo Zoé Robledo—".
_ASIDE = r"[–—-]\s*(?:{verb})[^–—\n\x00]{{0,80}}?[–—-]"
#: "dijo:" opening the words said; "que" between verb and colon makes it reported speech.
_COLON_AFTER_VERB = re.compile(r"[^.;:!?\n\x00]{0,80}?:")
_PLURAL_SUBJECT = re.compile(r"(?:,[^.;:!?\x00]{0,160}?)?,?\s+y\s+(?:el|la)?", re.IGNORECASE)


_VERB_COLON = re.compile(r"\s*:\s*$")
_COMMA_BEFORE_VERB = re.compile(r"[,\s]*")


def _beside_a_verb(masked: str, start: int, mark: Marked, verbs: re.Pattern[str]) -> bool:
    """A verb of saying and a colon right before the quotation, or right after it behind a
    comma when it opens its sentence ("dijo: “Cumplimos”", "“Vamos bien”, afirmó")."""
    before = masked[max(start, mark.outer_start - 40) : mark.outer_start]
    colon = _VERB_COLON.search(before)
    if colon is not None and any(m.end() == colon.start() for m in verbs.finditer(before)):
        return True
    if masked[start : mark.outer_start].strip():
        return False  # "el Hospital “Juárez”, dijo": a name inside the sentence
    after = _COMMA_BEFORE_VERB.match(masked, mark.outer_end)
    return (
        after is not None and "," in after.group() and verbs.match(masked, after.end()) is not None
    )


def _officials(entities: list[BulletinEntity]) -> list[Official]:
    found = [
        Official(span.start, span.end, entity)
        for entity in entities
        if entity.kind is EntityKind.OFFICIAL
        for span in entity.mentions
    ]
    return sorted(found, key=lambda o: o.start)


def _masked(text: str, marks: list[Marked]) -> str:
    """`text` with every quotation (marks included) blanked, except asides that name a verb."""
    if not marks:
        return text
    chars = list(text)
    aside = re.compile(_ASIDE.format(verb=verb_pattern().pattern))
    for mark in marks:
        chars[mark.outer_start : mark.outer_end] = MASK * (mark.outer_end - mark.outer_start)
        for m in aside.finditer(text, mark.start, mark.end):
            chars[m.start() : m.end()] = text[m.start() : m.end()]
    return "".join(chars)


def _sentences(text: str, masked: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds = [start]
    for m in _SENTENCE_END.finditer(text, start, end):
        inside_quote = masked[m.start()] == MASK and text[m.end() - 1] not in '”»"'
        if inside_quote or _ABBREVIATION.search(text, max(start, m.start() - 4), m.start()):
            continue
        bounds.append(m.end())
    bounds.append(end)
    return list(pairwise(bounds))


def _distance(verb: Attribution, mark: tuple[int, int]) -> int:
    if verb.end <= mark[0]:
        return mark[0] - verb.end
    if verb.start >= mark[1]:
        return verb.start - mark[1]
    return 0  # an aside inside the quote


class _Speakers:
    """The running "who is speaking" through a bulletin, paragraph by paragraph."""

    def __init__(self) -> None:
        self.current: BulletinEntity | None = None
        self.block = -2

    def resolve(self, found: Attribution, block: int, subject: BulletinEntity | None) -> None:
        """Settle one verb's speaker and carry it on; `subject` opens the verb's sentence."""
        if found.subject == "official":
            self.set(found.speaker, block)
        elif found.subject == "other":
            self.set(None, block)
        elif subject is not None:
            self.set(subject, block)
        else:
            self.set(self.carried(block), block)

    def carried(self, block: int) -> BulletinEntity | None:
        return self.current if block - self.block <= 1 else None

    def set(self, speaker: BulletinEntity | None, block: int) -> None:
        self.current, self.block = speaker, block


def _speaker_id(entity: BulletinEntity) -> str:
    return entity.entity_id or f"{EntityKind.OFFICIAL.value}:{slug(entity.name)}"


def _quote(text: str, span: tuple[int, int], speaker: BulletinEntity | None) -> Quote:
    start, end = span
    return Quote(
        text=text[start:end],
        start=start,
        end=end,
        speaker=_speaker_id(speaker) if speaker else None,
        speaker_name=speaker.name if speaker else None,
    )


def _extract(text: str, entities: list[BulletinEntity]) -> list[Quote]:
    spans = list(blocks(text))
    marks_by_block = [quoted(text, s, e) for s, e in spans]
    masked = _masked(text, [m for marks in marks_by_block for m in marks])
    attributor = Attributor(masked, _officials(entities))
    verbs = verb_pattern()
    speakers = _Speakers()
    quotes: list[Quote] = []
    said_until = 0  # the end of the last quote opened by "dijo:"
    colon_ended: list[BulletinEntity | None] = []  # the speaker of a "dijo:" ending a block
    for index, ((bs, be), marks) in enumerate(zip(spans, marks_by_block, strict=True)):
        if colon_ended:
            span = trimmed(text, bs, be)
            if not marks and is_speech(text[span[0] : span[1]]):
                quotes.append(_quote(text, span, colon_ended[0]))
            colon_ended.clear()
        for sentence in _sentences(text, masked, bs, be):
            ss, se = sentence
            subjects = attributor.subjects(sentence)
            subject = subjects[0].entity if len(subjects) == 1 else None
            if subject is not None and _PLURAL_SUBJECT.match(masked, subjects[0].end, se):
                subject = None
            found: list[tuple[Attribution, BulletinEntity | None]] = []
            for m in verbs.finditer(masked, ss, se):
                attribution = attributor.attribute(m.start(), m.end(), sentence)
                speakers.resolve(attribution, index, subject)
                found.append((attribution, speakers.current))
                colon = _COLON_AFTER_VERB.match(masked, m.end(), se)
                if m.start() < said_until:
                    colon = None  # a verb inside words already quoted after a colon
                if colon is not None and not re.search(r"\bque\b", colon.group()):
                    span = trimmed(text, colon.end(), be)
                    if span[0] >= be:
                        colon_ended.append(speakers.current)
                    elif masked[span[0]] != MASK:
                        if is_speech(text[span[0] : span[1]]):
                            quotes.append(_quote(text, span, speakers.current))
                        said_until = span[1]  # the rest of the block is judged once
            if not found and subjects:
                speakers.set(subject, index)
            for mark in marks:
                said = text[mark.start : mark.end]
                if not (ss <= mark.outer_start < se) or not (
                    is_speech(said)
                    or (is_short_speech(said) and _beside_a_verb(masked, ss, mark, verbs))
                ):
                    continue
                outer = (mark.outer_start, mark.outer_end)
                if found:
                    speaker = min(found, key=lambda f: _distance(f[0], outer))[1]
                else:
                    speaker = subject or speakers.carried(index)
                    speakers.set(speaker, index)
                quotes.append(_quote(text, trimmed(text, mark.start, mark.end), speaker))
    quotes.sort(key=lambda q: q.start)
    return quotes


def extract_quotes(text: str, entities: list[BulletinEntity]) -> list[Quote]:
    """Every direct quote of `text`, in order, with its speaker among `entities` or None."""
    if not text.strip():
        return []
    try:
        return _extract(text, entities)
    except Exception:  # a quote bug must not cost the bulletin
        log.exception("quote extraction failed; bulletin kept without quotes")
        return []


def link_speakers(bulletin: Bulletin) -> Bulletin:
    """Point each quote's `speaker` at its entity's corpus id (after `entity_id` is set)."""
    ids = {
        entity.name: entity.entity_id
        for entity in bulletin.entities
        if entity.kind is EntityKind.OFFICIAL and entity.entity_id
    }
    for quote in bulletin.quotes:
        if quote.speaker_name in ids:
            quote.speaker = ids[quote.speaker_name]
    return bulletin
