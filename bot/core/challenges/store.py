"""Reading and changing challenges and their members; always within one group."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.conflicts import insert_new
from bot.storage.models import Account, Challenge, ChallengeMember


async def running_in_group(session: AsyncSession, platform: str, group_id: str) -> list[Challenge]:
    """The group's active challenges, oldest first: several may run at once."""
    result = await session.execute(
        select(Challenge)
        .where(
            Challenge.platform == platform,
            Challenge.group_id == group_id,
            Challenge.status == "active",
        )
        .order_by(Challenge.id)
    )
    return list(result.scalars())


async def find_member(
    session: AsyncSession, challenge_id: int, person_id: int
) -> ChallengeMember | None:
    result = await session.execute(
        select(ChallengeMember).where(
            ChallengeMember.challenge_id == challenge_id, ChallengeMember.person_id == person_id
        )
    )
    return result.scalar_one_or_none()


async def add_member(
    session: AsyncSession, challenge: Challenge, person_id: int, user_id: str, now: datetime
) -> bool:
    """Join; ``False`` if the person was in already (also when two presses race to join)."""
    values = {
        "challenge_id": challenge.id,
        "person_id": person_id,
        "user_id": user_id,
        "joined_at": now,
    }
    key = [ChallengeMember.challenge_id, ChallengeMember.person_id]
    return await insert_new(session, ChallengeMember, values, key, ChallengeMember.id) is not None


async def remove_members(session: AsyncSession, challenge_id: int, person_ids: list[int]) -> None:
    if person_ids:
        await session.execute(
            delete(ChallengeMember).where(
                ChallengeMember.challenge_id == challenge_id,
                ChallengeMember.person_id.in_(person_ids),
            )
        )


async def members_of(
    session: AsyncSession, challenge: Challenge
) -> list[tuple[ChallengeMember, str]]:
    """Members with the display name their platform account last showed."""
    result = await session.execute(
        select(ChallengeMember, Account.display_name)
        .outerjoin(
            Account,
            (Account.person_id == ChallengeMember.person_id)
            & (Account.platform == challenge.platform)
            & (Account.platform_user_id == ChallengeMember.user_id),
        )
        .where(ChallengeMember.challenge_id == challenge.id)
        .order_by(ChallengeMember.id)
    )
    return [(member, name or "someone") for member, name in result.all()]
