"""Extraction quality on real pages with third-party ground truth: newswatch vs plain trafilatura.

Run: ``.venv/bin/python bench/extraction.py [--json] [--dataset NAME] [--worst N] [--through-crawler]``.
Pages are read in place from ``../shared/realdata/`` (never copied). Both systems get the same
decoded text (``crawler.decode.decode_html``), so the comparison is about extraction alone.
``--through-crawler`` instead sets newswatch's direct scores beside those of the articles that
``newswatch crawl`` stores from the same pages served over local HTTP without a charset
(``bench/crawled.py``), and lists the pages it did not store with the reason.

Scores (macro averages over the pages of a dataset):
- body: F1 (and P/R) on character bigrams, whitespace removed. For prefix-only labels (goose3,
  postlight) the prediction is cut to the label's length first. trafilatura-eval-zh has snippet
  labels instead: a ``with`` snippet found is a TP, missed a FN; a ``without`` snippet found is a
  FP; the body column then shows the snippet F1 over all pages (upstream's method).
- date: share of pages with a full labelled day (YYYY-M-D) whose predicted day (China time for
  newswatch, trafilatura's own day string otherwise) is that day.
- title: share of labelled pages where the prediction equals the label after normalisation
  (NFKC, traditional→simplified, lowercase, punctuation and spaces removed), or one contains the
  other and the shorter has ≥ 85 % of the longer's characters. The readability fixtures label the
  full ``<title>``; we score against its part before the first ``_``/``|``/`` - `` separator.
- gne-testpages-zh labels are GNE's own output (peer output, not truth), marked ``(peer)``.
"""

from __future__ import annotations

import argparse
import gzip
import html as htmllib
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import crawled
import trafilatura  # the plain baseline we compare against; the app uses it only via pipelines.extract

from crawler.decode import decode_html
from pipelines.extract import extract
from pipelines.normalize import to_simplified

REALDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "realdata"
DATASETS = (
    "cwced-zh",
    "magic-html-article-zh",
    "trafilatura-eval-zh",
    "extractor-fixtures-zh",
    "gne-testpages-zh",
    "scrapinghub-aeb-en",
)
PEER = {"gne-testpages-zh"}


@dataclass
class Case:
    """One page and whatever its labels say."""

    dataset: str
    name: str
    data: bytes
    url: str = ""
    body: str | None = None
    body_is_prefix: bool = False
    date: str | None = None
    title: str | None = None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip()


def _strip_tags(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", markup)
    markup = re.sub(r"(?i)<(br|/p|/div|/h\d|/li)\b[^>]*>", "\n", markup)
    return htmllib.unescape(re.sub(r"<[^>]+>", "", markup))


def load_cwced(root: Path) -> Iterator[Case]:
    for page in sorted((root / "original").glob("*.html")):
        stem = page.stem
        yield Case(
            "cwced-zh",
            stem,
            page.read_bytes(),
            body=_read(root / "cleaned" / f"{stem}.txt"),
            date=_read(root / "date" / f"{stem}.txt"),
        )


def load_magic(root: Path) -> Iterator[Case]:
    labels = json.loads((root / "base_zh_subset.json").read_text(encoding="utf-8"))
    for key, label in sorted(labels.items()):
        yield Case(
            "magic-html-article-zh",
            key,
            (root / "htmls" / f"{key}.html").read_bytes(),
            url=label.get("url", ""),
            body=label["content"],
        )


def load_trafilatura_eval(root: Path) -> Iterator[Case]:
    labels = json.loads((root / "evaldata_zh_subset.json").read_text(encoding="utf-8"))
    for url, label in sorted(labels.items()):
        yield Case(
            "trafilatura-eval-zh",
            label["file"],
            (root / "html" / label["file"]).read_bytes(),
            url=url,
            date=label.get("date"),
            title=label.get("title"),
            with_snippets=label.get("with", []),
            without_snippets=label.get("without", []),
        )


def load_fixtures(root: Path) -> Iterator[Case]:
    for folder in sorted((root / "readability").iterdir()):
        if not folder.is_dir():
            continue
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        headline = re.split(r"\s*(?:_|\||\s-\s)\s*", meta["title"].strip())[0]
        yield Case(
            "extractor-fixtures-zh",
            f"readability/{folder.name}",
            (folder / "source.html").read_bytes(),
            body=_strip_tags((folder / "expected.html").read_text(encoding="utf-8")),
            title=headline,
            date=meta.get("publishedTime"),
        )
    news = root / "newspaper4k"
    for page in sorted(news.glob("*.html")):
        meta_path = page.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        yield Case(
            "extractor-fixtures-zh",
            f"newspaper4k/{page.stem}",
            page.read_bytes(),
            url=meta.get("url", ""),
            body=_read(page.with_suffix(".txt")),
            title=meta.get("title"),
            date=meta.get("publish_date"),
        )
    goose = json.loads((root / "goose3" / "test_bbc_chinese.json").read_text(encoding="utf-8"))
    yield Case(
        "extractor-fixtures-zh",
        "goose3/test_bbc_chinese",
        (root / "goose3" / "test_bbc_chinese.html").read_bytes(),
        url=goose.get("url", ""),
        body=goose["expected"]["cleaned_text"],
        body_is_prefix=True,
    )
    post = json.loads((root / "postlight" / "www.qdaily.com.expected.json").read_text(encoding="utf-8"))
    yield Case(
        "extractor-fixtures-zh",
        "postlight/qdaily",
        (root / "postlight" / "www.qdaily.com.html").read_bytes(),
        url=post["url"],
        body=post["content_first_3_words"],
        body_is_prefix=True,
        title=post["title"],
        date=_utc_to_china_day(post["date_published"]),
    )


def _utc_to_china_day(stamp: str) -> str:
    from datetime import datetime, timedelta

    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(hours=8)
    return moment.strftime("%Y-%m-%d")


def load_gne(root: Path) -> Iterator[Case]:
    labels = json.loads((root / "gne_reference_output.json").read_text(encoding="utf-8"))
    for path, label in sorted(labels.items()):
        yield Case(
            "gne-testpages-zh",
            path,
            (root / path).read_bytes(),
            body=label.get("content"),
            title=label.get("title"),
            date=label.get("publish_time"),
        )


def load_scrapinghub(root: Path) -> Iterator[Case]:
    labels = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key, label in sorted(labels.items()):
        data = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        yield Case("scrapinghub-aeb-en", key, data, url=label.get("url", ""), body=label["articleBody"])


LOADERS = {
    "cwced-zh": load_cwced,
    "magic-html-article-zh": load_magic,
    "trafilatura-eval-zh": load_trafilatura_eval,
    "extractor-fixtures-zh": load_fixtures,
    "gne-testpages-zh": load_gne,
    "scrapinghub-aeb-en": load_scrapinghub,
}


def bigrams(text: str) -> Counter[str]:
    squashed = re.sub(r"\s+", "", text)
    return Counter(squashed[i : i + 2] for i in range(len(squashed) - 1))


def body_scores(predicted: str, truth: str, prefix: bool) -> tuple[float, float, float]:
    if prefix:
        predicted = re.sub(r"\s+", "", predicted)[: len(re.sub(r"\s+", "", truth))]
    pred, gold = bigrams(predicted), bigrams(truth)
    overlap = sum((pred & gold).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    p, r = overlap / sum(pred.values()), overlap / sum(gold.values())
    return p, r, 2 * p * r / (p + r)


def label_day(text: str | None) -> str | None:
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", text or "")
    return f"{int(match[1]):04d}-{int(match[2]):02d}-{int(match[3]):02d}" if match else None


def title_key(text: str) -> str:
    text = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def title_ok(predicted: str | None, truth: str) -> bool:
    a, b = title_key(predicted or ""), title_key(truth)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return a == b or (short in long_ and len(short) >= 0.85 * len(long_))


def snippet_counts(predicted: str, case: Case) -> tuple[int, int, int, int]:
    tp = sum(1 for s in case.with_snippets if s in predicted)
    fp = sum(1 for s in case.without_snippets if s in predicted)
    return tp, len(case.with_snippets) - tp, fp, len(case.without_snippets) - fp


# body, title, date, CPU seconds (None when not measured here)
Prediction = tuple[str, str | None, str | None, float | None]


def run_newswatch(text: str, url: str | None) -> Prediction:
    started = time.process_time()
    result = extract(text, url or "")
    return result.body, result.title, result.published_at, time.process_time() - started


def run_trafilatura(text: str, url: str | None) -> Prediction:
    """Default ``trafilatura.extract``; its separate metadata pass is not counted in its time."""
    started = time.process_time()
    body = trafilatura.extract(text) or ""
    elapsed = time.process_time() - started
    meta = trafilatura.extract_metadata(text)
    return body, meta.title if meta else None, meta.date if meta else None, elapsed


def direct(runner: Callable[[str, str | None], Prediction]) -> Callable[[Case], Prediction]:
    """A system that reads the page's bytes itself, decoded as the crawler would without a header."""

    def predict(case: Case) -> Prediction:
        text, _ = decode_html(case.data)
        return runner(text, case.url or None)

    return predict


def stored(outcome: crawled.Outcome) -> Callable[[Case], Prediction]:
    """A system that looks the page up among the crawl's articles; a page not stored scores nothing."""

    def predict(case: Case) -> Prediction:
        found = outcome.stored.get((case.dataset, case.name))
        return (found.body, found.title, found.published_at, None) if found else ("", None, None, None)

    return predict


SYSTEMS = {"newswatch": direct(run_newswatch), "trafilatura": direct(run_trafilatura)}


def evaluate(
    cases: list[Case], worst: int, systems: dict[str, Callable[[Case], Prediction]] = SYSTEMS
) -> dict[str, dict[str, object]]:
    results: dict[str, dict[str, object]] = {}
    for system, predict in systems.items():
        f1s, ps, rs, dates_ok, titles_ok, times, per_page = [], [], [], [], [], [], []
        snip = [0, 0, 0, 0]
        for case in cases:
            body, title, date, elapsed = predict(case)
            if elapsed is not None:
                times.append(elapsed)
            if case.with_snippets or case.without_snippets:
                snip = [a + b for a, b in zip(snip, snippet_counts(body, case), strict=False)]
            elif case.body is not None:
                p, r, f = body_scores(body, case.body, case.body_is_prefix)
                ps.append(p), rs.append(r), f1s.append(f)
                per_page.append((f, case.name))
            day = label_day(case.date)
            if day:
                dates_ok.append(label_day(date) == day)
            if case.title:
                titles_ok.append(title_ok(title, case.title))
        entry: dict[str, object] = {
            "pages": len(cases),
            "ms_per_page": 1000 * statistics.mean(times) if times else None,
            "dates": len(dates_ok),
            "date_acc": sum(dates_ok) / len(dates_ok) if dates_ok else None,
            "titles": len(titles_ok),
            "title_acc": sum(titles_ok) / len(titles_ok) if titles_ok else None,
        }
        if f1s:
            entry.update(body_f1=statistics.mean(f1s), body_p=statistics.mean(ps), body_r=statistics.mean(rs))
        if any(snip):
            tp, fn, fp, tn = snip
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            entry.update(
                body_f1=2 * p * r / (p + r) if p + r else 0.0,
                body_p=p,
                body_r=r,
                snippet_accuracy=(tp + tn) / sum(snip),
                snippets=True,
            )
        if worst:
            entry["worst"] = sorted(per_page)[:worst]
        results[system] = entry
    return results


def _fmt(value: object, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def print_table(report: dict[str, dict[str, dict[str, object]]]) -> None:
    head = (
        f"{'dataset':<26}{'system':<13}{'pages':>6}{'body F1':>9}{'P':>7}{'R':>7}"
        f"{'date acc (n)':>15}{'title acc (n)':>16}{'CPU ms/pg':>10}"
    )
    print(head)
    print("-" * len(head))
    for dataset, systems in report.items():
        label = dataset + (" (peer)" if dataset in PEER else "")
        for system, e in systems.items():
            body = _fmt(e.get("body_f1")) + ("s" if e.get("snippets") else " ")
            date = f"{_fmt(e['date_acc'])} ({e['dates']})" if e["dates"] else "—"
            title = f"{_fmt(e['title_acc'])} ({e['titles']})" if e["titles"] else "—"
            print(
                f"{label:<26}{system:<13}{e['pages']:>6}{body:>9}{_fmt(e.get('body_p')):>7}"
                f"{_fmt(e.get('body_r')):>7}{date:>15}{title:>16}{_fmt(e['ms_per_page'], 1):>10}"
            )
            for score, name in e.get("worst", []):
                print(f"{'':<39}{score:.3f}  {name}")
        label = ""
    print("\nbody F1 = character-bigram F1 (macro); 's' = snippet F1 (trafilatura's with/without method).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--dataset", action="append", choices=DATASETS, help="only this dataset (repeatable)")
    parser.add_argument("--worst", type=int, default=0, help="also list the N lowest-F1 pages per dataset")
    parser.add_argument(
        "--through-crawler",
        action="store_true",
        help="compare with what `newswatch crawl` stores from the pages served over HTTP",
    )
    args = parser.parse_args(argv)
    if not REALDATA.is_dir():
        print(f"no ground-truth data at {REALDATA}", file=sys.stderr)
        return 2
    datasets = {name: list(LOADERS[name](REALDATA / name)) for name in args.dataset or DATASETS}
    systems, missing = SYSTEMS, {}
    if args.through_crawler:
        outcome = crawled.crawl(
            {
                name: {(c.dataset, c.name): (crawled.page_path(name, c.name, c.url), c.data) for c in cases}
                for name, cases in datasets.items()
            }
        )
        if outcome.returncode:
            print(f"newswatch crawl exited {outcome.returncode}:\n{outcome.stderr[-3000:]}", file=sys.stderr)
        systems = {"newswatch": SYSTEMS["newswatch"], "via crawler": stored(outcome)}
        missing = {
            name: {key[1]: reason for key, reason in sorted(outcome.missing.items()) if key[0] == name}
            for name in datasets
        }
    report = {name: evaluate(cases, args.worst, systems) for name, cases in datasets.items()}
    if args.json:
        for name, pages in missing.items():
            report[name]["not_stored"] = pages  # type: ignore[assignment]  # the JSON report adds a key of another type
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print_table(report)
    if args.through_crawler:
        print("\nPages served without a charset and not stored by `newswatch crawl`:")
        for name, pages in missing.items():
            for page, reason in pages.items():
                print(f"  {name}  {page}: {reason}")
        if not any(missing.values()):
            print("  none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
