"""Settings read from the environment (docker-compose passes them in)."""

import os
from dataclasses import dataclass, field


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


@dataclass(frozen=True)
class Settings:
    database_url: str = field(
        default_factory=lambda: _env("SMTPY_DATABASE_URL", "sqlite:///./smtpy.db")
    )
    secret_key: str = field(default_factory=lambda: _env("SMTPY_SECRET_KEY", "dev-only"))
    smtp_hostname: str = field(default_factory=lambda: _env("SMTPY_SMTP_HOSTNAME", "mx.localhost"))
    cors_origins: tuple[str, ...] = field(
        default_factory=lambda: tuple(
            o for o in _env("SMTPY_CORS_ORIGINS", "http://localhost:4200").split(",") if o
        )
    )


settings = Settings()
