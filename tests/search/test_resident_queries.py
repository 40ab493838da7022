"""Residents' real ways of asking: kana-only words, romaji, misspellings, phrases, other languages."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page

from search.api import search_faqs
from search.corpus import build
from tests.search.factories import make_faq, make_faq_index, make_page, make_site

pytestmark = pytest.mark.django_db

HOST = "search.test"


@pytest.fixture
def faq_index():
    index = make_faq_index()
    make_faq(
        index, "戸籍謄本を取りたいのですが。", "戸籍謄本（戸籍全部事項証明書）は市民課の窓口で請求できます。"
    )
    make_faq(
        index,
        "マイナンバーカードの申請方法を教えてください。",
        "マイナンバーカードは郵送またはスマートフォンで申請できます。",
    )
    make_faq(
        index, "粗大ごみはどうやって出せばよいですか。", "粗大ごみは予約制で、収集日は毎月第二火曜日です。"
    )
    make_faq(index, "小学校の入学手続きについて", "小学校に入学するお子さんには、入学通知書をお送りします。")
    make_faq(
        index, "転出届はどこに出せばよいですか。", "市外へ引っ越すときは、市民課に転出届を出してください。"
    )
    make_faq(
        index, "後期高齢者の健診を受けたい", "後期高齢者医療の健診は、75歳以上の方が無料で受けられます。"
    )
    return index


def top3(query, index):
    return [page.title for page in search_faqs(query, index, limit=3)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("こせきとうほん", "戸籍謄本を取りたいのですが。"),
        ("まいなんばー", "マイナンバーカードの申請方法を教えてください。"),
        ("まいなんばーかーど しんせい", "マイナンバーカードの申請方法を教えてください。"),
        ("そだいごみ", "粗大ごみはどうやって出せばよいですか。"),
        ("ソダイゴミ", "粗大ごみはどうやって出せばよいですか。"),
        ("戸藉謄本", "戸籍謄本を取りたいのですが。"),  # 籍 mistyped as 藉: same sound
        ("tenshutsu", "転出届はどこに出せばよいですか。"),
        ("kouki koureisha kenshin", "後期高齢者の健診を受けたい"),
    ],
)
def test_kana_romaji_and_misspelt_words_find_the_kanji_page(faq_index, query, expected):
    assert expected in top3(query, faq_index)


def test_kana_word_does_not_drag_in_pages_of_a_single_character(faq_index):
    assert top3("こせきとうほん", faq_index)[0] == "戸籍謄本を取りたいのですが。"


def test_reading_segmentation_uses_only_words_of_the_corpus():
    model = build([(1, ["戸籍", "謄本"], ["市民", "課"]), (2, ["粗大", "塵"], ["収集", "日"])])
    assert model.segment_reading("こせきとうほん") == ["戸籍", "謄本"]
    assert model.segment_reading("ぜんぜんしらない") == []


def test_words_typed_in_kana_between_spaces_are_read_as_words_of_the_corpus():
    # MeCab splits すいどう and ぎょうしゃ into other known words; read whole, they are 水道 and 業者.
    model = build([(1, ["水道", "工事", "指定", "業者"], ["水道", "課"]), (2, ["水", "道"], ["業", "者"])])
    assert model.reading_terms("すいどう こうじ してい ぎょうしゃ") == ["水道", "工事", "指定", "業者"]


def test_reading_is_covered_whole_before_it_is_covered_with_long_words():
    # としょ|かん covers all of としょかん; しょかん (所管) is longer but leaves と over.
    model = build([(1, ["図書", "館", "利用"], ["図書", "館"]), (2, ["所管", "課"], ["所管"])])
    assert model.segment_reading("としょかん") == ["図書", "館"]


def test_kana_verb_ending_is_not_read_as_a_word():
    # つくり|たい: たい is the auxiliary of the verb, not 隊.
    model = build([(1, ["作り", "方"], ["作り"]), (2, ["協力", "隊"], ["隊", "員"])])
    assert model.segment_reading("つくりたい") == ["作り"]


def test_romaji_word_is_read_as_mecab_reads_its_kana():
    # ごみ is indexed as its lemma 塵, whose own reading is ちり: the kana is analysed, not only spelt.
    model = build([(1, ["塵", "出す", "方"], ["収集", "日"])])
    assert "塵" in model.reading_terms("gomi")


def test_homophone_is_the_one_the_pages_write_next_to_its_neighbour():
    rows = [(1, ["帯状", "疱疹", "ワクチン"], ["帯状", "疱疹"])] + [
        (n, ["市", "方針"], ["方針"]) for n in range(2, 6)
    ]
    model = build(rows)
    assert model.segment_reading("たいじょうほうしん") == ["帯状", "疱疹"]  # 方針 is commoner


def test_associations_link_question_words_to_answer_words_beyond_chance():
    rows = [(1, ["引っ越す", "手続き"], ["転出", "届け", "市民"])] * 3 + [
        (2, ["塵", "出す"], ["収集", "市民"])
    ] * 9
    model = build(rows)
    partners = dict(model.associated("引っ越す"))
    assert "転出" in partners and "市民" not in partners  # 市民 is in every answer: no association


@pytest.fixture
def site_home():
    home = make_site(HOST)
    section = make_page(home, "くらし")
    make_page(section, "粗大ごみの出し方")
    index = make_faq_index(parent=home)
    make_faq(
        index,
        "住民票はコンビニで取れますか",
        "マイナンバーカードがあれば、全国のコンビニで住民票の写しを取れます。",
    )
    return home


def test_suggestions_for_a_whole_question(client, site_home):
    data = client.get("/search/suggest/", {"q": "コンビニで住民票を取りたいんだけど"}, HTTP_HOST=HOST).json()
    assert "住民票はコンビニで取れますか" in [item["title"] for item in data["suggestions"]]


def test_suggestions_for_a_phrase(client, site_home):
    data = client.get("/search/suggest/", {"q": "粗大ごみの出し方を知りたい"}, HTTP_HOST=HOST).json()
    assert "粗大ごみの出し方" in [item["title"] for item in data["suggestions"]]


@pytest.fixture
def english_home(site_home):
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = Page(title="Test City", slug="en", locale=english, translation_key=site_home.translation_key)
    site_home.get_parent().add_child(instance=home)
    page = make_page(home, "Garbage and recycling")
    page.search_description = "Sorting household garbage, oversized waste and collection days."
    page.save()
    return home


def test_english_query_finds_english_page_on_english_search_page(client, english_home):
    html = client.get("/en/search/", {"q": "garbage"}, HTTP_HOST=HOST).content.decode()
    assert "<mark>Garbage</mark> and recycling" in html
    assert "粗大ごみの出し方" not in html  # the Japanese pages stay on the Japanese search page


def test_english_search_page_labels_are_english(client, english_home):
    make_page(english_home, "Garbage collection calendar")
    html = client.get("/en/search/", {"q": "garbage"}, HTTP_HOST=HOST).content.decode()
    assert '<p class="search-result__kind">Pages</p>' in html
    assert "件）" not in html and "すべて" not in html


def test_english_result_date_has_an_english_label_and_colon(client, english_home):
    html = client.get("/en/search/", {"q": "garbage"}, HTTP_HOST=HOST).content.decode()
    assert '<p class="search-result__updated">Updated: <time' in html


def test_english_suggestion_kind_is_english(client, english_home):
    data = client.get("/en/search/suggest/", {"q": "garbage"}, HTTP_HOST=HOST).json()
    assert data["suggestions"] and {item["kind"] for item in data["suggestions"]} == {"Pages"}


def test_result_date_is_the_date_in_japan(client, site_home):
    page = make_page(site_home, "深夜に更新したお知らせ")
    # 2026-12-01 16:30 UTC is 2026-12-02 01:30 in Japan.
    page.last_published_at = datetime.datetime(2026, 12, 1, 16, 30, tzinfo=datetime.UTC)
    page.save()
    html = client.get("/search/", {"q": "深夜に更新したお知らせ"}, HTTP_HOST=HOST).content.decode()
    assert '<time datetime="2026-12-02">2026年12月2日</time>' in html
    assert timezone.get_current_timezone_name() == "Asia/Tokyo"


def test_water_page_found_by_a_word_only_its_body_contains(client):
    from water.models import WaterStandardPage

    home = make_site("water.test")
    page = WaterStandardPage(
        title="お知らせ",
        slug="kyusui",
        locale=home.locale,
        body=[("paragraph", "<p>給水装置工事の申込みは指定工事店を通してください。</p>")],
    )
    home.add_child(instance=page)
    html = client.get("/search/", {"q": "指定工事店"}, HTTP_HOST="water.test").content.decode()
    assert 'href="/kyusui/"' in html or "kyusui" in html


def test_search_eval_imports_a_corpus_and_compares_with_the_baseline(tmp_path):
    import json
    import os
    from io import StringIO

    from django.core.management import call_command
    from wagtail.models import Site

    make_site("eval.test")
    Site.objects.filter(hostname="eval.test").update(is_default_site=True)
    corpus = tmp_path / "faqs.csv"
    corpus.write_text(
        "id,question,answer,category,keywords,department,last_reviewed\n"
        "e-1,戸籍謄本を取りたい,戸籍謄本は市民課で請求できます。,戸籍,,評価課,2026-04-01\n"
        "e-2,小学校の入学について,入学通知書をお送りします。,学校,,,2026-04-01\n",
        encoding="utf-8",
    )
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps({"query": "こせきとうほん", "relevant": {"e-1": 2}}) + "\n", encoding="utf-8"
    )

    def run(*extra):
        out = StringIO()
        call_command(
            "search_eval", str(questions), "--corpus", str(corpus), "--index", "ev", *extra, stdout=out
        )
        return json.loads(out.getvalue().strip().splitlines()[-1])

    assert run()["s@1"] == 1.0
    assert run("--baseline")["s@1"] == 0.0  # plain BM25F cannot read こせきとうほん
    assert "SEARCH_CORPUS_MODEL" not in os.environ
