"""What a learned relevance model adds, held out, and what it costs, on the tuning set only.

Each fifth of ``bench/quality/articles.jsonl`` (every fifth article, as ``newswatch learn``
cross-validates) is scored by a model trained on the other four fifths, so no figure here is
in-sample. Printed: the model alone (accuracy at 0.5, ROC AUC, the highest probability of a
not-relevant article against ``watches.CONFIDENT``); relevance from analysis (no clustering)
with the rules alone and with the held-out models, and the articles that changed; the cost
(analysis ms/article with and without the model, interleaved passes, best of ten; the model's
size in memory). The blind set is never read.

    .venv/bin/python bench/learned.py [--watches FILE]   # FILE: any TOML with [[watches]] (default
                                                         # bench/quality/watches.toml; try demo/config.toml)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from quality import article_of, prf  # noqa: E402

import config as configuration  # noqa: E402
from pipelines import learn  # noqa: E402
from pipelines.analyse import analyse, context  # noqa: E402
from pipelines.text import segment  # noqa: E402
from pipelines.watches import CONFIDENT  # noqa: E402

DATA = ROOT / "bench" / "quality"
WATCH = "biomed-cluster"


def make_config(watches: Path, workdir: Path, models: Path) -> configuration.Config:
    raw = {
        "watches": tomllib.loads(watches.read_text(encoding="utf-8"))["watches"],
        "storage": {"database": str(workdir / "learned.db"), "models": str(models)},
    }
    for w in raw["watches"]:
        w.pop("examples", None)
    return configuration.parse(raw, workdir / "config.toml", {})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--watches", type=Path, default=DATA / "watches.toml", help="TOML file with [[watches]]")
    args = parser.parse_args()
    lines = (DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    labels = [bool(r["labels"]["relevant"][WATCH]) for r in records]
    workdir = Path(tempfile.mkdtemp(prefix="newswatch-learned-"))
    rules = make_config(args.watches, workdir, workdir / "none")
    context(rules)  # jieba cuts as analysis does
    vectors = [learn.features(segment(r["title"]), segment(r["body"])) for r in records]

    held: list[float] = [0.0] * len(records)
    configs = {}
    for fold in range(learn.FOLDS):
        kept = [i for i in range(len(records)) if i % learn.FOLDS != fold]
        model = learn.train([vectors[i] for i in kept], [labels[i] for i in kept])
        learn.save(model, workdir / f"fold{fold}" / f"{WATCH}.npz")
        configs[fold] = make_config(args.watches, workdir, workdir / f"fold{fold}")
        for i in range(fold, len(records), learn.FOLDS):
            held[i] = learn.score(model, records[i]["title"], records[i]["body"])
    pos = [p for p, y in zip(held, labels, strict=False) if y]
    neg = [p for p, y in zip(held, labels, strict=False) if not y]
    auc = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))
    accuracy = sum((p >= 0.5) == y for p, y in zip(held, labels, strict=False)) / len(labels)
    print(f"tuning set: {len(records)} articles ({len(pos)} relevant); watches from {args.watches}")
    print(
        f"model alone, held out: accuracy {accuracy:.3f}, ROC AUC {auc:.3f}, highest not-relevant "
        f"{max(neg):.2f} (CONFIDENT = {CONFIDENT}), relevant at or above it {sum(p >= CONFIDENT for p in pos)}"
    )

    counts = {"rules alone": [0, 0, 0], "with model": [0, 0, 0]}
    changed = []
    for i, r in enumerate(records):
        alone = WATCH in analyse(article_of(r), rules)["watches"]
        lifted = WATCH in analyse(article_of(r), configs[i % learn.FOLDS])["watches"]
        for name, pred in (("rules alone", alone), ("with model", lifted)):
            c = counts[name]
            c[0] += pred and labels[i]
            c[1] += pred and not labels[i]
            c[2] += labels[i] and not pred
        if alone != lifted:
            changed.append(
                f"  {'added' if lifted else 'removed'} {r['id']} "
                f"({'relevant' if labels[i] else 'NOT relevant'}) {r['title']}"
            )
    for name, (tp, fp, fn) in counts.items():
        p, rc, f = prf(tp, fp, fn)
        print(f"relevance (analysis, no clustering), {name:<11}: P {p:.3f}  R {rc:.3f}  F1 {f:.3f}")
    print("\n".join(changed) or "  no article changed")

    with_model = configs[0]
    times: dict[str, list[float]] = {"rules alone": [], "with model": []}
    for rep in range(10):
        for name, config in (("rules alone", rules), ("with model", with_model))[
            :: 1 if rep % 2 else -1
        ]:  # interleaved
            started = time.perf_counter()
            for r in records:
                analyse(article_of(r), config)
            times[name].append(1000 * (time.perf_counter() - started) / len(records))
    base, extra = min(times["rules alone"]), min(times["with model"])
    size = context(with_model).models[WATCH].weights.nbytes / 1e6
    print(
        f"cost: analysis {base:.2f} ms/article rules alone, {extra:.2f} with the model "
        f"(+{extra - base:.2f} ms); the model holds {size:.1f} MB of weights per watch in each process"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
