"""Demo: ウェブアクセシビリティ方針 and 試験結果 on both Sites, and a first test record.

Runs last (DEMO_SEED_MODULES) so that the first record covers every app's demo pages.
"""

import datetime

from cms.a11y.models import AccessibilityPolicyPage, AccessibilityTestResultPage, AccessibilityTestRun
from cms.demo_utils import ensure_page, load_demo_data

DATA = load_demo_data(__file__, "accessibility")
RESULT_INTRO = DATA["result_intro"]
MANUAL_TESTING = DATA["manual_testing"]
SITES = DATA["sites"]


def seed(ctx):
    from cms.a11y.testrun import run

    for key, site, root in (
        ("city", ctx.city_site, ctx.city_root),
        ("water", ctx.water_site, ctx.water_root),
    ):
        content = SITES[key]
        policy = ensure_page(
            ctx,
            root,
            AccessibilityPolicyPage,
            "accessibility",
            title=content["title"],
            search_description=content["search_description"],
            show_in_menus=False,
            intro=content["intro"],
            scope=content["scope"],
            standard="JIS X 8341-3:2016",
            target_level="AA準拠",
            target_deadline=datetime.date(2027, 3, 31),
            exceptions=content["exceptions"],
        )
        ensure_page(
            ctx,
            policy,
            AccessibilityTestResultPage,
            "test-results",
            title="ウェブアクセシビリティ試験結果",
            search_description="ホームページのウェブアクセシビリティの自動試験の結果です。",
            show_in_menus=False,
            intro=RESULT_INTRO,
            manual_testing=MANUAL_TESTING,
        )
        ctx.extra[f"a11y_policy_{key}"] = policy
        # The first record; later ones come from `manage.py a11y_test_run` (no browser here: seeding
        # must work on a machine without Chromium).
        if not AccessibilityTestRun.objects.filter(site=site).exists():
            run(site, browser=False, seed=0)
