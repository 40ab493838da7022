"""手続き (ProcedurePage): every demo procedure can be acted on, and the 粗大ごみ page shows how."""

import io
from pathlib import Path

import pytest

from cms.a11y.content import page_problems
from cms.demo_utils import DemoContext
from home.models import LifeEvent, ProcedurePage
from tests.html import parse

from .conftest import CITY_HOST, publish
from .factories import ContentPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def seed_city():
    import cms.demo
    import home.demo

    ctx = DemoContext(stdout=io.StringIO())
    cms.demo.seed(ctx)
    home.demo.seed(ctx)
    return ctx


def test_every_demo_procedure_page_has_a_way_to_act():
    seed_city()
    procedures = list(ProcedurePage.objects.live())
    assert len(procedures) >= 18
    without = [page.url_path for page in procedures if not page.ways_to_act()]
    assert without == []
    assert all(page.phones for page in procedures)


def test_sodai_page_shows_phone_fee_table_and_online_application(client):
    ctx = seed_city()
    response = client.get("/kurashi/gomi/sodai/", HTTP_HOST=ctx.city_site.hostname)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="tel:0248889147"' in html
    assert "<caption>手数料</caption>" in html and "1点1,500円" in html
    assert 'href="/shisei/koho/line/"' in html and "市公式LINEで申し込む" in html


def test_tenkyo_related_procedures_are_links_and_moving_lists_water(client):
    ctx = seed_city()
    html = client.get("/kurashi/koseki/tenkyo/", HTTP_HOST=ctx.city_site.hostname).content.decode()
    assert 'href="/kurashi/hoken/kokuho/"' in html
    assert "/apply/" in html
    moving = client.get("/dekigoto/hikkoshi/", HTTP_HOST=ctx.city_site.hostname).content.decode()
    assert "水道の使用開始・中止の申込み" in parse(moving).get_text()
    assert LifeEvent.objects.get(slug="hikkoshi").pages.filter(slug="sodai").exists()


def test_sodai_page_and_faq_agree_on_where_tickets_are_sold():
    seed_city()
    sodai = ProcedurePage.objects.get(slug="sodai")
    faq_text = (Path(__file__).resolve().parents[2] / "faq" / "demo_data" / "faqs.csv").read_text(
        encoding="utf-8"
    )
    assert "コンビニエンスストアなどの取扱店" in sodai.requirements
    assert "コンビニエンスストアなどの取扱店で販売している粗大ごみ処理券" in faq_text
    assert "0248-88-9147" in faq_text


def test_procedure_without_phone_form_or_place_is_warned(city_home):
    section = SectionPageFactory(parent=city_home, title="ごみ", slug="gomi")
    page = ProcedurePage(title="犬の登録", slug="inu", summary="犬を飼い始めたら登録してください。", body=[])
    section.add_child(instance=page)
    problems = [p for p in page_problems(page) if p.check == "no_way_to_act"]
    assert len(problems) == 1 and not problems[0].is_error
    page.online_url = "https://example.jp/shinsei/"
    assert not [p for p in page_problems(page) if p.check == "no_way_to_act"]


def test_ordinary_article_gets_no_way_to_act_warning(city_home):
    page = publish(ContentPageFactory(parent=city_home, title="市の概要"))
    assert not [p for p in page_problems(page) if p.check == "no_way_to_act"]


def test_procedure_page_renders_counter_with_unbroken_phone_link(client, city_home):
    section = SectionPageFactory(parent=city_home, title="戸籍", slug="koseki")
    page = ProcedurePage(
        title="印鑑登録",
        slug="inkan",
        summary="印鑑登録の手続きです。",
        body=[],
        target="15歳以上の方",
        counters=[
            {
                "type": "counter",
                "value": {
                    "name": "市民課",
                    "address": "福島県須賀川市八幡町135",
                    "phone": "0248-88-9131",
                    "hours": "平日",
                    "note": "",
                },
            }
        ],
    )
    section.add_child(instance=page)
    publish(page)
    html = client.get("/koseki/inkan/", HTTP_HOST=CITY_HOST).content.decode()
    assert '<a class="tel" href="tel:0248889131">0248-88-9131</a>' in html
    assert "福島県須賀川市八幡町135" in html
