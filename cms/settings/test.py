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
