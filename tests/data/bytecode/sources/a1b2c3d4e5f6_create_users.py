"""create users

Revision ID: a1b2c3d4e5f6
Revises: 
Create Date: 2023-04-05 10:11:12.131415

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1b2c3d4e5f6'
down_revision = None
branch_labels = ('core',)
depends_on = None


def upgrade():
    op.create_table('users', sa.Column('id', sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table('users')
