"""The configuration and the one-article analysis the entity tests share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from config import parse
from pipelines.analyse import analyse, context
from pipelines.article import Article
from pipelines.organizations import mentions, organizations
from pipelines.text import segment, to_simplified

CONFIG = parse(
    {
        "watches": [{"name": "w", "keywords": ["生物医药"]}],
        "analysis": {
            "organizations": ["岭南细胞工厂|Lingnan Cell Factory"],
            "places": ["黄埔区/黄埔生物安全中试园"],
            "usd_cny": 7.0,
        },
    },
    Path("/tmp/newswatch-test/config.toml"),
    {},
)


def analyse_text(title: str, body: str, lang: str = "zh-hans") -> dict[str, Any]:
    """The analysis columns of one article with this title and body."""
    return analyse(
        Article(
            url="http://127.0.0.1/a",
            source="s",
            title=title,
            published_at=None,
            lang=lang,
            body=body,
            fetched_at="2025-11-18T00:00:00+00:00",
            content_hash="h",
        ),
        CONFIG,
    )


def organisations_in(text: str) -> list[str]:
    """The organisations found in ``text`` alone, without the rest of the analysis."""
    ctx = context(CONFIG)
    seg = segment(text)
    return [name for name, _, _ in organizations(seg, to_simplified(text), ctx.known, mentions(seg, ctx.known))]
