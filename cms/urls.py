"""URLs. Each app may add its own in `<app>/urls.py`: `urlpatterns` (no language prefix: feeds, CSV,
form endpoints) and `i18n_urlpatterns` (under /en/, /zh-hans/ … with Japanese unprefixed)."""

import importlib
import importlib.util

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views

PROJECT_APPS = ["home", "faq", "water", "tourism", "search", "indicators"]

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Every Site's, every language's (not language-prefixed).
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", views.web_manifest, name="web_manifest"),
]
i18n_urlpatterns = []

for app in PROJECT_APPS:
    if importlib.util.find_spec(f"{app}.urls") is None:
        continue
    module = importlib.import_module(f"{app}.urls")
    urlpatterns += getattr(module, "urlpatterns", [])
    i18n_urlpatterns += getattr(module, "i18n_urlpatterns", [])

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    *i18n_urlpatterns,
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
