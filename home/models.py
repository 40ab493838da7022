from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class CityHomePage(Page):
    """トップページ of the city site (須賀川市). The city site issue composes it from editor-managed parts."""

    intro = RichTextField("導入文", blank=True, features=["bold", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "市のトップページ"


@register_snippet
class Department(index.Indexed, models.Model):
    """担当課: who answers for a page. Pages show 「このページに関するお問い合わせ」 from it."""

    name = models.CharField("部署名", max_length=100)
    section = models.CharField("係", max_length=100, blank=True)
    phone = models.CharField("電話番号", max_length=50, blank=True)
    fax = models.CharField("FAX番号", max_length=50, blank=True)
    email = models.EmailField("メールアドレス", blank=True)
    location = models.CharField("所在地", max_length=200, blank=True, help_text="例：市役所本庁舎2階")
    office_hours = models.CharField("受付時間", max_length=200, blank=True)
    sort_order = models.PositiveIntegerField("表示順", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("section"),
        FieldPanel("phone"),
        FieldPanel("fax"),
        FieldPanel("email"),
        FieldPanel("location"),
        FieldPanel("office_hours"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("section"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "担当課"
        verbose_name_plural = "担当課"
        ordering = ["sort_order", "name", "section"]
        constraints = [models.UniqueConstraint(fields=["name", "section"], name="unique_department_section")]

    def __str__(self):
        return f"{self.name} {self.section}".strip()
