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
