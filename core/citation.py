"""How a bulletin is cited when a journalist pastes it into notes or a story."""

from __future__ import annotations

from pathlib import Path

from core.models import BulletinSummary


def citation(bulletin: BulletinSummary) -> str:
    """One line: issuer, kind and number, place and date (as written and ISO), title, file.

    "IMSS. Boletín de prensa No. 257/2024. Ciudad de México, jueves 30 de mayo de 2024
    (2024-05-30). “Title”. [003_6e06f150067975fc.txt]"; parts the bulletin lacks are left out.
    An undated bulletin's estimate is cited as one ("undated, estimated 2012-12…2014-09").
    """
    kind = (bulletin.kind or "boletín").strip()
    heading = kind[:1].upper() + kind[1:]
    if bulletin.number:
        heading += f" No. {bulletin.number}"
    parts = ["IMSS", heading]
    when = bulletin.date_text or ""
    if bulletin.date is not None:
        iso = bulletin.date.isoformat()
        when = f"{when} ({iso})" if when else iso
    elif bulletin.date_estimate is not None:  # a range worked out, never cited as a date
        when = f"undated, estimated {bulletin.date_estimate.label.lstrip('≈')}"
    dateline = ", ".join(p for p in (bulletin.place, when) if p)
    if dateline:
        parts.append(dateline)
    if bulletin.title:
        parts.append(f"“{' '.join(bulletin.title.split())}”")
    cited = ". ".join(parts) + "."
    if bulletin.source:
        cited += f" [{Path(bulletin.source).name}]"
    return cited
