"""smtpy API: domains, mailboxes and forwarding for the SMTP relay."""

from fastapi import Depends, FastAPI, HTTPException
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from config import settings
from database import get_session
from models import Domain, Mailbox


def create_app() -> FastAPI:
    app = FastAPI(title="smtpy", version="1.6.0")
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["*"],
        allow_headers=["*"],
    )

    @app.get("/health")
    def health(session: Session = Depends(get_session)) -> dict[str, str]:
        session.execute(text("SELECT 1"))
        return {"status": "healthy"}

    @app.get("/domains/{name}")
    def get_domain(name: str, session: Session = Depends(get_session)) -> dict:
        domain = session.scalar(select(Domain).where(Domain.name == name))
        if domain is None:
            raise HTTPException(status_code=404, detail="unknown domain")
        return {
            "name": domain.name,
            "verified": domain.mx_verified and domain.spf_verified and domain.dkim_verified,
            "catch_all": domain.catch_all,
            "mailboxes": [m.local_part for m in domain.mailboxes],
        }

    @app.get("/mailboxes/{mailbox_id}/usage")
    def mailbox_usage(mailbox_id: int, session: Session = Depends(get_session)) -> dict:
        mailbox = session.get(Mailbox, mailbox_id)
        if mailbox is None:
            raise HTTPException(status_code=404, detail="unknown mailbox")
        return {"used_bytes": mailbox.used_bytes, "quota_bytes": mailbox.quota_bytes}

    return app
