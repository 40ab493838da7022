"""What other apps call to search. The FAQ index's search box and `search_eval` share `search_faqs`.

Both use the Japanese-aware engine (see search.service): words are found inside Japanese text,
ゴミ finds ごみ, a question typed as a sentence finds its answer, the editors' synonyms apply.
"""

from search import service


def search_faqs(query, within, limit=20, config=None):
    """FAQ pages under `within` (an FAQ index page) that answer `query`, best first (a list of FAQPage).

    `config`: a search.engine.RankingConfig for the embedded engine (default: the settings')."""
    return list(service.faq_results(query, within, limit=limit, config=config)[:limit])


def search_site(query, root, limit=None):
    """Live, public pages under `root` (the current Site's root in the current language) for `query`.

    Returns a sequence of specific pages, best first, that loads each slice in one query (so it can
    be paginated); with `limit`, at most that many.
    """
    results = service.site_results(query, root, limit=limit)
    return results[:limit] if limit else results


def record_search(query, result_count, source="faq"):
    """Count a search in the anonymous statistics (admin reports). Call it from a search box's view
    once per search (not per results page); `source` is "faq" or "site". Stores no personal data."""
    from search.analytics import record_search as record

    return record(query, result_count, source)
