"""Pages for search tests: an FAQ index with questions, and plain pages, under the tree's root."""

import itertools

from wagtail.models import Locale, Page

_counter = itertools.count(1)


def answer(text):
    return [("paragraph", f"<p>{text}</p>")]


def tree_root():
    return Page.get_first_root_node()


def make_faq_index(parent=None, title="よくある質問", locale=None):
    from faq.models import FAQIndexPage

    parent = parent or tree_root()
    index = FAQIndexPage(title=title, slug=f"faq-{next(_counter)}", locale=locale or Locale.get_default())
    parent.add_child(instance=index)
    return index


def make_faq(index, question, answer_text, keywords="", import_id="", live=True):
    from faq.models import FAQPage

    faq = FAQPage(
        title=question,
        slug=f"q-{next(_counter)}",
        answer=answer(answer_text),
        keywords=keywords,
        import_id=import_id or f"t-{next(_counter)}",
        live=live,
        locale=index.locale,
    )
    index.add_child(instance=faq)
    return faq


def make_site(hostname="search.test", title="テスト市"):
    """A Site with its own home page (a plain Wagtail page) at the top of the tree."""
    from wagtail.models import Site

    home = Page(title=title, slug=f"home-{next(_counter)}", locale=Locale.get_default())
    tree_root().add_child(instance=home)
    Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=title)
    return home


def make_page(parent, title, live=True):
    from django.utils import timezone

    page = Page(
        title=title,
        slug=f"p-{next(_counter)}",
        live=live,
        locale=parent.locale,
        last_published_at=timezone.now(),
    )
    parent.add_child(instance=page)
    return page
