"""The challenge sweep: each due challenge gets its daily post (or its summary) once.

A due challenge is claimed by moving its ``next_post_at`` forward by a lease in
one ``UPDATE … RETURNING`` (``FOR UPDATE SKIP LOCKED`` on PostgreSQL), so several
processes never post the same day twice; a process that crashes mid-post leaves
the lease to expire and the post happens then. Posting sets the real next time.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import and_

from bot.content.challenges import ChallengeTexts
from bot.core.challenges import post_due
from bot.core.clock import Clock
from bot.core.delivery import Delivery
from bot.storage.database import Database
from bot.storage.models import Challenge
from scheduler.claims import claim_due

log = logging.getLogger(__name__)

CLAIM_BATCH = 100
CLAIM_LEASE = timedelta(minutes=10)


class ChallengeSweep:
    name = "challenges"

    def __init__(
        self, database: Database, delivery: Delivery, clock: Clock, texts: ChallengeTexts
    ) -> None:
        self.database = database
        self.delivery = delivery
        self.clock = clock
        self.texts = texts

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
        handled = 0
        while True:
            batch = await self.claim()
            for challenge_id in batch:
                try:
                    async with self.database.session() as session:
                        challenge = await session.get(Challenge, challenge_id)
                        if challenge is not None:
                            await post_due(
                                session, self.delivery, self.texts, challenge, self.clock.now()
                            )
                except Exception:
                    log.exception("challenge %s: daily post failed", challenge_id)
                handled += 1
            if len(batch) < CLAIM_BATCH:
                return handled
