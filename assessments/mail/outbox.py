"""One SMTP connection for a batch of messages, opened when the first one goes out.

A message the server refuses (a bad recipient, a message it will not take) is that
message's failure: `Refused`. A server that cannot be reached, refuses the login, or drops
the connection fails the rest of the batch too: `ServerDown`. Neither message ever holds
the password.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from types import TracebackType

from assessments.project.smtp import NOT_SET, MailSettings

TIMEOUT = 30  # seconds for the connection and for each reply


class MailError(Exception):
    """A message did not go out."""


class Refused(MailError):
    """The server would not take this message; the next one may go."""


class ServerDown(MailError):
    """No message can go out now: the server is unreachable, refuses us or hung up."""


class Outbox:
    """Send messages over one connection: `with Outbox(settings) as out: out.send(msg)`."""

    def __init__(self, settings: MailSettings) -> None:
        if not settings.configured:
            raise ServerDown(NOT_SET)
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def send(self, msg: EmailMessage) -> None:
        """Hand one message to the server (Refused or ServerDown when it does not go)."""
        smtp = self._connected()
        try:
            refused = smtp.send_message(msg)
        except smtplib.SMTPRecipientsRefused as err:
            raise Refused(_reply(next(iter(err.recipients.values())))) from None
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as err:
            self._check_alive(err.smtp_code)
            raise Refused(_reply((err.smtp_code, err.smtp_error))) from None
        except (smtplib.SMTPServerDisconnected, OSError) as err:
            self._smtp = None
            raise ServerDown(f"the mail server hung up: {_text(err)}") from None
        except smtplib.SMTPException as err:
            self.close()
            raise ServerDown(f"the mail server failed: {_text(err)}") from None
        if refused:
            raise Refused(_reply(next(iter(refused.values()))))

    def close(self) -> None:
        """Say goodbye to the server, if connected."""
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self._smtp = None

    def _check_alive(self, code: int) -> None:
        if code == 421:  # "service not available, closing channel"
            self._smtp = None
            raise ServerDown("the mail server closed the connection (421)")

    def _connected(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        s = self.settings
        where = f"{s.host}:{s.server_port}"
        smtp: smtplib.SMTP | None = None
        try:
            if s.security == "ssl":
                smtp = smtplib.SMTP_SSL(s.host, s.server_port, timeout=TIMEOUT,
                                        context=ssl.create_default_context())
            else:
                smtp = smtplib.SMTP(s.host, s.server_port, timeout=TIMEOUT)
                if s.security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
            if s.user:
                smtp.login(s.user, s.password())
        except smtplib.SMTPAuthenticationError as err:
            _drop(smtp)
            raise ServerDown(f"the mail server at {where} refused the login of {s.user!r} "
                             f"({err.smtp_code}); check smtp_user and "
                             "READYGATE_SMTP_PASSWORD") from None
        except (smtplib.SMTPException, OSError) as err:
            _drop(smtp)
            raise ServerDown(f"cannot send through {where}: {_text(err)}") from None
        self._smtp = smtp
        return smtp


def _drop(smtp: smtplib.SMTP | None) -> None:
    """Close a connection that failed before it was of use."""
    if smtp is not None:
        smtp.close()


def _reply(reply: tuple[int, bytes | str]) -> str:
    code, text = reply
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"the mail server refused it: {code} {' '.join(words.split())}"


def _text(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__
