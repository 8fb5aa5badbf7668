"""merge heads

Long description after the first blank line.

Revision ID: f00dfacecafe
Revises: a1b2c3d4e5f6, 0123456789ab
Create Date: 2024-01-02 03:04:05.000006

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = 'f00dfacecafe'
down_revision: Union[str, Sequence[str], None] = ('a1b2c3d4e5f6', '0123456789ab')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = ['dep000000001', 'dep000000002', 'dep000000003']


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
