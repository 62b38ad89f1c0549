"""The one way due rows are claimed: a lease written by a single UPDATE.

``UPDATE … WHERE id IN (SELECT id … ORDER BY due LIMIT n FOR UPDATE SKIP LOCKED)
RETURNING …``: on PostgreSQL several processes claim side by side without
waiting or overlapping; SQLite ignores the lock clause (one sweeper there). The
caller's ``lease`` values move the rows out of the due range until it expires,
so a crashed process's claims come back by themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Update, select, update
from sqlalchemy.orm import DeclarativeBase


def claim_due(
    model: type[DeclarativeBase],
    due: ColumnElement[bool],
    *,
    oldest_first: Any,
    limit: int,
    lease: dict[str, Any],
    returning: Any,
) -> Update:
    table_id = model.id  # type: ignore[attr-defined]
    batch = select(table_id).where(due).order_by(oldest_first).limit(limit)
    return (
        update(model)
        .where(table_id.in_(batch.with_for_update(skip_locked=True).scalar_subquery()))
        .values(**lease)
        .returning(returning)
        .execution_options(synchronize_session=False)
    )
