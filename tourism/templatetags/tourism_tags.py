"""Language switcher, hreflang links and small helpers of the tourism templates."""

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from wagtail.models import Page, Site

from cms.i18n import html_lang, language_name
from cms.security.links import bounded_full_path

register = template.Library()

LANGUAGE_ORDER = [code for code, _name in settings.LANGUAGES]


def _page_versions(page, request):
    """(language code, page) of every live translation of `page`, in the order of settings.LANGUAGES."""
    pages = page.get_translations(inclusive=True).live().public().select_related("locale")
    versions = []
    for translated in pages:
        # An alias is a copy of another language's content: it is not a translation.
        if translated.alias_of_id and translated.pk != page.pk:
            continue
        versions.append((translated.locale.language_code, translated))
    versions.sort(key=lambda item: LANGUAGE_ORDER.index(item[0]) if item[0] in LANGUAGE_ORDER else 99)
    return versions


def _site_languages(request):
    """Languages the current Site has a live top page in (the water site: Japanese only)."""
    site = Site.find_for_request(request)
    if site is None:
        return [settings.LANGUAGE_CODE]
    codes = set(
        site.root_page.get_translations(inclusive=True).live().values_list("locale__language_code", flat=True)
    )
    return [code for code in LANGUAGE_ORDER if code in codes]


def _path_versions(request):
    """For views that are not pages (search …): the same URL in every language, if it is translatable."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return []
    if match.url_name in {"wagtail_serve", None} or match.func.__module__.startswith("wagtail"):
        return []
    url = bounded_full_path(request)
    versions = []
    for code in _site_languages(request):
        translated = translate_url(url, code)
        versions.append((code, translated))
    if len(versions) < 2 or len({url for _code, url in versions}) < len(versions):
        return []  # one language only, or not under i18n_patterns
    return versions


def language_versions(context):
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language() or settings.LANGUAGE_CODE
    entries = []
    if isinstance(page, Page) and page.pk:
        current = page.locale.language_code
        for code, translated in _page_versions(page, request):
            entries.append(
                {
                    "code": code,
                    "lang": html_lang(code),
                    "name": language_name(code),
                    "url": translated.get_url(request),
                    "full_url": translated.get_full_url(request),
                    "current": translated.pk == page.pk,
                }
            )
        entries = _with_language_tops(entries, request)
    elif request is not None:
        for code, url in _path_versions(request):
            entries.append(
                {
                    "code": code,
                    "lang": html_lang(code),
                    "name": language_name(code),
                    "url": url,
                    "full_url": request.build_absolute_uri(url),
                    "current": code == current,
                }
            )
    return entries


def _language_tops(request):
    """{language code: live top page} of the current Site's languages."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {}
    tops = site.root_page.get_translations(inclusive=True).live().public().select_related("locale")
    return {top.locale.language_code: top for top in tops if not top.alias_of_id or top.pk == site.root_page_id}


def _with_language_tops(entries, request):
    """Every language of the Site: a page without a translation links to that language's top page.

    The link says so in the visitor's language ("(top page)"), so nobody expects the same page.
    The water site has Japanese tops only: its pages keep a switcher-less header.
    """
    have = {entry["code"] for entry in entries}
    tops = _language_tops(request)
    missing = [code for code in LANGUAGE_ORDER if code in tops and code not in have]
    if not missing:
        return entries
    for code in missing:
        top = tops[code]
        with translation.override(code):
            note = translation.gettext("（トップページへ）")
        entries.append(
            {
                "code": code,
                "lang": html_lang(code),
                "name": language_name(code),
                "url": top.get_url(request),
                "full_url": top.get_full_url(request),
                "current": False,
                "fallback": True,
                "note": note,
            }
        )
    entries.sort(key=lambda entry: LANGUAGE_ORDER.index(entry["code"]) if entry["code"] in LANGUAGE_ORDER else 99)
    return entries


@register.simple_tag(takes_context=True)
def page_languages(context):
    """Languages the current page exists in, each with its own name, BCP 47 tag and URL."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return language_versions(context)
    # The <head> links and the switcher both ask: look the translations up once per request.
    key = page.pk if isinstance(page, Page) else bounded_full_path(request)
    memo = request.__dict__.setdefault("_tourism_languages", {})
    if key not in memo:
        memo[key] = language_versions(context)
    return memo[key]


@register.simple_tag(takes_context=True)
def shown_in_other_language(context):
    """True for an alias page: content of another language under this language's URL."""
    page = context.get("page")
    if not isinstance(page, Page) or not page.alias_of_id:
        return False
    original = Page.objects.filter(pk=page.alias_of_id).select_related("locale").first()
    return original is not None and original.locale_id != page.locale_id


@register.filter
def yen(value):
    """Price in yen: 1,000円 in Japanese, ¥1,000 elsewhere."""
    if value is None or value == "":
        return ""
    amount = f"{int(value):,}"
    if (translation.get_language() or "ja") == "ja":
        return f"{amount}円"
    return f"¥{amount}"


@register.filter
def hhmm(value):
    """A time in the active language's form (8時30分, 8:30 AM …): one style on every page."""
    from django.utils import formats

    return formats.time_format(value, "TIME_FORMAT") if value else ""


@register.filter
def translations_only(languages):
    """The entries that are this page in another language (for hreflang), not a language's top page."""
    return [language for language in languages if not language.get("fallback")]


FOREIGN_RESIDENTS_SLUG = "foreign-residents"


@register.simple_tag(takes_context=True)
def foreign_residents_page(context):
    """外国人住民の方へ in the current page's language (a page of that slug under the language's top)."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth < 2:
        return None
    top = page if page.depth == 2 else page.get_ancestors().filter(depth=2).first()
    if top is None:
        return None
    return (
        Page.objects.child_of(top).live().public().filter(slug__startswith=FOREIGN_RESIDENTS_SLUG).first()
    )
