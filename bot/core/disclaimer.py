"""The not-medical-advice line, and the one rule for saying it once where it is needed.

It is said on a person's first message on a platform (whatever that message is:
Discord users may never send /start), with the first exercise or routine they
start, and under /help. It closes a message as its last paragraph rather than
coming as a message of its own, so it adds no send to a reply that has one (nor a
flood-limit wait) and goes wherever that message goes, privately or in the chat.
"""

from __future__ import annotations

from dataclasses import replace

from bot.content import Content
from bot.core.markup import Markup
from bot.core.messages import OutboundMessage, Reply, message


def disclaimer_line(content: Content) -> Markup:
    return Markup.italic(content.messages.disclaimer.text.strip())


def disclaimer_message(content: Content) -> OutboundMessage:
    """The disclaimer on its own, as /start sends it after the welcome."""
    return message(disclaimer_line(content))


def with_disclaimer_line(outbound: OutboundMessage, content: Content) -> OutboundMessage:
    """``outbound`` with the disclaimer as its last paragraph."""
    text = disclaimer_line(content)
    if outbound.text:
        text = outbound.text + "\n\n" + text
    return replace(outbound, text=text)


def says_disclaimer(content: Content, reply: Reply) -> bool:
    line = content.messages.disclaimer.text.strip()
    return any(line in outbound.plain_text for outbound in reply)


def with_disclaimer(content: Content, reply: Reply) -> Reply:
    """``reply`` closing with the disclaimer, unless it already says it (as /start does)."""
    if says_disclaimer(content, reply):
        return reply
    if not reply:
        return [disclaimer_message(content)]
    return [*reply[:-1], with_disclaimer_line(reply[-1], content)]
