"""Labels Wagtail 8.0 leaves in English on the superuser's lists come out in Japanese."""

import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


@pytest.fixture()
def superuser_client(client):
    admin = get_user_model().objects.create_superuser("admin-labels", "a@city.sukagawa.example", "pw-admin-labels")
    client.force_login(admin)
    return client


def test_sites_list_names_the_port_column_in_japanese(superuser_client):
    html = superuser_client.get("/admin/sites/").content.decode()
    assert "ポート番号" in html
    assert ">Port<" not in html.replace("\n", "").replace(" ", "")


def test_users_list_titles_the_active_icon_in_japanese(superuser_client):
    html = superuser_client.get("/admin/users/").content.decode()
    assert re.search(r'icon-check[^>]*>.*?<span class="w-sr-only">\s*はい\s*</span>', html, re.S)
    assert "True" not in html
