"""The platform-neutral core: conversation, answers, and the port to the platforms.

Nothing here imports an adapter (``tests/test_architecture.py`` enforces it).
"""

from bot.core.clock import Clock, ManualClock, SystemClock
from bot.core.conversation import Conversation
from bot.core.events import ButtonPress, Chat, Command, Event, Recipient, Sender, TextMessage
from bot.core.markup import Markup, Span
from bot.core.messages import Button, Image, OutboundMessage, Reply, message
from bot.core.ports import ChatPort, Outbox, RecordingPort, SendResult

__all__ = [
    "Button",
    "ButtonPress",
    "Chat",
    "ChatPort",
    "Clock",
    "Command",
    "Conversation",
    "Event",
    "Image",
    "ManualClock",
    "Markup",
    "OutboundMessage",
    "Outbox",
    "Recipient",
    "RecordingPort",
    "Reply",
    "SendResult",
    "Sender",
    "Span",
    "SystemClock",
    "TextMessage",
    "message",
]
