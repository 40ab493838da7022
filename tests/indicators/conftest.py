import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Page, Site

from indicators.permissions import ensure_indicator_permissions
from tests.home.factories import CityHomePageFactory, ContentPageFactory
from tests.water.factories import WaterHomePageFactory

CITY_HOST = "city.test"
WATER_HOST = "water.test"
BROWSER_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)


@pytest.fixture(autouse=True)
def _visitor_allowances_start_at_zero():
    # Each visitor's daily allowance of counted displays is kept in the cache.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture()
def city_home(db):
    home = CityHomePageFactory(parent=Page.get_first_root_node())
    Site.objects.create(hostname=CITY_HOST, port=80, root_page=home, site_name="須賀川市", is_default_site=True)
    return home


@pytest.fixture()
def city_page(city_home):
    return ContentPageFactory(parent=city_home, title="ごみの出し方", slug="gomi")


@pytest.fixture()
def water_home(db):
    home = WaterHomePageFactory(parent=Page.get_first_root_node())
    Site.objects.create(hostname=WATER_HOST, port=80, root_page=home, site_name="須賀川市 水道事業")
    return home


@pytest.fixture()
def visitor(client):
    client.defaults["HTTP_HOST"] = CITY_HOST
    client.defaults["HTTP_USER_AGENT"] = BROWSER_UA
    return client


@pytest.fixture()
def groups(db):
    ensure_indicator_permissions(create_groups=True)
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    unrelated, _ = Group.objects.get_or_create(name="各課編集者")
    for group in [*Group.objects.filter(name__in=["秘書広報課", "経営課", "観光交流課"]), unrelated]:
        group.permissions.add(access)
    return {group.name: group for group in Group.objects.all()}


@pytest.fixture()
def member_of(django_user_model, groups):
    def make(group_name):
        user = django_user_model.objects.create_user(username=f"user-{group_name}", password="pw")
        user.groups.add(groups[group_name])
        return user

    return make
