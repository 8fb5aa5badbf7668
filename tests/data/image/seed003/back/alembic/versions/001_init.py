"""init

Revision ID: 001
Revises:
Create Date: 2025-10-01 10:00:00.000000

"""
revision = "001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
