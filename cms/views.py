"""Site-wide files every Site serves, whatever apps it has: sitemap.xml and robots.txt."""

import json

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.contrib.staticfiles import finders
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.templatetags.static import static
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap walks only the Site root's descendants; translated trees are its siblings."""

    def items(self):
        site = self.get_wagtail_site()
        in_some_tree = Q()
        for root in site.root_page.get_translations(inclusive=True):
            in_some_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.live().public().filter(in_some_tree).order_by("path").defer_streamfields().specific()
        )


@require_safe
def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": AllLanguagesSitemap(request)})


@require_safe
def robots_txt(request):
    site = Site.find_for_request(request)
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
    ]
    if site is not None:
        lines.append(f"Sitemap: {request.scheme}://{request.get_host()}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """/favicon.ico: browsers and bookmark services ask for it at the root, whatever the page says."""
    path = finders.find("cms/icons/favicon.ico")
    if path is None:
        raise Http404
    response = FileResponse(open(path, "rb"), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def web_manifest(request):
    """The web app manifest of the Site: its name, colours and icons, for 「ホーム画面に追加」."""
    from cms.models import SiteIdentity

    site = Site.find_for_request(request)
    identity = SiteIdentity.for_site(site) if site else None
    name = identity.site_name if identity else "須賀川市"
    water = identity is not None and identity.theme == "water"
    manifest = {
        "name": name,
        "short_name": (identity.logo_text if identity and identity.logo_text else name)[:12],
        "lang": "ja",
        "start_url": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a" if water else "#1d6b3a",
        "icons": [
            {"src": static("cms/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("cms/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    response = HttpResponse(
        json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response
