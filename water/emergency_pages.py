"""What the emergency static copy (bcp app) takes from the water site: its top page (漏水・故障の
連絡先), the list of 断水・濁水・工事のお知らせ and every notice that has not ended."""

from django.utils import timezone

SETTINGS_MODELS = []


def emergency_paths(site):
    from water.models import WaterHomePage, WaterOutageNoticeIndexPage, WaterOutageNoticePage

    root = site.root_page.specific
    if not isinstance(root, WaterHomePage):
        return []
    paths = ["/"]
    index = WaterOutageNoticeIndexPage.objects.descendant_of(root).live().public().first()
    if index is not None:
        paths.append(index.get_url_parts()[2])
        notices = WaterOutageNoticePage.objects.child_of(index).live().public().not_ended(timezone.now())
        paths += [notice.get_url_parts()[2] for notice in notices.order_by("starts_at")]
    return paths


def affects(page):
    return page.specific_class.__name__ in {
        "WaterHomePage",
        "WaterOutageNoticeIndexPage",
        "WaterOutageNoticePage",
    }
