"""Walking reminders: subscriptions, deliveries per slot, and logged walks.

Revision ID: 0003
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "reminder_subscriptions",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("chat_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("private_chat", sa.Boolean(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("slots", sa.String(32), nullable=False),
        sa.Column("quiet_start", sa.String(5), nullable=True),
        sa.Column("quiet_end", sa.String(5), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("next_due_at", sa.DateTime(), nullable=True),
        sa.Column("slot_at", sa.DateTime(), nullable=True),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reminder_subscriptions"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name="fk_reminder_subscriptions_person_id_persons",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "person_id", "platform", "chat_id", name="uq_reminder_subscriptions_person_id"
        ),
    )
    op.create_index(
        "ix_reminder_subscriptions_next_due_at", "reminder_subscriptions", ["next_due_at"]
    )
    op.create_index("ix_reminder_subscriptions_person_id", "reminder_subscriptions", ["person_id"])
    op.create_table(
        "reminder_deliveries",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("subscription_id", ID, nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("slot_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reminder_deliveries"),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["reminder_subscriptions.id"],
            name="fk_reminder_deliveries_subscription_id_reminder_subscriptions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name="fk_reminder_deliveries_person_id_persons",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "subscription_id", "slot_at", name="uq_reminder_deliveries_subscription_id"
        ),
    )
    op.create_index("ix_reminder_deliveries_person_id", "reminder_deliveries", ["person_id"])
    op.create_table(
        "walks",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("logged_at", sa.DateTime(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_walks"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name="fk_walks_person_id_persons", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_walks_person_id_local_date", "walks", ["person_id", "local_date"])


def downgrade() -> None:
    op.drop_table("walks")
    op.drop_table("reminder_deliveries")
    op.drop_table("reminder_subscriptions")
