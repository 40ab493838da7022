"""Site-wide files every Site serves, whatever apps it has: sitemap.xml and robots.txt."""

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db.models import Q
from django.http import HttpResponse
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
