"""Real receivers on 127.0.0.1 for the alerts tests: SMTP, a signed webhook, and robot endpoints.

The robot endpoints implement the checks DingTalk, WeCom and Feishu document for their custom
group robots (signature, size limit, message shape, rate) and answer as those services do:
HTTP 200 with a JSON error code.
"""

from __future__ import annotations

import asyncio
import base64
import email
import email.policy
import hashlib
import hmac
import json
import threading
import time
from collections import deque
from collections.abc import Awaitable
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

DINGTALK_TOKEN, DINGTALK_SECRET = "dt-token-5f1c", "SECdingtalk-secret-93ab"
WECOM_KEY = "wecom-key-7d2e"
FEISHU_TOKEN, FEISHU_SECRET = "fs-token-a81b", "feishu-secret-0c44"
WEBHOOK_SECRET = "webhook-secret-e7a9"


class _PortZeroController(Controller):
    """aiosmtpd's Controller bound to port 0: the kernel picks a free port as the server binds it.

    Asking for a free port first and binding it later leaves a gap in which another test (another
    pytest-xdist worker) can take the same port.
    """

    def _create_server(self) -> Awaitable[asyncio.AbstractServer]:
        return self._bind()

    async def _bind(self) -> asyncio.AbstractServer:
        server = await self.loop.create_server(self._factory_invoker, host=self.hostname, port=0)
        self.port = int(server.sockets[0].getsockname()[1])
        return server


# ---------------------------------------------------------------- SMTP


@dataclass
class Mail:
    sender: str
    recipients: list[str]
    message: EmailMessage
    raw: bytes

    @property
    def text(self) -> str:
        part = self.message.get_body(("plain",))
        return part.get_content() if part else ""

    @property
    def html(self) -> str:
        part = self.message.get_body(("html",))
        return part.get_content() if part else ""


class SmtpReceiver:
    """aiosmtpd on 127.0.0.1; refuses (554) a message whose MIME structure or headers are wrong."""

    def __init__(self, expect_html: bool = True, login: tuple[str, str] | None = None) -> None:
        self.expect_html = expect_html
        self.login = login
        self.mails: list[Mail] = []
        self.refused: list[str] = []
        kwargs: dict[str, Any] = {}
        if login:
            kwargs.update(authenticator=self._authenticate, auth_required=True, auth_require_tls=False)
        self.controller = _PortZeroController(self, hostname="127.0.0.1", port=0, **kwargs)

    @property
    def port(self) -> int:
        """The port the server listens on, known once it has started."""
        assert self.controller.port != 0, "the SMTP receiver has not started"
        return int(self.controller.port)

    def __enter__(self) -> SmtpReceiver:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and self.login is not None
            and (auth_data.login.decode(), auth_data.password.decode()) == self.login
        )
        return AuthResult(success=ok, handled=False)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        problem = self._check(message, envelope)
        if problem:
            self.refused.append(problem)
            return f"554 {problem}"
        self.mails.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), message, envelope.content))
        return "250 Message accepted for delivery"

    def _check(self, message: EmailMessage, envelope: Any) -> str | None:
        if not message["Subject"] or not message["Message-ID"] or not message["Date"]:
            return "missing Subject, Message-ID or Date"
        to = [a.addr_spec for a in message["To"].addresses]
        if sorted(to) != sorted(envelope.rcpt_tos):
            return "envelope recipients differ from To"
        plain = message.get_body(("plain",))
        if plain is None or plain.get_content_charset() != "utf-8":
            return "no UTF-8 text/plain part"
        if self.expect_html:
            if message.get_content_type() != "multipart/alternative":
                return "not multipart/alternative"
            html = message.get_body(("html",))
            if html is None or html.get_content_charset() != "utf-8":
                return "no UTF-8 text/html part"
        return None


# ---------------------------------------------------------------- HTTP endpoints


@dataclass
class Request:
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Endpoint:
    """What one endpoint received and how it behaves (down: answer like an outage)."""

    requests: list[Request] = field(default_factory=list)
    accepted: list[Request] = field(default_factory=list)
    down: bool = False
    times: deque[float] = field(default_factory=deque)


class HttpReceivers:
    """One HTTP server with the webhook, DingTalk, WeCom, Feishu and apprise-JSON endpoints."""

    def __init__(self, webhook_secret: str | None = WEBHOOK_SECRET) -> None:
        self.webhook_secret = webhook_secret
        self.endpoints = {name: Endpoint() for name in ("webhook", "dingtalk", "wecom", "feishu", "json")}
        self.seen_keys: dict[str, int] = {}
        self.hold = threading.Event()  # set: the webhook records a message, then never answers
        self.held = threading.Event()  # set by the webhook once it recorded a held message
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> HttpReceivers:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.hold.clear()
        self.server.shutdown()
        self.server.server_close()

    def __getitem__(self, name: str) -> Endpoint:
        return self.endpoints[name]

    # URLs as the services publish them, on this server
    @property
    def webhook_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/newswatch"

    @property
    def dingtalk_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/robot/send?access_token={DINGTALK_TOKEN}"

    @property
    def wecom_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/cgi-bin/webhook/send?key={WECOM_KEY}"

    @property
    def feishu_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/open-apis/bot/v2/hook/{FEISHU_TOKEN}"

    @property
    def apprise_url(self) -> str:
        return f"json://127.0.0.1:{self.port}/apprise"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receivers = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(
                    parts.path,
                    {k: v[0] for k, v in parse_qs(parts.query).items()},
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length),
                )
                status, answer = receivers.answer(request)
                if status == 0:
                    return
                data = json.dumps(answer, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def answer(self, r: Request) -> tuple[int, Any]:
        if r.path == "/hooks/newswatch":
            return self._webhook(r)
        if r.path == "/robot/send":
            return self._dingtalk(r)
        if r.path == "/cgi-bin/webhook/send":
            return self._wecom(r)
        if r.path.startswith("/open-apis/bot/v2/hook/"):
            return self._feishu(r)
        if r.path == "/apprise":
            return self._record("json", r, 200, {"ok": True})
        return 404, {"error": "not found"}

    def _record(self, name: str, r: Request, status: int, answer: Any, accepted: bool = True) -> tuple[int, Any]:
        endpoint = self.endpoints[name]
        with self.lock:
            endpoint.requests.append(r)
            if endpoint.down:
                return 503, {"error": "service unavailable"}
            if accepted:
                endpoint.accepted.append(r)
        return status, answer

    def _rate(self, name: str, per_window: int, window: float) -> bool:
        """True when this request exceeds the service's rate limit."""
        times = self.endpoints[name].times
        now = time.monotonic()
        with self.lock:
            while times and now - times[0] >= window:
                times.popleft()
            times.append(now)
            return len(times) > per_window

    def _webhook(self, r: Request) -> tuple[int, Any]:
        if self.webhook_secret is not None:
            expected = "sha256=" + hmac.new(self.webhook_secret.encode(), r.body, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(r.headers.get("x-newswatch-signature", ""), expected):
                return self._record("webhook", r, 401, {"error": "bad signature"}, accepted=False)
        if r.headers.get("content-type") != "application/json; charset=utf-8":
            return self._record("webhook", r, 415, {"error": "content type"}, accepted=False)
        key = r.headers.get("idempotency-key", "")
        with self.lock:
            duplicate = key in self.seen_keys and not self.endpoints["webhook"].down
            if not self.endpoints["webhook"].down:
                self.seen_keys[key] = self.seen_keys.get(key, 0) + 1
        if duplicate:
            return self._record("webhook", r, 200, {"ok": True, "duplicate": True}, accepted=False)
        status, answer = self._record("webhook", r, 200, {"ok": True})
        if self.hold.is_set() and status == 200:
            self.held.set()
            while self.hold.is_set():
                time.sleep(0.05)
            return 0, None
        return status, answer

    def _dingtalk(self, r: Request) -> tuple[int, Any]:
        if r.query.get("access_token") != DINGTALK_TOKEN:
            return self._record("dingtalk", r, 200, {"errcode": 300001, "errmsg": "token is not exist"}, False)
        timestamp, sign = r.query.get("timestamp", ""), r.query.get("sign", "")
        expected = base64.b64encode(
            hmac.new(DINGTALK_SECRET.encode(), f"{timestamp}\n{DINGTALK_SECRET}".encode(), hashlib.sha256).digest()
        ).decode()
        if not timestamp.isdigit() or abs(time.time() * 1000 - int(timestamp)) > 3600_000:
            return self._record("dingtalk", r, 200, {"errcode": 310000, "errmsg": "invalid timestamp"}, False)
        if not hmac.compare_digest(sign, expected):
            return self._record("dingtalk", r, 200, {"errcode": 310000, "errmsg": "sign not match"}, False)
        if len(r.body) > 20_000:
            return self._record(
                "dingtalk", r, 200, {"errcode": 460101, "errmsg": "message too long, exceed 20000 bytes"}, False
            )
        body = _json_or_none(r.body)
        markdown = body.get("markdown") if isinstance(body, dict) else None
        if (
            not isinstance(body, dict)
            or body.get("msgtype") != "markdown"
            or not isinstance(markdown, dict)
            or not markdown.get("title")
            or not markdown.get("text")
        ):
            return self._record("dingtalk", r, 200, {"errcode": 40035, "errmsg": "缺少参数 markdown"}, False)
        if self._rate("dingtalk", 20, 60):
            return self._record(
                "dingtalk", r, 200, {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}, False
            )
        return self._record("dingtalk", r, 200, {"errcode": 0, "errmsg": "ok"})

    def _wecom(self, r: Request) -> tuple[int, Any]:
        if r.query.get("key") != WECOM_KEY:
            return self._record("wecom", r, 200, {"errcode": 93000, "errmsg": "invalid webhook url"}, False)
        body = _json_or_none(r.body)
        markdown = body.get("markdown") if isinstance(body, dict) else None
        if (
            not isinstance(body, dict)
            or body.get("msgtype") != "markdown"
            or not isinstance(markdown, dict)
            or not isinstance(markdown.get("content"), str)
            or not markdown["content"]
        ):
            return self._record("wecom", r, 200, {"errcode": 40008, "errmsg": "invalid message type"}, False)
        if len(markdown["content"].encode("utf-8")) > 4096:
            return self._record(
                "wecom",
                r,
                200,
                {"errcode": 40058, "errmsg": ("markdown.content exceed max length 4096. invalid Request Parameter")},
                False,
            )
        if self._rate("wecom", 20, 60):
            return self._record("wecom", r, 200, {"errcode": 45009, "errmsg": "api freq out of limit"}, False)
        return self._record("wecom", r, 200, {"errcode": 0, "errmsg": "ok"})

    def _feishu(self, r: Request) -> tuple[int, Any]:
        if r.path.rsplit("/", 1)[-1] != FEISHU_TOKEN:
            return self._record(
                "feishu",
                r,
                200,
                {"code": 19001, "msg": "param invalid: incoming webhook access token invalid", "data": {}},
                False,
            )
        if len(r.body) > 20 * 1024:
            return self._record("feishu", r, 200, {"code": 9499, "msg": "Bad Request", "data": {}}, False)
        body = _json_or_none(r.body)
        if not isinstance(body, dict):
            return self._record("feishu", r, 200, {"code": 9499, "msg": "Bad Request", "data": {}}, False)
        timestamp, sign = str(body.get("timestamp", "")), str(body.get("sign", ""))
        expected = base64.b64encode(
            hmac.new(f"{timestamp}\n{FEISHU_SECRET}".encode(), b"", hashlib.sha256).digest()
        ).decode()
        if (
            not timestamp.isdigit()
            or abs(time.time() - int(timestamp)) > 3600
            or not hmac.compare_digest(sign, expected)
        ):
            return self._record(
                "feishu",
                r,
                200,
                {
                    "code": 19021,
                    "msg": "sign match fail or timestamp is not within one hour from current time",
                    "data": {},
                },
                False,
            )
        card = body.get("card")
        if (
            body.get("msg_type") != "interactive"
            or not isinstance(card, dict)
            or not isinstance(card.get("elements"), list)
            or not card["elements"]
        ):
            return self._record("feishu", r, 200, {"code": 9499, "msg": "Bad Request", "data": {}}, False)
        if self._rate("feishu", 5, 1.0):
            return self._record("feishu", r, 200, {"code": 11232, "msg": "frequency limited", "data": {}}, False)
        return self._record(
            "feishu", r, 200, {"code": 0, "msg": "success", "data": {}, "StatusCode": 0, "StatusMessage": "success"}
        )


def _json_or_none(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return None
