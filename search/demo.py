"""Demo synonyms (検索の同義語) and editor-promoted results (検索のおすすめ) for the city site."""

from cms.demo_utils import ensure_object, load_demo_data

# Words residents use for the same thing (general municipal vocabulary, not one city's) and
# editor-promoted results: query → FAQ import id.
DATA = load_demo_data(__file__, "search")
DEMO_SYNONYMS = DATA["synonyms"]
DEMO_PROMOTIONS = DATA["promotions"]


def seed(ctx):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from faq.models import FAQPage
    from search.models import SearchSynonym

    for synonym in DEMO_SYNONYMS:
        ensure_object(ctx, SearchSynonym, {"terms": synonym["terms"]}, note=synonym["note"])

    for promotion in DEMO_PROMOTIONS:
        page = FAQPage.objects.filter(import_id=promotion["import_id"]).first()
        if page is None:
            continue
        query = ensure_object(ctx, Query, {"query_string": promotion["query"]})
        ensure_object(
            ctx,
            SearchPromotion,
            {"query": query, "page": page},
            description=promotion["description"],
            sort_order=0,
        )
    ctx.log(f"検索：同義語 {len(DEMO_SYNONYMS)} 件、おすすめ {len(DEMO_PROMOTIONS)} 件")


def reset(ctx):
    from wagtail.contrib.search_promotions.models import SearchPromotion

    from search.models import SearchSynonym

    SearchSynonym.objects.filter(terms__in=[synonym["terms"] for synonym in DEMO_SYNONYMS]).delete()
    SearchPromotion.objects.filter(
        query__query_string__in=[promotion["query"] for promotion in DEMO_PROMOTIONS]
    ).delete()
