"""Precision and recall of the entity extractor against hand-written gold for the five seeds.

Gold lives in tests/gold/<seed stem>.json: every official (with the role as written), place,
facility and institution of the bulletin, annotated by reading the seed, not by running the
extractor. The scoring rules are benchmarks/gold.py's (one scorer for every gold set).

Print the per-kind tables (seeds, dev set) and every miss:
    .venv/bin/python -m benchmarks.eval_entities --misses
"""

from __future__ import annotations

import pytest

from benchmarks.gold import SEEDS_GOLD, Score, evaluate, score_bulletin
from core.models import BulletinEntity, EntityKind

SEEDS_DIR = SEEDS_GOLD.parent.parent / "seeds"
MIN_PRECISION = 0.95
MIN_RECALL = 0.90


def test_gold_covers_every_seed() -> None:
    seeds = {p.stem for p in SEEDS_DIR.glob("*.txt")}
    gold = {p.stem for p in SEEDS_GOLD.glob("*.json")}
    assert seeds and seeds == gold


@pytest.fixture(scope="module")
def seeds_scores() -> dict[str, Score]:
    return evaluate(SEEDS_GOLD).kinds


@pytest.mark.parametrize("kind", [k.value for k in EntityKind])
def test_precision_and_recall_per_kind(kind: str, seeds_scores: dict[str, Score]) -> None:
    score = seeds_scores[kind]
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
