"""backfill mailbox quotas

Revision ID: 0c4e6f2b8a75
Revises: 5b7d0e9a3c21
Create Date: 2025-10-14 16:18:44.052387

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0c4e6f2b8a75'
down_revision = '5b7d0e9a3c21'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Free plan default: 1 GiB per mailbox.
    op.execute("UPDATE mailboxes SET quota_bytes = 1073741824 WHERE quota_bytes IS NULL")


def downgrade() -> None:
    op.execute("UPDATE mailboxes SET quota_bytes = NULL WHERE quota_bytes = 1073741824")
