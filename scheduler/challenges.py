"""The challenge sweep: each due challenge gets its daily post (or its summary) once.

A due challenge is claimed by moving its ``next_post_at`` forward by a lease in
one ``UPDATE … RETURNING`` (``FOR UPDATE SKIP LOCKED`` on PostgreSQL), so several
processes never post the same day twice; a process that crashes mid-post leaves
the lease to expire and the post happens then. The core posts and sets the real
next time (:class:`~bot.core.challenges.lifecycle.ChallengePosting`).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_

from bot.core.clock import Clock
from bot.core.due import DueChallenge, DueWork
from bot.storage.database import Database
from bot.storage.models import Challenge
from scheduler.claims import claim_due
from scheduler.sweeper import drain

CLAIM_BATCH = 100
CLAIM_LEASE = timedelta(minutes=10)


class ChallengeSweep:
    name = "challenges"

    def __init__(self, database: Database, posting: DueWork[DueChallenge], clock: Clock) -> None:
        self.database = database
        self.posting = posting
        self.clock = clock

    async def claim(self) -> list[int]:
        now = self.clock.now()
        claim = claim_due(
            Challenge,
            and_(Challenge.status == "active", Challenge.next_post_at <= now),
            oldest_first=Challenge.next_post_at,
            limit=CLAIM_BATCH,
            lease={"next_post_at": now + CLAIM_LEASE},  # due again by itself if we crash
            returning=Challenge.id,
        )
        async with self.database.session() as session:
            return sorted((await session.execute(claim)).scalars().all())

    async def run_once(self) -> int:
        return await drain(
            self.claim,
            lambda challenge_id: self.posting.handle(DueChallenge(challenge_id)),
            CLAIM_BATCH,
            lambda challenge_id: f"challenge {challenge_id}: daily post",
        )
