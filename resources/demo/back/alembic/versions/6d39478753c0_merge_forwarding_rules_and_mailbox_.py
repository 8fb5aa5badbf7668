"""merge forwarding rules and mailbox quotas

Revision ID: 6d39478753c0
Revises: e3f81a4c6b90, 0c4e6f2b8a75
Create Date: 2025-10-20 09:05:12.639018

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6d39478753c0'
down_revision = ('e3f81a4c6b90', '0c4e6f2b8a75')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
