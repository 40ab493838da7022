import datetime

import factory
import wagtail_factories
from wagtail.models import Site

from cms.models import Department
from faq.models import FAQCategory, FAQFeedback, FAQIndexPage, FAQPage


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name", "section")

    name = factory.Sequence(lambda n: f"テスト課{n}")
    section = "管理係"
    phone = "0248-88-0000"
    email = "test@city.sukagawa.example"
    location = "市役所本庁舎1階"


class FAQCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQCategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"分類{n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    sort_order = factory.Sequence(lambda n: n)


class FAQIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = FAQIndexPage

    title = "よくある質問"
    slug = "faq"


class FAQPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = FAQPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"粗大ごみの出し方を知りたいです（{n}）。")
    slug = factory.Sequence(lambda n: f"faq-{n}")
    answer = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>事前に申し込んで、戸別収集をご利用ください。</p>"}]
    )
    keywords = "粗大ゴミ|大型ごみ"
    last_reviewed = datetime.date(2026, 4, 1)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if extracted:
            self.categories.set(extracted)
            self.save()


class FAQFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQFeedback

    helpful = True
    comment = ""


def site_root():
    return Site.objects.get(is_default_site=True).root_page


def faq_index(**kwargs):
    kwargs.setdefault("parent", site_root())
    return FAQIndexPageFactory(**kwargs)


def publish(page):
    """Publish through a revision, as editors and the importer do."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)
