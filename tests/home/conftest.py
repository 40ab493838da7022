import pytest
from wagtail.models import Page, Site

from .factories import CityHomePageFactory

CITY_HOST = "city.test"


@pytest.fixture()
def city_home(db):
    home = CityHomePageFactory(parent=Page.get_first_root_node())
    Site.objects.create(hostname=CITY_HOST, port=80, root_page=home, site_name="須賀川市")
    return home


@pytest.fixture()
def city_get(client, city_home):
    def get(path, **extra):
        return client.get(path, HTTP_HOST=CITY_HOST, **extra)

    return get


def publish(page):
    """Publish through a revision, as an editor does (sets 最終更新日)."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page
