"""Score the analysis stage on the labelled set in bench/quality/ and print the figures.

Every article goes through ``pipelines.analyse.analyse`` and is stored in a scratch
database; ``cluster`` then groups them into events, as after a crawl. Printed: relevance
precision/recall/F1 for each watch, event-type accuracy, pairwise clustering
precision/recall/F1 over the articles the watch matched, and entity precision/recall/F1 per
kind. ``--verbose`` lists every miss.

    .venv/bin/python bench/quality.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import config as configuration  # noqa: E402
import db as store  # noqa: E402
from pipelines.analyse import analyse, cluster  # noqa: E402
from pipelines.article import Article  # noqa: E402
from pipelines.normalize import content_hash, to_simplified  # noqa: E402

DATA = ROOT / "bench" / "quality"
TARGETS = {"relevance F1": 0.90, "type accuracy": 0.85, "clustering F1": 0.90,
           "places F1": 0.90, "amounts F1": 0.90, "organizations F1": 0.80}
_LEGAL = re.compile(r"(股份有限公司|有限责任公司|有限公司|,?co\.,?ltd\.?|co\.,?limited|companylimited|limited|ltd\.?|inc\.?)$")


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def make_config(workdir: Path) -> configuration.Config:
    raw = tomllib.loads((DATA / "watches.toml").read_text(encoding="utf-8"))
    raw.setdefault("storage", {})["database"] = str(workdir / "quality.db")
    return configuration.parse(raw, workdir / "config.toml", {})


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def org_key(name: str) -> str:
    key = re.sub(r"\s+", "", to_simplified(name)).lower()
    return key


def org_match(pred: str, gold: str) -> bool:
    """Equal after simplification, case-folding and whitespace removal; a predicted name equal to
    the label without its legal suffix (有限公司, Co., Ltd.) also counts."""
    p, g = org_key(pred), org_key(gold)
    return p == g or _LEGAL.sub("", p) == _LEGAL.sub("", g)


def score_entities(pairs: Iterable[tuple[list[Any], list[Any]]], same: Callable[[Any, Any], bool],
                   misses: list[str], label: str) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for pred, gold in pairs:
        unmatched = list(gold)
        for p in pred:
            hit = next((g for g in unmatched if same(p, g)), None)
            if hit is None:
                fp += 1
                misses.append(f"{label} extra {p}")
            else:
                tp += 1
                unmatched.remove(hit)
        fn += len(unmatched)
        misses.extend(f"{label} missed {g}" for g in unmatched)
    return prf(tp, fp, fn)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    records = sorted(load(DATA / "articles.jsonl"), key=lambda r: (r["published_at"], r["id"]))
    workdir = Path(tempfile.mkdtemp(prefix="newswatch-quality-"))
    config = make_config(workdir)
    database = store.open_db(config.database)

    started = time.perf_counter()
    analysed: dict[str, dict[str, Any]] = {}
    rows = []
    for r in records:
        article = Article(url=r["url"], source=r["source"], title=r["title"], published_at=r["published_at"],
                          lang=r["lang"], body=r["body"], fetched_at=r["published_at"],
                          content_hash=content_hash(r["body"]))
        analysed[r["id"]] = analyse(article, config)
        rows.append(article.row() | analysed[r["id"]])
    analysis_seconds = time.perf_counter() - started
    ids = store.save_articles(database, rows)
    by_url = {r["url"]: r["id"] for r in records}
    started = time.perf_counter()
    cluster(database, config, ids)
    cluster_seconds = time.perf_counter() - started
    for row in store.analysed_articles(database, ids):  # clustering adds reports that matched weakly
        analysed[next(r["id"] for r in records if r["url"] == row["url"])]["watches"] = row["watches"]
    event_of: dict[str, str] = {}
    for event in store.events(database):
        for a in event["articles"]:
            event_of[by_url[a["url"]]] = event["id"]

    misses: list[str] = []
    figures: dict[str, float] = {}
    print(f"labelled set: {len(records)} articles ({DATA.relative_to(ROOT)})")
    print(f"analysis {1000 * analysis_seconds / len(records):.1f} ms/article, "
          f"clustering {1000 * cluster_seconds:.0f} ms for the set\n")

    for watch in config.watches:
        tp = fp = fn = 0
        for r in records:
            truth = bool(r["labels"]["relevant"].get(watch.name))
            pred = watch.name in analysed[r["id"]]["watches"]
            tp, fp, fn = tp + (truth and pred), fp + (pred and not truth), fn + (truth and not pred)
            if truth != pred:
                misses.append(f"relevance {'missed' if truth else 'extra'} {r['id']} {r['title']}")
        p, rc, f = prf(tp, fp, fn)
        figures["relevance F1"] = f
        print(f"relevance [{watch.name}]  P {p:.3f}  R {rc:.3f}  F1 {f:.3f}  ({tp} tp, {fp} fp, {fn} fn)")

        relevant = [r for r in records if r["labels"]["relevant"].get(watch.name)]
        right = [r for r in relevant if analysed[r["id"]]["event_type"] == r["labels"]["event_type"]]
        everyone = [r for r in records if analysed[r["id"]]["event_type"] == r["labels"]["event_type"]]
        figures["type accuracy"] = len(right) / len(relevant)
        print(f"event type  accuracy {len(right) / len(relevant):.3f} on relevant articles ({len(right)}/{len(relevant)}), "
              f"{len(everyone) / len(records):.3f} on all")
        misses.extend(f"type {r['id']} {analysed[r['id']]['event_type']} ≠ {r['labels']['event_type']} {r['title']}"
                      for r in relevant if r not in right)

        matched = [r for r in records if watch.name in analysed[r["id"]]["watches"]]
        tp = fp = fn = 0
        for a, b in combinations(matched, 2):
            truth = a["labels"]["event"] is not None and a["labels"]["event"] == b["labels"]["event"]
            pred = event_of.get(a["id"]) is not None and event_of.get(a["id"]) == event_of.get(b["id"])
            tp, fp, fn = tp + (truth and pred), fp + (pred and not truth), fn + (truth and not pred)
            if truth != pred:
                misses.append(f"cluster {'split' if truth else 'merged'} {a['id']} {b['id']} "
                              f"({a['labels']['event']} / {b['labels']['event']})")
        p, rc, f = prf(tp, fp, fn)
        figures["clustering F1"] = f
        events_made = len({event_of[r['id']] for r in matched if r['id'] in event_of})
        print(f"clustering  P {p:.3f}  R {rc:.3f}  F1 {f:.3f}  (pairs over {len(matched)} matched articles, "
              f"{events_made} events)")

    print()
    kinds: dict[str, tuple[Callable[[Any, Any], bool], str]] = {
        "places": (lambda p, g: p == g, "places"),
        "amounts": (lambda p, g: abs(float(p["value_cny"]) - float(g["value_cny"])) <= 0.005 * float(g["value_cny"]),
                    "amounts"),
        "organizations": (org_match, "organizations"),
        "parks": (org_match, "parks"),
    }
    for kind, (same, label) in kinds.items():
        pairs = [(analysed[r["id"]][kind], r["labels"].get(kind, [])) for r in records]
        kind_misses: list[str] = []
        p, rc, f = score_entities(pairs, same, kind_misses, label)
        misses.extend(kind_misses)
        figures[f"{kind} F1"] = f
        note = "  (a name equal to the label without 有限公司/Co., Ltd. counts)" if kind in ("organizations", "parks") else ""
        print(f"{kind:<14} P {p:.3f}  R {rc:.3f}  F1 {f:.3f}{note}")

    print()
    failed = [k for k, target in TARGETS.items() if figures.get(k, 0.0) < target]
    for k, target in TARGETS.items():
        print(f"  {k:<18} {figures.get(k, 0.0):.3f}  target ≥ {target:.2f}  {'ok' if k not in failed else 'BELOW'}")
    if args.verbose:
        print("\n" + "\n".join(misses))
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
