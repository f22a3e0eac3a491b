"""Pages where newswatch keeps less than plain trafilatura: every page of ``../shared/realdata/`` and
of the throughput benchmark's generated portal, through both.

    .venv/bin/python bench/differential.py [--pages 400] [--json]

newswatch is what a crawl would store (``process_page``: extraction, then the minimum length);
trafilatura is ``trafilatura.extract(html)`` with default settings on the same decoded text. A
page is listed when newswatch keeps nothing while trafilatura finds text, or under half of
trafilatura's characters. Both are scored against the gold text where there is one (bigram F1 as
in ``bench/extraction.py``; snippet F1 for snippet labels; the generated site's own paragraphs),
and a listed page counts as a **loss** when trafilatura's text is the article (F1 >= 0.8) and
ours is not (F1 < 0.6). Unlabelled pages are listed for reading by eye. List pages (the generated
site's columns, the list folders of realdata) are not articles: keeping nothing there is right.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import statistics
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import trafilatura
from extraction import DATASETS, LOADERS, REALDATA, Case, body_scores, snippet_counts
from sitegen import build, plan

from crawler.decode import decode_html
from errors import Skip
from pipelines.article import Page
from pipelines.process import process_page

ARTICLE_F1 = 0.8  # trafilatura's text is the article
NOT_ARTICLE_F1 = 0.6  # ours is not
SITE = "generated-portal"


@dataclass
class Outcome:
    """One page through both systems."""

    dataset: str
    page: str
    kind: str  # article | list | unlabelled
    newswatch: int  # characters stored; 0 when the page is skipped
    trafilatura: int
    skipped: str = ""  # why newswatch stored nothing
    f1_newswatch: float | None = None
    f1_trafilatura: float | None = None

    @property
    def listed(self) -> bool:
        return 2 * self.newswatch < self.trafilatura

    @property
    def loss(self) -> bool:
        return (
            self.listed
            and self.f1_trafilatura is not None
            and self.f1_newswatch is not None
            and self.f1_trafilatura >= ARTICLE_F1
            and self.f1_newswatch < NOT_ARTICLE_F1
        )


def _stored(text: str, url: str) -> tuple[str, str]:
    """The body a crawl would store from this page, or "" and the reason it would skip it."""
    try:
        article = process_page(
            Page(
                source="differential", url=url or "http://bench.invalid/", html=text, fetched_at="2025-12-01T00:00:00Z"
            )
        )
    except Skip as why:
        return "", str(why)
    return article.body, ""


def _score(body: str, case: Case) -> float | None:
    if case.with_snippets or case.without_snippets:
        tp, fn, fp, _ = snippet_counts(body, case)
        return 2 * tp / (2 * tp + fn + fp) if tp else 0.0
    if case.body is None:
        return None
    return body_scores(body, case.body, case.body_is_prefix)[2]


def run(case: Case, kind: str, text: str) -> Outcome:
    """Both systems on one decoded page, scored where the case has labels."""
    ours, skipped = _stored(text, case.url)
    theirs = trafilatura.extract(text) or ""
    outcome = Outcome(case.dataset, case.name, kind, len(ours), len(theirs), skipped)
    if kind == "article":
        outcome.f1_newswatch, outcome.f1_trafilatura = _score(ours, case), _score(theirs, case)
    return outcome


def realdata_cases() -> Iterator[tuple[Case, str]]:
    """Every page in ``../shared/realdata/``: the labelled ones as ``bench/extraction.py`` loads
    them, then every other page there (the unlabelled articles and the list pages)."""
    seen = set()
    for name in DATASETS:
        for case in LOADERS[name](REALDATA / name):
            seen.add(hashlib.sha1(case.data).digest())
            yield case, "article"
    for path in sorted(REALDATA.rglob("*.htm*")):
        if path.name == "expected.html":  # a fixture's labelled body, not a page
            continue
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        if hashlib.sha1(data).digest() in seen:
            continue
        relative = path.relative_to(REALDATA)
        kind = "list" if any(part.startswith("list") for part in relative.parts[1:-1]) else "unlabelled"
        yield Case(relative.parts[0], "/".join(relative.parts[1:]), data), kind


def site_cases(root: Path, pages: int) -> Iterator[tuple[Case, str, str | None]]:
    """Every page of the generated portal (``bench/sitegen.py``, as ``bench/throughput.py`` builds
    it), with the charset its server declares; an article's gold text is its own paragraphs."""
    built = build(root, pages)
    gold = {spec.path: "\n".join(spec.paragraphs) for spec in plan(pages)}
    for path, content_type in sorted(built.content_types.items()):
        if not path.endswith(".html"):
            continue
        charset = content_type.partition("charset=")[2] or None
        case = Case(
            SITE, path, (root / path.lstrip("/")).read_bytes(), url="http://127.0.0.1" + path, body=gold.get(path)
        )
        yield case, "article" if path in gold else "list", charset


def collect(pages: int) -> list[Outcome]:
    outcomes = []
    for case, kind in realdata_cases():
        outcomes.append(run(case, kind, decode_html(case.data)[0]))
    with tempfile.TemporaryDirectory(prefix="differential-") as tmp:
        for case, kind, charset in site_cases(Path(tmp), pages):
            outcomes.append(run(case, kind, decode_html(case.data, charset)[0]))
    return outcomes


def _mean(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    return f"{statistics.mean(known):.3f}" if known else "—"


def summary(outcomes: list[Outcome]) -> list[dict[str, object]]:
    rows = []
    for dataset in dict.fromkeys(o.dataset for o in outcomes):
        mine = [o for o in outcomes if o.dataset == dataset]
        articles = [o for o in mine if o.kind != "list"]
        rows.append(
            {
                "dataset": dataset,
                "pages": len(mine),
                "list pages": len(mine) - len(articles),
                "nothing kept": sum(1 for o in articles if not o.newswatch and o.trafilatura),
                "under half": sum(1 for o in articles if o.newswatch and o.listed),
                "losses": sum(1 for o in articles if o.loss),
                "to read": sum(1 for o in articles if o.listed and o.kind == "unlabelled"),
                "F1 newswatch": _mean([o.f1_newswatch for o in articles]),
                "F1 trafilatura": _mean([o.f1_trafilatura for o in articles]),
                "list pages kept": f"{sum(1 for o in mine if o.kind == 'list' and o.newswatch)} / "
                f"{sum(1 for o in mine if o.kind == 'list' and o.trafilatura)}",
            }
        )
    return rows


def _f1(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def print_report(outcomes: list[Outcome]) -> None:
    listed = [o for o in outcomes if o.kind != "list" and o.listed]
    print(f"Pages where newswatch keeps nothing or under half of trafilatura's characters: {len(listed)}")
    for o in listed:
        verdict = "LOSS" if o.loss else ("read" if o.kind == "unlabelled" else "ok")
        print(
            f"  {verdict:<5} {o.dataset}  {o.page}: newswatch {o.newswatch} chars (F1 {_f1(o.f1_newswatch)}),"
            f" trafilatura {o.trafilatura} (F1 {_f1(o.f1_trafilatura)}){'  — ' + o.skipped if o.skipped else ''}"
        )
    rows = summary(outcomes)
    columns = list(rows[0])
    print("\n| " + " | ".join(columns) + " |\n|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in columns) + " |")
    print(
        f"\nloss = listed, trafilatura F1 >= {ARTICLE_F1} and newswatch F1 < {NOT_ARTICLE_F1}; F1 means over "
        "labelled article pages; 'list pages kept' = newswatch / trafilatura kept text from a list page."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=400, help="articles in the generated site (default 400)")
    parser.add_argument("--json", action="store_true", help="print every page's outcome and the summary as JSON")
    args = parser.parse_args(argv)
    if not REALDATA.is_dir():
        print(f"no pages at {REALDATA}", file=sys.stderr)
        return 2
    outcomes = collect(args.pages)
    if args.json:
        print(
            json.dumps(
                {"summary": summary(outcomes), "pages": [asdict(o) for o in outcomes]}, ensure_ascii=False, indent=1
            )
        )
    else:
        print_report(outcomes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
