"""Who may do what: 各課 editors edit their own sections and cannot publish; 秘書広報課 approves."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Site

from home.permissions import (
    CITY_PUBLISHERS,
    DIVISION_EDITORS,
    TOURISM_EDITORS,
    WATER_EDITORS,
    ensure_editor_groups,
    grant_section,
)
from water.models import WaterHomePage

from .factories import ContentPageFactory, DepartmentFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture()
def city(city_home):
    environment = DepartmentFactory(name="環境課")
    citizens = DepartmentFactory(name="市民課")
    kurashi = SectionPageFactory(parent=city_home, slug="kurashi")
    gomi = SectionPageFactory(parent=kurashi, slug="gomi", department=environment)
    koseki = SectionPageFactory(parent=kurashi, slug="koseki", department=citizens)
    water = WaterHomePage(title="水道事業", slug="suido-test")
    Page.get_first_root_node().add_child(instance=water)
    Site.objects.create(hostname="water.test", port=80, root_page=water, site_name="水道事業")
    ensure_editor_groups(city_home, water)
    return {
        "home": city_home,
        "gomi_page": ContentPageFactory(parent=gomi, slug="sodai"),
        "koseki_page": ContentPageFactory(parent=koseki, slug="juminhyo"),
        "water": water,
    }


def make_user(username, *group_names):
    user = get_user_model().objects.create_user(username, password="x-" + username * 2)
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture()
def environment_editor(city):
    return make_user("kankyo", DIVISION_EDITORS, f"{DIVISION_EDITORS}（環境課）")


def test_groups_are_created_once(city):
    ensure_editor_groups(city["home"], city["water"])
    names = set(Group.objects.values_list("name", flat=True))
    assert {
        CITY_PUBLISHERS,
        DIVISION_EDITORS,
        WATER_EDITORS,
        TOURISM_EDITORS,
        "各課編集者（環境課）",
    } <= names
    assert Group.objects.filter(name=CITY_PUBLISHERS).count() == 1


def test_tourism_division_updates_bloom_status_and_submits_translations(city):
    ensure_editor_groups(city["home"], city["water"])
    guide_editor = make_user("kanko-bloom", TOURISM_EDITORS)
    assert guide_editor.has_perm("tourism.add_peonybloomreport")
    assert guide_editor.has_perm("wagtail_localize.submit_translation")
    assert not guide_editor.has_perm("home.add_emergencynotice")


def test_division_editor_edits_own_section_but_cannot_publish(city, environment_editor):
    permissions = city["gomi_page"].permissions_for_user(environment_editor)
    assert permissions.can_edit()
    assert permissions.can_add_subpage()
    assert not permissions.can_publish()


def test_division_editor_cannot_edit_another_section(city, environment_editor):
    assert not city["koseki_page"].permissions_for_user(environment_editor).can_edit()
    assert not city["home"].permissions_for_user(environment_editor).can_edit()


def test_division_editor_is_refused_by_the_admin_for_another_section(client, city, environment_editor):
    client.force_login(environment_editor)
    assert client.get(f"/admin/pages/{city['gomi_page'].pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{city['koseki_page'].pk}/edit/")
    assert response.status_code in (302, 403)


def test_water_editor_cannot_edit_city_pages(city):
    water_editor = make_user("suido", WATER_EDITORS)
    assert city["water"].permissions_for_user(water_editor).can_publish()
    assert not city["gomi_page"].permissions_for_user(water_editor).can_edit()
    assert not city["home"].permissions_for_user(water_editor).can_edit()


def test_publisher_group_publishes_every_city_page_but_not_the_water_site(city):
    publisher = make_user("koho", CITY_PUBLISHERS)
    assert city["koseki_page"].permissions_for_user(publisher).can_publish()
    assert city["gomi_page"].permissions_for_user(publisher).can_publish()
    assert not city["water"].permissions_for_user(publisher).can_edit()


def test_tourism_group_gets_the_guide_when_it_appears(city):
    kanko = SectionPageFactory(parent=city["home"], slug="kanko")
    grant_section(TOURISM_EDITORS, kanko, publish=True)
    guide_editor = make_user("kanko", TOURISM_EDITORS)
    assert kanko.permissions_for_user(guide_editor).can_publish()
    assert not city["gomi_page"].permissions_for_user(guide_editor).can_edit()


def test_submission_needs_publisher_approval_and_approval_publishes(city, environment_editor):
    page = city["gomi_page"]
    page.title = "粗大ごみ（改訂）"
    page.save_revision(user=environment_editor)
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "市のサイトの公開承認"
    workflow.start(page, environment_editor)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    task = task_state.task.specific
    assert Page.objects.get(pk=page.pk).title != "粗大ごみ（改訂）"
    assert task.get_actions(page, environment_editor) == []

    publisher = make_user("koho", CITY_PUBLISHERS)
    assert "approve" in [name for name, *_ in task.get_actions(page, publisher)]
    task.on_action(task_state, publisher, "approve")
    page.refresh_from_db()
    assert page.live and page.title == "粗大ごみ（改訂）"
    assert page.current_workflow_state is None


def test_scheduled_publishing_and_expiry(city_home):
    """公開開始・終了日時: `publish_scheduled` (run from cron) publishes and unpublishes on time."""
    section = SectionPageFactory(parent=city_home, slug="bosai")
    page = ContentPageFactory(parent=section, slug="kunren", live=False)
    now = timezone.now()
    page.go_live_at = now + datetime.timedelta(days=1)
    page.expire_at = now + datetime.timedelta(days=3)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live

    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(days=2)):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    page.refresh_from_db()
    assert page.live

    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(days=4)):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    page.refresh_from_db()
    assert not page.live and page.expired


def test_setup_editor_groups_command_reports_division_sections(city):
    from io import StringIO

    Site.objects.filter(hostname="city.test").update(is_default_site=True)
    Site.objects.exclude(hostname__in=["city.test", "water.test"]).delete()
    out = StringIO()
    call_command("setup_editor_groups", "--water", "water.test", stdout=out)
    assert "各課編集者（環境課）" in out.getvalue()


def test_dashboard_tells_publishers_whether_disaster_mode_is_on(client, city):
    from home.models import DisasterModeSettings

    site = Site.objects.get(hostname="city.test")
    Site.objects.filter(pk=site.pk).update(is_default_site=True)
    Site.objects.exclude(pk=site.pk).filter(is_default_site=True).update(is_default_site=False)
    settings = DisasterModeSettings.for_site(site)
    settings.is_active = True
    settings.save()
    client.force_login(make_user("koho", CITY_PUBLISHERS))
    page = client.get("/admin/").content.decode()
    assert "災害モードはオンです。" in page
    assert "災害モードを切り替える" in page


def test_division_editor_dashboard_has_no_disaster_switch(client, environment_editor):
    client.force_login(environment_editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "災害モードを切り替える" not in response.content.decode()


def test_publishers_manage_emergency_notices_and_division_editors_cannot(client, city, environment_editor):
    from .factories import EmergencyNoticeFactory

    EmergencyNoticeFactory(title="避難所を開設しました")
    client.force_login(make_user("koho", CITY_PUBLISHERS))
    listing = client.get("/admin/snippets/home/emergencynotice/")
    assert listing.status_code == 200
    assert "避難所を開設しました" in listing.content.decode() and "表示中" in listing.content.decode()
    client.force_login(environment_editor)
    assert client.get("/admin/snippets/home/emergencynotice/").status_code in (302, 403)
