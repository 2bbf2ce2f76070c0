"""How a bulletin's date reads in the list and reader: a date, an estimate, or "undated".

An estimate ("≈2012-12…2014-09") is a range of months worked out from who held which office,
so it is never styled like a date (dim italic, marked "estimated") and always comes with the
evidence that bounds it.
"""

from __future__ import annotations

from rich.text import Text

from core.models import BulletinSummary, DateEstimate, DateEvidence
from tui.safe_text import append_safe

DATE_STYLE = "bold"
ESTIMATE_STYLE = "italic dim"
UNDATED_STYLE = "italic dim"


def date_label(bulletin: BulletinSummary, *, estimated: bool = False) -> Text:
    """ "2024-05-30", "≈2012-12…2014-09" (plus " (estimated)" when asked) or "undated"."""
    if bulletin.date is not None:
        return Text(bulletin.date.isoformat(), style=DATE_STYLE)
    if bulletin.date_estimate is not None:
        label = bulletin.date_estimate.label + (" (estimated)" if estimated else "")
        return Text(label, style=ESTIMATE_STYLE)
    return Text("undated", style=UNDATED_STYLE)


def evidence_line(evidence: DateEvidence) -> Text:
    """ "José Antonio González Anaya — Director General del IMSS (2012-12…2016-02)"."""
    line = Text()
    append_safe(line, evidence.mention, "italic")
    line.append(" — ", style="dim")
    append_safe(line, evidence.office)
    span = f"{evidence.from_ or ''}…{evidence.to or ''}"
    line.append(f" ({span})", style="dim")
    return line


def evidence_lines(estimate: DateEstimate) -> list[Text]:
    return [evidence_line(e) for e in estimate.evidence]
