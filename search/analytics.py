"""Anonymous search statistics: what residents search for, and what they do not find.

Only the normalised query, the number of results and the day are stored: no IP address, user,
session or time. Runs of digits (phone, My Number, postcodes) and e-mail addresses are masked first,
because residents sometimes type personal data into a search box.
"""

import re
import unicodedata

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.models import SearchQueryStat

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
DIGITS_RE = re.compile(r"\d[\d\- ]{3,}\d")
MAX_LENGTH = 100


def normalize_for_log(query):
    """NFKC, lower case, single spaces, personal-looking data masked, at most 100 characters."""
    query = unicodedata.normalize("NFKC", query or "").lower()
    query = EMAIL_RE.sub("＊", query)
    query = DIGITS_RE.sub("＊", query)
    return " ".join(query.split())[:MAX_LENGTH]


def record_search(query, result_count, source=SearchQueryStat.SOURCE_SITE):
    """Count one search of `query` today. Returns the stored normalised query ('' when nothing was stored)."""
    normalized = normalize_for_log(query)
    if not normalized:
        return ""
    today = timezone.localdate()
    zero = 1 if result_count == 0 else 0
    updated = SearchQueryStat.objects.filter(date=today, query=normalized, source=source).update(
        searches=F("searches") + 1,
        zero_result_searches=F("zero_result_searches") + zero,
        last_result_count=result_count,
    )
    if not updated:
        try:
            with transaction.atomic():
                SearchQueryStat.objects.create(
                    date=today,
                    query=normalized,
                    source=source,
                    searches=1,
                    zero_result_searches=zero,
                    last_result_count=result_count,
                )
        except IntegrityError:  # another request created today's row first
            SearchQueryStat.objects.filter(date=today, query=normalized, source=source).update(
                searches=F("searches") + 1,
                zero_result_searches=F("zero_result_searches") + zero,
                last_result_count=result_count,
            )
    return normalized
