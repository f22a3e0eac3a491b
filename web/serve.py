"""Run the app in the foreground with uvicorn until SIGTERM or Ctrl-C."""

from __future__ import annotations

import ipaddress
import logging
import signal
import socket
from collections.abc import Mapping

import uvicorn

import config as configuration
from errors import ConfigError
from web.app import create_app

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(config: configuration.Config, host: str) -> None:
    """Refuse to listen beyond this machine without a password: the app can edit the config."""
    if not is_loopback(host) and not config.web.password:
        raise ConfigError(
            f'web: refusing to listen on {host} without a password; set [web] password = "${{NAME}}" '
            "in the config, or serve on 127.0.0.1"
        )


def serve(config: configuration.Config, environ: Mapping[str, str], host: str, port: int) -> None:
    """Serve until stopped; ``port`` 0 picks a free one (printed either way)."""
    check_bind(config, host)
    app = create_app(config, environ)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(f"web: cannot listen on {host}:{port}: {exc.strerror} (try another --port)") from None
    sock.listen(128)  # connections wait in the backlog until the server takes them
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    print(f"newswatch: serving http://{shown}:{bound}/ (Ctrl-C to stop)", flush=True)
    # log_config=None: uvicorn logs through our handlers instead of installing its own.
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False, lifespan="off"))
    # uvicorn stops gracefully on SIGTERM, then raises the signal again under the handler it found:
    # ours, so the process ends with status 0 as after any clean stop.
    signal.signal(signal.SIGTERM, lambda signum, frame: None)
    server.run(sockets=[sock])
