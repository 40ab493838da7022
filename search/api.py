"""What other apps call to search. The FAQ index's search box and `search_eval` share `search_faqs`."""

from wagtail.models import Page


def search_faqs(query, within, limit=20):
    """FAQ pages under `within` (an FAQ index page) that answer `query`, best first."""
    from faq.models import FAQPage

    query = (query or "").strip()
    if not query:
        return []
    faqs = FAQPage.objects.live().public().descendant_of(within)
    return list(faqs.search(query)[:limit])


def search_site(query, root, limit=None):
    """Live, public pages under `root` (the current Site's root in the current language) for `query`."""
    query = (query or "").strip()
    if not query:
        return Page.objects.none()
    results = Page.objects.live().public().descendant_of(root, inclusive=True).filter(locale_id=root.locale_id)
    results = results.search(query)
    return results[:limit] if limit else results
