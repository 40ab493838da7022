"""Demo よくある質問: 100+ FAQs on the city site and ten on the water site, seeded from the CSV files
in faq/demo_data/ through the same code as `import_faq` (a second run changes nothing).

The ids (city-001 …, water-001 …) are stable: the search evaluation set refers to them.
"""

from pathlib import Path

from cms.demo_utils import ensure_object, ensure_page, load_demo_data

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
CITY_CSV = DEMO_DATA / "faqs.csv"
WATER_CSV = DEMO_DATA / "water_faqs.csv"

# 担当課 the FAQs name (home.demo creates most of them; the rest are made here with these details) and
# the categories, in the order residents look for them.
DATA = load_demo_data(__file__, "departments_categories")
OFFICE_HOURS = DATA["office_hours"]
DEPARTMENTS = DATA["departments"]
CITY_CATEGORIES = DATA["city_categories"]
WATER_CATEGORIES = DATA["water_categories"]


def _ensure_departments(ctx):
    from cms.models import Department

    known = dict(ctx.extra.get("departments") or {})
    for name, details in DEPARTMENTS.items():
        if name in known:
            continue
        existing = Department.objects.filter(name=name).order_by("sort_order", "section").first()
        if existing is not None:
            known[name] = existing
            continue
        known[name] = ensure_object(
            ctx,
            Department,
            {"name": name, "section": details["section"]},
            phone=details["phone"],
            email=f"{details['mailbox']}@city.sukagawa.example",
            location=details["location"],
            office_hours=OFFICE_HOURS,
        )
    ctx.extra["departments"] = known
    return known


def _ensure_categories(ctx, categories, start):
    from .models import FAQCategory

    for offset, category in enumerate(categories):
        ensure_object(
            ctx,
            FAQCategory,
            {"name": category["name"]},
            slug=category["slug"],
            description=category["description"],
            sort_order=start + offset * 10,
        )


def _seed_index(ctx, root, csv_path, intro, departments, search_hint):
    from .csvio import FAQImporter, read_rows
    from .models import FAQIndexPage

    index = ensure_page(
        ctx,
        root,
        FAQIndexPage,
        "faq",
        title="よくある質問",
        intro=intro,
        search_hint=search_hint,
        show_in_menus=True,
    )
    rows, _encoding, names = read_rows(csv_path.read_bytes())
    result = FAQImporter(index, departments=departments).import_rows(
        rows, has_last_reviewed="last_reviewed" in names
    )
    if result.errors:
        details = "; ".join(f"{number}行目：{message}" for number, message in result.errors)
        raise RuntimeError(f"{csv_path.name} を取り込めませんでした：{details}")
    ctx.created += result.created
    ctx.updated += result.updated
    return index


def seed(ctx):
    departments = _ensure_departments(ctx)
    _ensure_categories(ctx, CITY_CATEGORIES, start=10)
    _ensure_categories(ctx, WATER_CATEGORIES, start=500)
    city_index = _seed_index(
        ctx,
        ctx.city_root,
        CITY_CSV,
        "<p>市民の皆さまからよくいただく質問と、その回答をまとめました。分類から探すか、キーワードで検索してください。</p>",
        departments,
        "例：粗大ごみ、住民票、児童手当",
    )
    water_index = _seed_index(
        ctx,
        ctx.water_root,
        WATER_CSV,
        "<p>水道の使い始め・使い終わりの手続き、料金、水質などについて、よくいただく質問をまとめました。</p>",
        departments,
        "例：引っ越し、料金、にごり",
    )
    ctx.extra["faq_index"] = city_index
    ctx.extra["water_faq_index"] = water_index
    ctx.log(
        f"よくある質問：市 {city_index.get_children().count()} 件、水道 {water_index.get_children().count()} 件"
    )


def reset(ctx):
    # The FAQ pages go with the Sites' root pages (cms.demo.reset); categories are ours to remove.
    from .models import FAQCategory

    names = [category["name"] for category in CITY_CATEGORIES + WATER_CATEGORIES]
    FAQCategory.objects.filter(name__in=names).delete()
