"""revision counters for exact ETags and kept board bodies

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 15:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reeltrack_revision",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("reeltrack_revision_pkey")),
    )


def downgrade() -> None:
    op.drop_table("reeltrack_revision")
