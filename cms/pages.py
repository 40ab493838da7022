"""The core's page bases: what the page types of every app (home, faq, water, tourism) share.

- BasePage: every page type. 最終更新日 (`last_updated`), and the search fields every page has.
- IntroMixin: the 導入文 above a page's own content (index pages, top pages).
- ContactMixin: the 担当課 shown as 「このページに関するお問い合わせ」.

Abstract models: their fields live in each page type's own table, so adopting them needs no
data migration.
"""

from django.db import models
from wagtail.fields import RichTextField
from wagtail.models import Page

# Rich text of a 導入文: a few sentences, at most bold and links (headings belong to the body).
INTRO_FEATURES = ["bold", "link"]


class BasePage(Page):
    """Every page type of every Site."""

    search_fields = Page.search_fields

    class Meta:
        abstract = True

    @property
    def last_updated(self):
        """最終更新日: when the page was last published (first publication for a page never republished)."""
        return self.last_published_at or self.first_published_at


class IntroMixin(models.Model):
    intro = RichTextField("導入文", blank=True, features=INTRO_FEATURES)

    class Meta:
        abstract = True


class ContactMixin(models.Model):
    department = models.ForeignKey(
        "cms.Department",
        verbose_name="担当課",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="「このページに関するお問い合わせ」に表示します。",
    )

    class Meta:
        abstract = True
