"""Editors' synonyms and anonymous search statistics."""

import re

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

SYNONYM_SEPARATORS = re.compile(r"[,、，=＝\n\r]+")


class SearchSynonym(index.Indexed, models.Model):
    """Words residents use for the same thing (ゴミ = ごみ, 国保 = 国民健康保険), applied to every search."""

    terms = models.TextField(
        "同じ意味の言葉",
        help_text="同じ意味の言葉を「、」「,」「=」または改行で区切って入力します（例：国保、国民健康保険）。",
    )
    note = models.CharField("メモ", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]
    search_fields = [index.SearchField("terms"), index.AutocompleteField("terms")]

    class Meta:
        verbose_name = "検索の同義語"
        verbose_name_plural = "検索の同義語"
        ordering = ["terms"]

    def __str__(self):
        return "＝".join(self.variants())

    def variants(self):
        seen = []
        for part in SYNONYM_SEPARATORS.split(self.terms or ""):
            part = part.strip()
            if part and part not in seen:
                seen.append(part)
        return seen


class SearchQueryStat(models.Model):
    """How often a normalised query was searched on one day and how many results it had.

    No IP address, user, session or time of day is stored; digits runs and e-mail addresses typed
    into the box are masked before saving (see `search.analytics.normalize_for_log`).
    """

    SOURCE_SITE = "site"
    SOURCE_FAQ = "faq"
    SOURCE_CHOICES = [(SOURCE_SITE, "サイト内検索"), (SOURCE_FAQ, "よくある質問の検索")]

    date = models.DateField("日付", default=timezone.localdate, db_index=True)
    query = models.CharField("検索語", max_length=100)
    source = models.CharField("検索の種類", max_length=10, choices=SOURCE_CHOICES, default=SOURCE_SITE)
    searches = models.PositiveIntegerField("検索回数", default=0)
    zero_result_searches = models.PositiveIntegerField("0件だった回数", default=0)
    last_result_count = models.PositiveIntegerField("直近の件数", default=0)

    class Meta:
        verbose_name = "検索語の統計"
        verbose_name_plural = "検索語の統計"
        constraints = [
            models.UniqueConstraint(fields=["date", "query", "source"], name="search_query_stat_unique_day")
        ]

    def __str__(self):
        return f"{self.date} {self.query}"


class IndexVersion(models.Model):
    """The state of one page/model type's index entries: a new token each time its entries change.

    What the embedded search builds from the entries (statistics, readings, word vectors) is kept
    per searched model and the tokens of its types, so a news page edit leaves the FAQ models alone.
    A token (not a counter) so that a rolled-back change is never mistaken for a later one. Stored in
    the database, so every worker and process sees the same state without a shared cache.
    """

    content_type = models.OneToOneField(
        "contenttypes.ContentType", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.CharField(max_length=32)

    class Meta:
        verbose_name = "検索索引の版"
        verbose_name_plural = "検索索引の版"

    def __str__(self):
        return f"{self.content_type_id}: {self.version}"
