"""How much of a search query is used: enough for any real search, never a long stall.

Every word of a full-text query is one more posting list to intersect and highlight (1,600
common words took 83 s; 100 KB of "IMSS " never finished), and every keystroke of a pasted
page re-ran the finder on all of it. People search with a few words; past these limits the rest
of the query is ignored and the caller gets a notice to show (in the interface's language).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import _

MAX_QUERY_CHARS = 256
MAX_QUERY_TERMS = 12


@dataclass(frozen=True)
class BoundedQuery:
    """The part of a query that is searched, and why it is shorter than typed (or None)."""

    text: str
    notice: str | None = None


def bound_query(query: str) -> BoundedQuery:
    """The first MAX_QUERY_TERMS words within MAX_QUERY_CHARS characters."""
    if len(query) <= MAX_QUERY_CHARS and len(query.split(None, MAX_QUERY_TERMS)) <= MAX_QUERY_TERMS:
        return BoundedQuery(query)
    head = query[:MAX_QUERY_CHARS]
    if len(query) > MAX_QUERY_CHARS and not query[MAX_QUERY_CHARS].isspace():
        head = head.rsplit(None, 1)[0] if len(head.split()) > 1 else head  # no half word
    terms = head.split()
    if len(terms) > MAX_QUERY_TERMS:
        return BoundedQuery(
            " ".join(terms[:MAX_QUERY_TERMS]),
            _("query too long: only its first {count} words are searched").format(
                count=MAX_QUERY_TERMS
            ),
        )
    return BoundedQuery(
        head.strip(),
        _("query too long: only its first {count} characters are searched").format(
            count=MAX_QUERY_CHARS
        ),
    )
