"""What a backup counts and protects, by model label: bcp does not import the feature apps.

An app that is not installed is left out. Counts are written to the manifest at backup time and
checked again after a restore; PERSONAL_DATA_MODELS decide whether an archive may be unencrypted.
"""

from django.apps import apps
from django.conf import settings

# (key, label in reports, model label, filter applied to the model's default manager)
COUNTS = [
    ("pages", "ページ", "wagtailcore.Page", {}),
    ("faqs", "よくある質問", "faq.FAQPage", {}),
    ("translations", "翻訳されたページ", "wagtailcore.Page", "translations"),
    ("images", "画像", "wagtailimages.Image", {}),
    ("documents", "文書ファイル", "wagtaildocs.Document", {}),
    ("water_applications", "開栓・閉栓の申込み", "water.WaterApplication", {}),
    ("users", "管理画面の利用者", settings.AUTH_USER_MODEL, {}),
]

PERSONAL_DATA_MODELS = ["water.WaterApplication"]

# Rebuilt by `update_index` after a restore instead of being backed up.
SEARCH_INDEX_MODELS = ["wagtailsearch.IndexEntry", "wagtailsearch.SQLiteFTSIndexEntry"]


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def counts(using="default"):
    result = {}
    for key, _label, model_label, filters in COUNTS:
        model = _model(model_label)
        if model is None:
            continue
        queryset = model._default_manager.using(using)
        if filters == "translations":
            # Pages in another locale than the site's own language (the city writes Japanese first).
            queryset = queryset.filter(depth__gt=1).exclude(locale__language_code=settings.LANGUAGE_CODE)
        else:
            queryset = queryset.filter(**filters)
        result[key] = queryset.count()
    return result


def count_labels():
    return {key: label for key, label, _model_label, _filters in COUNTS}


def personal_data_count(using="default"):
    total = 0
    for label in PERSONAL_DATA_MODELS:
        model = _model(label)
        if model is not None:
            total += model._default_manager.using(using).count()
    return total


def search_index_tables():
    tables = []
    for label in SEARCH_INDEX_MODELS:
        model = _model(label)
        if model is not None:
            tables.append(model._meta.db_table)
    return tables
