"""A challenge over time: daily posts in its channel, the end, the reward role.

Everything here pushes through the delivery to the challenge's channel (one post
for the whole group, never a DM per member). The only direct messages go to the
creator, and only about a problem they can fix.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.content.challenges import ChallengeTexts
from bot.core.challenges import posts
from bot.core.challenges.standings import Standing, last_day, standings
from bot.core.challenges.store import members_of, remove_members
from bot.core.clock import Clock
from bot.core.delivery import Delivery
from bot.core.due import DueChallenge
from bot.core.events import Recipient
from bot.core.messages import OutboundMessage, message, say
from bot.core.ports import CHANNEL_GONE, MISSING_ACCESS, SendResult
from bot.storage.database import Database
from bot.storage.models import Challenge

log = logging.getLogger(__name__)


class ChallengePosting:
    """The core's side of the challenge sweep (one of :mod:`bot.core.due`'s kinds of due
    work): a claimed challenge gets its daily post, or its summary after the last day."""

    def __init__(
        self, database: Database, delivery: Delivery, texts: ChallengeTexts, clock: Clock
    ) -> None:
        self.database = database
        self.delivery = delivery
        self.texts = texts
        self.clock = clock

    async def handle(self, due: DueChallenge) -> SendResult | None:
        async with self.database.session() as session:
            challenge = await session.get(Challenge, due.challenge_id)
            if challenge is None:
                return None
            return await post_due(session, self.delivery, self.texts, challenge, self.clock.now())


def channel_of(challenge: Challenge) -> Recipient:
    return Recipient(challenge.platform, challenge.channel_id)


async def current_standings(
    session: AsyncSession, delivery: Delivery, challenge: Challenge, through: date
) -> list[Standing]:
    """Standings of the members still in the group.

    A member who left the server drops off the board here: we ask the platform
    on demand (Discord: one member lookup each) instead of listening for
    departures, which would need Discord's privileged members intent.
    """
    members = await members_of(session, challenge)
    port = delivery.group_admin(challenge.platform)
    if port is not None:
        gone = [
            m.person_id
            for m, _ in members
            if await port.is_member(challenge.group_id, m.user_id) is False
        ]
        if gone:
            await remove_members(session, challenge.id, gone)
            members = [(m, n) for m, n in members if m.person_id not in gone]
    return await standings(session, challenge, members, through)


async def post_due(
    session: AsyncSession,
    delivery: Delivery,
    texts: ChallengeTexts,
    challenge: Challenge,
    now: datetime,
) -> SendResult:
    """Post yesterday's progress (or, after the last day, the summary) and schedule the next."""
    yesterday = posts.local_today(challenge, now) - timedelta(days=1)
    if yesterday >= last_day(challenge):
        return await conclude(session, delivery, texts, challenge, now)
    rows = await current_standings(session, delivery, challenge, yesterday)
    result = await delivery.push(
        channel_of(challenge), [posts.daily_post(texts, challenge, rows, yesterday)]
    )
    await after_post(session, delivery, texts, challenge, now, result)
    return result


async def after_post(
    session: AsyncSession,
    delivery: Delivery,
    texts: ChallengeTexts,
    challenge: Challenge,
    now: datetime,
    result: SendResult,
) -> None:
    """Schedule the next post, or stop; tell the creator what they can fix."""
    if result.status == "retry_after" and result.retry_after is not None:
        challenge.next_post_at = now + timedelta(seconds=result.retry_after)
        return
    if challenge.status == "active":
        challenge.next_post_at = posts.next_post_at(challenge, now)
    if result.detail == CHANNEL_GONE:
        challenge.status, challenge.next_post_at = "closed", None
        await tell_creator(
            delivery, challenge, say(texts.channel_gone_creator, name=challenge.name)
        )
    elif result.detail == MISSING_ACCESS:
        await tell_creator(delivery, challenge, say(texts.cannot_post_creator, name=challenge.name))
    elif not result.ok:
        log.warning("challenge %s: post failed: %s", challenge.id, result.detail)


async def conclude(
    session: AsyncSession,
    delivery: Delivery,
    texts: ChallengeTexts,
    challenge: Challenge,
    now: datetime,
) -> SendResult:
    """Post the summary with the winners, give them the reward role, end the challenge."""
    rows = await current_standings(session, delivery, challenge, last_day(challenge))
    winners = posts.winners_of(rows)
    challenge.status, challenge.next_post_at = "ended", None
    result = await delivery.push(
        channel_of(challenge), [posts.summary(texts, challenge, rows, winners)]
    )
    await after_post(session, delivery, texts, challenge, now, result)
    if result.ok and winners and challenge.reward_role_id:
        await reward(delivery, texts, challenge, winners)
    return result


async def reward(
    delivery: Delivery, texts: ChallengeTexts, challenge: Challenge, winners: list[Standing]
) -> None:
    port = delivery.group_admin(challenge.platform)
    if port is None or challenge.reward_role_id is None:
        return
    results = [
        await port.grant_role(
            challenge.group_id, w.user_id, challenge.reward_role_id, texts.reward_reason
        )
        for w in winners
    ]
    if all(r.ok for r in results):
        await delivery.push(channel_of(challenge), [message(texts.reward_given)])
        return
    await delivery.push(channel_of(challenge), [message(texts.reward_failed)])
    await tell_creator(delivery, challenge, say(texts.reward_failed_creator, name=challenge.name))


async def tell_creator(delivery: Delivery, challenge: Challenge, note: OutboundMessage) -> None:
    """A private note to whoever created the challenge (their DMs on Discord)."""
    private = OutboundMessage(note.text, visibility="private")
    recipient = Recipient(challenge.platform, challenge.channel_id, challenge.creator_user_id)
    result = await delivery.push(recipient, [private])
    if not result.ok:
        log.info("challenge %s: could not tell the creator: %s", challenge.id, result.detail)
