"""Quotes and speakers: precision and recall of (quote, speaker) pairs against hand gold.

    .venv/bin/python -m benchmarks.eval_quotes [--misses] [--gold-dir DIR ...]

Gold lives in tests/gold/quotes/: `seeds/<seed>.json` for the bundled seeds and
`bulletins/<name>.txt` + `<name>.json`, bulletins written for this purpose. A gold file is
{"quotes": [{"text": <the quote's opening words>, "speaker": <name> | null}]}. A found quote
matches a gold one when either text starts with the other (case, accents and spacing folded);
the pair is right when the speakers agree too: both unknown, or every word of the gold name is
in the found speaker's name. A speaker given to an unattributed quote is an error, as is a
missing one.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from core.entities.text import fold  # noqa: E402
from core.models import Quote  # noqa: E402
from core.parse import parse_file  # noqa: E402

QUOTES_GOLD = REPO / "tests" / "gold" / "quotes"


@dataclass
class Score:
    bulletins: int = 0
    gold: int = 0
    found: int = 0
    quotes_matched: int = 0
    pairs_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.bulletins += other.bulletins
        self.gold += other.gold
        self.found += other.found
        self.quotes_matched += other.quotes_matched
        self.pairs_right += other.pairs_right
        self.misses += other.misses


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def gold_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(bulletin file, gold file) pairs: a gold's bulletin sits beside it or in seeds/."""
    pairs = []
    for gold in sorted(folder.glob("*.json")):
        beside = gold.with_suffix(".txt")
        bulletin = beside if beside.exists() else REPO / "seeds" / beside.name
        pairs.append((bulletin, gold))
    return pairs


def _same_text(found: str, gold: str) -> bool:
    a, b = fold(found), fold(gold)
    return a.startswith(b) or b.startswith(a)


def _same_speaker(found: Quote, gold: str | None) -> bool:
    if gold is None or found.speaker_name is None:
        return gold is None and found.speaker_name is None
    return set(fold(gold).split()) <= set(fold(found.speaker_name).split())


def score_bulletin(bulletin: Path, gold_file: Path) -> Score:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["quotes"]
    found = parse_file(bulletin).quotes
    score = Score(bulletins=1, gold=len(gold), found=len(found))
    unused = list(found)
    for expected in gold:
        match = next((q for q in unused if _same_text(q.text, expected["text"])), None)
        if match is None:
            score.misses.append(f"{bulletin.name}: missed “{expected['text'][:50]}…”")
            continue
        unused.remove(match)
        score.quotes_matched += 1
        if _same_speaker(match, expected["speaker"]):
            score.pairs_right += 1
        else:
            score.misses.append(
                f"{bulletin.name}: “{expected['text'][:40]}…” said by {expected['speaker']},"
                f" found {match.speaker_name}"
            )
    score.misses += [f"{bulletin.name}: not a quote “{q.text[:50]}…”" for q in unused]
    return score


def evaluate(folder: Path) -> Score:
    total = Score()
    for bulletin, gold in gold_pairs(folder):
        total.add(score_bulletin(bulletin, gold))
    return total


def report(label: str, score: Score) -> str:
    return (
        f"{label:<10} {score.bulletins:>3} bulletins {score.gold:>3} gold {score.found:>3} found"
        f"  quotes P {_ratio(score.quotes_matched, score.found):.2f}"
        f" R {_ratio(score.quotes_matched, score.gold):.2f}"
        f"  (quote, speaker) P {_ratio(score.pairs_right, score.found):.2f}"
        f" R {_ratio(score.pairs_right, score.gold):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, action="append", default=[])
    parser.add_argument("--misses", action="store_true", help="list every miss and wrong speaker")
    args = parser.parse_args()
    folders = [("seeds", QUOTES_GOLD / "seeds"), ("bulletins", QUOTES_GOLD / "bulletins")]
    folders += [(d.name, d) for d in args.gold_dir]
    total = Score()
    for label, folder in folders:
        score = evaluate(folder)
        total.add(score)
        print(report(label, score))
        if args.misses:
            for line in score.misses:
                print("    " + line)
    print(report("all", total))


if __name__ == "__main__":
    main()
