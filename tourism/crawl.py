"""Non-page views of the guide for the accessibility crawl (CSV, sitemap and robots are not HTML)."""

from wagtail.models import Site

from tourism.models import SpotIndexPage


def extra_paths():
    """The spot list filtered by category, in every language it exists in."""
    paths = []
    for index in SpotIndexPage.objects.live().public().select_related("locale"):
        category = index.get_children().live().specific().values_list("spotpage__category", flat=True).first()
        if not category:
            continue
        site_id, _root, path = index.get_url_parts()
        paths.append((Site.objects.get(pk=site_id), f"{path}?category={category}"))
    return paths
