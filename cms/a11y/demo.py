"""Demo: ウェブアクセシビリティ方針 and 試験結果 on both Sites, and a first test record.

Runs last (DEMO_SEED_MODULES) so that the first record covers every app's demo pages.
"""

import datetime

from cms.demo_utils import ensure_page
from cms.models import AccessibilityPolicyPage, AccessibilityTestResultPage, AccessibilityTestRun

RESULT_INTRO = (
    "<p>公開しているページがウェブアクセシビリティの規格を満たしているかを、自動試験で確かめた結果です。"
    "試験の記録から自動で作成しています。</p>"
)
MANUAL_TESTING = (
    "<p>自動試験では確かめられない達成基準（キーボードだけでの操作、動画の字幕など）は、"
    "職員が目視と手作業で試験し、年に1回このページで結果をお知らせします。</p>"
)

SITES = {
    "city": {
        "title": "ウェブアクセシビリティ方針",
        "search_description": "須賀川市ホームページのウェブアクセシビリティ方針です。",
        "intro": (
            "<p>須賀川市は、高齢の方や障がいのある方を含め、誰もが市のホームページから必要な情報を得られ、"
            "手続きができるよう、ウェブアクセシビリティの確保と向上に取り組んでいます。</p>"
        ),
        "scope": (
            "<p>須賀川市ホームページの全てのページを対象とします。関連サイトとして、須賀川市水道事業のホームページ、"
            "観光ガイド（日本語・英語・中国語・韓国語）、水道の使用開始・中止の申し込みなどの電子申請も対象に含みます。</p>"
        ),
        "exceptions": (
            "<ul><li>令和5年度以前に紙の資料を読み取って作成したPDFファイルは、対象外とします。"
            "内容が必要な方には、担当課がテキストや電話でご案内します。</li>"
            "<li>外部のサービスを利用して表示している地図は、同じ内容を住所の文章でも掲載しています。</li></ul>"
        ),
    },
    "water": {
        "title": "ウェブアクセシビリティ方針",
        "search_description": "須賀川市水道事業のホームページのウェブアクセシビリティ方針です。",
        "intro": (
            "<p>須賀川市水道事業は、断水のお知らせや水道料金、使用開始・中止の申し込みを誰もが利用できるよう、"
            "ウェブアクセシビリティの確保と向上に取り組んでいます。</p>"
        ),
        "scope": (
            "<p>須賀川市水道事業のホームページの全てのページと、水道の使用開始・中止の電子申請を対象とします。</p>"
        ),
        "exceptions": (
            "<ul><li>水質検査の過去の報告書のうち、紙の資料を読み取って作成したPDFファイルは対象外とします。"
            "内容が必要な方には、経営課がご案内します。</li></ul>"
        ),
    },
}


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
