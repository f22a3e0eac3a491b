"""The web app: Starlette routes over the same modules the command line uses.

Every page goes through ``guarded``: it reads the session, asks for a login where a password is
set, refuses a POST without a valid CSRF token, and sets the security headers. Handlers
(``web.pages``) get a ``Context`` and return a response; none of them touches a cookie or header.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from urllib.parse import parse_qs, quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import config as configuration
from web import pages
from web.auth import COOKIE, LIFETIME, Session, csrf_ok
from web.site import Context, Site

# No inline script or style, nothing from elsewhere: crawled text can never run in the page.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
STATIC = Path(__file__).parent / "static"


Handler = Callable[[Context], Awaitable[Response]]


def guarded(site: Site, handler: Handler, public: bool = False) -> Callable[[Request], Awaitable[Response]]:
    """The one gate every page passes: session, login, CSRF, security headers."""

    async def endpoint(request: Request) -> Response:
        session = site.sessions.read(request.cookies.get(COOKIE))
        form: dict[str, str] = {}
        if request.method == "POST":
            body = (await request.body()).decode("utf-8", "replace")
            form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
            if not csrf_ok(session, form.get("csrf")) or session.changed:
                response: Response = PlainTextResponse(
                    "refused: the form's session token is missing or stale; reload the page", 403
                )
                return _finish(site, response, session)
        needs_login = bool(site.config.web.password) and not public and not session.logged_in
        if needs_login:
            if request.url.path.startswith("/api/"):
                response = JSONResponse({"error": "login required"}, 401)
            else:
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                response = RedirectResponse(f"/login?next={quote(target)}", 303)
            return _finish(site, response, session)
        response = await handler(Context(site, request, session, form))
        return _finish(site, response, session)

    return endpoint


def _finish(site: Site, response: Response, session: Session) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Cache-Control", "no-store")
    if session.changed:
        response.set_cookie(
            COOKIE, site.sessions.cookie(session), max_age=LIFETIME, httponly=True, samesite="lax", path="/"
        )
    return response


def create_app(config: configuration.Config, environ: Mapping[str, str]) -> Starlette:
    """The app for one configuration; ``environ`` is what config edits resolve ``${NAME}`` with."""
    site = Site(config, environ)

    def route(path: str, handler: Handler, methods: tuple[str, ...] = ("GET",), public: bool = False) -> Route:
        return Route(path, guarded(site, handler, public), methods=list(methods))

    routes = [
        route("/", pages.events),
        route("/events/{event_id}", pages.event),
        route("/events/{event_id}/{action:str}", pages.event_feedback, methods=("POST",)),
        route("/articles/{article_id:int}/relevant", pages.article_relevant, methods=("POST",)),
        route("/search", pages.search),
        route("/sources", pages.sources),
        route("/sources/new", pages.source_new, methods=("GET", "POST")),
        route("/sources/{name}/{action:str}", pages.source_switch, methods=("POST",)),
        route("/channels", pages.channels),
        route("/channels/{name}/preview", pages.channel_preview),
        route("/channels/{name}/test", pages.channel_test, methods=("POST",)),
        route("/feeds/{watch}.atom", pages.feed, public=True),
        route("/api/events", pages.api_events),
        route("/healthz", pages.healthz, public=True),
        route("/login", pages.login, methods=("GET", "POST"), public=True),
        route("/logout", pages.logout, methods=("POST",), public=True),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.site = site
    return app
