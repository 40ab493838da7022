"""Demo よくある質問: 100+ FAQs on the city site and ten on the water site, seeded from the CSV files
in faq/demo_data/ through the same code as `import_faq` (a second run changes nothing).

The ids (city-001 …, water-001 …) are stable: the search evaluation set refers to them.
"""

from pathlib import Path

from cms.demo_utils import ensure_object, ensure_page

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
CITY_CSV = DEMO_DATA / "faqs.csv"
WATER_CSV = DEMO_DATA / "water_faqs.csv"

CITY_HALL = "市役所本庁舎"
OFFICE_HOURS = "月曜日から金曜日の午前8時30分から午後5時15分まで（祝日・年末年始を除く）"

# 担当課 the FAQs name. home.demo creates most of them; the rest are made here with these details.
DEPARTMENTS = {
    "市民課": ("住民係", "0248-88-9121", f"{CITY_HALL}1階", "shimin"),
    "税務課": ("市民税係", "0248-88-9125", f"{CITY_HALL}1階", "zeimu"),
    "収納課": ("収納係", "0248-88-9128", f"{CITY_HALL}1階", "shuno"),
    "環境課": ("廃棄物対策係", "0248-88-9133", f"{CITY_HALL}3階", "kankyo"),
    "保険年金課": ("国保係", "0248-88-9136", f"{CITY_HALL}1階", "hoken"),
    "こども課": ("子育て支援係", "0248-88-8115", f"{CITY_HALL}2階", "kodomo"),
    "保育課": ("保育係", "0248-88-8117", f"{CITY_HALL}2階", "hoiku"),
    "学校教育課": ("学務係", "0248-88-9173", f"{CITY_HALL}5階", "gakko"),
    "生涯学習スポーツ課": ("生涯学習係", "0248-88-9171", f"{CITY_HALL}5階", "shogai"),
    "長寿福祉課": ("介護保険係", "0248-88-9142", f"{CITY_HALL}2階", "choju"),
    "社会福祉課": ("障がい福祉係", "0248-88-9138", f"{CITY_HALL}2階", "fukushi"),
    "健康づくり課": ("保健係", "0248-88-8113", "須賀川市保健センター", "kenko"),
    "市民安全課": ("危機管理係", "0248-88-9115", f"{CITY_HALL}4階", "anzen"),
    "観光交流課": ("観光係", "0248-88-9144", f"{CITY_HALL}4階", "kanko"),
    "文化振興課": ("文化係", "0248-88-9172", f"{CITY_HALL}5階", "bunka"),
    "建築住宅課": ("住宅係", "0248-88-9152", f"{CITY_HALL}4階", "kenchiku"),
    "都市計画課": ("都市計画係", "0248-88-9153", f"{CITY_HALL}4階", "toshi"),
    "道路河川課": ("管理係", "0248-88-9154", f"{CITY_HALL}4階", "doro"),
    "下水道課": ("下水道係", "0248-88-9161", f"{CITY_HALL}4階", "gesui"),
    "経営課": ("料金係", "0248-88-9157", f"{CITY_HALL}4階（上下水道部）", "keiei"),
    "水道施設課": ("施設係", "0248-88-9158", f"{CITY_HALL}4階（上下水道部）", "suido"),
}

# Categories in the order residents look for them; slugs make readable listing URLs.
CITY_CATEGORIES = [
    ("ごみ・リサイクル", "gomi", "ごみの分け方・出し方、粗大ごみ、リサイクル"),
    ("住民票・戸籍・印鑑登録", "koseki", "住民票、戸籍、引っ越し、マイナンバーカード"),
    ("税金", "zei", "市県民税、固定資産税、軽自動車税、納付"),
    ("国民健康保険・年金", "kokuho", "国民健康保険、後期高齢者医療、国民年金"),
    ("子育て", "kosodate", "妊娠・出産、手当、保育所、子育て相談"),
    ("学校・教育", "gakko", "入学・転校、就学援助、図書館、公民館"),
    ("福祉・介護", "fukushi", "介護保険、高齢者、障がいのある方、生活の相談"),
    ("健康・医療", "kenko", "休日当番医、検診、予防接種、健康相談"),
    ("防災・安全", "bosai", "避難所、防災マップ、防災メール、防犯"),
    ("上下水道", "gesuido", "水道の手続き、下水道、浄化槽"),
    ("住まい・道路", "sumai", "市営住宅、道路、ペット、移住"),
    ("観光・文化・スポーツ", "kanko", "牡丹園、松明あかし、円谷英二ミュージアム、施設予約"),
]
WATER_CATEGORIES = [
    ("水道の使用開始・中止", "suido-kaishi", "引っ越しのときの手続き"),
    ("水道料金・支払い", "suido-ryokin", "料金の計算、支払い方法、漏水"),
    ("水質・にごり", "suido-suishitsu", "水質検査、にごり"),
    ("断水・工事", "suido-dansui", "断水、凍結、道路の漏水"),
]


def _ensure_departments(ctx):
    from home.models import Department

    known = dict(ctx.extra.get("departments") or {})
    for name, (section, phone, location, mailbox) in DEPARTMENTS.items():
        if name in known:
            continue
        existing = Department.objects.filter(name=name).order_by("sort_order", "section").first()
        if existing is not None:
            known[name] = existing
            continue
        known[name] = ensure_object(
            ctx,
            Department,
            {"name": name, "section": section},
            phone=phone,
            email=f"{mailbox}@city.sukagawa.example",
            location=location,
            office_hours=OFFICE_HOURS,
        )
    ctx.extra["departments"] = known
    return known


def _ensure_categories(ctx, categories, start):
    from .models import FAQCategory

    for offset, (name, slug, description) in enumerate(categories):
        ensure_object(
            ctx,
            FAQCategory,
            {"name": name},
            slug=slug,
            description=description,
            sort_order=start + offset * 10,
        )


# Wording that comes from a rule in code, so an answer cannot drift from what the form enforces.
DEMO_PLACEHOLDERS = {"{水道の申込み期限}": "water.business_days.advance_notice_text"}


def demo_csv_bytes(csv_path):
    from django.utils.module_loading import import_string

    text = csv_path.read_bytes().decode("utf-8-sig")
    for placeholder, function in DEMO_PLACEHOLDERS.items():
        if placeholder in text:
            text = text.replace(placeholder, import_string(function)())
    return text.encode("utf-8")


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
    rows, _encoding, names = read_rows(demo_csv_bytes(csv_path))
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

    names = [name for name, _slug, _description in CITY_CATEGORIES + WATER_CATEGORIES]
    FAQCategory.objects.filter(name__in=names).delete()
