"""Scoring the extractor against hand-written gold: one scorer for the seeds, the dev set and
any private error-analysis folder, so every number in the README is computed the same way.

A gold folder holds one JSON file per bulletin:
- the seeds' gold (tests/gold/*.json) names its text with "seed": a path from the repo root;
- any other folder (tests/gold/dev/, a private folder of real texts) names it with "file": a
  path beside the JSON file. Such gold may also give "date" (ISO or null) and "date_source".

Entities match when kind and canonical name agree after accent and case folding
("Frinné Azuara Yarzábal" == "frinne azuara yarzabal"), and double, curly and angle quotes
ignored (an honorific name is the same with or without them). An official whose gold entry has a
role also needs a role that agrees: equal after folding, or one contains the other
("Gobernador" vs "Gobernador de la entidad" does; "Gobernador" vs "Secretario" does not). A
name with a wrong or missing role counts as both a false positive and a false negative.
Scores are summed over bulletins (micro average).

Dates, where the gold gives one: "read" when the bulletin's date equals it, "missed" when the
parser found none, "wrong" when it found another, "invented" when the gold says the bulletin
has no date of its own and the parser gave one; a date read from another place than the gold's
"date_source" (dateline, lead, stamp) is counted apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from core.entities.text import fold
from core.models import Bulletin, BulletinEntity, EntityKind
from core.parse import parse_file

REPO = Path(__file__).resolve().parent.parent
SEEDS_GOLD = REPO / "tests" / "gold"
DEV_GOLD = SEEDS_GOLD / "dev"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class DateScore:
    read: int = 0
    missed: int = 0
    wrong: int = 0
    invented: int = 0
    undated_kept: int = 0
    source_wrong: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def explicit(self) -> int:
        return self.read + self.missed + self.wrong


@dataclass
class Evaluation:
    kinds: dict[str, Score]
    dates: DateScore
    bulletins: int


def roles_agree(gold: str, found: str | None) -> bool:
    if found is None:
        return False
    g, f = fold(gold), fold(found)
    return g == f or g in f or f in g


_QUOTES = str.maketrans(dict.fromkeys('"“”„«»‘’‚`´'))


def _key(kind: str, name: str) -> tuple[str, str]:
    """Kind and folded name; quotes do not count ('CMN “La Raza”' == 'CMN La Raza')."""
    return kind, " ".join(fold(name.translate(_QUOTES)).split())


def _entity_roles(entity: BulletinEntity) -> list[str]:
    """Every wording the extractor gives the entity: its role, then any others it records."""
    roles = [entity.role] if entity.role else []
    roles += [r for r in getattr(entity, "roles", None) or [] if isinstance(r, str)]
    return roles


def score_bulletin(
    gold: list[dict[str, str]], found: list[BulletinEntity], scores: dict[str, Score], label: str
) -> None:
    gold_by_key = {_key(g["kind"], g["name"]): g for g in gold}
    found_by_key = {_key(e.kind.value, e.name): e for e in found}
    for key, entity in found_by_key.items():
        expected = gold_by_key.get(key)
        score = scores[key[0]]
        if expected is None:
            score.fp += 1
            score.misses.append(f"{label}: extra {entity.name!r}")
        elif "role" in expected and not any(
            roles_agree(expected["role"], r) for r in _entity_roles(entity) or [None]
        ):
            score.fp += 1
            score.fn += 1
            score.misses.append(
                f"{label}: role of {entity.name!r}: got {entity.role!r}, want {expected['role']!r}"
            )
        else:
            score.tp += 1
    for key, expected in gold_by_key.items():
        if key not in found_by_key:
            scores[key[0]].fn += 1
            scores[key[0]].misses.append(f"{label}: missing {expected['name']!r}")


def score_date(gold: dict[str, object], bulletin: Bulletin, dates: DateScore, label: str) -> None:
    if "date" not in gold:
        return
    want, got = gold["date"], bulletin.date.isoformat() if bulletin.date else None
    if want is None:
        if got is None:
            dates.undated_kept += 1
        else:
            dates.invented += 1
            dates.misses.append(f"{label}: invented date {got}")
    elif got == want:
        dates.read += 1
        source = getattr(bulletin, "date_source", None)
        if gold.get("date_source") and source is not None and source != gold["date_source"]:
            dates.source_wrong += 1
            dates.misses.append(f"{label}: date from the {source}, want {gold['date_source']}")
    elif got is None:
        dates.missed += 1
        dates.misses.append(f"{label}: missing date {want}")
    else:
        dates.wrong += 1
        dates.misses.append(f"{label}: date {got}, want {want}")


def gold_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def text_path(gold: dict[str, object], gold_file: Path) -> Path:
    if "seed" in gold:
        return REPO / str(gold["seed"])
    return gold_file.parent / str(gold["file"])


def evaluate(folder: Path = SEEDS_GOLD, files: Iterable[Path] | None = None) -> Evaluation:
    scores = {kind.value: Score() for kind in EntityKind}
    dates = DateScore()
    count = 0
    for gold_file in files if files is not None else gold_files(folder):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        bulletin = parse_file(text_path(gold, gold_file))
        score_bulletin(gold["entities"], list(bulletin.entities), scores, gold_file.stem)
        score_date(gold, bulletin, dates, gold_file.stem)
        count += 1
    return Evaluation(scores, dates, count)


def table(result: Evaluation) -> str:
    lines = [f"{'kind':<12} {'gold':>5} {'found':>5} {'tp':>4} {'precision':>9} {'recall':>7}"]
    for kind, s in result.kinds.items():
        lines.append(
            f"{kind:<12} {s.tp + s.fn:>5} {s.tp + s.fp:>5} {s.tp:>4} "
            f"{s.precision:>9.3f} {s.recall:>7.3f}"
        )
    d = result.dates
    if d.explicit or d.invented or d.undated_kept:
        lines.append(
            f"dates: {d.read} of {d.explicit} read ({d.missed} missed, {d.wrong} wrong); "
            f"{d.invented} invented, {d.undated_kept} undated kept undated, "
            f"{d.source_wrong} read from the wrong place"
        )
    return "\n".join(lines)


def misses(result: Evaluation) -> list[str]:
    found = [m for s in result.kinds.values() for m in s.misses]
    return found + result.dates.misses
