"""Demo foundation: locales, the two Sites with their root pages and their site settings."""

from django.conf import settings
from wagtail.models import Locale, Page, Site

from cms.demo_utils import ensure_object, ensure_page, load_demo_data
from cms.models import SiteIdentity

SITES = load_demo_data(__file__, "sites")
CITY_IDENTITY = SITES["city_identity"]
WATER_IDENTITY = SITES["water_identity"]


def _ensure_site(hostname, root_page, site_name, is_default):
    site = Site.objects.filter(hostname=hostname).first()
    if site is None:
        return Site.objects.create(
            hostname=hostname, port=80, root_page=root_page, site_name=site_name, is_default_site=is_default
        )
    changed = False
    for attr, value in {
        "root_page_id": root_page.pk,
        "site_name": site_name,
        "is_default_site": is_default,
    }.items():
        if getattr(site, attr) != value:
            setattr(site, attr, value)
            changed = True
    if changed:
        site.save()
    return site


def seed(ctx):
    from home.models import CityHomePage
    from water.models import WaterHomePage

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)

    root = Page.get_first_root_node()
    # Wagtail's "Welcome to your new Wagtail site!" page is replaced by the city's own top page.
    welcome = Page.objects.child_of(root).filter(content_type__model="page", slug="home").first()
    if welcome is not None:
        Site.objects.filter(root_page=welcome).delete()
        welcome.delete()

    city_root = ensure_page(
        ctx,
        root,
        CityHomePage,
        "sukagawa",
        title="須賀川市",
        seo_title="須賀川市ホームページ",
        search_description="福島県須賀川市の公式ホームページです。くらし・手続き、子育て・教育、防災、観光などの情報をお届けします。",
        intro="<p>福島県須賀川市の公式ホームページです。</p>",
    )
    water_root = ensure_page(
        ctx,
        root,
        WaterHomePage,
        "suido",
        title="須賀川市 水道事業",
        search_description="須賀川市水道事業（上下水道部経営課）のホームページです。",
        intro="<p>安全でおいしい水を、毎日お届けしています。</p>",
    )
    ctx.city_site = _ensure_site(settings.CITY_HOSTNAME, city_root, "須賀川市", True)
    ctx.water_site = _ensure_site(settings.WATER_HOSTNAME, water_root, "須賀川市 水道事業", False)

    city_url = (
        f"http://{settings.CITY_HOSTNAME}:8000/" if settings.DEBUG else f"https://{settings.CITY_HOSTNAME}/"
    )
    ensure_object(ctx, SiteIdentity, {"site": ctx.city_site}, **CITY_IDENTITY)
    ensure_object(ctx, SiteIdentity, {"site": ctx.water_site}, parent_site_url=city_url, **WATER_IDENTITY)


def reset(ctx):
    """Remove both demo Sites and everything under their root pages."""
    root = Page.get_first_root_node()
    for page in Page.objects.child_of(root).filter(slug__in=["sukagawa", "suido"]):
        # Translations of the city top page (en, zh-hans …) are siblings of it at depth 2.
        for translation in page.get_translations():
            translation.delete()
        Site.objects.filter(root_page=page).delete()
        page.delete()
