"""When something fails inside a turn: one log line with an id, and an apology quoting it.

The person learns that the bot, not they, went wrong, and can quote the id; the
operator finds the one log line (with its traceback) by that id. Adapters use
the same two functions for what fails on their side (a refused reply, a
callback that raised), so every platform says sorry the same way.
"""

from __future__ import annotations

import logging
import secrets

from bot.content import Messages
from bot.core.markup import fill
from bot.core.messages import OutboundMessage, message

log = logging.getLogger(__name__)


def report_failure(what: str, exc: BaseException | None = None) -> str:
    """Log ``what`` failed, once, with the traceback of ``exc``; returns the incident id."""
    incident = secrets.token_hex(4)
    log.error("%s failed (incident %s)", what, incident, exc_info=exc)
    return incident


def apology(texts: Messages, incident: str) -> OutboundMessage:
    """A short apology naming ``incident``; the same on every platform."""
    return message(fill(texts.apology, incident=incident))
