"""Screenshots of the admin in Japanese for docs/admin-translation.md and the README (1366x768, PNG).

Run from the project root against a server holding the demo, with the same database settings:
    .venv/bin/python manage.py runserver 8000            # in one shell (the demo from `seed_demo`)
    .venv/bin/python docs/screenshots/capture_admin.py http://localhost:8000

It signs in as three roles (accounts `screenshot-*`, given a new random password on each run) and,
so that the workflow screens show something, has the 環境課 editor submit a draft of one of their
pages to 「市のサイトの公開承認」 unless a page already waits for approval.
"""

import os
import secrets
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent
ROOT = OUT.parent.parent
sys.path.insert(0, str(ROOT))
from conftest import CHROMIUM_ARGS, CHROMIUM_PATH  # noqa: E402 - the test suite's Chromium

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
# Playwright's sync API runs an event loop in this thread; the ORM calls here happen around it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROLES = {
    "秘書広報課": ["秘書広報課"],
    "環境課": ["各課編集者", "各課編集者（環境課）"],
    "観光交流課": ["観光交流課"],
}


def role_users():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    users = {}
    for index, (role, groups) in enumerate(ROLES.items()):
        user, _ = get_user_model().objects.get_or_create(
            username=f"screenshot-{index}", defaults={"first_name": role}
        )
        password = secrets.token_urlsafe(16)
        user.set_password(password)
        user.save()
        user.groups.set(Group.objects.filter(name__in=groups))
        users[role] = (user, password)
    return users


def something_waits_for_approval(editor):
    from wagtail.models import Page, WorkflowState

    from home.models import SectionPage

    if WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists():
        return
    section = SectionPage.objects.filter(department__name="環境課").first()
    page = Page.objects.descendant_of(section).live().filter(depth__gt=section.depth).first().specific
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)


def screens():
    from django.urls import reverse
    from wagtail.models import Locale

    from home.models import ContentPage
    from tourism.models import TourismTopPage

    article = ContentPage.objects.live().filter(locale=Locale.get_default()).order_by("path").first()
    tourism_en = TourismTopPage.objects.get(locale__language_code="en")
    edit = "wagtailadmin_pages:edit"
    return [
        # The editor with its status side panel open (公開予約, 言語, ロック, 公開範囲, 使用状況).
        (
            "admin-page-editor",
            "秘書広報課",
            reverse(edit, args=[article.pk]),
            '[data-side-panel-toggle="status"]',
        ),
        ("admin-dashboard", "秘書広報課", reverse("wagtailadmin_home"), None),
        ("admin-workflow-dashboard", "秘書広報課", reverse("wagtailadmin_reports:workflow"), None),
        ("admin-translation-editor", "観光交流課", reverse(edit, args=[tourism_en.pk]), None),
    ]


def main(base):
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    users = role_users()
    something_waits_for_approval(users["環境課"][0])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        contexts = {}
        for name, role, path, click in screens():
            if role not in contexts:
                context = browser.new_context(
                    viewport={"width": 1366, "height": 768}, locale="ja-JP", device_scale_factor=1
                )
                page = context.new_page()
                page.goto(f"{base}/admin/login/")
                user, password = users[role]
                page.fill("#id_username", user.username)
                page.fill("#id_password", password)
                page.click("button[type=submit]")
                page.wait_for_load_state("networkidle")
                contexts[role] = page
            page = contexts[role]
            response = page.goto(f"{base}{path}")
            page.wait_for_load_state("networkidle")
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}")
            if click:
                page.locator(click).first.click()
                page.wait_for_timeout(800)
            target = OUT / f"{name}.png"
            page.screenshot(path=str(target))
            print(f"{target.name}  {target.stat().st_size // 1024} KB  {role}  {path}")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8000")
