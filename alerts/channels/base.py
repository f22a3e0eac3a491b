"""What every channel shares: the message it sends, the sender contract, and HTTP POST.

Kept apart from the package's registry so that each channel module imports this and nothing
imports back: the registry imports the channels, the channels import only this.
"""

from __future__ import annotations

import abc
import dataclasses
import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from alerts import render
from alerts.digest import Digest
from config import VERSION, Channel
from errors import DeliveryError

USER_AGENT = f"newswatch/{VERSION}"
CHAT_DETAIL_LIMIT = 10  # a longer chat digest lists one line per event instead of full entries
ANSWER_BYTES = 65_536

KeyFor = Callable[[tuple[str, ...]], str]


@dataclass(frozen=True)
class Outgoing:
    """One message: the events (or notices) it carries, its idempotency key, and the payload to send."""

    event_ids: tuple[str, ...]
    key: str
    body: Any


@dataclass(frozen=True)
class Bulletin:
    """A short message that is no digest (a health notice): one wording, shaped by each channel."""

    ids: tuple[str, ...]
    subject: str
    body: str  # plain lines under the subject
    payload: Mapping[str, Any]  # what a webhook posts instead of the text
    alarm: bool  # it reports trouble (a Feishu card turns red rather than green)

    @property
    def text(self) -> str:
        """Subject, a blank line, then the body: the whole message as plain text."""
        return f"{self.subject}\n\n{self.body}"


class Sender(Protocol):
    idempotent: bool  # the service can drop a replayed message by its key
    per_minute: int  # messages the service accepts per minute (0: no limit we know of)
    per_second: int

    def messages(self, digest: Digest, key_for: KeyFor) -> list[Outgoing]: ...

    def bulletin(self, bulletin: Bulletin, key: str) -> Outgoing: ...

    def send(self, message: Outgoing) -> None: ...


def event_ids(digest: Digest) -> tuple[str, ...]:
    """The ids of the events a digest (or one part of it) carries, in display order."""
    return tuple(e["id"] for e in digest.events)


def json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON, as every JSON body we send is written."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


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
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT, **headers},
        )
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


def answer_text(answer: bytes) -> str:
    """A service's answer, shortened and cleaned for an error message."""
    return render.clean(answer.decode("utf-8", "replace"), 200)


# ---------------------------------------------------------------- group robots


def robot_answer(service: str, status: int, answer: bytes, code_keys: tuple[str, ...]) -> None:
    """DingTalk/WeCom/Feishu: HTTP 200 with a zero code means accepted; anything else is an error."""
    try:
        data = json.loads(answer)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise DeliveryError(f"{service} answered HTTP {status} without a JSON result: {answer_text(answer)}")
    code = next((data[k] for k in code_keys if k in data), None)
    if status != 200 or code != 0:
        message = data.get("errmsg") or data.get("msg") or data.get("StatusMessage") or ""
        raise DeliveryError(f"{service} refused the message (HTTP {status}, code {code}): {render.clean(message, 200)}")


class Robot(abc.ABC):
    """A group robot: Markdown in a JSON body, split to the service's size limit, no idempotency key."""

    idempotent = False
    per_minute, per_second = 20, 0
    limit: int  # bytes that ``measure`` may reach
    dialect: render.Dialect

    def __init__(self, channel: Channel) -> None:
        self.channel = channel

    def messages(self, digest: Digest, key_for: KeyFor) -> list[Outgoing]:
        digest = dataclasses.replace(digest, compact=digest.total_events > CHAT_DETAIL_LIMIT)
        out = []
        for part in render.split(digest, self.measure, self.limit):
            ids = event_ids(part)
            out.append(Outgoing(ids, key_for(ids), self.body(part)))
        return out

    def measure(self, d: Digest) -> bytes:
        return json_bytes(self.body(d))

    @abc.abstractmethod
    def body(self, d: Digest) -> dict[str, Any]:
        """The service's JSON request for one part (without the signature fields)."""

    @abc.abstractmethod
    def bulletin(self, bulletin: Bulletin, key: str) -> Outgoing:
        """The service's JSON request for a bulletin (without the signature fields)."""

    @abc.abstractmethod
    def send(self, message: Outgoing) -> None:
        """POST one part, signed as the service requires; raise DeliveryError unless accepted."""
