from django import template
from wagtail.models import Page, Site

from cms.templatetags.cms_tags import locale_root

register = template.Library()


@register.inclusion_tag("home/includes/local_nav.html", takes_context=True)
def local_nav(context):
    """ローカルナビ: the current page among its siblings, with its own children (three queries)."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"parent": None}
    parent = page.get_parent()
    if parent.depth < 3:
        # A top-level section: its own children are the local navigation.
        parent = page
        siblings = []
    else:
        siblings = list(parent.get_children().live().public().only("title", "url_path", "path", "depth"))
    children = list(page.get_children().live().public().only("title", "url_path", "path", "depth"))
    return {
        "parent": parent,
        "siblings": siblings,
        "children": children,
        "page": page,
        "request": context.get("request"),
    }


@register.inclusion_tag("includes/footer_links_list.html", takes_context=True)
def footer_links(context):
    """サイトマップ・担当課の一覧 … of the current Site, where it has them."""
    from wagtail.models import get_page_models

    # Page types opt in with `footer_link = True` (サイトマップ, 担当課の一覧, アクセシビリティ方針 …).
    footer_types = [model for model in get_page_models() if getattr(model, "footer_link", False)]
    root = locale_root(context.get("page"), context.get("current_site"))
    if root is None:
        request = context.get("request")
        site = Site.find_for_request(request) if request else None
        root = site.root_page if site else None
    links = []
    if root is not None and footer_types:
        links = list(
            Page.objects.child_of(root)
            .live()
            .public()
            .exact_type(*footer_types)
            .only("title", "url_path")
            .order_by("path")
        )
    return {"links": links, "request": context.get("request")}
