"""Reminder deliveries: a log without foreign keys.

The sweep writes one delivery row per reminder sent, 64 at a time. On PostgreSQL
each row's two foreign-key checks (a trigger that looks up and share-locks the
parent row) cost more than the insert itself, ~0.7 ms of a ~4 ms chunk (see
docs/reminders.md, "Figures"). Nothing reads the log by its parents except per
person (export, forget), and ``forget_person`` deletes every person's rows
explicitly, table by table, without relying on cascades.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FOREIGN_KEYS = (
    (
        "fk_reminder_deliveries_subscription_id_reminder_subscriptions",
        "reminder_subscriptions",
        "subscription_id",
    ),
    ("fk_reminder_deliveries_person_id_persons", "persons", "person_id"),
)


def upgrade() -> None:
    with op.batch_alter_table("reminder_deliveries") as batch:
        for name, _parent, _column in FOREIGN_KEYS:
            batch.drop_constraint(name, type_="foreignkey")


def downgrade() -> None:
    with op.batch_alter_table("reminder_deliveries") as batch:
        for name, parent, column in FOREIGN_KEYS:
            batch.create_foreign_key(name, parent, [column], ["id"], ondelete="CASCADE")
