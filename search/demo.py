"""Demo synonyms (検索の同義語) and editor-promoted results (検索のおすすめ) for the city site."""

from cms.demo_utils import ensure_object

# Words residents use for the same thing; general municipal vocabulary, not one city's.
DEMO_SYNONYMS = [
    ("マイナンバーカード、個人番号カード、マイナカード", "通称と正式名称"),
    ("国保、国民健康保険", "略称"),
    ("引っ越し、引越し、転居", "表記ゆれ"),
    ("保育園、保育所", "通称"),
    ("学童、学童保育、放課後児童クラブ", "通称と正式名称"),
    ("住民税、市県民税、市民税", "通称"),
    ("はんこ、印鑑", "言い換え"),
    ("ごみ、ゴミ、廃棄物", "表記ゆれ・言い換え"),
    ("後期高齢者医療、長寿医療", "通称"),
    ("免許返納、運転免許証の自主返納", "言い換え"),
]

# (query, FAQ import id, description)
DEMO_PROMOTIONS = [
    ("ごみ", "city-001", "ごみの分け方・出し方の基本です。"),
    ("マイナンバー", "city-023", "マイナンバーカードの申請と受け取りの方法です。"),
    ("引っ越し", "city-015", "転入・転出・転居の手続きをまとめています。"),
]


def seed(ctx):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from faq.models import FAQPage
    from search.models import SearchSynonym

    for terms, note in DEMO_SYNONYMS:
        ensure_object(ctx, SearchSynonym, {"terms": terms}, note=note)

    for query_string, import_id, description in DEMO_PROMOTIONS:
        page = FAQPage.objects.filter(import_id=import_id).first()
        if page is None:
            continue
        query = ensure_object(ctx, Query, {"query_string": query_string})
        ensure_object(
            ctx, SearchPromotion, {"query": query, "page": page}, description=description, sort_order=0
        )
    ctx.log(f"検索：同義語 {len(DEMO_SYNONYMS)} 件、おすすめ {len(DEMO_PROMOTIONS)} 件")


def reset(ctx):
    from wagtail.contrib.search_promotions.models import SearchPromotion

    from search.models import SearchSynonym

    SearchSynonym.objects.filter(terms__in=[terms for terms, _note in DEMO_SYNONYMS]).delete()
    SearchPromotion.objects.filter(query__query_string__in=[q for q, _i, _d in DEMO_PROMOTIONS]).delete()
