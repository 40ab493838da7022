import re
from pathlib import Path

from django import template
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.models import Page, Site

from cms.i18n import html_lang as _html_lang

register = template.Library()


@register.filter(expects_localtime=True)
def jdate(value):
    """A date in the active language's long form: 2026年11月24日 in Japanese (a time is read in JST)."""
    if not value:
        return ""
    return formats.date_format(value, "DATE_FORMAT")


@register.filter
def jtime(value):
    """A time in the active language's form: 8時30分 in Japanese, 8:30 AM in English."""
    if not value:
        return ""
    return formats.time_format(value, "TIME_FORMAT")


@register.filter
def html_lang(language_code):
    return _html_lang(language_code)


def locale_root(page=None, site=None):
    """The home page of the current Site in the current page's language."""
    if page is not None and getattr(page, "depth", 0) >= 2:
        if page.depth == 2:
            return page
        return page.get_ancestors().filter(depth=2).first()
    if site is not None:
        root = site.root_page
        return root.localized if root else None
    return None


@register.simple_tag(takes_context=True)
def site_root(context):
    return locale_root(context.get("page"), context.get("current_site"))


@register.inclusion_tag("includes/global_nav.html", takes_context=True)
def global_nav(context):
    page = context.get("page")
    root = locale_root(page, context.get("current_site"))
    items = []
    if root is not None:
        items = list(root.get_children().live().public().in_menu().specific().only("title", "url_path"))
    current_path = page.url_path if isinstance(page, Page) else ""
    entries = [
        {
            "page": item,
            "current": item.url_path == current_path,
            "in_section": current_path.startswith(item.url_path),
        }
        for item in items
    ]
    return {"root": root, "entries": entries, "request": context.get("request")}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": [], "page": page}
    crumbs = list(page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "locale"))
    return {"crumbs": crumbs, "page": page, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def site_identity(context):
    """The SiteIdentity settings of the current Site, for pages and non-page views alike."""
    from cms.models import SiteIdentity

    site = context.get("current_site")
    if site is None:
        request = context.get("request")
        site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return SiteIdentity.for_site(site)


@register.simple_tag(takes_context=True)
def identity_name(context, identity, field="site_name", default=None):
    """A name from サイトの基本情報 on Japanese pages; on pages in another language the city's name in
    that language, since the settings hold Japanese names only. `default` stands in for a missing
    identity on Japanese pages (the city's name unless given)."""
    if context.get("current_language", "ja") == "ja" and identity:
        return getattr(identity, field)
    if context.get("current_language", "ja") == "ja" and default is not None:
        return default
    return gettext("須賀川市")


# --- icons (Tabler Icons, cms/icons/) -------------------------------------------------------------

ICON_DIR = Path(__file__).resolve().parent.parent / "icons"
_ICON_CACHE = {}

# Default icons of the city's taxonomies, by slug: くらしのできごと and the top-level 分類.
LIFE_EVENT_ICONS = {
    "ninshin": "baby-bottle",
    "kosodate": "baby-carriage",
    "nyuen": "school",
    "shushoku": "briefcase",
    "kekkon": "rings",
    "hikkoshi": "truck",
    "korei": "old",
    "okuyami": "flower",
}
SECTION_ICONS = {
    "kurashi": "home",
    "kosodate": "backpack",
    "kenko": "stethoscope",
    "bosai": "alert-triangle",
    "sangyo": "building-factory-2",
    "shisei": "building-community",
    "faq": "help-circle",
    "kanko": "map-pin",
    "gomi": "trash",
    "foreign-residents": "world",
}


def _icon_svg(name):
    if name not in _ICON_CACHE:
        path = ICON_DIR / f"{name}.svg"
        if not re.fullmatch(r"[a-z0-9-]+", name or "") or not path.is_file():
            _ICON_CACHE[name] = ""
        else:
            svg = path.read_text(encoding="utf-8")
            # Decorative: the link's text names it. Drop the 24px box so CSS sizes it with the text.
            svg = re.sub(r"\s+", " ", svg).strip()
            svg = re.sub(r' (width|height)="24"', "", svg, count=2)
            svg = svg.replace('class="icon ', 'aria-hidden="true" focusable="false" class="icon ', 1)
            _ICON_CACHE[name] = svg
    return _ICON_CACHE[name]


@register.simple_tag
def icon(name, fallback=""):
    """An inline SVG icon (decorative); `fallback` when the set has no icon of that name."""
    return mark_safe(_icon_svg(name) or _icon_svg(fallback))


@register.filter
def life_event_icon(life_event):
    return LIFE_EVENT_ICONS.get(getattr(life_event, "slug", ""), "clipboard-list")


@register.filter
def section_icon(page):
    return getattr(page, "icon", "") or SECTION_ICONS.get(getattr(page, "slug", ""), "file-text")


# --- per-language values of Japanese settings (SiteIdentity, bloom notes) ----------------------------


def field_suffix(language_code):
    """Model field suffix of a language: office_hours_en, comment_zh_hans …"""
    return (language_code or "ja").lower().replace("-", "_")


@register.simple_tag(takes_context=True)
def in_language(context, obj, field):
    """The value of `field` for the visitor's language: {"text", "lang"}.

    Japanese pages get the field itself. Other languages get `field_<language>` when an editor filled
    it in; otherwise the Japanese text, with lang="ja" so it is read (and fonted) as Japanese.
    """
    from django.utils import translation

    language = translation.get_language() or "ja"
    japanese = getattr(obj, field, "") or "" if obj is not None else ""
    if language == "ja" or obj is None:
        return {"text": japanese, "lang": "ja" if japanese else None, "fallback": False}
    translated = getattr(obj, f"{field}_{field_suffix(language)}", "") or ""
    if translated:
        return {"text": translated, "lang": None, "fallback": False}
    return {"text": japanese, "lang": "ja" if japanese else None, "fallback": bool(japanese)}


@register.filter
def international_phone(number):
    """0248-75-1111 → +81-248-75-1111: how a visitor from abroad dials a Japanese number."""
    # Only the number: a note after it such as （代表） is Japanese and means nothing when dialling.
    match = re.match(r"[\d\s()‐－―ー-]+", (number or "").strip())
    text = match.group(0).strip() if match else (number or "").strip()
    digits = re.sub(r"\D", "", text)
    if not digits.startswith("0") or len(digits) < 9:
        return text
    rest = re.sub(r"^[\s(]*0", "", text).replace(")", "-").replace("(", "")
    rest = re.sub(r"[\s‐－―ー-]+", "-", rest).strip("-")
    return f"+81-{rest}"


# --- sharing (OGP, X/Twitter cards) -----------------------------------------------------------------

SHARE_IMAGE_FIELDS = (("main_image", "main_image_alt"), ("photo", "photo_alt"))


@register.simple_tag(takes_context=True)
def share_card(context):
    """What a shared link shows: the page's title, one-line summary and picture, as absolute URLs.

    The picture is the page's メイン画像 (or a spot's 写真) cropped to 1200×630, else the site's mark.
    """
    from django.templatetags.static import static
    from django.utils.html import strip_tags
    from django.utils.text import Truncator
    from wagtail.images.models import SourceImageIOError

    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page):
        return None
    description = (
        getattr(page, "summary", "")
        or page.search_description
        or strip_tags(str(getattr(page, "intro", "") or ""))
    )
    card = {
        "title": page.seo_title or page.title,
        "description": Truncator(" ".join(description.split())).chars(120),
        "url": request.build_absolute_uri(request.path),
        "type": "website" if page.depth <= 2 else "article",
        "image": request.build_absolute_uri(static("cms/icons/og-default.png")),
        "image_alt": "",
        "large": False,
    }
    for image_field, alt_field in SHARE_IMAGE_FIELDS:
        image = getattr(page, image_field, None)
        if image is not None:
            try:
                rendition = image.get_rendition("fill-1200x630|format-jpeg")
            except (OSError, SourceImageIOError):
                # A missing original must not break the page: the card falls back to the mark.
                break
            card.update(
                image=request.build_absolute_uri(rendition.url),
                image_alt=getattr(page, alt_field, "") or "",
                large=True,
            )
            break
    return card
