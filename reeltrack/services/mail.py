"""Outgoing mail: SMTP when MAIL_SERVER is set, otherwise written to the log."""

from __future__ import annotations

import logging
import os
import smtplib
from email.message import EmailMessage

from reeltrack.settings import Settings

log = logging.getLogger("reeltrack.mail")


def send_mail(settings: Settings, to: str | None, subject: str, body: str) -> bool:
    """Send one plain-text mail; never raises (a failed mail must not fail a request)."""
    if not to:
        return False
    server = os.environ.get("MAIL_SERVER")
    if not server:
        log.info("mail (no MAIL_SERVER set) to=%s subject=%s\n%s", to, subject, body)
        return False
    message = EmailMessage()
    message["From"] = os.environ.get("MAIL_DEFAULT_SENDER", "no-reply@reeltrack.local")
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    try:
        port = int(os.environ.get("MAIL_PORT", "25"))
        with smtplib.SMTP(server, port, timeout=10) as smtp:
            if os.environ.get("MAIL_USE_TLS", "").lower() in ("1", "true"):
                smtp.starttls()
            user = os.environ.get("MAIL_USERNAME")
            if user:
                smtp.login(user, os.environ.get("MAIL_PASSWORD", ""))
            smtp.send_message(message)
        return True
    except (OSError, smtplib.SMTPException):
        log.exception("could not send mail to %s", to)
        return False
