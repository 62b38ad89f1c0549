"""Walking challenges and their members.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "challenges",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("group_id", sa.String(64), nullable=False),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("goal_minutes", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("post_time", sa.String(5), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("reward_role_id", sa.String(64), nullable=True),
        sa.Column("creator_user_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("next_post_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_challenges"),
    )
    op.create_index("ix_challenges_next_post_at", "challenges", ["next_post_at"])
    op.create_index("ix_challenges_platform_group_id", "challenges", ["platform", "group_id"])
    op.create_table(
        "challenge_members",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("challenge_id", ID, nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_challenge_members"),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenges.id"],
            name="fk_challenge_members_challenge_id_challenges",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name="fk_challenge_members_person_id_persons",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("challenge_id", "person_id", name="uq_challenge_members_challenge_id"),
    )
    op.create_index("ix_challenge_members_person_id", "challenge_members", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_challenge_members_person_id", table_name="challenge_members")
    op.drop_table("challenge_members")
    op.drop_index("ix_challenges_platform_group_id", table_name="challenges")
    op.drop_index("ix_challenges_next_post_at", table_name="challenges")
    op.drop_table("challenges")
