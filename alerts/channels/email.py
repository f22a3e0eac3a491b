"""E-mail over SMTP (ssl / starttls / none): HTML with a text alternative, or text only.

The Message-ID is derived from the message key, so a replayed message is the same message and
the receiver's mail system can drop the copy.
"""

from __future__ import annotations

import dataclasses
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, parseaddr

from alerts import render
from alerts.channels.base import Bulletin, KeyFor, Outgoing, event_ids
from alerts.digest import Digest
from config import Channel
from errors import DeliveryError

EMAIL_DETAIL_LIMIT = 30  # a longer digest lists one line per event: Gmail clips HTML beyond about 100 KB


class Email:
    """One mail per digest or bulletin to every address of the channel."""

    idempotent = True  # the Message-ID is derived from the key: a replay is the same message
    per_minute = per_second = 0

    def __init__(self, channel: Channel) -> None:
        self.channel = channel

    def messages(self, digest: Digest, key_for: KeyFor) -> list[Outgoing]:
        key = key_for(event_ids(digest))
        digest = dataclasses.replace(digest, compact=digest.total_events > EMAIL_DETAIL_LIMIT)
        message = self.envelope(digest.subject, key)
        message["X-Newswatch-Digest"] = key
        message.set_content(render.render_text(digest))
        if (self.channel.format or "html") == "html":
            message.add_alternative(render.render_html(digest), subtype="html")
        return [Outgoing(event_ids(digest), key, message)]

    def bulletin(self, bulletin: Bulletin, key: str) -> Outgoing:
        message = self.envelope(bulletin.subject, key)
        message.set_content(bulletin.text, cte="quoted-printable")
        return Outgoing(bulletin.ids, key, message)

    def envelope(self, subject: str, key: str) -> EmailMessage:
        """The headers every mail carries, its Message-ID in the sender's domain."""
        message = EmailMessage()
        message["Subject"] = subject
        message["From"] = self.channel.sender or ""
        message["To"] = ", ".join(self.channel.to)
        message["Date"] = formatdate(localtime=True)
        domain = parseaddr(self.channel.sender or "")[1].rpartition("@")[2] or "newswatch.invalid"
        message["Message-ID"] = f"<newswatch.{key}@{domain}>"
        return message

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
            raise DeliveryError(
                f"{host}:{port} refused every recipient ({', '.join(sorted(exc.recipients))})"
            ) from None
        except smtplib.SMTPResponseException as exc:
            error = exc.smtp_error
            text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
            raise DeliveryError(f"{host}:{port} answered {exc.smtp_code}: {render.clean(text, 200)}") from None
        except TimeoutError:
            raise DeliveryError(f"{host}:{port} did not answer within {ch.timeout:g} s") from None
        except ssl.SSLError as exc:
            raise DeliveryError(f"TLS with {host}:{port} failed: {exc.reason or exc}") from None
        except (smtplib.SMTPException, OSError) as exc:
            reason = (
                exc.strerror
                if isinstance(exc, OSError) and exc.strerror
                else (render.clean(str(exc), 200) or type(exc).__name__)
            )
            raise DeliveryError(f"cannot send mail through {host}:{port}: {reason}") from None
