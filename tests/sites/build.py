"""Regenerate the fixture sites and truth.json from the article sources in ``src/``.

The HTML under ``tests/sites/<site>/`` is generated so that every page and its labels in
truth.json come from one place. Run ``python -m tests.sites.build`` after editing a source;
tests/test_sites.py fails when the files on disk and the sources disagree.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tomllib
from dataclasses import asdict, fields
from pathlib import Path

from .layouts import (
    Article,
    SiteBuild,
    english,
    first_sentence,
    hkmedia,
    hpgov,
    last_sentence,
    media,
)

SITES_DIR = Path(__file__).resolve().parent
SRC = SITES_DIR / "src"
TRUTH = SITES_DIR / "truth.json"
LAYOUTS = {"hpgov": hpgov, "media": media, "english": english, "hkmedia": hkmedia}
LANG = {"hpgov": "zh-hans", "media": "zh-hans", "english": "en", "hkmedia": "zh-hant"}
USD_CNY = 7.1
EVENT_TYPES = {"signing", "investment", "fund", "park", "policy", "approval", "financing", "ranking", "other"}
_SKIPPED = re.compile(r"<(script|style)\b.*?</\1>", re.S)
_INLINE = re.compile(r"</?(?:a|span|em|strong|b|i|time)\b[^>]*>")
_TAGS = re.compile(r"<[^>]+>")


def load_articles() -> dict[str, list[Article]]:
    """Every article source, per site, in file order."""
    names = {f.name for f in fields(Article)}
    out: dict[str, list[Article]] = {}
    for site in LAYOUTS:
        raw = tomllib.loads((SRC / f"{site}.toml").read_text(encoding="utf-8"))
        items = []
        for entry in raw["article"]:
            unknown = set(entry) - names
            if unknown:
                raise ValueError(f"{site}.toml {entry.get('id')}: unknown keys {sorted(unknown)}")
            items.append(Article(site=site, **entry))
        out[site] = items
    return out


def render() -> tuple[dict[str, list[Article]], dict[str, SiteBuild]]:
    """All sites' files in memory (nothing written)."""
    articles = load_articles()
    by_id = {a.id: a for items in articles.values() for a in items}
    if len(by_id) != sum(map(len, articles.values())):
        raise ValueError("article ids must be unique across sites")
    return articles, {site: LAYOUTS[site].build(items, by_id) for site, items in articles.items()}


def encode(site: str, rel: str, text: str, build: SiteBuild) -> bytes:
    """HTML in the site's encoding (strict: a character it cannot hold is a source error)."""
    encoding = build.encoding if rel.endswith((".html", ".htm")) else "utf-8"
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise ValueError(f"{site}/{rel}: {text[exc.start]!r} does not exist in {encoding}") from exc


def site_files(site: str, build: SiteBuild) -> dict[str, bytes]:
    """Relative path (variants under ``_variants/<name>/``) -> bytes, as they go on disk."""
    out = {rel: encode(site, rel, text, build) for rel, text in build.files.items()}
    for variant, overlay in build.variants.items():
        for rel, text in overlay.items():
            out[f"_variants/{variant}/{rel}"] = encode(site, rel, text, build)
    out["site.json"] = (json.dumps(build.site_json, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return out


def page_text(raw: str) -> str:
    """The visible text of a page, tags dropped and entities decoded, for substring checks."""
    return html.unescape(_TAGS.sub("\n", _INLINE.sub("", _SKIPPED.sub("", raw))))


def published_at(a: Article) -> tuple[str | None, str | None]:
    when = a.when
    if when is None:
        return None, None
    return f"{when:%Y-%m-%dT%H:%M:%S}+08:00", ("day" if len(a.date) == 10 else "minute")


def check(a: Article, page: str, boilerplate: list[str]) -> list[str]:
    """What is wrong with an article's labels on its own page (nothing is written then)."""
    errors = []
    text = a.text
    size = len(re.sub(r"\s", "", text)) if LANG[a.site] != "en" else len(text)
    if not 400 <= size <= 1500:
        errors.append(f"{a.site}/{a.id}: body has {size} characters, want 400-1500")
    visible = page_text(page)
    for label, value in (("title", a.title), ("first", first_sentence(a.paragraphs[0][1])),
                         ("last", last_sentence(a.paragraphs[-1][1]))):
        if value not in visible:
            errors.append(f"{a.site}/{a.id}: {label} {value!r} not on the page")
    for bp in boilerplate:
        if bp not in visible:
            errors.append(f"{a.site}/{a.id}: boilerplate {bp!r} not on the page")
        if bp in text or bp in a.title:
            errors.append(f"{a.site}/{a.id}: boilerplate {bp!r} is also in the body or title")
    for amount in a.amounts:
        if amount["text"] not in text and amount["text"] not in a.title:
            errors.append(f"{a.site}/{a.id}: amount {amount['text']!r} not in the text")
    for org in a.orgs:
        if org not in text and org not in a.title:
            errors.append(f"{a.site}/{a.id}: organisation {org!r} not in the text")
    if a.type is not None and a.type not in EVENT_TYPES:
        errors.append(f"{a.site}/{a.id}: unknown event type {a.type!r}")
    return errors


def truth(articles: dict[str, list[Article]], builds: dict[str, SiteBuild]) -> dict:
    """The ground truth every test and benchmark reads (see the 'conventions' key)."""
    rows = []
    errors: list[str] = []
    events: dict[str, dict] = {}
    for site, items in articles.items():
        build = builds[site]
        for a in items:
            page = (build.variants.get(a.variant, {}) if a.variant else build.files)[a.path.lstrip("/")]
            errors += check(a, page, build.boilerplate[a.id])
            when, precision = published_at(a)
            rows.append({
                "id": a.id, "site": site, "path": a.path, "title": a.title,
                "published_at": when, "published_precision": precision, "lang": LANG[site],
                "first_sentence": first_sentence(a.paragraphs[0][1]),
                "last_sentence": last_sentence(a.paragraphs[-1][1]),
                "boilerplate": build.boilerplate[a.id], "relevant_biomed": a.relevant,
                "event": a.event, "event_type": a.type, "places": a.places,
                "organizations": a.orgs, "amounts": a.amounts,
                "aliases": build.aliases.get(a.id, []), "variant": a.variant,
                "declared_charset": a.charset or ("utf-8" if build.encoding == "utf-8" and not a.no_charset
                                                  else None if a.no_charset else build.encoding),
                "reprint_of": a.reprint_of,
            })
            if a.event:
                ev = events.setdefault(a.event, {"type": a.type, "articles": []})
                if ev["type"] != a.type:
                    raise ValueError(f"{a.id}: event {a.event} typed {a.type}, others {ev['type']}")
                ev["articles"].append({"site": site, "path": a.path, "variant": a.variant})
    if errors:
        raise ValueError("fixture sources disagree with their pages:\n" + "\n".join(errors))
    for name, ev in events.items():
        base_sites = {x["site"] for x in ev["articles"] if x["variant"] is None}
        if not 2 <= len(base_sites) <= 4 and not all(x["variant"] for x in ev["articles"]):
            raise ValueError(f"event {name} is reported by {len(base_sites)} sites, want 2-4")
    sites = {}
    for site, build in builds.items():
        sites[site] = {
            "encoding": build.encoding, "lang": LANG[site], "entry_points": build.entry_points,
            "redirect_to": build.site_json["redirect_to"], "slow_article": build.site_json["slow_article"],
            "html_content_type": "text/html" + (f"; charset={build.site_json['html_charset']}"
                                                if build.site_json.get("html_charset") else ""),
            "variants": sorted(build.variants) + ["down"],
            "noise": [{k: v for k, v in asdict(n).items() if v not in (None, "")} for n in build.noise],
        }
    return {
        "about": "Ground truth for the fixture sites in tests/sites (generated by tests/sites/build.py).",
        "conventions": {
            "path": "canonical URL path of the article on its site; aliases are other paths that reach it",
            "published_at": "China time; published_precision 'day' means the page gives no time of day",
            "first_sentence/last_sentence": "verbatim substrings the extracted body must contain",
            "boilerplate": "strings on the article's page that must not appear in the extracted body",
            "places": "canonical simplified names of administrative divisions the text names, by full or short "
                      "form (黄埔 -> 黄埔区, Huangpu -> 黄埔区); parents are not added",
            "organizations": "as written in the text (first full mention)",
            "amounts": "money only, text as written, value_cny in yuan; USD at usd_cny_rate",
            "event_type": "type of the happening the article reports, also for irrelevant ones; null if none",
            "variant": "null: served by default; otherwise only after Site.set_variant(variant)",
            "noise.expect": "failure: recorded as a failure of its source; article: stored under the article's "
                            "canonical URL; never_requested: robots.txt forbids it; not_followed: another site",
        },
        "usd_cny_rate": USD_CNY,
        "sites": sites,
        "events": events,
        "articles": rows,
    }


def main() -> None:
    articles, builds = render()
    data = truth(articles, builds)
    for site, build in builds.items():
        target = SITES_DIR / site
        if target.exists():
            shutil.rmtree(target)
        for rel, blob in site_files(site, build).items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(blob)
    TRUTH.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {site: sum(1 for a in items if a.variant is None) for site, items in articles.items()}
    print(f"wrote {len(builds)} sites, {sum(counts.values())} articles {counts}, {len(data['events'])} events")


if __name__ == "__main__":
    main()
