"""The pages: each reads what it shows through ``db``, ``pipelines`` and ``config`` and renders a
template. The gate (login, CSRF, headers) is ``web.app.guarded``; nothing here repeats it."""

from __future__ import annotations

import asyncio
import math
import sqlite3
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

import config as configuration
import db as store
from errors import ConfigError, DeliveryError, FeedbackError
from operations import feedback
from pipelines import places
from pipelines.cluster import official
from pipelines.search import search as search_articles
from web import feeds
from web.charts import bars
from web.site import Context

PAGE_SIZE = 50
API_PAGE = 500  # events per /api/events answer by default; ?limit= up to API_MAX, ?offset= pages on
API_MAX = 5000
PREVIEW_SECONDS = 90  # a preview fetches a page, robots.txt, a sitemap or two and three articles
CHART_DAYS = 30
_FILTERS = ("watch", "type", "place", "source", "from", "to", "q")


async def events(ctx: Context) -> Response:
    """The events, newest first, under the filters in the query string; paged."""
    config = ctx.config
    chosen = {k: ctx.query(k) for k in _FILTERS}
    try:
        start, end = _day(chosen["from"], "from"), _day(chosen["to"], "to")
    except ConfigError as exc:
        return ctx.render(
            "events.html", status=400, error=str(exc), rows=[], total=0, chosen=chosen, **_choices(config)
        )
    where = store.EventFilter(
        watch=chosen["watch"] or None,
        type=chosen["type"] or None,
        places=_within(config, chosen["place"]),
        source=chosen["source"] or None,
        start=start,
        end=end,
        text=chosen["q"] or None,
        dismissed=bool(ctx.query("dismissed")),
    )
    page = max(1, _int(ctx.query("page"), 1))
    rows, total = store.event_page(ctx.site.db, where, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    kept = {k: v for k, v in chosen.items() if v} | ({"dismissed": "1"} if where.dismissed else {})
    return ctx.render(
        "events.html",
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        chosen=chosen,
        dismissed=where.dismissed,
        newer=urlencode({**kept, "page": page - 1}) if page > 1 else None,
        older=urlencode({**kept, "page": page + 1}) if page < pages else None,
        **_choices(config),
    )


def _choices(config: configuration.Config) -> dict[str, Any]:
    return {
        "watches": [w.name for w in config.watches],
        "types": configuration.EVENT_TYPES,
        "source_names": [s.name for s in config.sources],
    }


def _within(config: configuration.Config, place: str) -> tuple[str, ...]:
    if not place:
        return ()
    return places.within(places.gazetteer(config.analysis.places), place)


def _day(value: str, name: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ConfigError(f"{name}: {value!r} is not a date (use 2025-11-18)") from None


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default


async def event(ctx: Context) -> Response:
    """One event: its summary and entities, and every report of it in time order, the official
    release marked, the first report named, and how long after the official release each came."""
    row = store.event_detail(ctx.site.db, ctx.request.path_params["event_id"])
    if row is None:
        return ctx.render("missing.html", status=404, what="event")
    if row["merged_into"]:
        return RedirectResponse(f"/events/{quote(row['merged_into'])}", 303)
    return ctx.render(
        "event.html",
        event=row,
        timeline=timeline(row["reports"], ctx.config),
        neighbours=_neighbours(ctx, row),
        error=ctx.query("error"),
    )


def _neighbours(ctx: Context, row: dict[str, Any]) -> list[dict[str, Any]]:
    """Events of the same watch within two weeks either side: what a merge would pick from."""
    when = store.parse_time(row["happened_at"])
    if when is None:
        return []
    window = store.EventFilter(
        watch=row["watch"],
        start=(when - timedelta(days=14)).date().isoformat(),
        end=(when + timedelta(days=14)).date().isoformat(),
    )
    rows, _ = store.event_page(ctx.site.db, window, 40, 0)
    return [r for r in rows if r["id"] != row["id"]]


async def event_feedback(ctx: Context) -> Response:
    """Not relevant, restore, merge with another event, split a report off: stored and honoured."""
    event_id, action = ctx.request.path_params["event_id"], ctx.request.path_params["action"]
    db, config, who = ctx.site.db, ctx.config, ctx.who
    target = event_id
    try:
        if action == "dismiss":
            feedback.dismiss(db, event_id, who, ctx.form.get("note") or None)
        elif action == "restore":
            feedback.restore(db, event_id, who)
        elif action == "merge":
            target = ctx.form.get("into", "")
            feedback.merge(db, config, event_id, target, who)
        elif action == "split":
            target = feedback.split(db, config, event_id, _int(ctx.form.get("article", ""), -1), who)
        else:
            return PlainTextResponse("unknown action", 404)
    except FeedbackError as exc:
        return RedirectResponse(f"/events/{quote(event_id)}?" + urlencode({"error": str(exc)}), 303)
    return RedirectResponse(f"/events/{quote(target)}", 303)


async def article_relevant(ctx: Context) -> Response:
    """An article the watch missed is relevant after all: it becomes an event of the watch."""
    try:
        event_id = feedback.mark_relevant(
            ctx.site.db, ctx.config, int(ctx.request.path_params["article_id"]), ctx.form.get("watch", ""), ctx.who
        )
    except FeedbackError as exc:
        return PlainTextResponse(str(exc), 400)
    return RedirectResponse(f"/events/{quote(event_id)}", 303)


def timeline(reports: list[dict[str, Any]], config: configuration.Config) -> list[dict[str, Any]]:
    """The reports with when each came out, which are official, which was first, and the lag."""
    out = []
    for r in reports:
        when = store.parse_time(r["published_at"] or r["fetched_at"])
        out.append({**r, "when": when, "official": official(r["source"], r["url"], config)})
    dated = [r for r in out if r["when"] is not None]
    first = min(dated, key=lambda r: r["when"], default=None)
    release = min((r for r in dated if r["official"]), key=lambda r: r["when"], default=None)
    for r in out:
        r["first"] = r is first
        r["after_release"] = _lag(r["when"] - release["when"]) if release and r["when"] and r is not release else ""
    return out


def _lag(delta: timedelta) -> str:
    """``+3 h``, ``+2 d``, ``−40 min`` (before the release)."""
    sign = "+" if delta >= timedelta(0) else "−"
    minutes = abs(delta.total_seconds()) / 60
    if minutes < 90:
        return f"{sign}{minutes:.0f} min"
    if minutes < 48 * 60:
        return f"{sign}{minutes / 60:.0f} h"
    return f"{sign}{minutes / 1440:.0f} d"


async def search(ctx: Context) -> Response:
    """Full-text search as ``newswatch search``: every word must occur, "quoted" phrases kept."""
    query = ctx.query("q")
    hits = search_articles(ctx.site.db, query, 50) if query else []
    event_of = store.events_of(ctx.site.db, [h.id for h in hits])
    watches = [w.name for w in ctx.config.watches]
    return ctx.render("search.html", query=query, hits=hits, event_of=event_of, watches=watches)


async def sources(ctx: Context) -> Response:
    """Every source: health, last run, articles a day over 30 days, failures, enable/disable."""
    config = ctx.config
    db = ctx.site.db
    rows = {r["name"]: r for r in store.source_rows(db)}
    today = datetime.now(store.CHINA).date()
    days = [(today - timedelta(days=n)).isoformat() for n in range(CHART_DAYS - 1, -1, -1)]
    counts = store.articles_by_day(db, days[0])
    listed = []
    for s in config.sources:
        row = rows.get(s.name, {})
        per_day = [counts.get(s.name, {}).get(d, 0) for d in days]
        listed.append(
            {
                "source": s,
                "row": row,
                "healthy": row.get("healthy", 1) != 0,
                "chart": bars(per_day, f"{s.name}: {sum(per_day)} articles in {CHART_DAYS} days"),
                "articles": sum(per_day),
            }
        )
    return ctx.render(
        "sources.html", sources=listed, days=CHART_DAYS, error=ctx.query("error"), added=ctx.query("added")
    )


async def source_new(ctx: Context) -> Response:
    """A new source: **Preview** runs what ``sources test`` runs (same code, same address guard,
    bounded time); **Add** writes config.toml as ``sources add`` does, after the same check."""
    from config.edit import NewSource, add_source
    from crawler import probe

    config = ctx.config
    form = {k: ctx.form.get(k, "").strip() for k in ("url", "name", "kind", "link_selector", "tags")}
    form["kind"] = form["kind"] or "auto"
    values: dict[str, Any] = {"form": form, "kinds": configuration.SOURCE_KINDS}
    if ctx.request.method == "GET":
        return ctx.render("source_new.html", **values)
    tags = tuple(t.strip() for t in form["tags"].split(",") if t.strip())
    new = NewSource(form["name"] or "preview", form["url"], form["kind"], form["link_selector"] or None, tags)
    adding = ctx.form.get("do") == "add"
    try:
        if form["kind"] not in configuration.SOURCE_KINDS:
            raise ConfigError(
                f"kind: {form['kind']!r} is not allowed (use one of: {', '.join(configuration.SOURCE_KINDS)})"
            )
        configuration.check_url(form["url"], "url")
        if adding and not form["name"]:
            raise ConfigError("name: give the source a name (lower-case letters, digits, '-', '_' or '.')")
        edit = add_source(config.path, new, ctx.site.environ) if adding else None
    except ConfigError as exc:
        return ctx.render("source_new.html", status=400, error=config.redact(str(exc)), **values)
    target = edit.config.source(new.name) if edit else configuration.Source(**new.table())
    trust = config.web.allow_private_sources
    try:
        report = await asyncio.wait_for(asyncio.to_thread(probe.probe, config, target, trust), PREVIEW_SECONDS)
    except TimeoutError:
        message = f"the preview took longer than {PREVIEW_SECONDS} s; the site is slow or unreachable"
        return ctx.render("source_new.html", status=504, error=message, **values)
    if edit is None or report.error:
        error = f"not added: {report.error}" if edit and report.error else None
        return ctx.render("source_new.html", report=report, error=error and config.redact(error), **values)
    edit.write()
    return RedirectResponse("/sources?" + urlencode({"added": new.name}), 303)


async def source_switch(ctx: Context) -> Response:
    """Enable or disable a source: the same edit as ``sources enable/disable`` (comments kept)."""
    from config.edit import set_enabled

    name, action = ctx.request.path_params["name"], ctx.request.path_params["action"]
    if action not in ("enable", "disable"):
        return PlainTextResponse("unknown action", 404)
    try:
        set_enabled(ctx.config.path, name, action == "enable", ctx.site.environ).write()
    except ConfigError as exc:
        return RedirectResponse("/sources?" + urlencode({"error": ctx.config.redact(str(exc))}), 303)
    return RedirectResponse("/sources", 303)


async def channels(ctx: Context) -> Response:
    """Each channel: the events it is owed, its health (last delivery, failures, back-off)."""
    from alerts.delivery import send_digests

    config, db = ctx.config, ctx.site.db
    owed = {r.channel: r for r in send_digests(db, config, dry_run=True)}  # on this thread: it reads the database
    listed = []
    for ch in config.channels:
        failed = [p for p in store.pending_deliveries(db, ch.name) if p["status"] == "failed"]
        listed.append(
            {
                "channel": ch,
                "report": owed.get(ch.name),
                "last": store.last_delivery_at(db, ch.name),
                "failed": failed[-1] if failed else None,
                "notices": len(store.pending_notices(db, ch.name)) if ch.operator else 0,
            }
        )
    return ctx.render("channels.html", channels=listed, answer=ctx.query("answer"), error=ctx.query("error"))


async def channel_preview(ctx: Context) -> Response:
    """What the next digest would send the channel, as ``digest --dry-run`` prints it."""
    from alerts.delivery import send_digests

    name = ctx.request.path_params["name"]
    try:
        [report] = send_digests(ctx.site.db, ctx.config, channel=name, dry_run=True)
    except ConfigError as exc:
        return ctx.render("missing.html", status=404, what=f"channel ({exc})")
    return ctx.render("channel_preview.html", report=report)


async def channel_test(ctx: Context) -> Response:
    """Send the channel a short test message and show what the service answered."""
    from alerts.delivery import send_test

    name = ctx.request.path_params["name"]
    try:
        answer = await asyncio.to_thread(send_test, ctx.config, name)
    except (ConfigError, DeliveryError) as exc:
        return RedirectResponse("/channels?" + urlencode({"error": ctx.config.redact(str(exc))}), 303)
    return RedirectResponse("/channels?" + urlencode({"answer": answer}), 303)


async def feed(ctx: Context) -> Response:
    """The watch's events as Atom 1.0, for any feed reader."""
    from web.auth import token_ok

    config = ctx.config
    if not token_ok(config.web.feed_token, ctx.request.query_params.get("token")):
        return PlainTextResponse("this feed needs ?token= (see [web] feed_token)", 403)
    name = ctx.request.path_params["watch"]
    watch = next((w for w in config.watches if w.name == name), None)
    if watch is None:
        return PlainTextResponse(f"no watch named {name!r}", 404)
    rows, _ = store.event_page(ctx.site.db, store.EventFilter(watch=name), feeds.ENTRIES, 0)
    base = config.web.base_url or str(ctx.request.base_url)
    body = feeds.atom(watch, rows, base, ctx.request.url.path)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


async def api_events(ctx: Context) -> Response:
    """The JSON of ``newswatch events --json``, with its filters as query parameters."""
    try:
        since = store.parse_since(ctx.query("since") or None, "since")
    except ConfigError as exc:
        return JSONResponse({"error": str(exc)}, 400)
    ids = store.events_of_latest_crawl(ctx.site.db) if ctx.query("new") else None
    limit = min(max(1, _int(ctx.query("limit"), API_PAGE)), API_MAX)
    offset = max(0, _int(ctx.query("offset"), 0))
    rows = store.events(
        ctx.site.db, since=since, watch=ctx.query("watch") or None, ids=ids, limit=limit + 1, offset=offset
    )
    response = JSONResponse(rows[:limit])
    if len(rows) > limit:  # more: the next page, as GitHub's API and RFC 8288 name it
        query = {k: v for k, v in ctx.request.query_params.items() if k != "offset"}
        response.headers["Link"] = f'</api/events?{urlencode({**query, "offset": offset + limit})}>; rel="next"'
    return response


async def healthz(ctx: Context) -> Response:
    try:
        ctx.site.db.execute("select 1").fetchone()
    except sqlite3.Error:
        return PlainTextResponse("database unavailable", 503)
    return PlainTextResponse("ok")


async def login(ctx: Context) -> Response:
    """The password form; failed tries from one client slow its next ones."""
    nxt = ctx.query("next")
    target = nxt if nxt.startswith("/") and not nxt.startswith("//") else "/"
    if not ctx.config.web.password:
        return RedirectResponse("/", 303)
    if ctx.request.method == "GET":
        return ctx.render("login.html", next=target)
    client = ctx.request.client.host if ctx.request.client else "?"
    await asyncio.sleep(ctx.site.sessions.delay(client))
    if not ctx.site.sessions.check_password(ctx.form.get("password", "")):
        ctx.site.sessions.failed(client)
        return ctx.render("login.html", status=401, next=target, error="wrong password")
    ctx.site.sessions.succeeded(client)
    fresh = ctx.site.sessions.new()  # a new token on login: a session planted before is worth nothing
    ctx.session.csrf, ctx.session.logged_in, ctx.session.expires = fresh.csrf, True, fresh.expires
    ctx.session.changed = True
    return RedirectResponse(target, 303)


async def logout(ctx: Context) -> Response:
    fresh = ctx.site.sessions.new()
    ctx.session.csrf, ctx.session.logged_in, ctx.session.expires = fresh.csrf, False, fresh.expires
    ctx.session.changed = True
    return RedirectResponse("/login" if ctx.config.web.password else "/", 303)
