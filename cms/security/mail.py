"""Mail in production: SMTP (EMAIL_HOST), or, only when EMAIL_LOG_WITHOUT_PERSONAL_DATA is set, this
backend, which logs that a mail would have gone out and nothing of its content or addresses.

Django's console backend writes the whole message (an applicant's receipt holds name, address and
phone) into the gunicorn log, so production refuses to start with it (cms/settings/production.py).
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("cms.security.mail")


class RedactedLogEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            logger.warning(
                "メールは送信されていません（EMAIL_HOST 未設定）。宛先 %d 件、本文 %d 文字（内容と宛先は記録しません）。",
                len(message.recipients()),
                len(message.body or ""),
            )
        return len(email_messages)
