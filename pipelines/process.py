"""One fetched page → one stored article: the pipeline step the crawler calls per page."""

from __future__ import annotations

import dataclasses
import re

from config import Config
from errors import Skip
from pipelines.analyse import analyse, load_tables
from pipelines.article import Article, Page
from pipelines.boilerplate import MIN_BODY_CHARS
from pipelines.extract import extract
from pipelines.normalize import clean_text, content_hash

_MAX_CONTROL_SHARE = 0.01
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below U+0020 except tab, line feed, form feed, return
_MAX_UNREADABLE_SHARE = 0.05  # of the body: more U+FFFD than this and the text cannot be read


def _looks_binary(html: str) -> bool:
    """A PDF, image or archive behind an .html link decodes to control characters, which text never holds.

    U+FFFD is not counted: a page in a mislabelled or mixed encoding has it and is still text.
    """
    head = html[:4096]
    if not head.strip():
        return False
    return len(_CONTROLS.findall(head)) > _MAX_CONTROL_SHARE * len(head) or head.startswith("%PDF")


_config: Config | None = None


def init_worker(config: Config) -> None:
    """Load jieba and the dictionaries once per worker process, before its first page.

    The worker also remembers the config, so ``process_page`` can analyse (watches, entities,
    type) without the config travelling with every page. In a worker forked from a server that
    imported ``pipelines.preload``, only what the config adds is loaded here.
    """
    global _config
    _config = config
    load_tables(config)


def process_page(page: Page, config: Config | None = None) -> Article:
    """Extract, normalise and (given a config, or one from ``init_worker``) analyse one page.

    Raises Skip when the page holds no article worth storing. Without a config the article is
    stored unanalysed and ``pipelines.cluster.cluster`` analyses it after the crawl.
    """
    if _looks_binary(page.html):
        raise Skip("binary content, not an HTML page")
    if not page.html.strip():
        raise Skip("empty page")
    extracted = extract(
        page.html,
        page.url,
        content_selector=page.content_selector,
        hint_title=page.hint_title,
        hint_published=page.hint_published,
    )
    body = clean_text(extracted.body)
    minimum = MIN_BODY_CHARS[extracted.lang]
    if len(body) < minimum:
        raise Skip(f"no article text found ({len(body)} characters, need {minimum})")
    if body.count("\ufffd") > _MAX_UNREADABLE_SHARE * len(body):
        raise Skip("text cannot be decoded (wrong or mixed character encodings)")
    title = extracted.title or body.split("\n", 1)[0][:80]
    article = Article(
        url=page.url,
        source=page.source,
        title=title,
        published_at=extracted.published_at,
        lang=extracted.lang,
        body=body,
        fetched_at=page.fetched_at,
        content_hash=content_hash(body),
        aliases=page.aliases,
        body_cut=extracted.body_cut,
    )
    config = config or _config
    if config is None:
        return article
    return dataclasses.replace(article, analysis=analyse(article, config))
