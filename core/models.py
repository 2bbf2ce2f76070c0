"""The public data model: what every layer above core/ builds on.

Pydantic v2 models so a bulletin can be validated, dumped to JSON Lines and cached as-is.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class EntityKind(StrEnum):
    """The four things people search bulletins for."""

    OFFICIAL = "official"
    PLACE = "place"
    FACILITY = "facility"
    INSTITUTION = "institution"


class Issue(BaseModel):
    """A problem found while reading or parsing one file; errors mean no usable bulletin."""

    model_config = ConfigDict(frozen=True)

    severity: Literal["error", "warning"]
    code: str
    message: str


class Span(BaseModel):
    """One occurrence of an entity: `text == bulletin.text[start:end]`."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    text: str


class Mention(BaseModel):
    """One extractor hit, before grouping: a span plus what it refers to."""

    kind: EntityKind
    name: str
    role: str | None = None
    start: int
    end: int
    text: str
    #: A numbered unit's state when the text gives its town ("HGZ No. 33 de Monterrey").
    state: str | None = None


class BulletinEntity(BaseModel):
    """An entity as seen inside one bulletin, with all its mentions there."""

    kind: EntityKind
    name: str
    role: str | None = None
    #: The role as an office, with the bulletin's state ("Gobernador de Oaxaca" for a written
    #: "Gobernador de la entidad"): see core.entities.roles.
    office: str | None = None
    mentions: list[Span] = Field(default_factory=list)
    entity_id: str | None = None
    #: A numbered unit's state when the text gives its town: the resolver names the unit
    #: after it ("Hospital General de Zona No. 33, Nuevo León") before the bulletin's own.
    state: str | None = None


class Quote(BaseModel):
    """Words a bulletin puts in someone's mouth: `text == bulletin.text[start:end]` (marks
    excluded). `speaker` is the speaker's entity id (the corpus-resolved one once the bulletin
    is in a corpus) or None when the bulletin does not say who spoke; never a guess."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    #: The speaker's name as the bulletin's entities list it (None with `speaker`).
    speaker_name: str | None = None


class DateEvidence(BaseModel):
    """One thing in the text that bounds when a bulletin was written: an office-holder tied
    to the office by a role phrase, or a name that existed only for a while."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, serialize_by_alias=True)

    mention: str  # as written in the text
    office: str  # "Director General del IMSS", "Gobernador de Chiapas", or what a name is
    holder: str | None = None  # the office-holder as the table names them
    from_: str | None = Field(default=None, alias="from", pattern=r"^\d{4}-\d{2}$")
    to: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$")
    #: Which end of the estimate this evidence sets: "from", "to", "both", or None.
    bound: Literal["from", "to", "both"] | None = None
    start: int = 0
    end: int = 0
    source: str = ""  # where the table row comes from


class DateEstimate(BaseModel):
    """When an undated bulletin was written, at month precision: never a date."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, serialize_by_alias=True)

    from_: str | None = Field(default=None, alias="from", pattern=r"^\d{4}-\d{2}$")
    to: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$")  # None: open (to date)
    evidence: list[DateEvidence] = Field(default_factory=list)

    @property
    def midpoint(self) -> dt.date:
        """Where the bulletin sorts among dated ones (an open end counts as the known one)."""
        first = dt.date.fromisoformat(f"{self.from_ or self.to}-01")
        last = dt.date.fromisoformat(f"{self.to or self.from_}-01")
        last = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first + (last - first) / 2

    @property
    def label(self) -> str:
        """'≈2012-12…2014-09', '≈2019-05…' (open end), '≈…2016-01' (no start)."""
        return f"≈{self.from_ or ''}…{self.to or ''}"


class BulletinSummary(BaseModel):
    """What a list of bulletins shows: a large corpus keeps only these in memory and reads
    the full `Bulletin` (text, paragraphs, entities) when one is opened."""

    source: str | None = None
    id: str
    kind: str | None = None
    number: str | None = None
    place: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    #: Where `date` was read: the dateline, the lead's own date for the event, or a page's
    #: publication stamp ("Publicado: 2025-07-19"); None when the bulletin has no date.
    date_source: Literal["dateline", "lead", "stamp"] | None = None
    #: Only when `date` is None: when the text says it was written (core/estimate.py).
    date_estimate: DateEstimate | None = None
    title: str | None = None
    issues: list[Issue] = Field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when the file could not be turned into a bulletin at all."""
        return any(issue.severity == "error" for issue in self.issues)


#: The fields of `BulletinSummary`, for dumping just those from a full bulletin.
SUMMARY_FIELDS = frozenset(BulletinSummary.model_fields)


#: What a block of the text is: the reader dims header lines, sets the title in bold...
BlockRole = Literal["header", "title", "highlight", "body"]


class Bulletin(BulletinSummary):
    """One parsed bulletin. `text` is the normalized full text; spans index into it."""

    highlights: list[str] = Field(default_factory=list)
    paragraphs: list[str] = Field(default_factory=list)
    #: The role of each "\n\n"-separated block of `text`, in order.
    block_roles: list[BlockRole] = Field(default_factory=list)
    text: str = ""
    entities: list[BulletinEntity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)


class RoleSeen(BaseModel):
    """A role an entity held, with the dates of the bulletins that state it."""

    role: str
    dates: list[dt.date] = Field(default_factory=list)
    bulletin_ids: list[str] = Field(default_factory=list)
    #: The office that role is ("Gobernador de Oaxaca" for "Gobernador de la entidad"), the
    #: key every wording of it shares ("gobernador oaxaca"), and the wordings seen.
    office: str | None = None
    key: str | None = None
    wordings: list[str] = Field(default_factory=list)


class Entity(BaseModel):
    """An entity resolved across the corpus: one record per person, place, unit or body."""

    id: str
    kind: EntityKind
    name: str
    aliases: list[str] = Field(default_factory=list)
    roles: list[RoleSeen] = Field(default_factory=list)
    bulletin_ids: list[str] = Field(default_factory=list)
    mention_count: int = 0


class Hit(BaseModel):
    """A fuzzy-search result: the entity, how well it matched and where (for highlighting)."""

    entity: Entity
    score: float
    matched: str
    field: Literal["name", "alias", "role"] = "name"
    spans: list[tuple[int, int]] = Field(default_factory=list)


class TextHit(BaseModel):
    """A full-text result: where the query matched, as offsets the reader can highlight."""

    bulletin_id: str
    source: str | None = None
    title: str | None = None
    score: float = 0.0
    snippet: str = ""
    snippet_spans: list[tuple[int, int]] = Field(default_factory=list)
    spans: list[tuple[int, int]] = Field(default_factory=list)
