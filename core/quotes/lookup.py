"""Quotes across a corpus, by speaker. Kept apart from the extractor: parsing never needs a
corpus, and the parser's cache fingerprint follows imports (core/fingerprint.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.models import Bulletin, Quote

if TYPE_CHECKING:
    from core.corpus import Corpus


def quotes_of(corpus: Corpus, entity_id: str) -> list[tuple[Bulletin, Quote]]:
    """Every quote the entity says across the corpus, in corpus (date) order.

    Reads only the bulletins that mention the entity: a speaker is always one of them.
    """
    found = []
    for summary in corpus.bulletins_mentioning(entity_id):
        bulletin = corpus.bulletin(summary.id)
        if bulletin is not None:
            found += [(bulletin, q) for q in bulletin.quotes if q.speaker == entity_id]
    return found
