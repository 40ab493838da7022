"""What the emergency static copy (bcp app) takes from the city site: the disaster top of every
language and the pages it links to (避難情報 pages and 重要なお知らせ). 緊急連絡先 are on the top itself."""

from wagtail.models import Page

# Saving one of these changes the disaster top.
SETTINGS_MODELS = ["home.DisasterModeSettings", "home.EmergencyNotice"]


def _site_path(page, site):
    parts = page.get_url_parts()
    return parts[2] if parts and parts[0] == site.pk else None


def emergency_paths(site):
    from home.models import CityHomePage, DisasterModeSettings

    root = site.root_page.specific
    if not isinstance(root, CityHomePage):
        return []
    paths = ["/?disaster-preview=1"]
    for translation in (
        root.get_translations().live().select_related("locale").order_by("locale__language_code")
    ):
        paths.append(f"/{translation.locale.language_code}/?disaster-preview=1")
    disaster = DisasterModeSettings.for_site(site)
    linked = [block.value["page"] for block in disaster.evacuation_links if block.value.get("page")]
    linked += list(root.news_items().filter(is_important=True)[:5])
    for page in linked:
        page = page.specific if isinstance(page, Page) else page
        if page.live:
            path = _site_path(page, site)
            if path and path not in paths:
                paths.append(path)
    return paths


def affects(page):
    """Publishing or unpublishing this page may change the disaster top (重要なお知らせ)."""
    return (
        bool(getattr(page.specific, "is_important", False)) or page.specific_class.__name__ == "CityHomePage"
    )
