"""Rules behind wording residents compare: one source for each, so pages cannot contradict each other."""

import datetime

import pytest
from django.test import override_settings
from django.utils import translation
from wagtail.models import Site

from cms.templatetags.cms_tags import international_phone, jdate, jtime
from tests.home.factories import EmergencyNoticeFactory


def _html(response):
    assert response.status_code == 200
    return response.content.decode()


def test_disaster_top_lead_is_hidden_while_no_notice_is_active(city_get, city_home):
    from home.models import DisasterModeSettings

    settings = DisasterModeSettings.for_site(Site.objects.get(root_page=city_home))
    settings.message = "市内に大雨警報が発表されています。"
    settings.save()
    page = _html(city_get("/?disaster-preview=1"))
    assert "現在、発表中の緊急情報はありません。" in page
    assert "市内に大雨警報が発表されています。" not in page


def test_disaster_top_lead_is_shown_with_an_active_notice(city_get, city_home):
    from home.models import DisasterModeSettings

    settings = DisasterModeSettings.for_site(Site.objects.get(root_page=city_home))
    settings.message = "市内に大雨警報が発表されています。"
    settings.save()
    EmergencyNoticeFactory(title="大雨警報が発表されました")
    page = _html(city_get("/?disaster-preview=1"))
    assert "市内に大雨警報が発表されています。" in page
    assert "現在、発表中の緊急情報はありません。" not in page


def test_water_faq_deadline_is_worded_from_the_forms_rule(monkeypatch):
    from faq.demo import CITY_CSV, WATER_CSV, demo_csv_bytes
    from water import business_days

    text = demo_csv_bytes(WATER_CSV).decode() + demo_csv_bytes(CITY_CSV).decode()
    assert business_days.advance_notice_text() in text
    assert "3日前" not in text
    monkeypatch.setattr(business_days, "MIN_BUSINESS_DAYS_AHEAD", 5)
    assert "5開庁日前まで" in demo_csv_bytes(WATER_CSV).decode()


def test_advance_notice_matches_the_earliest_day_the_form_accepts():
    from water.business_days import MIN_BUSINESS_DAYS_AHEAD, advance_notice_text, earliest_preferred_date

    monday = datetime.date(2026, 6, 1)  # no holiday in that week
    assert advance_notice_text().startswith(f"{MIN_BUSINESS_DAYS_AHEAD}開庁日前まで")
    assert earliest_preferred_date(monday) == monday + datetime.timedelta(days=MIN_BUSINESS_DAYS_AHEAD)


@pytest.mark.parametrize(
    ("language", "date_text", "time_text"),
    [
        ("ja", "2026年11月24日", "8時05分"),
        ("en", "November 24, 2026", "8:05 AM"),
        ("zh-hans", "2026年11月24日", "8:05"),
        ("ko", "2026년 11월 24일", "오전 8:05"),
    ],
)
def test_dates_and_times_follow_each_languages_conventions(language, date_text, time_text):
    with translation.override(language):
        assert jdate(datetime.date(2026, 11, 24)) == date_text
        assert jtime(datetime.time(8, 5)) == time_text


@pytest.mark.parametrize(
    ("written", "international"),
    [
        ("0248-75-1111", "+81-248-75-1111"),
        ("0248-75-1111（代表）", "+81-248-75-1111"),
        ("090-1234-5678", "+81-90-1234-5678"),
        ("119", "119"),
    ],
)
def test_phone_numbers_for_visitors_from_abroad(written, international):
    assert international_phone(written) == international


@override_settings(ALLOWED_HOSTS=["*"])
def test_open_data_links_keep_the_port_the_site_is_served_on(rf, db):
    from wagtail.models import Page

    from tourism.opendata import _url

    child = Page.get_first_root_node().add_child(instance=Page(title="観光", slug="kanko"))
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80, root_page=child)
    Site.clear_site_root_paths_cache()  # update() sends no signal, and an earlier test may have filled it
    request = rf.get("/opendata/kanko.csv", HTTP_HOST="localhost:8105")
    assert _url(child, request) == "http://localhost:8105/"


def test_uploaded_emblem_shows_beside_the_wordmark(city_get, city_home):
    import wagtail_factories

    from cms.models import SiteIdentity

    identity = SiteIdentity.for_site(Site.objects.get(root_page=city_home))
    identity.emblem = wagtail_factories.ImageFactory(title="市章")
    identity.logo_text = "須賀川市"
    identity.save()
    header = _html(city_get("/")).split("</header>")[0]
    assert 'class="site-header__emblem"' in header and 'alt=""' in header
    assert '<span class="site-header__wordmark">須賀川市</span>' in header


def test_main_image_needs_alt_text_unless_decorative(city_home):
    import wagtail_factories
    from django.core.exceptions import ValidationError

    from tests.home.factories import SectionPageFactory

    page = SectionPageFactory(parent=city_home, slug="kurashi")
    page.main_image = wagtail_factories.ImageFactory(title="写真")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "代替テキストを入力するか" in str(error.value)
    page.main_image_decorative = True
    page.full_clean()
