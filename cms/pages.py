"""The core's page bases: what the page types of every app (home, faq, water, tourism) share.

- BasePage: every page type. 最終更新日 (`last_updated`), and the search fields every page has.
- IntroMixin: the 導入文 above a page's own content (index pages, top pages).
- ContactMixin: the 担当課 shown as 「このページに関するお問い合わせ」.

`search_kind` is how the search app tells よくある質問, お知らせ and 観光 from other pages without
knowing the apps: each page type declares it, and `page_models_of_kind` finds the types of a kind.

Abstract models: their fields live in each page type's own table, so adopting them needs no
data migration.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, get_page_models
from wagtail.search import index

from cms.fields import optional_link

# Rich text of a 導入文: a few sentences, at most bold and links (headings belong to the body).
INTRO_FEATURES = ["bold", "link"]


SEARCH_KIND_PAGE = "page"


class BasePage(Page):
    """Every page type of every Site."""

    # "faq", "news", "tourism" or "page": the search results' 種類 of this page type.
    search_kind = SEARCH_KIND_PAGE
    search_fields = Page.search_fields

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        # Site and section roots: privacy only by a superuser (cms.security.site_roots).
        from cms.security.site_roots import RootPagePermissionTester

        return RootPagePermissionTester(user, self)

    @property
    def last_updated(self):
        """最終更新日: when the page was last published (first publication for a page never republished)."""
        return self.last_published_at or self.first_published_at


class IntroMixin(models.Model):
    intro = RichTextField("導入文", blank=True, features=INTRO_FEATURES)

    # The editor's panels and the search fields of a page whose own text is its 導入文 (an index page).
    # Put IntroMixin before BasePage; a page type with more fields extends these lists.
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True


class ContactMixin(models.Model):
    department = optional_link("cms.Department", "担当課", help_text="「このページに関するお問い合わせ」に表示します。")

    class Meta:
        abstract = True


def search_kind_of(model):
    """The declared search kind of a page model ("page" for page types outside the core's bases)."""
    return getattr(model, "search_kind", SEARCH_KIND_PAGE)


def page_models_of_kind(kind):
    """The page models that declare `search_kind = kind`, in Wagtail's order."""
    return [model for model in get_page_models() if search_kind_of(model) == kind]
