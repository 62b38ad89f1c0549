"""Telegram updates in the core's words: messages, commands, button presses, blocks and
unblocks, departures from groups.

In groups the bot only takes what is meant for it: commands (``/cmd`` or
``/cmd@thisbot``, never ``/cmd@otherbot``; also ``@thisbot /cmd``), messages that
mention it, and replies to its own messages. Everything else in a group is none of its business.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import CallbackQuery, ChatMemberUpdated, Message, MessageEntity, User
from telegram import Chat as TelegramChat
from telegram.constants import ChatMemberStatus, ChatType

from bot.core.events import (
    Blocked,
    ButtonPress,
    Chat,
    Command,
    Event,
    LeftGroup,
    Sender,
    TextMessage,
    Unblocked,
    parse_command,
)

PLATFORM = "telegram"


@dataclass(frozen=True, slots=True)
class BotIdentity:
    """Who we are on Telegram, learned from ``getMe`` at start-up."""

    id: int
    username: str

    def is_me(self, user: User | None) -> bool:
        return user is not None and user.id == self.id


def sender_of(user: User) -> Sender:
    return Sender(PLATFORM, str(user.id), user.full_name)


def chat_of(chat: TelegramChat) -> Chat:
    private = chat.type == ChatType.PRIVATE
    return Chat(str(chat.id), is_private=private, group_id=None if private else str(chat.id))


def event_from_message(message: Message, me: BotIdentity) -> Event | None:
    """The core event for a message, or ``None`` when the bot should stay silent."""
    user = message.from_user
    if user is None or user.is_bot:
        return None  # channel posts, anonymous admins, other bots
    sender, chat = sender_of(user), chat_of(message.chat)
    text = message.text or message.caption or ""
    delivery = f"{message.chat.id}/{message.message_id}"  # message ids count per chat
    command = parse_command(text)
    if command is not None:
        if not (chat.is_private or _addressed_to(text, me)):
            return None  # in a group, /cmd@otherbot is another bot's; in private, ours
        return Command(sender, chat, *command, delivery_id=delivery)
    if not chat.is_private:
        if not (_mentions(message, me) or me.is_me(_replied_to(message))):
            return None
        text = _without_mentions(message, me)
        command = parse_command(text)  # "@bot /help"
        if command is not None and _addressed_to(text, me):
            return Command(sender, chat, *command, delivery_id=delivery)
    return TextMessage(sender, chat, text)


def event_from_button(query: CallbackQuery) -> ButtonPress | None:
    """A button press; ``None`` for queries without data (games) or from unknown chats."""
    message = query.message
    if query.data is None or message is None:
        return None
    sender, chat = sender_of(query.from_user), chat_of(message.chat)
    return ButtonPress(sender, chat, query.data, delivery_id=f"callback/{query.id}")


def reachability_change(update: ChatMemberUpdated) -> Blocked | Unblocked | None:
    """A person blocking or unblocking the bot in their private chat.

    Membership changes in groups say nothing about whether we can reach a person.
    """
    if update.chat.type != ChatType.PRIVATE:
        return None
    status = update.new_chat_member.status
    user_id = str(update.from_user.id)
    if status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
        return Blocked(PLATFORM, user_id)
    if status == ChatMemberStatus.MEMBER:
        return Unblocked(PLATFORM, user_id)
    return None


def departure_from(update: ChatMemberUpdated, me: BotIdentity) -> LeftGroup | None:
    """Someone leaving a group or removed from it; the user id is ``None`` when that
    someone is the bot itself."""
    if update.chat.type == ChatType.PRIVATE:
        return None
    if update.new_chat_member.status not in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED):
        return None
    user = update.new_chat_member.user
    return LeftGroup(PLATFORM, str(update.chat.id), None if me.is_me(user) else str(user.id))


def departure_in(message: Message, me: BotIdentity) -> LeftGroup | None:
    """The same from a "left the group" service message, which every bot receives."""
    left = message.left_chat_member
    if left is None or message.chat.type == ChatType.PRIVATE:
        return None
    return LeftGroup(PLATFORM, str(message.chat.id), None if me.is_me(left) else str(left.id))


def _addressed_to(text: str, me: BotIdentity) -> bool:
    """``/cmd@otherbot`` in a group is for another bot; ``/cmd`` and ``/cmd@us`` are ours."""
    head = text.split(maxsplit=1)[0]
    _, at, username = head.partition("@")
    return not at or username.casefold() == me.username.casefold()


def _mentions(message: Message, me: BotIdentity) -> bool:
    return any(_is_our_mention(message, entity, me) for entity in _entities(message))


def _replied_to(message: Message) -> User | None:
    reply = message.reply_to_message
    return reply.from_user if reply is not None else None


def _without_mentions(message: Message, me: BotIdentity) -> str:
    """The text with our @mention taken out, so the core reads only the question."""
    text = message.text or message.caption or ""
    for entity in _entities(message):
        if _is_our_mention(message, entity, me):
            text = text.replace(_entity_text(message, entity), " ", 1)
    return " ".join(text.split())


def _entities(message: Message) -> tuple[MessageEntity, ...]:
    return message.entities or message.caption_entities


def _is_our_mention(message: Message, entity: MessageEntity, me: BotIdentity) -> bool:
    if entity.type == MessageEntity.TEXT_MENTION:
        return me.is_me(entity.user)
    if entity.type == MessageEntity.MENTION:
        return _entity_text(message, entity).casefold() == f"@{me.username}".casefold()
    return False


def _entity_text(message: Message, entity: MessageEntity) -> str:
    if message.text is not None:
        return message.parse_entity(entity)
    return message.parse_caption_entity(entity)
