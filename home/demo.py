"""Demo of the city site: 分類, 記事, お知らせ, 担当課, くらしのできごと, 緊急情報, groups and workflow.

The text lives in home/demo_data/*.yaml; this module only puts it in place, idempotently.
`ctx.extra["departments"]` maps 部署名 → Department for the demo modules that run later (faq, water).
"""

import datetime

from wagtail.models import Page

from cms.demo_utils import assign_if_changed, ensure_object, ensure_page, load_demo_data, stream_data
from cms.models import Department

from .models import (
    CityHomePage,
    ContentPage,
    DepartmentIndexPage,
    DisasterModeSettings,
    EmergencyNotice,
    LifeEvent,
    LifeEventIndexPage,
    NewsIndexPage,
    NewsPage,
    ProcedurePage,
    SectionPage,
    SitemapPage,
)
from .permissions import ensure_editor_groups

_DEPARTMENT_DATA = load_demo_data(__file__, "departments")
DEPARTMENTS = _DEPARTMENT_DATA["departments"]
LIFE_EVENTS = _DEPARTMENT_DATA["life_events"]
NEWS = load_demo_data(__file__, "news")["news"]
TOP_SECTIONS = load_demo_data(__file__, "sections")["sections"]
DISASTER = load_demo_data(__file__, "disaster")
JST = datetime.timezone(datetime.timedelta(hours=9))


def _seed_departments(ctx):
    departments = {}
    for data in DEPARTMENTS:
        data = dict(data)
        name = data.pop("name")
        section = data.pop("section")
        departments[name] = ensure_object(ctx, Department, {"name": name, "section": section}, **data)
    return departments


def _seed_life_events(ctx):
    return {
        event["slug"]: ensure_object(
            ctx,
            LifeEvent,
            {"slug": event["slug"]},
            name=event["name"],
            description=event["description"],
            links=[
                link
                for link in (_demo_link(None, item["text"], item) for item in event.get("links", []))
                if link
            ],
            sort_order=number * 10,
        )
        for number, event in enumerate(LIFE_EVENTS, start=1)
    }


def _set_life_events(page, life_events):
    """ParentalManyToMany changes are saved without a new revision when they already match."""
    wanted = {event.pk for event in life_events}
    if set(page.life_events.values_list("pk", flat=True)) != wanted:
        page.life_events.set(life_events)
        page.save_revision().publish()


def _main_image_fields(data):
    """メイン画像 of a demo page: one of the project's illustrations (cms/demo_images.py), or none."""
    from cms.demo_images import ensure_illustration

    if not data.get("main_image"):
        return {}
    return {
        "main_image": ensure_illustration(data["main_image"]),
        "main_image_alt": data["main_image_alt"],
        "main_image_caption": data.get("main_image_caption", ""),
    }


def water_site_url(path=""):
    """The water site's address (a Site of its own, so links to it are absolute)."""
    from django.conf import settings

    base = (
        f"http://{settings.WATER_HOSTNAME}:8000/" if settings.DEBUG else f"https://{settings.WATER_HOSTNAME}/"
    )
    return f"{base}{path}/" if path else base


def _promote_to_procedure(page):
    """A 記事 seeded before ProcedurePage existed becomes a 手続き in place (same id, URL, history)."""
    from django.contrib.contenttypes.models import ContentType

    if isinstance(page.specific, ProcedurePage):
        return
    procedure = ProcedurePage(contentpage_ptr_id=page.pk)
    procedure.__dict__.update({k: v for k, v in page.specific.__dict__.items() if not k.startswith("_")})
    procedure.save_base(raw=True)
    Page.objects.filter(pk=page.pk).update(content_type=ContentType.objects.get_for_model(ProcedurePage))


def _procedure_fields(data, key):
    """ProcedurePage fields of a demo page's `procedure:`; related links are set after every page exists."""
    return {
        "target": data.get("target", ""),
        "requirements": "\n".join(data.get("requirements", [])),
        "fee_summary": data.get("fee_summary", ""),
        "fees": stream_data(
            [{"fee": {"note": "", **fee}} for fee in data.get("fees", [])], key=f"{key}/fees"
        ),
        "counters": stream_data(
            [
                {"counter": {"address": "", "phone": "", "hours": "", "note": "", **counter}}
                for counter in data.get("counters", [])
            ],
            key=f"{key}/counters",
        ),
        "online_url": data.get("online_url", ""),
        "online_label": data.get("online_label", ""),
        "online_note": data.get("online_note", ""),
        "note": data.get("note", ""),
    }


def _demo_link(home, text, item):
    """A LinkBlock value for `{path: kurashi/...}` (a page of the city site) or `{water: apply}`."""
    if "water" in item:
        return {"type": "link", "value": {"text": text, "page": None, "url": water_site_url(item["water"])}}
    page = Page.objects.filter(url_path=f"{home.url_path}{item['path']}/").first()
    if page is None:
        return None
    return {"type": "link", "value": {"text": text, "page": page.pk, "url": ""}}


def _seed_procedure_links(ctx, home, procedures):
    for page, data in procedures:
        related = [_demo_link(home, item["text"], item) for item in data.get("related", [])]
        fields = {"related": [link for link in related if link]}
        if data.get("online_page"):
            fields["online_page"] = Page.objects.filter(
                url_path=f"{home.url_path}{data['online_page']}/"
            ).first()
        if assign_if_changed(page, fields):
            page.save_revision().publish()
            ctx.updated += 1


def _seed_sections(ctx, home, departments, life_events):
    count = 0
    procedures = []
    for top in TOP_SECTIONS:
        top_page = ensure_page(
            ctx,
            home,
            SectionPage,
            top["slug"],
            title=top["title"],
            summary=top["summary"],
            department=departments[top["department"]],
            show_in_menus=True,
        )
        for child in top["children"]:
            section = ensure_page(
                ctx,
                top_page,
                SectionPage,
                child["slug"],
                title=child["title"],
                summary=child["summary"],
                department=departments[child["department"]],
                show_in_menus=True,
            )
            for data in child["pages"]:
                page_class, extra = ContentPage, {}
                if "procedure" in data:
                    page_class, extra = ProcedurePage, _procedure_fields(data["procedure"], data["slug"])
                    existing = Page.objects.child_of(section).filter(slug=data["slug"]).first()
                    if existing is not None:
                        _promote_to_procedure(existing)
                page = ensure_page(
                    ctx,
                    section,
                    page_class,
                    data["slug"],
                    title=data["title"],
                    summary=data["summary"],
                    department=departments[data.get("department", child["department"])],
                    body=stream_data(data["body"], key=data["slug"]),
                    show_in_menus=True,
                    **_main_image_fields(data),
                    **extra,
                )
                _set_life_events(page, [life_events[slug] for slug in data.get("life_events", [])])
                if "procedure" in data:
                    procedures.append((page, data["procedure"]))
                count += 1
    _seed_procedure_links(ctx, home, procedures)
    return count


def _seed_news(ctx, home, departments):
    index = ensure_page(
        ctx,
        home,
        NewsIndexPage,
        "oshirase",
        title="お知らせ",
        per_page=10,
        intro="<p>市からのお知らせです。分類で絞り込むことができます。新着情報はRSSでも配信しています。</p>",
    )
    for item in NEWS:
        ensure_page(
            ctx,
            index,
            NewsPage,
            item["slug"],
            title=item["title"],
            date=item["date"],
            category=item["category"],
            is_important=item.get("important", False),
            summary=item["summary"],
            department=departments[item["department"]],
            body=stream_data(item["body"], key=item["slug"]),
            **_main_image_fields(item),
        )
    return index


def _seed_emergency(ctx, home):
    ensure_object(
        ctx,
        EmergencyNotice,
        {"title": "大雨警報の発表に伴う避難所の開設について"},
        level=EmergencyNotice.LEVEL_WARNING,
        body=(
            "<p>大雨警報の発表に伴い、市内5か所の避難所を開設しました。避難が必要な方は、明るいうちに早めに避難してください。</p>"
            "<ul><li>須賀川市文化センター</li><li>須賀川第一小学校</li><li>長沼公民館</li><li>岩瀬公民館</li><li>須賀川アリーナ</li></ul>"
        ),
        # A past event: the demo's notice is inactive; editors set new times to show it.
        starts_at=datetime.datetime(2026, 10, 12, 6, 0, tzinfo=JST),
        ends_at=datetime.datetime(2026, 10, 13, 12, 0, tzinfo=JST),
        translations=stream_data([{"translation": item} for item in DISASTER["notice"]], key="notice"),
    )
    bosai = Page.objects.child_of(home).filter(slug="bosai").first()
    hinanjo = hazard = None
    if bosai is not None:
        section = Page.objects.child_of(bosai).filter(slug="bosai").first()
        if section is not None:
            hinanjo = Page.objects.child_of(section).filter(slug="hinanjo").first()
            hazard = Page.objects.child_of(section).filter(slug="hazard-map").first()
    links = [
        {"type": "link", "value": {"text": text, "page": page.pk, "url": ""}}
        for text, page in (("避難所・避難場所の一覧", hinanjo), ("ハザードマップ", hazard))
        if page is not None
    ]
    links.append(
        {
            "type": "link",
            "value": {
                "text": "福島県の防災情報（外部サイト）",
                "page": None,
                "url": "https://www.bousai.pref.fukushima.jp/",
            },
        }
    )
    contacts = [
        {
            "type": "contact",
            "value": {"name": "須賀川市役所（災害対策本部）", "phone": "0248-75-1111", "note": "24時間受付"},
        },
        {
            "type": "contact",
            "value": {"name": "市民安全課", "phone": "0248-88-9115", "note": "避難所・避難情報について"},
        },
        {"type": "contact", "value": {"name": "火事・救急", "phone": "119", "note": ""}},
        {"type": "contact", "value": {"name": "警察（事件・事故）", "phone": "110", "note": ""}},
        {
            "type": "contact",
            "value": {"name": "上下水道部（断水・漏水）", "phone": "0248-88-9157", "note": ""},
        },
    ]
    ensure_object(
        ctx,
        DisasterModeSettings,
        {"site": ctx.city_site},
        is_active=False,
        headline="災害情報",
        message="市内に大雨警報が発表されています。川や用水路に近づかず、早めの避難を心がけてください。",
        evacuation_links=links,
        emergency_contacts=contacts,
        translations=stream_data([{"translation": item} for item in DISASTER["settings"]], key="disaster"),
    )


def _home_banners(ctx):
    water_url = water_site_url()
    return [
        {
            "type": "banner",
            "value": {
                "title": "須賀川市 水道事業",
                "description": "水道の使用開始・中止の申込み、水道料金、断水のお知らせ",
                "page": None,
                "url": water_url,
                "style": "water",
            },
        },
        {
            "type": "banner",
            "value": {
                "title": "須賀川市観光ガイド",
                "description": "牡丹園、松明あかし、ウルトラマンのまち（日本語・外国語）",
                "page": None,
                # The guide (tourism.demo) appears after this module runs; its path is fixed by that app.
                "url": "/kanko/",
                "style": "tourism",
            },
        },
    ]


def _pickup_links(home):
    paths = [
        ("ごみの分け方・出し方", "kurashi/gomi/wakekata"),
        ("粗大ごみの申込み", "kurashi/gomi/sodai"),
        ("住民票の写しの請求", "kurashi/koseki/juminhyo"),
        ("転入・転出・転居の届出", "kurashi/koseki/tenkyo"),
        ("避難所・避難場所の一覧", "bosai/bosai/hinanjo"),
        ("保育所・認定こども園の入所申込み", "kosodate/gakko/hoikusho"),
    ]
    links = []
    for text, path in paths:
        page = Page.objects.filter(url_path=f"{home.url_path}{path}/").first()
        if page is not None:
            links.append({"type": "link", "value": {"text": text, "page": page.pk, "url": ""}})
    return links


def seed(ctx):
    home = ctx.city_root
    departments = _seed_departments(ctx)
    ctx.extra["departments"] = departments
    life_events = _seed_life_events(ctx)
    ctx.extra["life_events"] = life_events

    count = _seed_sections(ctx, home, departments, life_events)
    news_index = _seed_news(ctx, home, departments)
    ensure_page(
        ctx,
        home,
        LifeEventIndexPage,
        "dekigoto",
        title="くらしのできごと",
        intro="<p>引越しや出産など、くらしのできごとごとに必要な手続きをまとめています。</p>",
    )
    ensure_page(
        ctx,
        home,
        DepartmentIndexPage,
        "soshiki",
        title="担当課の一覧",
        intro="<p>市役所の各課の担当業務と連絡先です。</p>",
    )
    ensure_page(
        ctx,
        home,
        SitemapPage,
        "sitemap",
        title="サイトマップ",
        intro="<p>このホームページに掲載している主なページの一覧です。</p>",
    )
    _seed_emergency(ctx, home)

    ensure_page(
        ctx,
        Page.get_first_root_node(),
        CityHomePage,
        home.slug,
        pickup_links=_pickup_links(home),
        banners=_home_banners(ctx),
    )
    ensure_editor_groups(home, ctx.water_root)
    ctx.extra["news_index"] = news_index
    ctx.log(f"市のサイト: 記事 {count} ページ、お知らせ {len(NEWS)} 件、担当課 {len(departments)} 課")


def reset(ctx):
    """Snippets of the city site (pages go with the Site in cms.demo.reset)."""
    EmergencyNotice.objects.all().delete()
    LifeEvent.objects.all().delete()
    Department.objects.filter(name__in=[d["name"] for d in DEPARTMENTS]).delete()
