import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from home.models import DisasterModeSettings
from tests.html import parse

from .conftest import publish
from .factories import (
    ContentPageFactory,
    DepartmentFactory,
    EmergencyNoticeFactory,
    LifeEventFactory,
    LifeEventIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SectionPageFactory,
)

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_top_page_lists_top_sections_with_their_summary(city_get, city_home):
    SectionPageFactory(parent=city_home, title="くらし・手続き", summary="戸籍・住民票やごみの出し方。")
    page = html(city_get("/"))
    assert "分類から探す" in page
    assert "くらし・手続き" in page and "戸籍・住民票やごみの出し方。" in page


def test_top_page_shows_latest_news_with_japanese_dates(city_get, city_home):
    index = NewsIndexPageFactory(parent=city_home)
    NewsPageFactory(parent=index, title="年末年始のごみの収集日", date=datetime.date(2026, 11, 24))
    page = html(city_get("/"))
    assert "新着情報" in page
    assert "年末年始のごみの収集日" in page
    assert "2026年11月24日" in page


def test_important_news_is_listed_under_important_notices(city_get, city_home):
    index = NewsIndexPageFactory(parent=city_home)
    NewsPageFactory(parent=index, title="窓口の休止について", is_important=True)
    NewsPageFactory(parent=index, title="いつものお知らせ")
    important = parse(city_get("/")).find(id="important-heading").find_parent("section").get_text()
    assert "窓口の休止について" in important
    assert "いつものお知らせ" not in important


def test_emergency_block_appears_only_while_a_notice_is_active(city_get):
    EmergencyNoticeFactory(
        title="終わった警報",
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=1),
    )
    assert "緊急情報" not in html(city_get("/"))
    EmergencyNoticeFactory(title="避難指示を発令しました")
    page = html(city_get("/"))
    assert "緊急情報" in page and "避難指示を発令しました" in page and "終わった警報" not in page


def test_life_events_on_top_page_link_to_their_listing(city_get, city_home):
    LifeEventIndexPageFactory(parent=city_home)
    LifeEventFactory(name="引越し", slug="hikkoshi")
    page = html(city_get("/"))
    assert 'href="/dekigoto/hikkoshi/"' in page


def test_life_event_listing_shows_pages_of_that_event_only(city_get, city_home):
    LifeEventIndexPageFactory(parent=city_home)
    moving = LifeEventFactory(name="引越し", slug="hikkoshi")
    birth = LifeEventFactory(name="妊娠・出産", slug="ninshin")
    section = SectionPageFactory(parent=city_home)
    tenkyo = ContentPageFactory(parent=section, title="転入・転出の届出")
    tenkyo.life_events.set([moving, birth])
    publish(tenkyo)
    shussei = ContentPageFactory(parent=section, title="出生届")
    shussei.life_events.set([birth])
    publish(shussei)
    page = html(city_get("/dekigoto/hikkoshi/"))
    assert "転入・転出の届出" in page and "出生届" not in page
    assert "転入・転出の届出" in html(city_get("/dekigoto/ninshin/"))
    assert city_get("/dekigoto/no-such-event/").status_code == 404


def test_popular_faqs_on_top_page_are_ordered_by_views(city_get, city_home):
    from faq.models import FAQIndexPage, FAQPage

    faq_index = FAQIndexPage(title="よくある質問", slug="faq")
    city_home.add_child(instance=faq_index)
    for title, views in [("あまり見られない質問", 1), ("一番よく見られる質問", 500), ("二番目の質問", 100)]:
        faq_index.add_child(instance=FAQPage(title=title, slug=f"q-{views}", answer=[], view_count=views))
    page = html(city_get("/"))
    section = page.split('id="faq-heading"')[1]
    assert (
        section.index("一番よく見られる質問")
        < section.index("二番目の質問")
        < section.index("あまり見られない質問")
    )


def test_section_page_lists_children_with_summary_and_grandchildren(city_get, city_home):
    kurashi = SectionPageFactory(parent=city_home, title="くらし・手続き", slug="kurashi")
    gomi = SectionPageFactory(parent=kurashi, title="ごみ・リサイクル", summary="ごみの分け方や粗大ごみ。")
    ContentPageFactory(parent=gomi, title="粗大ごみ")
    page = html(city_get("/kurashi/"))
    assert "ごみ・リサイクル" in page and "ごみの分け方や粗大ごみ。" in page
    assert "粗大ごみ</a>" in page


def test_content_page_shows_contact_last_update_breadcrumbs_and_local_nav(city_get, city_home):
    department = DepartmentFactory(name="環境課", section="廃棄物対策係", phone="0248-88-9141")
    kurashi = SectionPageFactory(parent=city_home, title="くらし・手続き", slug="kurashi")
    gomi = SectionPageFactory(parent=kurashi, title="ごみ・リサイクル", slug="gomi")
    ContentPageFactory(parent=gomi, title="資源物の回収", slug="shigen")
    article = publish(ContentPageFactory(parent=gomi, title="粗大ごみ", slug="sodai", department=department))
    page = html(city_get("/kurashi/gomi/sodai/"))
    assert "このページに関するお問い合わせ" in page
    assert "環境課 廃棄物対策係" in page and 'href="tel:0248889141"' in page
    today = timezone.localtime(article.last_published_at)
    assert (
        f'最終更新日：<time datetime="{today:%Y-%m-%d}">{today.year}年{today.month}月{today.day}日</time>'
        in page
    )
    assert 'aria-label="パンくずリスト"' in page and ">くらし・手続き</a>" in page
    local_nav = parse(page).select_one(".local-nav")
    assert "資源物の回収" in local_nav.get_text()
    assert local_nav.find(attrs={"aria-current": "page"}).get_text(strip=True).startswith("粗大ごみ")


def test_procedure_block_renders_its_four_facts(city_get, city_home):
    section = SectionPageFactory(parent=city_home, slug="koseki")
    ContentPageFactory(
        parent=section,
        slug="juminhyo",
        body=[
            {
                "type": "procedure",
                "value": {
                    "target": "本人または同じ世帯の方",
                    "requirements": ["本人確認書類"],
                    "fee": "1通300円",
                    "counter": "市民課",
                    "hours": "",
                    "online_url": "",
                    "note": "",
                },
            }
        ],
    )
    page = html(city_get("/koseki/juminhyo/"))
    for label, value in [
        ("対象", "本人または同じ世帯の方"),
        ("必要なもの", "本人確認書類"),
        ("手数料", "1通300円"),
        ("受付窓口", "市民課"),
    ]:
        assert f"<dt>{label}</dt>" in page and value in page


def test_contact_block_shows_the_chosen_department(city_get, city_home):
    department = DepartmentFactory(name="税務課", section="市民税係", email="zeimu@city.sukagawa.example")
    section = SectionPageFactory(parent=city_home, slug="zei")
    ContentPageFactory(
        parent=section,
        slug="shikenminzei",
        body=[{"type": "contact", "value": {"department": department.pk, "note": "申告について"}}],
    )
    page = html(city_get("/zei/shikenminzei/"))
    assert "お問い合わせ（申告について）" in page and "mailto:zeimu@city.sukagawa.example" in page


def test_news_index_paginates_and_keeps_a_bad_page_number_harmless(city_get, city_home):
    index = NewsIndexPageFactory(parent=city_home, per_page=5)
    for number in range(12):
        NewsPageFactory(
            parent=index,
            title=f"お知らせ番号{number:02d}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
        )
    first = html(city_get("/oshirase/"))
    assert "お知らせ番号11" in first and "お知らせ番号06" not in first
    assert "お知らせ番号06" in html(city_get("/oshirase/?page=2"))
    assert "お知らせ番号00" in html(city_get("/oshirase/?page=999"))
    assert "お知らせ番号11" in html(city_get("/oshirase/?page=abc"))


def test_news_index_filters_by_category(city_get, city_home):
    index = NewsIndexPageFactory(parent=city_home)
    NewsPageFactory(parent=index, title="防災訓練のお知らせ", category="bousai")
    NewsPageFactory(parent=index, title="健診のお知らせ", category="kenko")
    page = html(city_get("/oshirase/?category=bousai"))
    assert "防災訓練のお知らせ" in page and "健診のお知らせ" not in page
    assert "健診のお知らせ" in html(city_get("/oshirase/?category=unknown"))


def test_news_feed_is_rss_with_the_latest_items(city_get, city_home):
    index = NewsIndexPageFactory(parent=city_home)
    publish(NewsPageFactory(parent=index, title="重要な発表", is_important=True))
    response = city_get("/oshirase/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["【重要】重要な発表"]
    assert channel.find("item").findtext("link").startswith("http://city.test/oshirase/")


def test_news_page_shows_date_category_and_important_badge(city_get, city_home):
    index = NewsIndexPageFactory(parent=city_home)
    NewsPageFactory(
        parent=index,
        slug="mado",
        title="窓口の休止",
        date=datetime.date(2026, 12, 1),
        category="shisei",
        is_important=True,
    )
    page = html(city_get("/oshirase/mado/"))
    assert "2026年12月1日" in page and "市政" in page and "重要</span>" in page


def test_department_index_and_department_page(city_get, city_home):
    from home.models import DepartmentIndexPage

    department = DepartmentFactory(name="市民課", section="住民記録係", duties="戸籍、住民票など")
    city_home.add_child(instance=DepartmentIndexPage(title="担当課の一覧", slug="soshiki"))
    section = SectionPageFactory(parent=city_home, slug="koseki")
    ContentPageFactory(parent=section, title="住民票の写しの請求", department=department)
    listing = html(city_get("/soshiki/"))
    assert "市民課 住民記録係" in listing and "戸籍、住民票など" in listing
    detail = html(city_get(f"/soshiki/{department.pk}/"))
    assert "住民票の写しの請求" in detail
    assert city_get("/soshiki/99999/").status_code == 404


def test_sitemap_page_shows_the_tree_without_news_items(city_get, city_home):
    from home.models import SitemapPage

    city_home.add_child(instance=SitemapPage(title="サイトマップ", slug="sitemap"))
    kurashi = SectionPageFactory(parent=city_home, title="くらし・手続き")
    gomi = SectionPageFactory(parent=kurashi, title="ごみ・リサイクル")
    ContentPageFactory(parent=gomi, title="粗大ごみ")
    index = NewsIndexPageFactory(parent=city_home)
    NewsPageFactory(parent=index, title="個別のお知らせ")
    page = html(city_get("/sitemap/"))
    assert "くらし・手続き" in page and "ごみ・リサイクル" in page and "粗大ごみ" in page
    assert "お知らせ" in page and "個別のお知らせ" not in page


def test_footer_links_to_sitemap_on_every_city_page(city_get, city_home):
    from home.models import SitemapPage

    city_home.add_child(instance=SitemapPage(title="サイトマップ", slug="sitemap"))
    section = SectionPageFactory(parent=city_home, slug="kurashi")
    footer = parse(city_get("/kurashi/")).find("footer")
    assert footer.find("a", href="/sitemap/") is not None
    assert section


def test_disaster_mode_switch_replaces_the_top_page(city_get, city_home):
    from wagtail.models import Site

    EmergencyNoticeFactory(title="避難指示を発令しました")
    settings = DisasterModeSettings.for_site(Site.objects.get(root_page=city_home))
    settings.is_active = True
    settings.headline = "台風第10号に関する情報"
    settings.save()
    page = html(city_get("/"))
    assert "災害モードで表示しています" in page
    assert "台風第10号に関する情報" in page and "避難指示を発令しました" in page
    assert "site.css" not in page
    settings.is_active = False
    settings.save()
    assert "災害モードで表示しています" not in html(city_get("/"))


def test_disaster_preview_shows_the_light_top_while_switched_off(city_get):
    page = html(city_get("/?disaster-preview=1"))
    assert "災害モードで表示しています" in page
    assert "災害モードで表示しています" not in html(city_get("/"))


def test_emergency_notice_rejects_end_before_start():
    from django.core.exceptions import ValidationError

    notice = EmergencyNoticeFactory.build(ends_at=timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert "表示終了日時は表示開始日時より後にしてください。" in str(error.value)


def test_disaster_mode_also_replaces_the_foreign_language_tops(client, city_home):
    from wagtail.models import Locale, Site

    english = city_home.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Sukagawa City"
    english.save_revision().publish()
    settings = DisasterModeSettings.for_site(Site.objects.get(root_page=city_home))
    settings.is_active = True
    settings.save()
    page = html(client.get("/en/", HTTP_HOST="city.test"))
    assert '<html lang="en">' in page
    assert 'class="header__mode"' in page
