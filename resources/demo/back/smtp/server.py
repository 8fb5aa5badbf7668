"""Entry point of the smtpy SMTP relay (python -m smtp.server)."""

import asyncio
import logging
import os

from aiosmtpd.controller import Controller

from smtp.handler import RelayHandler


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    controller = Controller(
        RelayHandler(),
        hostname="0.0.0.0",
        port=int(os.environ.get("SMTPY_SMTP_PORT", "2525")),
        server_hostname=os.environ.get("SMTPY_SMTP_HOSTNAME", "mx.localhost"),
    )
    controller.start()
    logging.info("smtpy relay listening on port %s", controller.port)
    try:
        asyncio.get_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
