"""Only 経営課 (and superusers) see and change applications; status changes are recorded."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.water.factories import WaterApplicationFactory
from water.models import ApplicationStatus, WaterApplication
from water.permissions import ensure_staff_group

INDEX = "water_applications:index"


def make_user(django_user_model, username, groups=(), **kwargs):
    user = django_user_model.objects.create_user(username=username, password="pw", **kwargs)
    user.groups.set(groups)
    return user


@pytest.fixture()
def keiei(django_user_model):
    return make_user(django_user_model, "keiei", [ensure_staff_group()])


@pytest.fixture()
def editor(django_user_model):
    """An editor of 秘書広報課: admin access and page rights, no right to applications."""
    group, _ = Group.objects.get_or_create(name="秘書広報課")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return make_user(django_user_model, "kouhou", [group])


@pytest.fixture()
def application(db):
    return WaterApplicationFactory()


def urls(application):
    return [
        reverse(INDEX),
        reverse(INDEX) + "?export=csv",
        reverse("water_applications:edit", args=[application.pk]),
    ]


def test_anonymous_users_are_sent_to_login(client, application):
    for url in urls(application):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_other_editors_get_no_access(client, editor, application):
    client.force_login(editor)
    for url in urls(application):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert application.name not in response.content.decode()
    response = client.post(reverse("water_applications:edit", args=[application.pk]), {"status": "completed"})
    assert response.status_code in (302, 403)
    assert WaterApplication.objects.get().status == ApplicationStatus.RECEIVED


def test_other_editors_do_not_see_the_menu_item(client, editor):
    client.force_login(editor)
    # The sidebar is JSON for the admin's JavaScript: look for the menu item's URL.
    assert "/admin/water_applications/" not in client.get("/admin/").content.decode()


def test_add_and_delete_are_refused_even_to_staff(client, keiei, application):
    client.force_login(keiei)
    assert client.get(reverse("water_applications:add")).status_code in (302, 403)
    assert client.post(reverse("water_applications:delete", args=[application.pk])).status_code in (302, 403)
    assert WaterApplication.objects.count() == 1


def test_keiei_staff_see_the_list_and_the_details(client, keiei, application):
    client.force_login(keiei)
    assert "/admin/water_applications/" in client.get("/admin/").content.decode()
    html = client.get(reverse(INDEX)).content.decode()
    assert application.reception_number in html
    html = client.get(reverse("water_applications:edit", args=[application.pk])).content.decode()
    assert "須賀川 太郎" in html and "スカガワ タロウ" in html


def test_superuser_sees_the_list(admin_client, application):
    assert application.reception_number in admin_client.get(reverse(INDEX)).content.decode()


def test_list_filters_by_status_and_type(client, keiei):
    done = WaterApplicationFactory(status=ApplicationStatus.COMPLETED, application_type="stop")
    open_ = WaterApplicationFactory()
    client.force_login(keiei)
    html = client.get(reverse(INDEX), {"status": "completed"}).content.decode()
    assert done.reception_number in html and open_.reception_number not in html
    html = client.get(reverse(INDEX), {"application_type": "start"}).content.decode()
    assert open_.reception_number in html and done.reception_number not in html


def test_status_change_is_recorded_with_who_and_when(client, keiei, application):
    client.force_login(keiei)
    response = client.post(
        reverse("water_applications:edit", args=[application.pk]),
        {"status": "in_progress", "note": "電話で確認"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_PROGRESS
    change = application.status_changes.last()
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        "received",
        "in_progress",
        keiei,
        "電話で確認",
    )
    html = client.get(reverse("water_applications:edit", args=[application.pk])).content.decode()
    assert "受付 → 確認中" in html and "keiei" in html


def test_completion_starts_the_retention_period(client, keiei, application):
    client.force_login(keiei)
    client.post(reverse("water_applications:edit", args=[application.pk]), {"status": "completed"})
    application.refresh_from_db()
    assert application.closed_at is not None


def test_log_entries_hold_the_reception_number_only(client, keiei, application):
    client.force_login(keiei)
    client.post(reverse("water_applications:edit", args=[application.pk]), {"status": "completed"})
    entries = ModelLogEntry.objects.all()
    assert entries.exists()
    for entry in entries:
        dump = f"{entry.label} {entry.data}"
        assert application.name not in dump and application.address not in dump


def test_csv_export_for_staff(client, keiei, application):
    client.force_login(keiei)
    response = client.get(reverse(INDEX), {"export": "csv"})
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content).decode("utf-8-sig")
        if response.streaming
        else response.content.decode()
    )
    assert "受付番号" in body and application.reception_number in body and "須賀川 太郎" in body
