import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    """An SMTP server that refuses the recipient and says who (as real ones do)."""

    def send_messages(self, email_messages):
        for message in email_messages:
            raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"no such user taro@example.jp")})
        return 0
