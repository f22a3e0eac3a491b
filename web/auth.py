"""Sessions, CSRF tokens and the login: plain Python over hmac, so every rule is visible here.

A session is a signed cookie (``payload.signature``) holding whether it logged in, its CSRF token
and when it ends. Its key comes from the password, so changing the password ends every session;
without a password the key lives as long as the process (sessions then only carry CSRF tokens).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field

COOKIE = "newswatch_session"
LIFETIME = 14 * 24 * 3600  # seconds a login lasts
MAX_DELAY = 8.0  # seconds the slowest failed login waits


@dataclass
class Session:
    csrf: str
    logged_in: bool = False
    expires: int = 0
    changed: bool = False


@dataclass
class Sessions:
    """Signs and reads session cookies, and keeps count of failed logins per client."""

    password: str | None
    _key: bytes = field(init=False, repr=False)
    _failures: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.password:
            self._key = hashlib.sha256(b"newswatch session\0" + self.password.encode()).digest()
        else:
            self._key = secrets.token_bytes(32)

    def new(self) -> Session:
        return Session(csrf=secrets.token_urlsafe(24), expires=int(time.time()) + LIFETIME, changed=True)

    def read(self, cookie: str | None) -> Session:
        """The session a cookie holds; a new one when it is missing, forged or expired."""
        if not cookie or "." not in cookie:
            return self.new()
        payload, signature = cookie.rsplit(".", 1)
        if not hmac.compare_digest(signature, self._sign(payload)):
            return self.new()
        try:
            data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            session = Session(csrf=str(data["csrf"]), logged_in=bool(data["in"]), expires=int(data["exp"]))
        except (ValueError, KeyError, TypeError):
            return self.new()
        return session if session.expires > time.time() else self.new()

    def cookie(self, session: Session) -> str:
        data = {"csrf": session.csrf, "in": session.logged_in, "exp": session.expires}
        payload = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")  # no quoting
        return f"{payload}.{self._sign(payload)}"

    def _sign(self, payload: str) -> str:
        return hmac.new(self._key, payload.encode(), hashlib.sha256).hexdigest()

    def check_password(self, given: str) -> bool:
        """Constant-time comparison of the password given at the login form."""
        return bool(self.password) and hmac.compare_digest(given.encode(), (self.password or "").encode())

    def delay(self, client: str) -> float:
        """Seconds to wait before answering this client's next login: doubling with each failure."""
        failures = self._failures.get(client, 0)
        return 0.0 if not failures else min(MAX_DELAY, 0.25 * 2 ** (failures - 1))

    def failed(self, client: str) -> None:
        if len(self._failures) > 10_000:  # a flood of addresses must not grow memory without end
            self._failures.clear()
        self._failures[client] = self._failures.get(client, 0) + 1

    def succeeded(self, client: str) -> None:
        self._failures.pop(client, None)


def csrf_ok(session: Session, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(session.csrf.encode(), (given or "").encode())


def token_ok(expected: str | None, given: str | None) -> bool:
    """A feed token check: open when no token is configured."""
    return expected is None or (given is not None and hmac.compare_digest(expected.encode(), given.encode()))
