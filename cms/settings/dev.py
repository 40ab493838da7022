from .base import *  # noqa: F401,F403
from .base import os

DEBUG = True
# Development only: a fixed key is fine here, production refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["*"]
