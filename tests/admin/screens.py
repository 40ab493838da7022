"""The admin screens each role uses, for the English-text test and the README screenshots.

Every screen is (label, path, action): the path is opened, then `action(page)` (or None) opens a
dialog or a tab the way an editor would, e.g. the schedule dialog from the status side panel.
Paths come from the seeded demo, so the screens are the ones a city's editors really see.
"""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page, Site

ROLE_GROUPS = {
    "superuser": [],
    "秘書広報課": ["秘書広報課"],
    "環境課": ["各課編集者", "各課編集者（環境課）"],
    "経営課": ["経営課"],
    "観光交流課": ["観光交流課"],
}
PASSWORD = "admin-ja-test-password"
# 姓・名 of each role's account, so that the screens show names the way staff write them.
ROLE_NAMES = {
    "superuser": ("管理", "一郎"),
    "秘書広報課": ("広報", "花子"),
    "環境課": ("環境", "太郎"),
    "経営課": ("経営", "次郎"),
    "観光交流課": ("観光", "桜"),
}


def role_username(role):
    return {
        "superuser": "admin-ja-superuser",
        "秘書広報課": "admin-ja-kouhou",
        "環境課": "admin-ja-kankyo",
        "経営課": "admin-ja-keiei",
        "観光交流課": "admin-ja-kanko",
    }[role]


def ensure_role_users():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    for role, groups in ROLE_GROUPS.items():
        user, _ = User.objects.get_or_create(
            username=role_username(role),
            defaults={"email": f"{role_username(role)}@city.sukagawa.example"},
        )
        user.last_name, user.first_name = ROLE_NAMES[role]
        user.is_superuser = user.is_staff = role == "superuser"
        user.set_password(PASSWORD)
        user.save()
        user.groups.set(Group.objects.filter(name__in=groups))


def page_with_every_block(parent):
    """A draft content page whose body holds one block of every type the editor offers."""
    from home.models import ContentPage

    existing = ContentPage.objects.child_of(parent).filter(slug="admin-ja-every-block").first()
    if existing is not None:
        return existing
    stream_block = ContentPage._meta.get_field("body").stream_block
    body = [(name, block.get_default()) for name, block in stream_block.child_blocks.items()]
    page = ContentPage(title="すべてのブロックの確認用ページ", slug="admin-ja-every-block", live=False)
    page.body = body
    parent.add_child(instance=page)
    page.save_revision()
    return page


def _click(selector):
    def action(page):
        page.locator(selector).first.click()
        page.wait_for_timeout(600)

    return action


def _open_status_then(selector):
    """Open the status side panel, then (by script: the panel slides in) click `selector` in it."""

    def action(page):
        page.locator('[data-side-panel-toggle="status"]').first.click()
        page.wait_for_timeout(800)
        if selector:
            page.evaluate("(sel) => document.querySelector(sel).click()", selector)
            page.wait_for_timeout(800)

    return action


def screens_for(role):
    from home.models import SectionPage
    from tourism.models import TourismTopPage

    city = Site.objects.get(is_default_site=True).root_page
    water_site = Site.objects.exclude(pk=Site.objects.get(is_default_site=True).pk).first()
    water = water_site.root_page if water_site else None
    environment = (
        SectionPage.objects.descendant_of(city).filter(department__name="環境課").first()
        or SectionPage.objects.descendant_of(city).first()
    )
    every_block = page_with_every_block(environment)
    content_page = environment.get_descendants().live().filter(depth__gt=environment.depth).first()
    tourism_ja = TourismTopPage.objects.filter(locale=Locale.get_default()).first()
    english = Locale.objects.filter(language_code="en").first()
    tourism_en = TourismTopPage.objects.filter(locale=english).first() if english else None
    site_id = Site.objects.get(is_default_site=True).pk

    def edit(page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    common = [
        ("ダッシュボード", reverse("wagtailadmin_home"), None),
        ("アカウント", reverse("wagtailadmin_account"), None),
        ("画像", reverse("wagtailimages:index"), None),
        ("画像のアップロード", reverse("wagtailimages:add_multiple"), None),
        ("ドキュメント", reverse("wagtaildocs:index"), None),
        ("ドキュメントのアップロード", reverse("wagtaildocs:add_multiple"), None),
    ]
    city_editing = [
        ("ページ一覧", reverse("wagtailadmin_explore", args=[environment.pk]), None),
        ("ページの編集（すべてのブロック）", edit(every_block), None),
        ("ページの編集：状態パネル", edit(every_block), _open_status_then(None)),
        ("ページの編集：検索・メニュー", edit(every_block), _click('[role="tab"]:nth-of-type(2)')),
        (
            "ページの編集：ブロックの挿入",
            edit(every_block),
            _click("button.w-combobox-trigger, .c-sf-add-button"),
        ),
        ("履歴", reverse("wagtailadmin_pages:history", args=[content_page.pk]), None),
        ("ページの検索", reverse("wagtailadmin_pages:search") + "?q=ごみ", None),
    ]
    publishing = [
        (
            "公開予約の設定",
            edit(content_page),
            _open_status_then('[data-a11y-dialog-show="schedule-publishing-dialog"]'),
        ),
        ("移動", reverse("wagtailadmin_pages:move", args=[content_page.pk]), None),
        (
            "移動先の確認",
            reverse("wagtailadmin_pages:move_confirm", args=[content_page.pk, environment.pk]),
            None,
        ),
        ("ワークフロー", reverse("wagtailadmin_reports:workflow"), None),
        ("ワークフローのタスク", reverse("wagtailadmin_reports:workflow_tasks"), None),
        ("スニペット", reverse("wagtailsnippets:index"), None),
        ("担当課", reverse("wagtailsnippets_cms_department:list"), None),
        ("長く更新されていないページ", reverse("wagtailadmin_reports:aging_pages"), None),
        ("ロック中のページ", reverse("wagtailadmin_reports:locked_pages"), None),
        ("サイトの操作履歴", reverse("wagtailadmin_reports:site_history"), None),
        ("災害モード", reverse("wagtailsettings:edit", args=["home", "disastermodesettings", site_id]), None),
        ("リダイレクト", reverse("wagtailredirects:index"), None),
    ]
    screens = {
        "superuser": common
        + city_editing
        + publishing
        + [
            ("ページの種類の利用状況", reverse("wagtailadmin_reports:page_types_usage"), None),
            ("ワークフローの設定", reverse("wagtailadmin_workflows:index"), None),
            ("ユーザー", reverse("wagtailusers_users:index"), None),
            ("グループ", reverse("wagtailusers_groups:index"), None),
            ("サイト", reverse("wagtailsites:index"), None),
            ("言語", reverse("wagtaillocales:index"), None),
            ("コレクション", reverse("wagtailadmin_collections:index"), None),
            ("検索のおすすめ", reverse("wagtailsearchpromotions:index"), None),
        ],
        "秘書広報課": common + city_editing + publishing,
        "環境課": common + city_editing,
        "経営課": common
        + [
            ("水道のページ一覧", reverse("wagtailadmin_explore", args=[water.pk]), None),
            ("水道のページの編集", edit(water.get_children().first()), None),
            ("開栓・閉栓の申込み", reverse("water_applications:index"), None),
        ],
        "観光交流課": common
        + [
            ("観光ガイドのページ一覧", reverse("wagtailadmin_explore", args=[tourism_ja.pk]), None),
            ("観光ガイドの編集", edit(tourism_ja), None),
        ],
    }
    if tourism_en is not None:
        screens["観光交流課"] += [
            ("翻訳の編集（wagtail-localize）", edit(tourism_en), None),
            (
                "翻訳の同期",
                reverse("wagtail_localize:update_translations", args=[_source_id(tourism_ja)]),
                None,
            ),
            ("翻訳の作成", reverse("wagtail_localize:submit_page_translation", args=[tourism_ja.pk]), None),
        ]
        screens["superuser"] += [("翻訳の編集（wagtail-localize）", edit(tourism_en), None)]
    return screens[role]


def _source_id(page):
    from wagtail_localize.models import TranslationSource

    return TranslationSource.objects.get_for_instance(page).pk


def content_strings():
    """What editors wrote (titles, translations, names): English there is content, not UI text."""
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail_localize.models import String, StringTranslation

    strings = set()
    strings.update(Page.objects.values_list("title", flat=True))
    strings.update(Page.objects.exclude(seo_title="").values_list("seo_title", flat=True))
    strings.update(String.objects.values_list("data", flat=True))
    strings.update(StringTranslation.objects.values_list("data", flat=True))
    strings.update(get_image_model().objects.values_list("title", flat=True))
    strings.update(get_document_model().objects.values_list("title", flat=True))
    strings.update(Site.objects.values_list("site_name", flat=True))
    for model in apps.get_app_config("tourism").get_models():
        for field in model._meta.get_fields():
            if getattr(field, "get_internal_type", lambda: "")() in {"CharField", "TextField"}:
                strings.update(v for v in model.objects.values_list(field.name, flat=True) if v)
    # The foreign-language texts of the disaster top and its notices (StreamField values).
    for model_name in ("DisasterModeSettings", "EmergencyNotice"):
        model = apps.get_model("home", model_name)
        for stream in model.objects.values_list("translations", flat=True):
            strings.update(_texts_in(stream))
    return {s for s in strings if s and any("a" <= c.lower() <= "z" for c in s)}


def _texts_in(value):
    """Every string inside a StreamField's stored JSON (the block types and ids included, harmlessly)."""
    import json

    if hasattr(value, "raw_data"):  # a StreamValue
        value = list(value.raw_data)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts_in(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts_in(item)]
    return []
