"""How a bulletin's date reads in the list and reader: a date, an estimate, or "undated".

An estimate ("≈2012-12…2014-09") is a range of months worked out from who held which office,
so it is never styled like a date (dim italic, marked "estimated") and always comes with the
evidence that bounds it.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from core.i18n import _, current_language, format_date
from core.models import BulletinSummary, DateEstimate, DateEvidence
from tui.safe_text import append_safe

DATE_STYLE = "bold"
ESTIMATE_STYLE = "italic dim"
UNDATED_STYLE = "italic dim"


def date_label(bulletin: BulletinSummary, *, estimated: bool = False) -> Text:
    """ "2024-05-30" ("30 may 2024" in Spanish), "≈2012-12…2014-09" (plus " (estimated)" when
    asked) or "undated"."""
    if bulletin.date is not None:
        return Text(short_date(bulletin.date), style=DATE_STYLE)
    if bulletin.date_estimate is not None:
        label = bulletin.date_estimate.label + (" " + _("(estimated)") if estimated else "")
        return Text(label, style=ESTIMATE_STYLE)
    return Text(_("undated"), style=UNDATED_STYLE)


def short_date(day: dt.date) -> str:
    """ISO in English, where the list's dates line up and sort by eye; "30 may 2024" in
    Spanish, as Mexican readers write it."""
    return day.isoformat() if current_language() == "en" else format_date(day)


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
