"""Once per press, one walk per reminder slot, and reminders only in private chats.

* ``handled_events``: the platform ids of commands and presses already handled,
  so a delivery that comes twice changes nothing the second time.
* ``walks.slot_at`` with a unique (person, slot): a reminder's "Done" logs one walk.
* ``reminder_subscriptions.group_id``: reminders asked for in a server or a group
  go to the person's private chat and remember where they were asked. Reminders
  that were posted in a channel or group move to the person's private chat (on
  Discord ``dm:<user id>``, on Telegram the user id, which is their private chat's
  id); where the person already has reminders there, the channel's are dropped.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "handled_events",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("event_id", sa.String(100), nullable=False),
        sa.Column("handled_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_handled_events"),
        sa.UniqueConstraint("platform", "event_id", name="uq_handled_events_platform"),
    )
    op.create_index("ix_handled_events_handled_at", "handled_events", ["handled_at"])
    with op.batch_alter_table("walks") as batch:
        batch.add_column(sa.Column("slot_at", sa.DateTime(), nullable=True))
        batch.create_unique_constraint("uq_walks_person_id", ["person_id", "slot_at"])
    with op.batch_alter_table("reminder_subscriptions") as batch:
        batch.add_column(sa.Column("group_id", sa.String(64), nullable=True))
        batch.create_index("ix_reminder_subscriptions_platform_group_id", ["platform", "group_id"])
    _move_channel_reminders_to_private_chats()


def _move_channel_reminders_to_private_chats() -> None:
    subscriptions = sa.table(
        "reminder_subscriptions",
        sa.column("id", ID),
        sa.column("person_id", ID),
        sa.column("platform", sa.String),
        sa.column("chat_id", sa.String),
        sa.column("user_id", sa.String),
        sa.column("private_chat", sa.Boolean),
        sa.column("group_id", sa.String),
        sa.column("state", sa.String),
        sa.column("next_due_at", sa.DateTime),
        sa.column("slot_at", sa.DateTime),
    )
    private_chat = sa.case(
        (subscriptions.c.platform == "discord", sa.literal("dm:") + subscriptions.c.user_id),
        else_=subscriptions.c.user_id,
    )
    in_a_channel = sa.and_(
        subscriptions.c.private_chat == sa.false(),
        subscriptions.c.platform.in_(["discord", "telegram"]),
    )
    other = subscriptions.alias("other")
    op.execute(
        subscriptions.delete().where(
            in_a_channel,
            sa.exists().where(
                other.c.person_id == subscriptions.c.person_id,
                other.c.platform == subscriptions.c.platform,
                sa.or_(
                    other.c.chat_id == private_chat,
                    sa.and_(other.c.private_chat == sa.false(), other.c.id < subscriptions.c.id),
                ),
            ),
        )
    )
    op.execute(
        subscriptions.update()
        .where(in_a_channel)
        .values(
            group_id=sa.case(
                (subscriptions.c.platform == "telegram", subscriptions.c.chat_id), else_=None
            ),
            chat_id=private_chat,
            private_chat=True,
        )
    )
    op.execute(
        subscriptions.update()
        .where(subscriptions.c.private_chat == sa.false())
        .values(state="off", next_due_at=None, slot_at=None)
    )


def downgrade() -> None:
    with op.batch_alter_table("reminder_subscriptions") as batch:
        batch.drop_index("ix_reminder_subscriptions_platform_group_id")
        batch.drop_column("group_id")
    with op.batch_alter_table("walks") as batch:
        batch.drop_constraint("uq_walks_person_id", type_="unique")
        batch.drop_column("slot_at")
    op.drop_index("ix_handled_events_handled_at", "handled_events")
    op.drop_table("handled_events")
