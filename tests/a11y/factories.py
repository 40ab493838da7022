"""Pages for the accessibility tests: a policy page (StreamField of the shared blocks and rich text)
on a Site of its own."""

import datetime

from wagtail.models import Page, Site

from cms.a11y.models import AccessibilityPolicyPage

HOSTNAME = "a11y.example"


def policy_page(body=None, slug="policy", **fields):
    root = Page.get_first_root_node()
    defaults = {
        "title": "ウェブアクセシビリティ方針",
        "scope": "<p>市のホームページの全てのページを対象とします。</p>",
        "target_deadline": datetime.date(2027, 3, 31),
        "body": body or [],
    }
    defaults.update(fields)
    page = AccessibilityPolicyPage(slug=slug, **defaults)
    root.add_child(instance=page)
    page.save_revision().publish()
    page = AccessibilityPolicyPage.objects.get(pk=page.pk)
    if not Site.objects.filter(hostname=HOSTNAME).exists():
        Site.objects.create(hostname=HOSTNAME, port=80, root_page=page, site_name="点検用")
    return page


def image(filename="IMG_0012.jpg", title="IMG_0012"):
    import wagtail_factories

    return wagtail_factories.ImageFactory(title=title, file__filename=filename)


def document(filename="shinsei.pdf", title="申請書"):
    import wagtail_factories

    return wagtail_factories.DocumentFactory(title=title, file__filename=filename)
