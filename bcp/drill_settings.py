"""Settings for the BCP drill's restored copy: the live settings, pointed at a scratch database and
media folder. Used only by `bcp_drill` in a subprocess (DJANGO_SETTINGS_MODULE=bcp.drill_settings).

Everything that could reach live services is replaced: the search index lives in the scratch
database (rebuilding Elasticsearch here would overwrite the live index), caches are local to the
mail is not sent, and no emergency copy is written. The cache stays the live one (Redis in
production: django-ratelimit's check E003 would refuse a per-process cache), under its own
KEY_PREFIX, and restore clears only that prefix.
"""

import importlib
import os

import dj_database_url

_base = importlib.import_module(os.environ["BCP_DRILL_BASE_SETTINGS"])
globals().update({name: value for name, value in vars(_base).items() if name.isupper()})

DATABASES = {"default": dj_database_url.parse(os.environ["BCP_DRILL_DATABASE_URL"])}
MEDIA_ROOT = os.environ["BCP_DRILL_MEDIA_ROOT"]
STORAGES = {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    **getattr(_base, "STORAGES", {}),
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    },
}
_search = getattr(_base, "WAGTAILSEARCH_BACKENDS", {}).get("default", {})
if not str(_search.get("BACKEND", "")).endswith(".database"):
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
CACHES = {
    alias: {**config, "KEY_PREFIX": f"{config.get('KEY_PREFIX') or 'cms'}-bcp-drill"}
    for alias, config in getattr(_base, "CACHES", {}).items()
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The restored copy is only rendered in-process (bcp_render_sample), never served: each Site's
# hostname must be accepted even when the live server knows it by another name.
ALLOWED_HOSTS = ["*"]
EMERGENCY_STATIC_ROOT = ""
