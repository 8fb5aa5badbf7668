"""reassigned ids

Revision ID: c0ffee000001
Revises: a1b2c3d4e5f6
Create Date: 2024-05-06 07:08:09

"""
revision = 'c0ffee000001'
down_revision = 'a1b2c3d4e5f6'
# the last store wins, as when the module runs
revision = 'c0ffee000002'
down_revision = branch_labels = 'a1b2c3d4e5f6'
branch_labels = ['feature']
depends_on = ['dep000000001']


def upgrade():
    pass


def downgrade():
    pass
