"""Mail in production without a mail server: nothing is sent and nothing secret is printed.

With ``PRODUCTION=1`` and ``EMAIL_HOST`` empty, Django's console backend would write each message, password
reset links included, to the process's output and so to the logs. This backend drops the message and logs a
warning that names only how many recipients and the subject, so an operator sees that mail is not configured.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

log = logging.getLogger(__name__)


class UnsentMailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            log.warning(
                "mail not sent (EMAIL_HOST is not set): %d recipient(s), subject %r",
                len(message.recipients()),
                message.subject,
            )
        return 0
