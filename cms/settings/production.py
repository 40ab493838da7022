from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import env_bool, env_list, os

DEBUG = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY が設定されていません。本番環境では環境変数 DJANGO_SECRET_KEY に"
        "50文字以上のランダムな値を設定してください。 (DJANGO_SECRET_KEY is required in production.)"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS が設定されていません。公開するホスト名をカンマ区切りで設定してください。"
    )

# HTTPS: on by default; switch off only behind a proxy that already enforces it.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("TRUST_X_FORWARDED_PROTO", True) else None
)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Static files are served by WhiteNoise from STATIC_ROOT (run `manage.py collectstatic` at deploy),
# compressed and with hashed names, so a city needs no separate static server.
# WhiteNoise directly after SecurityMiddleware, as its documentation asks.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1  # noqa: F405
MIDDLEWARE = [*MIDDLEWARE[:_after_security], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[_after_security:]]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

if os.environ.get("CACHE_URL", "").startswith("redis"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }

# bcp: the emergency static copy of the disaster pages (nginx serves it when the app is down).
EMERGENCY_STATIC_ROOT = os.environ.get("EMERGENCY_STATIC_ROOT", str(BASE_DIR / "emergency_static"))  # noqa: F405
# --- security (issue 15; see docs/security.md) ---
# The shipped chain (front nginx -> Varnish -> app nginx -> gunicorn, deploy/) hands Django exactly one
# X-Forwarded-For entry: the front nginx replaces what the visitor sent with the visitor's address,
# and the app nginx, which alone talks to gunicorn, resolves the hops it trusts (set_real_ip_from) and
# sends only the visitor's address on. So one entry, counted from the right, whatever the number of
# proxies in between; tests/stack checks it through the whole chain. Change it only for a chain
# that appends instead (then: the number of proxies that append).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
# Several gunicorn workers: rate limits need a shared cache (CACHES["default"], Redis), so
# django-ratelimit's check of an unshared cache is an error again here.
SILENCED_SYSTEM_CHECKS = [check for check in SILENCED_SYSTEM_CHECKS if check != "django_ratelimit.E003"]  # noqa: F405

# Mail: a real SMTP server, or explicitly EMAIL_LOG_WITHOUT_PERSONAL_DATA=1 (mail is not sent; the log
# says only that a mail would have gone, never to whom or what). Never the console backend, which
# wrote applicants' receipts with their address into the gunicorn log.
# The in-memory backend is refused too: receipts would vanish without a trace.
_MAIL_TO_LOG = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
}
if EMAIL_BACKEND in _MAIL_TO_LOG or (EMAIL_BACKEND.endswith("smtp.EmailBackend") and not EMAIL_HOST):  # noqa: F405
    if env_bool("EMAIL_LOG_WITHOUT_PERSONAL_DATA"):
        EMAIL_BACKEND = "cms.security.mail.RedactedLogEmailBackend"
    else:
        raise ImproperlyConfigured(
            "EMAIL_HOST が設定されていません。申込みの受付メールを送るSMTPサーバーを EMAIL_HOST に設定してください。"
            "メールを送らずに運用する場合は EMAIL_LOG_WITHOUT_PERSONAL_DATA=1 を設定してください"
            "（ログには送信しなかったことだけを記録し、宛先や本文は記録しません）。"
        )

# Receipts carry an applicant's name and address: over the network only encrypted (STARTTLS or
# SSL). A relay on this machine (localhost) may take plain SMTP; elsewhere only when the city says
# so with EMAIL_ALLOW_PLAINTEXT=1 (Security II #9).
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_SSL:
    EMAIL_USE_TLS = False  # Django refuses both at once; SSL (port 465) is the stronger choice
if (
    EMAIL_BACKEND.endswith("smtp.EmailBackend")
    and not (EMAIL_USE_TLS or EMAIL_USE_SSL)  # noqa: F405
    and EMAIL_HOST not in ("localhost", "127.0.0.1", "::1")  # noqa: F405
    and not env_bool("EMAIL_ALLOW_PLAINTEXT")  # noqa: F405
):
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS=0 のため、申込みの受付メール（氏名・住所を含みます）が暗号化されずに送られます。"
        "EMAIL_USE_TLS=1 または EMAIL_USE_SSL=1 を設定してください。同じサーバー内の中継（localhost）以外へ"
        "暗号化せずに送る場合だけ、EMAIL_ALLOW_PLAINTEXT=1 を設定してください。"
    )
