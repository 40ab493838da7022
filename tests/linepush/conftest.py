import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from home.permissions import CITY_PUBLISHERS, DIVISION_EDITORS, ensure_editor_groups, grant_section
from linepush.models import DeliveryCategory, PageLineMessage
from linepush.permissions import ensure_line_permissions
from tests.home.factories import (
    CityHomePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)
from tests.linepush.line_server import TOKEN, FakeLine

CITY_HOST = "city.test"


@pytest.fixture()
def line_server(monkeypatch, settings):
    fake = FakeLine().start()
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("LINE_API_BASE_URL", fake.url)
    monkeypatch.setenv("LINE_API_TIMEOUT", "0.5")
    settings.LINE_RETRY_BACKOFF_SECONDS = 0
    yield fake
    fake.stop()


@pytest.fixture()
def city_home(db):
    home = CityHomePageFactory(parent=Page.get_first_root_node(), slug="city")
    Site.objects.create(hostname=CITY_HOST, port=80, root_page=home, site_name="須賀川市", is_default_site=True)
    return home


@pytest.fixture()
def news_index(city_home):
    return NewsIndexPageFactory(parent=city_home)


@pytest.fixture()
def groups(city_home):
    from water.models import WaterHomePage

    water = WaterHomePage(title="水道事業", slug="suido-test")
    Page.get_first_root_node().add_child(instance=water)
    Site.objects.create(hostname="water.test", port=80, root_page=water, site_name="水道事業")
    ensure_editor_groups(city_home, water)
    ensure_line_permissions()


def make_user(username, *group_names):
    user = get_user_model().objects.create_user(username, password="x-" + username * 2, last_name=username)
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture()
def publisher(groups):
    return make_user("広報太郎", CITY_PUBLISHERS)


@pytest.fixture()
def division_editor(groups, news_index):
    group_name = f"{DIVISION_EDITORS}（防災課）"
    grant_section(group_name, news_index, publish=False)
    return make_user("防災花子", DIVISION_EDITORS, group_name)


@pytest.fixture()
def bousai():
    return DeliveryCategory.objects.create(name="防災", sort_order=1)


@pytest.fixture()
def marked_news(news_index, bousai):
    """A draft お知らせ marked 「LINEで配信」."""
    def make(**kwargs):
        page = NewsPageFactory(parent=news_index, live=False, **kwargs)
        PageLineMessage.objects.create(page=page, enabled=True, text="大雨のため避難所を開設しました。", category=bousai)
        return page
    return make


def run_worker():
    """What `db_worker --backend line` does for each queued task, in the test's own connection
    (the worker closes its database connection when done, which a rolled-back test cannot share)."""
    from django_tasks_db.models import DBTaskResult

    from linepush.tasks import send_line_delivery

    for result in DBTaskResult.objects.filter(queue_name="line", status="READY").order_by("enqueued_at"):
        assert result.task_path == send_line_delivery.module_path
        send_line_delivery.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        result.delete()
