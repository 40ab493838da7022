"""Finding 5: Content-Security-Policy and Permissions-Policy on every response, no-store on the
application steps that show personal data (確認, 完了) and on the admin login."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from tests.water.conftest import WATER_HOST, valid_data
from tests.water.factories import WaterApplicationPageFactory, WaterHomePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture()
def apply_page():
    root = WaterHomePageFactory(parent=Page.get_first_root_node())
    Site.objects.create(hostname=WATER_HOST, port=80, root_page=root, site_name="須賀川市 水道事業")
    return WaterApplicationPageFactory(parent=root)


def _csp(response):
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in response["Content-Security-Policy"].split(";")
    )


def test_public_top_has_a_strict_csp_and_permissions_policy(client, city_home):
    response = client.get("/", HTTP_HOST="city.test")
    assert response.status_code == 200
    policy = _csp(response)
    assert policy["default-src"] == "'self'"
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-inline" not in policy["style-src"]
    assert policy["object-src"] == "'none'"
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )


def test_admin_login_has_its_own_policy_and_is_not_cached(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = _csp(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'self'"
    assert "no-store" in response["Cache-Control"]


def test_application_input_confirm_and_done_are_no_store(client, apply_page):
    url = apply_page.url
    first = client.get(url, HTTP_HOST=WATER_HOST)
    assert "no-store" in first["Cache-Control"] and "Content-Security-Policy" in first
    confirm = client.post(url, valid_data(), HTTP_HOST=WATER_HOST)
    assert "使用者氏名" in confirm.content.decode()
    assert "no-store" in confirm["Cache-Control"]
    token = confirm.context["token"]
    submitted = client.post(url, {"action": "submit", "token": token}, HTTP_HOST=WATER_HOST)
    assert submitted.status_code == 303
    done = client.get(url + "?step=done", HTTP_HOST=WATER_HOST)
    assert "受付番号" in done.content.decode()
    assert "no-store" in done["Cache-Control"] and "private" in done["Cache-Control"]


def test_public_templates_have_no_inline_script_or_style():
    """What the strict policy would block: inline <script> (not JSON-LD), style= and on…= handlers."""
    import re
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for path in Path(settings.BASE_DIR).glob("*/templates/**/*.html"):
        if "/admin/" in str(path) or ".venv" in str(path):
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", text):
            offenders.append(f"{path}: {match.group(0)}")
        for match in re.finditer(r"\sstyle=\"|\son[a-z]+=\"", text):
            offenders.append(f"{path}: {match.group(0)}")
    for path in Path(settings.BASE_DIR).glob("cms/templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>|\sstyle=\"", text):
            offenders.append(str(path))
    assert offenders == []


def test_check_deploy_is_clean_with_production_settings(monkeypatch):
    """`manage.py check --deploy` under production settings (run in a subprocess: settings differ)."""
    import os
    import subprocess
    import sys

    # The test settings' DJANGO_ALLOW_ASYNC_UNSAFE (for Playwright) is not part of a deployment.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "-production-check-only-" + "y" * 30,
        "ALLOWED_HOSTS": "www.city.example,water.city.example",
        "EMAIL_HOST": "smtp.city.example",
        "CACHE_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_security_middleware_order_is_what_the_docs_say():
    from django.conf import settings

    middleware = settings.MIDDLEWARE
    assert middleware.index("cms.security.middleware.SiteAndAdminCSPMiddleware") < middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )
    call_command("check")
