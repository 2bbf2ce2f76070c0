"""How a bulletin's date reads in the list and reader: a date, an estimate, or "undated".

An estimate ("≈2012-12…2014-09") is a range of months worked out from who held which office,
so it is never styled like a date (dim italic, marked "estimated") and always comes with the
evidence that bounds it.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from core.i18n import _, current_language, format_date, format_month
from core.models import BulletinSummary, DateEstimate, DateEvidence
from core.stored_messages import localized
from tui.safe_text import append_safe

DATE_STYLE = "bold"
ESTIMATE_STYLE = "italic dim"
UNDATED_STYLE = "italic dim"


def date_label(bulletin: BulletinSummary, *, estimated: bool = False, long: bool = False) -> Text:
    """ "2024-05-30" ("30 may 2024" in Spanish; `long`: "jueves 30 de mayo de 2024"),
    "≈2012-12…2014-09" ("≈dic 2012…sep 2014"; plus " (estimated)" when asked) or "undated"."""
    if bulletin.date is not None:
        day = long_date(bulletin.date) if long else short_date(bulletin.date)
        return Text(day, style=DATE_STYLE)
    if bulletin.date_estimate is not None:
        label = estimate_label(bulletin.date_estimate)
        if estimated:
            label += " " + _("(estimated)")
        return Text(label, style=ESTIMATE_STYLE)
    return Text(_("undated"), style=UNDATED_STYLE)


def short_date(day: dt.date) -> str:
    """ISO in English, where the list's dates line up and sort by eye; "30 may 2024" in
    Spanish, as Mexican readers write it."""
    return day.isoformat() if current_language() == "en" else format_date(day)


def estimate_label(estimate: DateEstimate) -> str:
    """ "≈2012-12…2014-09" in English (`DateEstimate.label`); "≈dic 2012…sep 2014" in Spanish."""
    return "≈" + month_span(estimate.from_, estimate.to)


def month_span(first: str | None, last: str | None) -> str:
    """ "2012-12…2016-02" / "dic 2012…feb 2016"; an open end stays empty."""
    return f"{month_label(first) if first else ''}…{month_label(last) if last else ''}"


def month_label(month: str) -> str:
    """A "2024-05" month key as the timeline shows it: itself in English, "may 2024" in
    Spanish."""
    if current_language() == "en":
        return month
    return format_month(dt.date.fromisoformat(f"{month}-01"))


def long_date(day: dt.date) -> str:
    """The reader's date: ISO in English, as it always read; "jueves 30 de mayo de 2024" in
    Spanish."""
    return day.isoformat() if current_language() == "en" else format_date(day, long=True)


def evidence_line(evidence: DateEvidence) -> Text:
    """ "José Antonio González Anaya — Director General del IMSS (2012-12…2016-02)"."""
    line = Text()
    append_safe(line, evidence.mention, "italic")
    line.append(" — ", style="dim")
    append_safe(line, localized(evidence.office))  # an office, or a signal's meaning
    line.append(f" ({month_span(evidence.from_, evidence.to)})", style="dim")
    return line


def evidence_lines(estimate: DateEstimate) -> list[Text]:
    return [evidence_line(e) for e in estimate.evidence]
