"""Finding 3: one POST by a department editor deleted a whole Site. Site roots, their translations
and section roots are deleted, moved or unpublished by a superuser only, with an export first."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, Site

from tests.home.factories import ContentPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture()
def tree(city_home):
    kanko = SectionPageFactory(parent=city_home, slug="kanko", title="観光")
    guide = ContentPageFactory(parent=kanko, slug="botan", title="牡丹園")
    guide.save_revision().publish()
    kurashi = SectionPageFactory(parent=city_home, slug="kurashi", title="くらし")
    return {"home": city_home, "kanko": kanko, "guide": guide, "kurashi": kurashi}


@pytest.fixture()
def department_editor(client, django_user_model, tree):
    """An editor with every page permission on the city site, bulk delete included (deleting a page with
    pages below it needs it; the 経営課 user in the finding had it on the water site)."""
    group = Group.objects.create(name="観光交流課")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in (
        "add_page",
        "change_page",
        "publish_page",
        "delete_page",
        "bulk_delete_page",
        "lock_page",
    ):
        GroupPagePermission.objects.create(
            group=group, page=tree["home"], permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("kanko", password="pw")
    user.groups.add(group)
    client.force_login(user)
    return client


def _delete(client, page):
    return client.post(f"/admin/pages/{page.pk}/delete/", {"confirm_site_name": "須賀川市 ホームページ管理"})


def test_editor_cannot_delete_the_site_root(department_editor, tree):
    response = _delete(department_editor, tree["home"])
    assert response.status_code in (302, 403)
    assert Page.objects.filter(pk=tree["home"].pk).exists()
    assert Site.objects.filter(hostname="city.test").exists()


def test_editor_cannot_delete_a_section_root_and_is_told_why(department_editor, tree):
    response = _delete(department_editor, tree["kanko"])
    assert response.status_code == 302
    assert Page.objects.filter(pk=tree["kanko"].pk).exists()
    assert "システム管理者だけ" in department_editor.get(response["Location"]).content.decode()


def test_editor_cannot_unpublish_or_move_a_section_root(department_editor, tree):
    department_editor.post(f"/admin/pages/{tree['kanko'].pk}/unpublish/", {"include_descendants": "on"})
    assert Page.objects.get(pk=tree["kanko"].pk).live
    department_editor.post(f"/admin/pages/{tree['kanko'].pk}/move/{tree['kurashi'].pk}/confirm/")
    assert Page.objects.get(pk=tree["kanko"].pk).get_parent().pk == tree["home"].pk


def test_editor_cannot_bulk_delete_a_section_root(department_editor, tree):
    department_editor.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={tree['kanko'].pk}&next=/admin/pages/",
        {"confirm_site_name": "須賀川市 ホームページ管理"},
    )
    assert Page.objects.filter(pk=tree["kanko"].pk).exists()


def test_editor_still_deletes_an_ordinary_page(department_editor, tree):
    _delete(department_editor, tree["guide"])
    assert not Page.objects.filter(pk=tree["guide"].pk).exists()


def test_superuser_deletion_of_a_section_is_exported_and_can_be_restored(
    client, admin_user, tree, tmp_path, settings
):
    settings.DELETED_PAGES_DIR = tmp_path
    client.force_login(admin_user)
    _delete(client, tree["kanko"])
    assert not Page.objects.filter(pk=tree["kanko"].pk).exists()
    [export] = list(tmp_path.glob("deleted-page-*.json"))
    call_command("loaddata", str(export), verbosity=0)
    call_command("fixtree", interactive=False, verbosity=0)
    restored = Page.objects.get(pk=tree["guide"].pk)
    assert restored.specific.title == "牡丹園" and restored.get_parent().pk == tree["kanko"].pk
    assert restored.live and restored.revisions.exists()
