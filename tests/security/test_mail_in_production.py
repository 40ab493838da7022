"""Finding 4: production silently fell back to the console backend and logged applicants' receipts."""

import logging
import os
import subprocess
import sys

from django.core import mail
from django.test import override_settings

BASE_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "DJANGO_SECRET_KEY": "k" * 60,
    "ALLOWED_HOSTS": "www.city.example",
}


def _backend_in_production(**extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith("EMAIL_")}
    env.update(BASE_ENV, **extra)
    code = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)


def test_production_refuses_to_start_without_a_mail_server():
    result = _backend_in_production()
    assert result.returncode != 0
    assert "EMAIL_HOST が設定されていません" in result.stderr


def test_production_refuses_the_console_backend_even_when_named():
    result = _backend_in_production(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    assert result.returncode != 0


def test_production_uses_smtp_with_a_mail_server():
    result = _backend_in_production(EMAIL_HOST="smtp.city.example")
    assert result.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"


def test_explicit_flag_logs_mail_without_personal_data(caplog):
    result = _backend_in_production(EMAIL_LOG_WITHOUT_PERSONAL_DATA="1")
    assert result.stdout.strip() == "cms.security.mail.RedactedLogEmailBackend"
    with override_settings(EMAIL_BACKEND="cms.security.mail.RedactedLogEmailBackend"):
        with caplog.at_level(logging.WARNING, logger="cms.security.mail"):
            mail.send_mail(
                "受付番号 W-20261124-0001", "須賀川市八幡町135 須賀川 太郎 様", None, ["taro@example.jp"]
            )
    logged = caplog.text
    assert "送信されていません" in logged
    assert "taro@example.jp" not in logged and "八幡町" not in logged and "太郎" not in logged


def test_production_refuses_the_in_memory_backend():
    """Security II #9: locmem keeps the receipts in the worker's memory; nobody receives them."""
    result = _backend_in_production(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    assert result.returncode != 0
    assert "EMAIL_HOST が設定されていません" in result.stderr


def test_production_refuses_plain_smtp_to_another_server():
    result = _backend_in_production(EMAIL_HOST="smtp.city.example", EMAIL_USE_TLS="0")
    assert result.returncode != 0
    assert "EMAIL_USE_TLS=0" in result.stderr


def test_plain_smtp_to_the_local_relay_or_when_allowed_is_accepted():
    local = _backend_in_production(EMAIL_HOST="localhost", EMAIL_USE_TLS="0")
    allowed = _backend_in_production(EMAIL_HOST="smtp.city.example", EMAIL_USE_TLS="0", EMAIL_ALLOW_PLAINTEXT="1")
    assert local.stdout.strip() == allowed.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"
