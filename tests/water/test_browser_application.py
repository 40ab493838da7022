"""The application form in real Chromium: input, error state, confirmation and completion pass axe,
errors are announced (focus on the summary) and the page reflows at 320 px."""

import pytest
from django.conf import settings
from wagtail.models import Site

from tests.browser import assert_no_axe_violations, screenshot, site_url
from water.business_days import earliest_preferred_date
from water.models import WaterApplication

pytestmark = pytest.mark.browser


def test_application_steps_pass_axe_and_store_one_application(browser_page, demo_server, demo_db):
    page = browser_page
    site = Site.objects.get(hostname=settings.WATER_HOSTNAME)
    before = set(WaterApplication.objects.values_list("pk", flat=True))
    try:
        page.goto(site_url(demo_server, site, "/apply/"))
        assert_no_axe_violations(page, "apply: input")

        # Error state: send the empty form.
        page.get_by_role("button", name="入力内容を確認する").click()
        page.wait_for_selector("#error-summary")
        assert page.evaluate("document.activeElement.id") == "error-summary"
        assert page.locator("#error-summary li").count() >= 6
        assert_no_axe_violations(page, "apply: errors")
        screenshot(page, "water-apply-errors")
        page.locator("#error-summary a[href='#id_name']").click()
        assert page.evaluate("document.activeElement.id") == "id_name"

        # Fill in and confirm.
        page.get_by_label("使用開始").check()
        page.locator("#id_address").fill("須賀川市八幡町135")
        page.locator("#id_name").fill("須賀川 花子")
        page.locator("#id_name_kana").fill("スカガワ ハナコ")
        page.locator("#id_phone").fill("090-1234-5678")
        page.locator("#id_preferred_date").fill(earliest_preferred_date().isoformat())
        page.locator("#id_agree").check()
        page.get_by_role("button", name="入力内容を確認する").click()
        page.wait_for_selector("text=この内容で申し込む")
        assert "須賀川 花子" in page.content()
        assert_no_axe_violations(page, "apply: confirm")

        # Send, with a double click: one application.
        page.get_by_role("button", name="この内容で申し込む").dblclick()
        page.wait_for_selector(".reception-number")
        number = page.locator(".reception-number").inner_text()
        assert_no_axe_violations(page, "apply: done")
        screenshot(page, "water-apply-done")
        page.reload()
        assert page.locator(".reception-number").inner_text() == number
        created = WaterApplication.objects.exclude(pk__in=before)
        assert [a.reception_number for a in created] == [number]
    finally:
        # Leave the shared demo as it was.
        WaterApplication.objects.exclude(pk__in=before).delete()


def test_water_pages_reflow_at_320px(browser_page, demo_server, demo_db):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    site = Site.objects.get(hostname=settings.WATER_HOSTNAME)
    for path in ["/", "/apply/", "/ryokin/?diameter=13&usage=41", "/suishitsu/"]:
        page.goto(site_url(demo_server, site, path))
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
