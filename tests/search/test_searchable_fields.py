"""Every text a visitor reads on a page must be findable by search, unless we chose otherwise.

The test walks every page model Wagtail knows and fails when a text field (CharField, TextField,
RichTextField, StreamField) is neither in the model's search_fields nor listed below with a reason.
"""

from django.db import models
from modelsearch.index import SearchField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models

# (app_label.ModelName or "*", field name): why the field is not searched.
DELIBERATELY_NOT_INDEXED = {
    ("*", "slug"): "part of the URL, not text a visitor reads",
    ("*", "url_path"): "internal tree path",
    ("*", "draft_title"): "editor's working title; the published title is indexed",
    ("*", "seo_title"): "HTML <title> override; the page title is indexed",
    ("*", "path"): "treebeard materialised path",
    ("*", "translation_key"): "identifier",
    (
        "*",
        "search_description",
    ): "meta description for outside search engines; the visible intro/summary is indexed",
    ("*", "main_image_alt"): "describes the main picture for screen readers (as photo_alt)",
    ("*", "main_image_caption"): "caption or credit line under the main picture (as photo_licence)",
    ("*", "photo_caption"): "caption or credit line under the photo (as photo_licence)",
    ("home.CityHomePage", "pickup_links"): "links to other pages, which are indexed themselves",
    ("home.CityHomePage", "banners"): "links to other pages, which are indexed themselves",
    ("faq.FAQIndexPage", "search_hint"): "placeholder text of the FAQ search box",
    ("faq.FAQPage", "related_pages"): "links to other pages, which are indexed themselves",
    ("faq.FAQPage", "import_id"): "identifier of the CSV import",
    ("water.WaterHomePage", "emergency_phone"): "a phone number",
    ("home.ProcedurePage", "counters"): "address, phone and hours of the counter; the 担当課 is indexed",
    ("home.ProcedurePage", "online_url"): "a URL",
    ("home.ProcedurePage", "online_label"): "link text such as 市公式LINEで申し込む: would match every LINE search",
    ("home.ProcedurePage", "online_note"): "a line under the online link, such as 24時間いつでも申し込めます",
    ("home.ProcedurePage", "related"): "links to other pages, which are indexed themselves",
    (
        "water.WaterApplicationPage",
        "privacy_summary",
    ): "the same privacy notice on every form: would match every 個人情報 search",
    ("water.WaterApplicationPage", "completion_text"): "shown only after an application is sent",
    ("tourism.SpotPage", "photo_alt"): "describes the photo for screen readers",
    ("tourism.SpotPage", "photo_licence"): "credit line of the photo",
    ("tourism.SpotPage", "open_weekdays"): "weekday codes, shown through the opening hours",
    ("tourism.SpotPage", "contact_phone"): "a phone number",
    ("tourism.SpotPage", "official_url"): "a URL",
    ("tourism.EventPage", "photo_alt"): "describes the photo for screen readers",
    ("tourism.EventPage", "contact_phone"): "a phone number",
    ("tourism.EventPage", "official_url"): "a URL",
    ("tourism.OpenDataPage", "licence_note"): "the licence line of the data downloads",
}

TEXT_FIELDS = (models.CharField, models.TextField, RichTextField, StreamField)


def _searched_names(model):
    return {field.field_name for field in model.get_search_fields() if isinstance(field, SearchField)}


def _unindexed_text_fields(model):
    searched = _searched_names(model)
    missing = []
    for field in model._meta.get_fields():
        if not isinstance(field, TEXT_FIELDS) or getattr(field, "choices", None):
            continue
        if field.name in searched:
            continue
        label = f"{model._meta.app_label}.{model.__name__}"
        if ("*", field.name) in DELIBERATELY_NOT_INDEXED or (label, field.name) in DELIBERATELY_NOT_INDEXED:
            continue
        missing.append(f"{label}.{field.name}")
    return missing


def test_every_page_text_field_is_searchable_or_deliberately_excluded():
    missing = [
        name for model in get_page_models() if model is not Page for name in _unindexed_text_fields(model)
    ]
    assert missing == [], (
        "text fields neither in search_fields nor in DELIBERATELY_NOT_INDEXED: " + ", ".join(missing)
    )


def test_the_walk_sees_a_missing_field():
    """The check itself: a page model with an unindexed body is reported."""

    class Probe(Page):
        body = models.TextField()

        class Meta:
            # Abstract: a registered model without a table would break every later page deletion.
            abstract = True
            app_label = "search"

    assert _unindexed_text_fields(Probe) == ["search.Probe.body"]
