import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision, Site

from cms.models import SiteIdentity


@pytest.fixture()
def demo(db):
    """Only the foundation's part of the demo (locales, both Sites, their settings): fast."""
    from cms import demo as foundation_demo
    from cms.demo_utils import DemoContext

    ctx = DemoContext(stdout=open("/dev/null", "w"))
    foundation_demo.seed(ctx)
    return ctx


def test_content_locales_exist_after_migrate(db):
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {
        "ja",
        "en",
        "zh-hans",
        "zh-hant",
        "ko",
    }


def test_city_top_page_is_japanese(client, demo):
    response = client.get("/", HTTP_HOST=settings.CITY_HOSTNAME)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ja">' in html
    assert "須賀川市" in html


def test_water_host_serves_the_water_top_page(client, demo):
    response = client.get("/", HTTP_HOST=f"{settings.WATER_HOSTNAME}:8000")
    assert response.status_code == 200
    assert "須賀川市 水道事業" in response.content.decode()


def test_each_site_footer_shows_its_own_settings(client, demo):
    city = client.get("/", HTTP_HOST=settings.CITY_HOSTNAME).content.decode()
    water = client.get("/", HTTP_HOST=settings.WATER_HOSTNAME).content.decode()
    assert "法人番号" in city and "7000020072079" in city
    assert "須賀川市 上下水道部 経営課" in water
    assert "須賀川市 上下水道部 経営課" not in city


def test_base_template_has_landmarks_and_skip_link(client, demo):
    html = client.get("/", HTTP_HOST=settings.CITY_HOSTNAME).content.decode()
    assert html.count("<main") == 1
    assert 'href="#main"' in html
    assert 'role="search"' in html


@pytest.mark.demo
def test_seed_demo_twice_changes_nothing(seeded_demo, demo_db):
    pages_before = list(Page.objects.values_list("pk", "latest_revision_id").order_by("pk"))
    revisions_before = Revision.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert list(Page.objects.values_list("pk", "latest_revision_id").order_by("pk")) == pages_before
    assert Revision.objects.count() == revisions_before


@pytest.mark.demo
def test_seed_demo_reset_rebuilds_both_sites(seeded_demo, demo_db):
    call_command("seed_demo", "--reset", stdout=open("/dev/null", "w"))
    assert Site.objects.count() == 2
    assert SiteIdentity.objects.count() == 2
    assert Site.objects.get(is_default_site=True).hostname == settings.CITY_HOSTNAME


def test_unknown_page_is_a_japanese_404(client, demo):
    response = client.get("/no-such-page/", HTTP_HOST=settings.CITY_HOSTNAME)
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


def _deploy_check(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "cms.settings.production", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _deploy_check({"ALLOWED_HOSTS": "www.city.sukagawa.example"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
