"""The web app as the web tests run it: a database filled by the real pipeline (analyse, store,
cluster) from four original district-news articles, and ``newswatch serve --port 0`` in a child
process, as a user starts it."""

from __future__ import annotations

import http.cookiejar
import json
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import config as configuration
import db as store
from pipelines.analyse import analyse
from pipelines.article import Article
from pipelines.cluster import cluster
from tests.support.cli import ROOT
from tests.support.config import write_config

WATCH = {"name": "biomed", "title": "生物医药", "keywords": ["生物医药", "医疗器械", "创新药"]}
HOSTILE = "<script>alert(1)</script>生物医药产业园开工 [x](javascript:alert(1))"
# (url, source, published, title, body): original text in the genre of district news.
ARTICLES = [
    (
        "http://www.hp.gov.cn/xwzx/1.html",
        "hp-gov",
        "2025-11-18T10:00:00+08:00",
        "黄埔区生物医药产业园开园 首批12家企业签约入驻",
        "11月18日，广州市黄埔区生物医药产业园正式开园，首批12家生物医药企业签约入驻，总投资20亿元。"
        "\n园区重点发展创新药和高端医疗器械，计划三年内引进企业50家。",
    ),
    (
        "http://news.example.com/a/2.html",
        "city-news",
        "2025-11-18T13:30:00+08:00",
        "12家企业签约入驻 黄埔生物医药产业园开园",
        "记者从黄埔区获悉，该区生物医药产业园18日开园，12家生物医药企业签约入驻，总投资20亿元。"
        "\n园区将重点发展创新药和高端医疗器械。",
    ),
    (
        "http://news.example.com/a/3.html",
        "city-news",
        "2025-11-10T09:00:00+08:00",
        "佛山三水区生物医药项目集中签约 总投资50亿元",
        "11月10日，佛山市三水区举行生物医药项目集中签约仪式，5个项目签约落户，总投资50亿元。"
        "\n项目涵盖创新药研发和医疗器械生产。",
    ),
    (
        "http://news.example.com/a/4.html",
        "city-news",
        "2025-10-01T09:00:00+08:00",
        HOSTILE,
        "10月1日，杭州市钱塘区一座生物医药产业园开工建设，总投资8亿元，主要建设创新药中试车间。",
    ),
]


@dataclass
class App:
    """A running ``newswatch serve``: its address (ending in ``/``), its config file, its process."""

    url: str
    config: Path
    process: subprocess.Popen[str]


def fill(folder: Path, **web: object) -> Path:
    """Write ``folder/config.toml`` (two sources, the biomed watch, ``[web]`` from ``web``), store
    ARTICLES through analysis and clustering, and return the config's path."""
    extra = "[web]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in web.items()) if web else ""
    sources = [("hp-gov", "http://www.hp.gov.cn/xwzx/", "list"), ("city-news", "http://news.example.com/", "list")]
    path = write_config(folder, sources=sources, watches=[WATCH], extra=extra)
    config = configuration.load(path, {})
    db = store.open_db(config.database)
    rows = []
    for url, source, published, title, body in ARTICLES:
        article = Article(
            url=url,
            source=source,
            title=title,
            published_at=published,
            lang="zh-hans",
            body=body,
            fetched_at=published,
            content_hash=url,
        )
        rows.append(article.row() | analyse(article, config))
    cluster(db, config, store.save_articles(db, rows))
    db.close()
    return path


def serve(config: Path, *args: str, env: dict[str, str] | None = None) -> App:
    """Start ``newswatch serve --port 0`` and return once it printed where it listens."""
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "--config", str(config), "serve", "--port", "0", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline()
    match = re.search(r"http://\S+/", line)
    assert match, (line, process.stderr.read() if process.poll() is not None else "")
    return App(match.group(), config, process)


def stop(app: App) -> None:
    """SIGTERM, and the server ends cleanly (status 0)."""
    app.process.terminate()
    try:
        assert app.process.wait(timeout=60) == 0
    finally:
        for pipe in (app.process.stdout, app.process.stderr):
            if pipe is not None:
                pipe.close()


class Browser:
    """Cookies kept, redirects not followed (a test sees the 303 and where it points)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: object, **kwargs: object) -> None:
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def get(self, path: str) -> tuple[int, dict[str, str], str]:
        return self._open(urllib.request.Request(self.base + path.lstrip("/")))

    def post(self, path: str, form: dict[str, str]) -> tuple[int, dict[str, str], str]:
        data = urllib.parse.urlencode(form).encode()
        return self._open(urllib.request.Request(self.base + path.lstrip("/"), data=data, method="POST"))

    def csrf(self, path: str = "/") -> str:
        match = re.search(r'name="csrf" value="([^"]+)"', self.get(path)[2])
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def _open(self, request: urllib.request.Request) -> tuple[int, dict[str, str], str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read().decode("utf-8")
