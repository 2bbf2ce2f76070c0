"""Precision and recall of the entity extractor against hand-written gold for the five seeds.

Gold lives in tests/gold/<seed stem>.json: every official (with the role as written), place,
facility and institution of the bulletin, annotated by reading the seed, not by running the
extractor. Scoring, per bulletin then summed over the seeds (micro average):

- an extracted entity matches a gold one when kind and canonical name agree after accent and
  case folding ("Frinné Azuara Yarzábal" == "frinne azuara yarzabal");
- an official whose gold entry has a role also needs a role, and the two must agree: equal
  after folding, or one contains the other ("Gobernador" vs "Gobernador de la entidad" does
  not count; "director general del IMSS" vs "director general del IMSS (IMSS)" does). A name
  with a wrong or missing role counts as both a false positive and a false negative.

Run as a script to print the per-kind table and every miss:
    .venv/bin/python tests/test_extraction_eval.py
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from core.entities import extract_entities
from core.entities.text import fold
from core.models import BulletinEntity, EntityKind
from core.parse import parse_file

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
SEEDS_DIR = ROOT / "seeds"
MIN_PRECISION = 0.95
MIN_RECALL = 0.90


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


def roles_agree(gold: str, found: str | None) -> bool:
    if found is None:
        return False
    g, f = fold(gold), fold(found)
    return g == f or g in f or f in g


def _key(kind: str, name: str) -> tuple[str, str]:
    return kind, fold(name)


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
        elif "role" in expected and not roles_agree(expected["role"], entity.role):
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


def evaluate() -> dict[str, Score]:
    scores = {kind.value: Score() for kind in EntityKind}
    gold_files = sorted(GOLD_DIR.glob("*.json"))
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        bulletin = parse_file(ROOT / gold["seed"])
        score_bulletin(gold["entities"], extract_entities(bulletin.text), scores, gold_file.stem)
    return scores


def table(scores: dict[str, Score]) -> str:
    lines = [f"{'kind':<12} {'gold':>5} {'found':>5} {'tp':>4} {'precision':>9} {'recall':>7}"]
    for kind, s in scores.items():
        lines.append(
            f"{kind:<12} {s.tp + s.fn:>5} {s.tp + s.fp:>5} {s.tp:>4} "
            f"{s.precision:>9.3f} {s.recall:>7.3f}"
        )
    return "\n".join(lines)


def test_gold_covers_every_seed() -> None:
    seeds = {p.stem for p in SEEDS_DIR.glob("*.txt")}
    gold = {p.stem for p in GOLD_DIR.glob("*.json")}
    assert seeds and seeds == gold


@pytest.mark.parametrize("kind", [k.value for k in EntityKind])
def test_precision_and_recall_per_kind(kind: str) -> None:
    score = evaluate()[kind]
    assert score.tp + score.fn > 0, f"gold has no {kind}"
    detail = "\n".join(score.misses)
    assert score.precision >= MIN_PRECISION, f"{kind} precision {score.precision:.3f}\n{detail}"
    assert score.recall >= MIN_RECALL, f"{kind} recall {score.recall:.3f}\n{detail}"


def test_scoring_counts_a_wrong_role_as_an_error() -> None:
    scores = {kind.value: Score() for kind in EntityKind}
    gold = [{"kind": "official", "name": "Zoé Robledo", "role": "director general del IMSS"}]
    found = [BulletinEntity(kind=EntityKind.OFFICIAL, name="Zoe Robledo", role="Gobernador")]
    score_bulletin(gold, found, scores, "t")
    assert (scores["official"].tp, scores["official"].fp, scores["official"].fn) == (0, 1, 1)


if __name__ == "__main__":
    results = evaluate()
    print(table(results))
    for kind_scores in results.values():
        for miss in kind_scores.misses:
            print("  " + miss)
    ok = all(s.precision >= MIN_PRECISION and s.recall >= MIN_RECALL for s in results.values())
    sys.exit(0 if ok else 1)
