"""Accepts mail for known mailboxes and records it for forwarding."""

from email import message_from_bytes
from email.utils import parseaddr

from aiosmtpd.smtp import Envelope, Session as SMTPSession
from sqlalchemy import select

from api.database import SessionLocal
from api.models import Domain, Mailbox, Message


class RelayHandler:
    async def handle_RCPT(self, server, session: SMTPSession, envelope: Envelope, address, options):
        local_part, _, domain_name = address.rpartition("@")
        with SessionLocal() as db:
            domain = db.scalar(select(Domain).where(Domain.name == domain_name.lower()))
            if domain is None:
                return "550 5.1.2 domain not served here"
            known = db.scalar(
                select(Mailbox).where(Mailbox.domain_id == domain.id, Mailbox.local_part == local_part)
            )
            if known is None and not domain.catch_all:
                return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session: SMTPSession, envelope: Envelope):
        parsed = message_from_bytes(envelope.content)
        with SessionLocal() as db:
            for rcpt in envelope.rcpt_tos:
                db.add(
                    Message(
                        message_id=parsed.get("Message-ID", ""),
                        sender=parseaddr(envelope.mail_from)[1],
                        recipient=rcpt,
                        subject=parsed.get("Subject"),
                        size_bytes=len(envelope.content),
                        status="queued",
                    )
                )
            db.commit()
        return "250 Message accepted for delivery"
