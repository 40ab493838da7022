"""Restructuring keeps old links working: automatic redirects and the import of the old site's URLs."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from .conftest import publish
from .factories import ContentPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture()
def tree(city_home):
    kurashi = SectionPageFactory(parent=city_home, slug="kurashi")
    gomi = SectionPageFactory(parent=kurashi, slug="gomi")
    bosai = SectionPageFactory(parent=city_home, slug="bosai")
    sodai = publish(ContentPageFactory(parent=gomi, slug="sodai", title="粗大ごみ"))
    return {
        "kurashi": kurashi,
        "gomi": gomi,
        "bosai": bosai,
        "sodai": sodai,
        "site": Site.objects.get(hostname="city.test"),
    }


def test_changing_a_slug_keeps_the_old_url_as_a_permanent_redirect(
    city_get, tree, django_capture_on_commit_callbacks
):
    page = tree["sodai"]
    page.slug = "sodai-gomi"
    # Wagtail creates the redirect once the change is committed.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = city_get("/kurashi/gomi/sodai/")
    assert response.status_code == 301
    assert response["Location"].endswith("/kurashi/gomi/sodai-gomi/")


def test_moving_a_page_keeps_the_old_url_as_a_permanent_redirect(
    city_get, tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tree["sodai"].move(tree["bosai"], pos="last-child")
    response = city_get("/kurashi/gomi/sodai/")
    assert response.status_code == 301
    assert response["Location"].endswith("/bosai/sodai/")
    assert city_get("/bosai/sodai/").status_code == 200


def test_moving_a_section_redirects_the_pages_below_it(city_get, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tree["gomi"].move(tree["bosai"], pos="last-child")
    response = city_get("/kurashi/gomi/sodai/")
    assert response.status_code == 301 and response["Location"].endswith("/bosai/gomi/sodai/")


def _csv(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "old_urls.csv"
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_import_dry_run_reports_and_saves_nothing(tmp_path, tree):
    path = _csv(
        tmp_path,
        "旧URL,新しいページ\n"
        "/soshiki/kankyo/sodai.html,/kurashi/gomi/sodai/\n"
        "/soshiki/kankyo/nothing.html,/kurashi/no-such-page/\n",
    )
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_old_urls", path, "--site", "city.test", "--dry-run", stdout=out, stderr=err)
    assert "3行目" in err.getvalue() and "見つかりません" in err.getvalue()
    assert "新規 1 件" in out.getvalue() and "確認のみ" in out.getvalue()
    assert not Redirect.objects.exists()


def test_import_creates_permanent_redirects_that_work(city_get, tmp_path, tree):
    path = _csv(
        tmp_path,
        "/soshiki/kankyo/sodai.html,/kurashi/gomi/sodai/\n"
        f"https://www.city.sukagawa.fukushima.jp/soshiki/kankyo/gomi.html,{tree['gomi'].pk}\n",
    )
    call_command("import_old_urls", path, "--site", "city.test", stdout=StringIO())
    response = city_get("/soshiki/kankyo/sodai.html")
    assert response.status_code == 301 and response["Location"].endswith("/kurashi/gomi/sodai/")
    assert city_get("/soshiki/kankyo/gomi.html")["Location"].endswith("/kurashi/gomi/")
    # Importing the same file again changes nothing.
    out = StringIO()
    call_command("import_old_urls", path, "--site", "city.test", stdout=out)
    assert "新規 0 件、変更 0 件、変更なし 2 件" in out.getvalue()
    assert Redirect.objects.count() == 2


def test_import_reads_shift_jis_from_excel(tmp_path, tree):
    path = _csv(
        tmp_path, "旧URL,新しいページ\n/旧ページ/粗大ごみ.html,/kurashi/gomi/sodai/\n", encoding="cp932"
    )
    call_command("import_old_urls", path, "--site", "city.test", stdout=StringIO())
    assert Redirect.objects.get().redirect_page_id == tree["sodai"].pk


def test_import_rejects_duplicates_and_live_urls(tmp_path, tree):
    path = _csv(
        tmp_path,
        "/old/a.html,/kurashi/gomi/sodai/\n/old/a.html,/kurashi/\n/kurashi/gomi/,/kurashi/gomi/sodai/\n",
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_old_urls", path, "--site", "city.test", stdout=StringIO(), stderr=err)
    assert "2行目" in err.getvalue() and "重複" in err.getvalue()
    assert "3行目" in err.getvalue() and "公開中のページ" in err.getvalue()
    assert list(Redirect.objects.values_list("old_path", flat=True)) == ["/old/a.html"]


def test_import_with_unknown_site_says_which_sites_exist(tmp_path, tree):
    path = _csv(tmp_path, "/a.html,/kurashi/\n")
    with pytest.raises(CommandError, match="city.test"):
        call_command("import_old_urls", path, "--site", "www.example.jp", stdout=StringIO())
