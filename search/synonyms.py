"""Editors' synonyms, analysed once and shared by every search until an editor changes them."""

import threading

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from search.analysis import analyze

VERSION_KEY = "search:synonyms:version"
_lock = threading.Lock()
_loaded = {"version": None, "groups": ()}


def analysed_groups(language="ja"):
    """Synonym groups as tuples of term tuples: ((('国保',), ('国民', '健康', '保険')), …)."""
    from search.models import SearchSynonym

    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    key = (version, language)
    with _lock:
        if _loaded["version"] == key:
            return _loaded["groups"]
    groups = []
    for synonym in SearchSynonym.objects.all():
        variants = []
        for variant in synonym.variants():
            terms = tuple(token.term for token in analyze(variant, language))
            if terms and terms not in variants:
                variants.append(terms)
        if len(variants) > 1:
            groups.append(tuple(variants))
    with _lock:
        _loaded["version"] = key
        _loaded["groups"] = tuple(groups)
    return _loaded["groups"]


def solr_synonym_lines():
    """Synonym groups in the Solr format Elasticsearch's synonym filter reads (one group per line)."""
    from search.models import SearchSynonym

    return [", ".join(s.variants()) for s in SearchSynonym.objects.all() if len(s.variants()) > 1]


def invalidate():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
    with _lock:
        _loaded["version"] = None


@receiver(post_save, sender="search.SearchSynonym")
@receiver(post_delete, sender="search.SearchSynonym")
def synonyms_changed(sender, **kwargs):
    invalidate()
    from search.backends.elasticsearch8 import push_synonyms_if_elasticsearch

    push_synonyms_if_elasticsearch()
