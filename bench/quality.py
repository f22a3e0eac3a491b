"""Score the analysis stage on the labelled sets in bench/quality/ and print the figures.

Two sets: the tuning set (every ``articles*.jsonl``: ``articles.jsonl``, ``articles-b.jsonl``, ...),
which whoever changes the rules may read, and
the blind set (``blind/*.jsonl``), written by people who never read the analysis code, whose
items nobody who tunes rules reads: only its aggregate figures are printed, never its misses.
Each set's articles go through ``pipelines.analyse.analyse`` into a scratch database;
``cluster`` then groups them into events, as after a crawl. Printed per set: relevance
precision/recall/F1 for each watch, event-type accuracy (an article in an event has its
event's type), how many happenings got one type, pairwise same-happening precision/recall/F1
over the articles the watch matched, and entity precision/recall/F1 per kind.
``--verbose`` lists every miss of the tuning set. ``--models DIR`` analyses with the learned
models in DIR (``models/`` holds the one trained on the tuning set, so its tuning figures are
not held out).

    .venv/bin/python bench/quality.py [--verbose] [--json] [--models DIR]
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
from pipelines.analyse import analyse, load_tables  # noqa: E402
from pipelines.article import Article  # noqa: E402
from pipelines.cluster import cluster  # noqa: E402
from pipelines.normalize import content_hash, to_simplified  # noqa: E402

DATA = ROOT / "bench" / "quality"
BLIND = DATA / "blind"
# fmt: off
TARGETS = {"relevance F1": 0.90, "type accuracy": 0.85, "clustering F1": 0.90,
           "places F1": 0.90, "amounts F1": 0.90, "organizations F1": 0.80}
# Issue #12's targets on the blind set; places, amounts and organisations: the figure on part a of
# the tuning set (the set the issue measured; later parts are harder by design) - 0.03.
BLIND_TARGETS = {"relevance F1": 0.95, "relevance P": 0.95, "clustering F1": 0.95, "type accuracy": 0.90,
                 "one type per happening": 1.0, "parks F1": 0.90}
# fmt: on
_LEGAL = re.compile(
    r"(股份有限公司|有限责任公司|有限公司|,?co\.,?ltd\.?|co\.,?limited|companylimited|limited|ltd\.?|inc\.?)$"
)


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def make_config(workdir: Path, models: Path | None = None) -> configuration.Config:
    raw = tomllib.loads((DATA / "watches.toml").read_text(encoding="utf-8"))
    raw.setdefault("storage", {})["database"] = str(workdir / "quality.db")
    if models is not None:
        raw["storage"]["models"] = str(models.resolve())
    return configuration.parse(raw, workdir / "config.toml", {})


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def org_key(name: str) -> str:
    """An English name's leading article is no part of it: labellers write "The University of Hong
    Kong" and "University of Hong Kong" for one university; nor is a final full stop, which at a
    sentence's end is also the abbreviation's (… Co.)."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).rstrip(".")
    return re.sub(r"\s+", "", to_simplified(name)).lower()


def org_match(pred: str, gold: str) -> bool:
    """Equal after simplification, case-folding and whitespace removal; a predicted name equal to
    the label without its legal suffix (有限公司, Co., Ltd.) also counts."""
    p, g = org_key(pred), org_key(gold)
    return p == g or _LEGAL.sub("", p) == _LEGAL.sub("", g)


def score_entities(
    pairs: Iterable[tuple[list[Any], list[Any]]], same: Callable[[Any, Any], bool], misses: list[str], label: str
) -> tuple[float, float, float]:
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


def article_of(r: dict[str, Any]) -> Article:
    """A labelled record as the crawler would have stored it."""
    return Article(
        url=r["url"],
        source=r["source"],
        title=r["title"],
        published_at=r["published_at"],
        lang=r["lang"],
        body=r["body"],
        fetched_at=r["published_at"],
        content_hash=content_hash(r["body"]),
    )


def analysed(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each record's analysis, by id, without clustering."""
    config = make_config(Path(tempfile.mkdtemp(prefix="newswatch-quality-")))
    load_tables(config)
    return {r["id"]: analyse(article_of(r), config) for r in records}


def evaluate(records: list[dict[str, Any]], misses: list[str], models: Path | None = None) -> dict[str, float]:
    """Analyse and cluster one labelled set in a scratch database; its figures, its misses appended."""
    records = sorted(records, key=lambda r: (r["published_at"], r["id"]))
    workdir = Path(tempfile.mkdtemp(prefix="newswatch-quality-"))
    config = make_config(workdir, models)
    database = store.open_db(config.database)
    load_tables(config)  # dictionaries and tables load once per process, not per article
    started = time.perf_counter()
    analysed: dict[str, dict[str, Any]] = {}
    rows = []
    for r in records:
        article = article_of(r)
        analysed[r["id"]] = analyse(article, config)
        rows.append(article.row() | analysed[r["id"]])
    figures: dict[str, float] = {
        "articles": len(records),
        "ms per article": 1000 * (time.perf_counter() - started) / len(records),
    }
    ids = store.save_articles(database, rows)
    id_of_url = {r["url"]: r["id"] for r in records}
    started = time.perf_counter()
    cluster(database, config, ids)
    figures["clustering ms"] = 1000 * (time.perf_counter() - started)
    for row in store.analysed_articles(database, ids):  # clustering adds reports that matched weakly
        analysed[id_of_url[row["url"]]]["watches"] = row["watches"]
    event_of: dict[str, str] = {}
    type_of: dict[str, str] = {}
    for event in store.events(database):
        type_of[event["id"]] = event["type"]
        for a in event["articles"]:
            event_of[id_of_url[a["url"]]] = event["id"]

    for watch in config.watches:
        tp = fp = fn = 0
        for r in records:
            truth = bool(r["labels"]["relevant"].get(watch.name))
            pred = watch.name in analysed[r["id"]]["watches"]
            tp, fp, fn = tp + (truth and pred), fp + (pred and not truth), fn + (truth and not pred)
            if truth != pred:
                misses.append(f"relevance {'missed' if truth else 'extra'} {r['id']} {r['title']}")
        figures["relevance P"], figures["relevance R"], figures["relevance F1"] = prf(tp, fp, fn)

        def kind(r: dict[str, Any]) -> str:
            event = event_of.get(r["id"])
            return type_of[event] if event else analysed[r["id"]]["event_type"]

        relevant = [r for r in records if r["labels"]["relevant"].get(watch.name)]
        right = [r for r in relevant if kind(r) == r["labels"]["event_type"]]
        figures["type accuracy"] = len(right) / len(relevant) if relevant else 1.0
        misses.extend(
            f"type {r['id']} {kind(r)} ≠ {r['labels']['event_type']} {r['title']}" for r in relevant if r not in right
        )
        happenings: dict[str, set[str]] = {}
        for r in relevant:
            if r["labels"]["event"] is not None and watch.name in analysed[r["id"]]["watches"]:
                happenings.setdefault(r["labels"]["event"], set()).add(kind(r))
        figures["one type per happening"] = (
            sum(len(t) == 1 for t in happenings.values()) / len(happenings) if happenings else 1.0
        )

        matched = [r for r in records if watch.name in analysed[r["id"]]["watches"]]
        tp = fp = fn = 0
        for a, b in combinations(matched, 2):
            truth = a["labels"]["event"] is not None and a["labels"]["event"] == b["labels"]["event"]
            pred = event_of.get(a["id"]) is not None and event_of.get(a["id"]) == event_of.get(b["id"])
            tp, fp, fn = tp + (truth and pred), fp + (pred and not truth), fn + (truth and not pred)
            if truth != pred:
                misses.append(
                    f"cluster {'split' if truth else 'merged'} {a['id']} {b['id']} "
                    f"({a['labels']['event']} / {b['labels']['event']})"
                )
        figures["clustering P"], figures["clustering R"], figures["clustering F1"] = prf(tp, fp, fn)
        figures["matched"] = len(matched)
        figures["events"] = len({event_of[r["id"]] for r in matched if r["id"] in event_of})

    kinds: dict[str, Callable[[Any, Any], bool]] = {
        "places": lambda p, g: p == g,
        "amounts": lambda p, g: abs(float(p["value_cny"]) - float(g["value_cny"])) <= 0.005 * float(g["value_cny"]),
        "organizations": org_match,
        "parks": org_match,
    }
    for name, same in kinds.items():
        pairs = [(analysed[r["id"]][name], r["labels"].get(name, [])) for r in records]
        p, rc, f = score_entities(pairs, same, misses, name)
        figures[f"{name} P"], figures[f"{name} R"], figures[f"{name} F1"] = p, rc, f
    database.close()
    return figures


def show(title: str, figures: dict[str, float]) -> None:
    print(
        f"{title}: {figures['articles']:.0f} articles, analysis {figures['ms per article']:.1f} ms/article, "
        f"clustering {figures['clustering ms']:.0f} ms"
    )
    print(
        f"  relevance      P {figures['relevance P']:.3f}  R {figures['relevance R']:.3f}  "
        f"F1 {figures['relevance F1']:.3f}"
    )
    print(
        f"  event type     accuracy {figures['type accuracy']:.3f} on relevant articles; "
        f"one type per happening {figures['one type per happening']:.3f}"
    )
    print(
        f"  same happening P {figures['clustering P']:.3f}  R {figures['clustering R']:.3f}  "
        f"F1 {figures['clustering F1']:.3f}  (pairs over {figures['matched']:.0f} matched articles, "
        f"{figures['events']:.0f} events)"
    )
    for name in ("places", "amounts", "organizations", "parks"):
        print(
            f"  {name:<14} P {figures[name + ' P']:.3f}  R {figures[name + ' R']:.3f}  F1 {figures[name + ' F1']:.3f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss of the tuning set")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--models", type=Path, metavar="DIR", help="analyse with the learned models in DIR")
    args = parser.parse_args()
    misses: list[str] = []
    tuning_files = sorted(DATA.glob("articles*.jsonl"), key=lambda f: (f.name != "articles.jsonl", f.name))  # a, b, ...
    tuning = evaluate([r for f in tuning_files for r in load(f)], misses, args.models)
    part_a = evaluate(load(DATA / "articles.jsonl"), [], args.models) if len(tuning_files) > 1 else tuning
    blind_files = sorted(BLIND.glob("*.jsonl"))
    blind = evaluate([r for f in blind_files for r in load(f)], [], args.models) if blind_files else None
    if args.json:
        print(json.dumps({"tuning": tuning, "tuning part a": part_a, "blind": blind}, indent=2))
        return 0
    print("(a name equal to the label without 有限公司/Co., Ltd. counts for organisations and parks)\n")
    show(
        f"tuning set ({len(tuning_files)} files: {', '.join(f.name for f in tuning_files)} "
        f"in {DATA.relative_to(ROOT)})",
        tuning,
    )
    for k, target in TARGETS.items():
        print(
            f"    {k:<24} {tuning.get(k, 0.0):.3f}  target ≥ {target:.2f}  {'ok' if tuning[k] >= target else 'BELOW'}"
        )
    if part_a is not tuning:
        print(
            "  part a alone (articles.jsonl): "
            + ", ".join(
                f"{k} {part_a[k]:.3f}"
                for k in ("relevance F1", "places F1", "amounts F1", "organizations F1", "parks F1")
            )
        )
    if blind is None:
        print("\nno blind set in bench/quality/blind/")
    else:
        print()
        show(f"blind set ({len(blind_files)} files in {BLIND.relative_to(ROOT)}; aggregate figures only)", blind)
        targets = dict(BLIND_TARGETS)
        targets.update({f"{k} F1": part_a[f"{k} F1"] - 0.03 for k in ("places", "amounts", "organizations")})
        for k, target in targets.items():
            print(
                f"    {k:<24} {blind[k]:.3f}  target ≥ {target:.2f}  {'ok' if blind[k] >= target - 1e-9 else 'BELOW'}"
            )
    if args.verbose:
        print("\ntuning-set misses:\n" + "\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
