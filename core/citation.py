"""How a bulletin is cited when a journalist pastes it into notes or a story."""

from __future__ import annotations

from pathlib import Path

from core.models import BulletinSummary

#: Library convention for a work without a date ("sin fecha").
NO_DATE = "s. f."
#: Square brackets mark what the citer supplies, not the bulletin: here, that it names no kind.
NO_KIND = "[Sin tipo]"


def citation(bulletin: BulletinSummary) -> str:
    """One line: issuer, kind and number, place and date (as written and ISO), title, file.

    "IMSS. Boletín de prensa No. 257/2024. Ciudad de México, jueves 30 de mayo de 2024
    (2024-05-30). “Title”. [003_6e06f150067975fc.txt]". An undated bulletin reads "s. f.",
    followed by the estimate of when it was written, if there is one, in brackets; a kind the
    bulletin does not state is not invented.
    """
    kind = (bulletin.kind or "").strip()
    heading = kind[:1].upper() + kind[1:] if kind else NO_KIND
    if bulletin.number:
        heading += f" No. {bulletin.number}"
    parts = ["IMSS", heading]
    if bulletin.date is not None:
        iso = bulletin.date.isoformat()
        when = f"{bulletin.date_text} ({iso})" if bulletin.date_text else iso
    else:
        when = NO_DATE
    parts.append(", ".join(p for p in (bulletin.place, when) if p))
    estimate = _estimate(bulletin)
    if estimate:
        parts.append(estimate)
    if bulletin.title:
        parts.append(f"“{' '.join(bulletin.title.split())}”")
    cited = " ".join(part if part.endswith(".") else part + "." for part in parts)
    if bulletin.source:
        cited += f" [{Path(bulletin.source).name}]"
    return cited


def _estimate(bulletin: BulletinSummary) -> str | None:
    """ "[fecha estimada: entre 2012-12 y 2018-11]" for an undated bulletin with an estimate
    (core/estimate.py, months only)."""
    estimate = bulletin.date_estimate
    if bulletin.date is not None or estimate is None:
        return None
    start, end = estimate.from_, estimate.to
    if start and end:
        span = start if start == end else f"entre {start} y {end}"
    elif start:
        span = f"desde {start}"
    elif end:
        span = f"hasta {end}"
    else:
        return None
    return f"[fecha estimada: {span}]"
