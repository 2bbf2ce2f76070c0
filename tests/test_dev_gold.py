"""The held-out dev gold (tests/gold/dev) stays well-formed: a typo in a hand annotation would
silently count as a miss of the extractor, so the conventions the scorer relies on are checked.

Only the annotations' shape is tested here, never the extractor's score on them: the dev set is
for measuring (`python -m benchmarks.eval_entities`), not for writing rules.
"""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import pytest

from benchmarks.gold import DEV_GOLD, gold_files
from core.entities.gazetteer import STATES
from core.models import EntityKind

MUNICIPALITIES = Path(__file__).resolve().parent.parent / "core" / "data" / "inegi_municipios.csv"
DATE_SOURCES = {"dateline", "lead", "stamp"}


def _place_names() -> set[str]:
    """Canonical place names: states, "<INEGI municipality>, <state>", and the country."""
    state_of = {key: name for key, name, _ in STATES}
    with MUNICIPALITIES.open(encoding="utf-8") as f:
        municipalities = {
            f"{row['nom_municipio']}, {state_of[row['cve_entidad']]}" for row in csv.DictReader(f)
        }
    return set(state_of.values()) | municipalities | {"México"}


PLACES = _place_names()
FILES = gold_files(DEV_GOLD)


def test_dev_gold_has_at_least_twenty_bulletins() -> None:
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_dev_gold_file_is_well_formed(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["file"] == f"{path.stem}.txt"
    assert (path.parent / gold["file"]).is_file()

    kinds = {k.value for k in EntityKind}
    seen: set[tuple[str, str]] = set()
    for entity in gold["entities"]:
        assert entity["kind"] in kinds, entity
        assert entity["name"] == " ".join(entity["name"].split()), entity
        key = (entity["kind"], entity["name"])
        assert key not in seen, f"{key} annotated twice"
        seen.add(key)
        if entity["kind"] == "place":
            assert entity["name"] in PLACES, f"not a canonical place: {entity['name']!r}"
        if "role" in entity:
            assert entity["kind"] == "official" and entity["role"].strip(), entity

    if gold["date"] is None:
        assert gold["date_source"] is None
    else:
        datetime.date.fromisoformat(gold["date"])
        assert gold["date_source"] in DATE_SOURCES
