"""Non-page FAQ views for the accessibility crawl: a category listing, search results (with and
without hits, and the empty-query message) and the feedback thank-you state, on both Sites."""

from urllib.parse import quote

from wagtail.models import Site


def extra_paths():
    from .models import FAQIndexPage, FAQPage

    paths = []
    for site in Site.objects.select_related("root_page").order_by("hostname"):
        for index in FAQIndexPage.objects.live().child_of(site.root_page).order_by("path"):
            base = index.url_path[len(site.root_page.url_path) - 1 :]
            category = index.categories_with_counts()[:1]
            if category:
                paths.append((site, f"{base}category/{quote(category[0].slug)}/"))
            paths.append((site, f"{base}search/?q={quote('ごみ')}"))
            paths.append((site, f"{base}search/?q={quote('該当しない言葉ですxyz')}"))
            paths.append((site, f"{base}search/?q="))
            faq = FAQPage.objects.live().child_of(index).order_by("path").first()
            if faq is not None:
                paths.append((site, f"{faq.url_path[len(site.root_page.url_path) - 1 :]}?feedback=thanks"))
    return paths
