"""The list's active filters as chips that combine with AND: entities, dates, kind, undated,
a text search. The order is the order they were added: Backspace removes the last one.

Everything but the text search is a `core.filters.BulletinFilter`, answered by the corpus
from summaries; a text search's hits are intersected with that.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from rich.text import Text

from core.filters import BulletinFilter, DateRange
from core.i18n import _
from tui.safe_text import append_safe

if TYPE_CHECKING:
    from core.corpus import Corpus
    from tui.palette import Palette

ChipKind = Literal["entity", "dates", "kind", "undated", "text"]
#: Kinds of which only one chip can be active: a new one replaces the old.
SINGLE: frozenset[ChipKind] = frozenset({"dates", "kind", "undated", "text"})


@dataclass(frozen=True)
class Chip:
    kind: ChipKind
    value: str  # entity id, the dates' label, the bulletin kind, the query
    dates: DateRange | None = None
    #: text search: bulletin id -> the spans that matched (for the reader's marks)
    hits: dict[str, list[tuple[int, int]]] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class FilterChips:
    chips: tuple[Chip, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.chips)

    def add(self, chip: Chip) -> FilterChips:
        """With `chip` last; the same chip again or one of a SINGLE kind replaces its twin."""
        kept = tuple(
            c for c in self.chips if c != chip and not (chip.kind in SINGLE and c.kind == chip.kind)
        )
        return replace(self, chips=(*kept, chip))

    def without_last(self) -> FilterChips:
        return replace(self, chips=self.chips[:-1])

    def of_kind(self, kind: ChipKind) -> list[Chip]:
        return [c for c in self.chips if c.kind == kind]

    @property
    def entity_ids(self) -> list[str]:
        return [c.value for c in self.of_kind("entity")]

    @property
    def text_hits(self) -> dict[str, list[tuple[int, int]]] | None:
        texts = self.of_kind("text")
        return texts[-1].hits if texts else None

    def spec(self) -> BulletinFilter:
        dates = self.of_kind("dates")
        return BulletinFilter(
            entities=tuple(self.entity_ids),
            dates=dates[-1].dates if dates else None,
            kinds=tuple(c.value for c in self.of_kind("kind")),
            undated=bool(self.of_kind("undated")),
        )

    def ranks(self, corpus: Corpus) -> list[int]:
        """The corpus ranks every chip keeps, in corpus order."""
        ranks = corpus.filter_ranks(self.spec())
        hits = self.text_hits
        if hits is not None:
            ranks = [r for r in ranks if corpus.summaries[r].id in hits]
        return ranks

    def ids(self, corpus: Corpus) -> list[str]:
        return [corpus.summaries[r].id for r in self.ranks(corpus)]

    def render(self, corpus: Corpus, palette: Palette) -> Text:
        """'◆ César Duarte Jáquez  ◆ IMSS  ▸ 2015  “vacuna” in text', kind colours for
        entities; bulletin text reaches it only through append_safe."""
        out = Text()
        for chip in self.chips:
            if out:
                out.append("  ")
            out.append_text(_chip_text(chip, corpus, palette))
        return out


def _chip_text(chip: Chip, corpus: Corpus, palette: Palette) -> Text:
    text = Text()
    if chip.kind == "entity":
        entity = corpus.entity(chip.value)
        style = palette.kind[entity.kind] if entity is not None else ""
        text.append("◆ ", style=style)
        append_safe(text, entity.name if entity is not None else chip.value, style)
    elif chip.kind == "dates":
        text.append("▸ " + chip.value, style="bold")
    elif chip.kind == "kind":
        text.append("▪ ", style="bold")
        append_safe(text, chip.value, "bold")
    elif chip.kind == "undated":
        text.append(_("undated only"), style="bold italic")
    else:
        before, _query, after = _("“{query}” in text").partition("{query}")
        text.append(before, style="bold")
        append_safe(text, chip.value, "bold")
        text.append(after, style="bold")
    return text
