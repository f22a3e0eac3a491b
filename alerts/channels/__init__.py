"""The channels: e-mail, signed webhooks, and the DingTalk / WeCom / Feishu group robots.

Each sender turns a digest into one or more complete messages (split to the service's size
limit) and sends one; ``send`` returns only when the service accepted it and raises
DeliveryError otherwise. The robots answer HTTP 200 even on errors, so their JSON code decides.
Errors never carry the channel URL: its query or path holds the robot's token.
"""

from __future__ import annotations

import abc
import base64
import collections
import dataclasses
import hashlib
import hmac
import http.client
import json
import smtplib
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

from alerts import render
from alerts.digest import Digest
from config import VERSION, Channel
from errors import DeliveryError

USER_AGENT = f"newswatch/{VERSION}"
DINGTALK_BODY_BYTES = 20_000  # DingTalk: a robot message body up to 20 KB
FEISHU_BODY_BYTES = 20_000  # Feishu: "请求体的数据大小不能超过 20 KB"
WECOM_CONTENT_BYTES = 4096  # WeCom: markdown.content at most 4096 bytes, UTF-8
CHAT_DETAIL_LIMIT = 10  # a longer chat digest lists one line per event instead of full entries
EMAIL_DETAIL_LIMIT = 30  # likewise for mail: Gmail clips an HTML body beyond about 100 KB
ANSWER_BYTES = 65_536

KeyFor = Callable[[tuple[str, ...]], str]


@dataclass(frozen=True)
class Outgoing:
    """One message: the events it carries, its idempotency key, and the payload to send."""

    event_ids: tuple[str, ...]
    key: str
    body: Any
    size: int


class Sender(Protocol):
    idempotent: bool  # the service can drop a replayed message by its key
    per_minute: int  # messages the service accepts per minute (0: no limit we know of)
    per_second: int

    def messages(self, digest: Digest, key_for: KeyFor) -> list[Outgoing]: ...

    def send(self, message: Outgoing) -> None: ...


def sender_for(channel: Channel) -> Sender:
    """The sender for a channel's kind (apprise is imported only when a channel uses it)."""
    if channel.kind == "apprise":
        from alerts.apprise_channel import AppriseSender

        return AppriseSender(channel)
    return {"email": Email, "webhook": Webhook, "dingtalk": DingTalk, "wecom": WeCom,
            "feishu": Feishu}[channel.kind](channel)


def _ids(d: Digest) -> tuple[str, ...]:
    return tuple(e["id"] for e in d.events)


class Pacer:
    """Keeps messages under a service's rate limits (DingTalk, WeCom: 20/min; Feishu: 5/s)."""

    def __init__(self, per_minute: int, per_second: int = 0) -> None:
        self.budget = max(1, per_minute - 2) if per_minute else 0
        self.interval = 1.2 / per_second if per_second else 0.0
        self.sent: collections.deque[float] = collections.deque()

    def wait(self) -> None:
        if self.interval and self.sent:
            time.sleep(max(0.0, self.interval - (time.monotonic() - self.sent[-1])))
        if self.budget:
            while self.sent and time.monotonic() - self.sent[0] >= 60:
                self.sent.popleft()
            if len(self.sent) >= self.budget:
                time.sleep(max(0.0, 60 - (time.monotonic() - self.sent[0])))
                self.sent.popleft()
        self.sent.append(time.monotonic())


# ---------------------------------------------------------------- HTTP


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A webhook that redirects is misconfigured; following it would re-send the body elsewhere."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int, bytes]:
    """POST and return (status, answer); network failures become DeliveryError naming the host only."""
    host = urlsplit(url).netloc.rpartition("@")[2]
    try:
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT, **headers})
        with _OPENER.open(request, timeout=timeout) as answer:
            return answer.status, answer.read(ANSWER_BYTES)
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read(ANSWER_BYTES)
    except TimeoutError:
        raise DeliveryError(f"{host} did not answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
        raise DeliveryError(f"cannot reach {host}: {reason}") from None
    except (OSError, http.client.HTTPException) as exc:
        raise DeliveryError(f"connection to {host} failed: {type(exc).__name__}") from None
    except ValueError:  # the message would quote the URL, and with it the robot's token
        raise DeliveryError("the channel's url is not a valid http(s) URL") from None


def _answer_text(answer: bytes) -> str:
    return render.clean(answer.decode("utf-8", "replace"), 200)


def _robot_answer(service: str, status: int, answer: bytes, code_keys: tuple[str, ...]) -> None:
    """DingTalk/WeCom/Feishu: HTTP 200 with a zero code means accepted; anything else is an error."""
    try:
        data = json.loads(answer)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise DeliveryError(f"{service} answered HTTP {status} without a JSON result: {_answer_text(answer)}")
    code = next((data[k] for k in code_keys if k in data), None)
    if status != 200 or code != 0:
        message = data.get("errmsg") or data.get("msg") or data.get("StatusMessage") or ""
        raise DeliveryError(f"{service} refused the message (HTTP {status}, code {code}): "
                            f"{render.clean(message, 200)}")


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# ---------------------------------------------------------------- webhook


class Webhook:
    """POST the digest as JSON, HMAC-signed when a secret is set, with an Idempotency-Key."""

    idempotent = True
    per_minute = per_second = 0

    def __init__(self, channel: Channel) -> None:
        self.channel = channel

    def messages(self, digest: Digest, key_for: KeyFor) -> list[Outgoing]:
        key = key_for(_ids(digest))
        body = _json_bytes(render.payload(digest, key))
        return [Outgoing(_ids(digest), key, body, len(body))]

    def send(self, message: Outgoing) -> None:
        headers = {"Idempotency-Key": message.key}
        if self.channel.secret:
            digest = hmac.new(self.channel.secret.encode(), message.body, hashlib.sha256).hexdigest()
            headers["X-Newswatch-Signature"] = f"sha256={digest}"
        status, answer = post(self.channel.url or "", message.body, headers, self.channel.timeout)
        if not 200 <= status < 300:
            raise DeliveryError(f"webhook answered HTTP {status}: {_answer_text(answer)}")


# ---------------------------------------------------------------- group robots


class _Robot(abc.ABC):
    idempotent = False
    per_minute, per_second = 20, 0
    limit = DINGTALK_BODY_BYTES
    dialect = render.DINGTALK

    def __init__(self, channel: Channel) -> None:
        self.channel = channel

    def messages(self, digest: Digest, key_for: KeyFor) -> list[Outgoing]:
        digest = dataclasses.replace(digest, compact=digest.total_events > CHAT_DETAIL_LIMIT)
        out = []
        for part, measured in render.split(digest, self.measure, self.limit):
            ids = _ids(part)
            out.append(Outgoing(ids, key_for(ids), self.body(part), len(measured)))
        return out

    def measure(self, d: Digest) -> bytes:
        return _json_bytes(self.body(d))

    @abc.abstractmethod
    def body(self, d: Digest) -> dict[str, Any]:
        """The service's JSON request for one part (without the signature fields)."""

    @abc.abstractmethod
    def send(self, message: Outgoing) -> None:
        """POST one part, signed as the service requires; raise DeliveryError unless accepted."""


class DingTalk(_Robot):
    """DingTalk custom robot: markdown; 加签 = timestamp (ms) and sign in the query string."""

    def body(self, d: Digest) -> dict[str, Any]:
        return {"msgtype": "markdown",
                "markdown": {"title": d.subject, "text": render.render_markdown(d, self.dialect)}}

    def send(self, message: Outgoing) -> None:
        url = self.channel.url or ""
        if self.channel.secret:
            timestamp = str(int(time.time() * 1000))
            url += ("&" if urlsplit(url).query else "?") + urlencode(
                {"timestamp": timestamp, "sign": dingtalk_sign(self.channel.secret, timestamp)})
        status, answer = post(url, _json_bytes(message.body), {}, self.channel.timeout)
        _robot_answer("DingTalk", status, answer, ("errcode",))


def dingtalk_sign(secret: str, timestamp: str) -> str:
    """base64(HMAC-SHA256(key=secret, msg="timestamp\\nsecret")), as DingTalk's robot API documents."""
    mac = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


class WeCom(_Robot):
    """WeCom group robot: markdown whose content is at most 4096 bytes; the key is in the URL."""

    limit = WECOM_CONTENT_BYTES
    dialect = render.WECOM

    def measure(self, d: Digest) -> bytes:
        return render.render_markdown(d, self.dialect).encode("utf-8")

    def body(self, d: Digest) -> dict[str, Any]:
        return {"msgtype": "markdown", "markdown": {"content": render.render_markdown(d, self.dialect)}}

    def send(self, message: Outgoing) -> None:
        status, answer = post(self.channel.url or "", _json_bytes(message.body), {}, self.channel.timeout)
        _robot_answer("WeCom", status, answer, ("errcode",))


class Feishu(_Robot):
    """Feishu custom bot: an interactive card; 签名校验 = timestamp (s) and sign in the body."""

    limit = FEISHU_BODY_BYTES
    dialect = render.FEISHU
    per_minute, per_second = 100, 5

    def measure(self, d: Digest) -> bytes:
        # The signed body carries a 10-digit timestamp and a 44-character signature.
        return _json_bytes({"timestamp": "0" * 10, "sign": "0" * 44, **self.body(d)})

    def body(self, d: Digest) -> dict[str, Any]:
        return {"msg_type": "interactive", "card": {
            "config": {"wide_screen_mode": True},
            "header": {"title": {"tag": "plain_text", "content": d.subject}, "template": "blue"},
            "elements": [{"tag": "markdown",
                          "content": render.render_markdown(d, self.dialect, header=False)}]}}

    def send(self, message: Outgoing) -> None:
        body = dict(message.body)
        if self.channel.secret:
            timestamp = str(int(time.time()))
            body = {"timestamp": timestamp, "sign": feishu_sign(self.channel.secret, timestamp), **body}
        status, answer = post(self.channel.url or "", _json_bytes(body), {}, self.channel.timeout)
        _robot_answer("Feishu", status, answer, ("code", "StatusCode"))


def feishu_sign(secret: str, timestamp: str) -> str:
    """base64(HMAC-SHA256(key="timestamp\\nsecret", msg=b"")), as Feishu's custom bot documents."""
    mac = hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


# ---------------------------------------------------------------- e-mail


class Email:
    """SMTP (ssl / starttls / none): HTML with a text alternative, or text only."""

    idempotent = True  # the Message-ID is derived from the key: a replay is the same message
    per_minute = per_second = 0

    def __init__(self, channel: Channel) -> None:
        self.channel = channel

    def messages(self, digest: Digest, key_for: KeyFor) -> list[Outgoing]:
        key = key_for(_ids(digest))
        digest = dataclasses.replace(digest, compact=digest.total_events > EMAIL_DETAIL_LIMIT)
        message = EmailMessage()
        message["Subject"] = digest.subject
        message["From"] = self.channel.sender or ""
        message["To"] = ", ".join(self.channel.to)
        message["Date"] = formatdate(localtime=True)
        domain = parseaddr(self.channel.sender or "")[1].rpartition("@")[2] or "newswatch.invalid"
        message["Message-ID"] = f"<newswatch.{key}@{domain}>"
        message["X-Newswatch-Digest"] = key
        message.set_content(render.render_text(digest))
        if (self.channel.format or "html") == "html":
            message.add_alternative(render.render_html(digest), subtype="html")
        return [Outgoing(_ids(digest), key, message, len(bytes(message)))]

    def send(self, message: Outgoing) -> None:
        ch = self.channel
        host = ch.smtp_host or ""
        port = ch.smtp_port or {"ssl": 465, "starttls": 587, "none": 25}[ch.security]
        context = ssl.create_default_context()
        try:
            if ch.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=ch.timeout, context=context)
            else:
                smtp = smtplib.SMTP(host, port, timeout=ch.timeout)
            with smtp:
                if ch.security == "starttls":
                    smtp.starttls(context=context)
                if ch.username:
                    smtp.login(ch.username, ch.password or "")
                smtp.send_message(message.body)
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(f"{host}:{port} refused the SMTP login (code {exc.smtp_code})") from None
        except smtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError(f"{host}:{port} refused every recipient "
                                f"({', '.join(sorted(exc.recipients))})") from None
        except smtplib.SMTPResponseException as exc:
            error = exc.smtp_error
            text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
            raise DeliveryError(f"{host}:{port} answered {exc.smtp_code}: {render.clean(text, 200)}") from None
        except TimeoutError:
            raise DeliveryError(f"{host}:{port} did not answer within {ch.timeout:g} s") from None
        except ssl.SSLError as exc:
            raise DeliveryError(f"TLS with {host}:{port} failed: {exc.reason or exc}") from None
        except (smtplib.SMTPException, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else (
                render.clean(str(exc), 200) or type(exc).__name__)
            raise DeliveryError(f"cannot send mail through {host}:{port}: {reason}") from None
