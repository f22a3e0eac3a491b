"""How far two people agree on the entities of the labelled sets: the ceiling of the entity figures.

A second labeller read the articles' text only (no labels, no code) and labelled places, parks
and organisations by the rules of ``bench/quality/README.md``. Scored with ``bench/quality.py``'s
own matching, taking the first labels as the truth, their F1 is how well a careful reader
following the same written rules reproduces them: a pipeline scored against one labeller's
conventions is not expected to beat it. Only aggregate figures are printed, so the blind set's
items stay unread.

With ``--pipeline`` it also scores the analysis against the names both labellers gave (its
recall there counts misses no convention explains) and against the names either gave (its
precision there counts names no careful reader would give).

    .venv/bin/python bench/agreement.py [--json] [--pipeline]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality

KINDS = {"places": lambda p, g: p == g, "parks": quality.org_match, "organizations": quality.org_match}
# (the set's labelled file, the second labeller's file)
PAIRS = {
    "tuning part a": ([quality.DATA / "articles.jsonl"], [quality.DATA / "second" / "articles.jsonl"]),
    "blind set": (
        [quality.BLIND / "part-a.jsonl", quality.BLIND / "part-b.jsonl"],
        [quality.BLIND / "second" / "part-a.jsonl", quality.BLIND / "second" / "part-b.jsonl"],
    ),
}


def agreement(first: list[Path], second: list[Path]) -> dict[str, float]:
    """Precision, recall and F1 per kind of the second labels against the first, over the articles
    both labelled."""
    gold = {r["id"]: r["labels"] for f in first for r in quality.load(f)}
    other = {r["id"]: r for f in second for r in quality.load(f)}
    ids = [i for i in gold if i in other]
    figures: dict[str, float] = {"articles": len(ids)}
    for kind, same in KINDS.items():
        pairs = [(other[i].get(kind, []), gold[i].get(kind, [])) for i in ids]
        p, r, f = quality.score_entities(pairs, same, [], kind)
        figures[f"{kind} P"], figures[f"{kind} R"], figures[f"{kind} F1"] = p, r, f
    return figures


def consensus(first: list[Path], second: list[Path]) -> dict[str, float]:
    """The analysis against the names both labellers gave (recall) and either gave (precision)."""
    records = [r for f in first for r in quality.load(f)]
    other = {r["id"]: r for f in second for r in quality.load(f)}
    records = [r for r in records if r["id"] in other]
    found = quality.analysed(records)
    figures: dict[str, float] = {"articles": len(records)}
    for kind, same in KINDS.items():
        a = [(r["labels"].get(kind, []), other[r["id"]].get(kind, [])) for r in records]
        both = [[x for x in x1 if any(same(x, y) for y in y2)] for x1, y2 in a]
        either = [x1 + [y for y in y2 if not any(same(x, y) for x in x1)] for x1, y2 in a]
        _, figures[f"{kind} R on both"], _ = quality.score_entities(
            [(found[r["id"]][kind], g) for r, g in zip(records, both, strict=True)], same, [], kind
        )
        figures[f"{kind} P on either"], _, _ = quality.score_entities(
            [(found[r["id"]][kind], g) for r, g in zip(records, either, strict=True)], same, [], kind
        )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--pipeline", action="store_true", help="also score the analysis against both labellers")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    for name, (first, second) in PAIRS.items():
        if all(f.exists() for f in second):
            results[name] = agreement(first, second)
            if args.pipeline:
                results[f"analysis on {name}"] = consensus(first, second)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print("second labeller against the set's labels (same matching as bench/quality.py)")
    for name, figures in results.items():
        print(f"{name}: {figures['articles']:.0f} articles")
        if name.startswith("analysis on "):
            for kind in KINDS:
                print(
                    f"  {kind:<14} R on names both gave {figures[kind + ' R on both']:.3f}  "
                    f"P on names either gave {figures[kind + ' P on either']:.3f}"
                )
            continue
        for kind in KINDS:
            print(
                f"  {kind:<14} P {figures[kind + ' P']:.3f}  R {figures[kind + ' R']:.3f}  F1 {figures[kind + ' F1']:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
