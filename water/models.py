from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class WaterHomePage(Page):
    """トップページ of the water-utility site (須賀川市 水道事業), a Site of its own."""

    intro = RichTextField("導入文", blank=True, features=["bold", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "水道事業のトップページ"
