"""Peony bloom status: updated in seconds from the dashboard, history kept, shown in every language."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

from tests.html import parse
from tests.tourism.factories import PeonyBloomReportFactory
from tourism.models import PeonyBloomReport


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create_user("kanko", password="pw-kanko-2026")
    group = Group.objects.create(name="観光交流課")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_peonybloomreport"),
    )
    user.groups.add(group)
    return user


def test_dashboard_shows_the_quick_form(client, staff):
    client.force_login(staff)
    html = client.get("/admin/").content.decode()
    assert "須賀川牡丹園の開花状況" in html
    assert 'action="/admin/tourism/bloom/update/"' in html
    assert "見頃" in html


def test_quick_form_works_with_csrf_protection(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    html = client.get("/admin/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(
        "/admin/tourism/bloom/update/",
        {"csrfmiddlewaretoken": token, "status": "falling", "observed_on": "2026-05-18"},
    )
    assert response.status_code == 302
    assert PeonyBloomReport.current().status == "falling"


def test_staff_updates_the_status_in_one_post_and_history_is_kept(client, staff):
    PeonyBloomReportFactory(status="starting", observed_on=datetime.date(2026, 4, 27))
    client.force_login(staff)
    response = client.post(
        "/admin/tourism/bloom/update/",
        {"status": "full", "observed_on": "2026-05-04", "comment": "南側が見頃です。"},
    )
    assert response.status_code == 302
    assert PeonyBloomReport.objects.count() == 2
    current = PeonyBloomReport.current()
    assert (current.status, current.observed_on, current.created_by) == (
        "full",
        datetime.date(2026, 5, 4),
        staff,
    )


def test_quick_form_stores_the_comment_in_each_foreign_language(client, staff):
    client.force_login(staff)
    comments = {
        "comment_en": "The south side is in full bloom.",
        "comment_zh_hans": "南侧正值盛开。",
        "comment_zh_hant": "南側正值盛開。",
        "comment_ko": "남쪽이 절정입니다.",
    }
    response = client.post(
        "/admin/tourism/bloom/update/", {"status": "full", "observed_on": "2026-05-04", "comment": "南側が見頃です。", **comments}
    )
    assert response.status_code == 302
    report = PeonyBloomReport.current()
    assert {name: getattr(report, name) for name in comments} == comments


def test_editor_form_labels_each_foreign_language_in_japanese(client, staff):
    client.force_login(staff)
    page = parse(client.get("/admin/snippets/tourism/peonybloomreport/add/"))
    labels = {label.get_text(" ", strip=True) for label in page.find_all("label")}
    assert {"ひとこと（英語）", "ひとこと（中国語繁体字）", "写真の代替テキスト（中国語簡体字）", "写真の代替テキスト（韓国語）"} <= labels


def test_invalid_update_explains_in_japanese_and_keeps_the_comment(client, staff):
    client.force_login(staff)
    response = client.post(
        "/admin/tourism/bloom/update/", {"observed_on": "2026-05-04", "comment": "南側が見頃です。"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "開花状況を選んでください。" in html
    assert "南側が見頃です。" in html
    assert PeonyBloomReport.objects.count() == 0


def test_user_without_permission_cannot_update(client, db):
    user = get_user_model().objects.create_user("other", password="pw-other-2026")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.post("/admin/tourism/bloom/update/", {"status": "full", "observed_on": "2026-05-04"})
    assert response.status_code == 302  # Wagtail sends users without permission back to the dashboard
    assert PeonyBloomReport.objects.count() == 0


@pytest.mark.parametrize(
    "prefix,label",
    [("", "見頃"), ("/en", "In full bloom"), ("/zh-hans", "盛开"), ("/zh-hant", "盛開"), ("/ko", "절정")],
)
def test_guide_top_shows_the_latest_status_translated(client, guide, city_host, prefix, label):
    PeonyBloomReportFactory(status="starting", observed_on=datetime.date(2026, 4, 27))
    PeonyBloomReportFactory(status="full", observed_on=datetime.date(2026, 5, 4), comment="南側が見頃です。")
    html = client.get(f"{prefix}/kanko/", HTTP_HOST=city_host).content.decode()
    assert f'<strong class="bloom__label bloom__label--full">{label}</strong>' in html
    assert 'aria-current="step"' in html
    assert '<span lang="ja">南側が見頃です。</span>' in html


def test_guide_top_says_when_no_status_is_published(client, guide, city_host):
    html = client.get("/en/kanko/", HTTP_HOST=city_host).content.decode()
    assert "The bloom status has not been announced yet." in html
