"""Non-page states of the water site for the accessibility crawl (GET only: the application form's
error, confirmation and completion steps are covered by tests/water/test_browser_application.py)."""

from django.conf import settings
from wagtail.models import Site

from water.models import WaterQualityResult


def extra_paths():
    site = Site.objects.filter(hostname=settings.WATER_HOSTNAME).first()
    if site is None:
        return []
    paths = [
        "/ryokin/?diameter=13&usage=41",  # 料金シミュレーション with its breakdown
        "/ryokin/?diameter=13&usage=abc",  # its error state
        "/dansui/?status=active",
        "/dansui/?status=ended",
    ]
    oldest = WaterQualityResult.objects.order_by("month").values_list("month", flat=True).first()
    if oldest:
        paths.append(f"/suishitsu/?month={oldest:%Y-%m}")
    return [(site, path) for path in paths]
