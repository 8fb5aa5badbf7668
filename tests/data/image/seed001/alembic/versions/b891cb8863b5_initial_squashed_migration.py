revision = "b891cb8863b5"
down_revision = None
