"""秘書広報課 tunes site search in the admin; a division's editor may not."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site

from home.permissions import CITY_PUBLISHERS, DIVISION_EDITORS, ensure_editor_groups
from tests.home.factories import CityHomePageFactory, DepartmentFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

SEARCH_ADMIN_SCREENS = {
    "/admin/search/synonyms/": "検索の同義語",
    "/admin/searchpicks/": "",
    "/admin/reports/search-popular/": "よく検索される言葉",
    "/admin/reports/search-zero-results/": "検索結果が0件の言葉",
    "/admin/reports/search-terms/": "検索語",
}


@pytest.fixture()
def groups():
    home = CityHomePageFactory(parent=Page.get_first_root_node())
    Site.objects.create(hostname="city.test", port=80, root_page=home, site_name="須賀川市")
    SectionPageFactory(parent=home, slug="kurashi")
    SectionPageFactory(
        parent=home.get_children().get().specific, slug="gomi", department=DepartmentFactory(name="環境課")
    )
    ensure_editor_groups(home)
    return home


def login(client, username, *group_names):
    user = get_user_model().objects.create_user(username, password="x-" + username * 2)
    user.groups.set(Group.objects.filter(name__in=group_names))
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", SEARCH_ADMIN_SCREENS)
def test_city_publisher_opens_search_admin_in_japanese(client, groups, url):
    response = login(client, "koho", CITY_PUBLISHERS).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert SEARCH_ADMIN_SCREENS[url] in html
    assert 'lang="ja"' in html


@pytest.mark.parametrize("url", SEARCH_ADMIN_SCREENS)
def test_division_editor_is_refused_search_admin(client, groups, url):
    client = login(client, "kankyo", DIVISION_EDITORS, f"{DIVISION_EDITORS}（環境課）")
    response = client.get(url)
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert "/admin/login/" not in response["Location"]  # refused, not logged out


def test_city_publisher_adds_a_promoted_result(client, groups):
    client = login(client, "koho", CITY_PUBLISHERS)
    page = groups
    response = client.post(
        "/admin/searchpicks/add/",
        {
            "query_string": "ごみ",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": page.pk,
            "editors_picks-0-ORDER": "0",
            "editors_picks-0-description": "",
            "editors_picks-0-external_link_url": "",
            "editors_picks-0-external_link_text": "",
        },
    )
    assert response.status_code == 302
    assert SearchPromotion.objects.filter(query__query_string="ごみ").exists()
