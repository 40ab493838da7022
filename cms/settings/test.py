from .base import *  # noqa: F401,F403

# DJANGO_ALLOW_ASYNC_UNSAFE is not set here: conftest.py turns it on for the browser tests only.
DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://localhost"
# Tests that need the emergency static copy point this at a temporary folder.
EMERGENCY_STATIC_ROOT = ""

# On PostgreSQL a statement waiting on a lock, or a query plan gone wrong, fails its test with the
# statement named instead of holding CI until its limit (SQLite gives up on a lock after 5 s itself).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (  # noqa: F405
        "-c lock_timeout=60s -c statement_timeout=120s"
    )
