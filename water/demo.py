"""Demo content of the water-utility site: pages, three notices, a sample rate table, twelve months of
water-quality results and the 経営課 group. Idempotent: a second run changes nothing.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from cms.demo_utils import ensure_object, ensure_page
from water.models import (
    SewerageVolumeTier,
    WaterApplicationPage,
    WaterHomePage,
    WaterMeterBasicCharge,
    WaterNewsIndexPage,
    WaterNewsPage,
    WaterOutageNoticeIndexPage,
    WaterOutageNoticePage,
    WaterQualityItem,
    WaterQualityPage,
    WaterQualityResult,
    WaterQualitySamplingPoint,
    WaterRatePage,
    WaterStandardPage,
    WaterVolumeTier,
)
from water.permissions import ensure_staff_group


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


# The intro is cms.demo's (it creates the water root); this app adds the emergency contact.
HOME = {
    "emergency_heading": "漏水・故障の連絡先（24時間受付）",
    "emergency_phone": "0248-88-9157",
    "emergency_text": "<p>道路や水道メーターまわりの漏水、水が出ない・濁っているなどの故障は、夜間・休日も上の電話番号で受け付けています。"
    "夜間・休日は委託先の職員が対応します。</p>"
    "<p>宅地内（メーターより家側）の漏水の修理は、<b>須賀川市指定給水装置工事事業者</b>へご依頼ください。</p>",
}


# --- 料金（見本） --------------------------------------------------------------------------------------
# Plausible values for a Japanese city of 75,000 people, per two months and before tax. NOT the
# city's real tariff: the page says so (is_sample) until staff enter the real one.
BASIC_CHARGES = [(13, "1760"), (20, "2860"), (25, "4400"), (40, "11000"), (50, "17600"), (75, "38500")]
VOLUME_TIERS = [(0, 20, "0"), (20, 40, "165"), (40, 100, "198"), (100, None, "231")]
SEWERAGE_BASIC = "2200"
SEWERAGE_TIERS = [(0, 20, "0"), (20, 60, "143"), (60, None, "165")]


def _ensure_rate_rows(page):
    """Rows of the rate table, replaced only when they differ (so a second run saves nothing)."""
    wanted_basic = [(d, Decimal(c)) for d, c in BASIC_CHARGES]
    wanted_tiers = [(lo, up, Decimal(p)) for lo, up, p in VOLUME_TIERS]
    wanted_sewer = [(lo, up, Decimal(p)) for lo, up, p in SEWERAGE_TIERS]
    current_basic = [(r.diameter_mm, r.basic_charge) for r in page.basic_charges.all()]
    current_tiers = [(r.lower_m3, r.upper_m3, r.price_per_m3) for r in page.volume_tiers.all()]
    current_sewer = [(r.lower_m3, r.upper_m3, r.price_per_m3) for r in page.sewerage_tiers.all()]
    if (current_basic, current_tiers, current_sewer) == (wanted_basic, wanted_tiers, wanted_sewer):
        return False
    page.basic_charges = [WaterMeterBasicCharge(diameter_mm=d, basic_charge=c) for d, c in wanted_basic]
    page.volume_tiers = [
        WaterVolumeTier(lower_m3=lo, upper_m3=up, price_per_m3=p) for lo, up, p in wanted_tiers
    ]
    page.sewerage_tiers = [
        SewerageVolumeTier(lower_m3=lo, upper_m3=up, price_per_m3=p) for lo, up, p in wanted_sewer
    ]
    page.save_revision().publish()
    return True


# --- 断水・濁水・工事のお知らせ ------------------------------------------------------------------------------


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), timezone.get_current_timezone())


def _notice_times(today):
    """Times of the three demo notices relative to `today`: one in progress, one planned, one ended."""
    return {
        "haisuikan-koji-omachi": (
            _at(today - timedelta(days=7), 8, 30),
            _at(today + timedelta(days=21), 17, 0),
        ),
        "dansui-miyasaki": (_at(today + timedelta(days=10), 9, 0), _at(today + timedelta(days=10), 15, 0)),
        "rosui-shufuku-hachiman": (
            _at(today - timedelta(days=20), 10, 0),
            _at(today - timedelta(days=20), 14, 30),
        ),
    }


NOTICE_TEXT = {
    "haisuikan-koji-omachi": {
        "title": "大町地内 配水管布設替え工事のお知らせ",
        "kind": "works",
        "area": "大町の一部（大町交差点から宮先町方面へ約300メートル）",
        "reason": "construction",
        "expected": "active",
        "details": [
            paragraph(
                "<p>古くなった配水管を地震に強い管に取り替える工事を行っています。工事中は片側交互通行になります。</p>"
                "<p>工事の区間では、水道水が一時的ににごることがあります。にごりが出た場合は、透明になるまでしばらく水を流してからお使いください。</p>"
            )
        ],
    },
    "dansui-miyasaki": {
        "title": "宮先町の一部で断水します（配水管の切り替え作業）",
        "kind": "outage",
        "area": "宮先町の一部（対象のお宅には事前にお知らせを配布します）",
        "reason": "construction",
        "expected": "planned",
        "details": [
            paragraph(
                "<p>新しい配水管へ切り替える作業のため、断水します。作業の進み具合により、時間が前後することがあります。</p>"
                "<p>断水の前に、飲み水や生活用水のくみ置きをお願いします。断水の後は水がにごることがありますので、透明になるまで水を流してからお使いください。</p>"
                "<p>雨天の場合も予定どおり行います。</p>"
            )
        ],
    },
    "rosui-shufuku-hachiman": {
        "title": "八幡町地内の漏水修繕に伴う断水（終了しました）",
        "kind": "outage",
        "area": "八幡町の一部",
        "reason": "emergency",
        "expected": "ended",
        "details": [
            paragraph(
                "<p>道路の下の配水管から漏水が見つかったため、緊急に修繕を行いました。修繕は終わり、通常どおり水道をお使いいただけます。</p>"
                "<p>ご協力ありがとうございました。</p>"
            )
        ],
    },
}


def _ensure_notices(ctx, index):
    """Dates are set when a notice is created; a later run moves them only when the notice's status
    has drifted from what the demo needs (the demo database is older than the notice), so an
    immediate second run changes nothing."""
    now = timezone.now()
    times = _notice_times(timezone.localdate(now))
    for slug, text in NOTICE_TEXT.items():
        fields = {k: v for k, v in text.items() if k != "expected"}
        existing = WaterOutageNoticePage.objects.child_of(index).filter(slug=slug).first()
        if existing is None or existing.status(now) != text["expected"]:
            fields["starts_at"], fields["ends_at"] = times[slug]
        ensure_page(ctx, index, WaterOutageNoticePage, slug, **fields)


# --- 水質（12か月） -------------------------------------------------------------------------------------

QUALITY_ITEMS = [
    # name, unit, standard text, min, max, must not be detected
    ("一般細菌", "個/mL", "100以下", None, "100", False),
    ("大腸菌", "", "検出されないこと", None, None, True),
    ("残留塩素", "mg/L", "0.1以上", "0.1", None, False),
    ("濁度", "度", "2以下", None, "2", False),
    ("色度", "度", "5以下", None, "5", False),
    ("pH値", "", "5.8以上8.6以下", "5.8", "8.6", False),
]
SAMPLING_POINTS = [
    ("須賀川市役所（給水栓）", "市街地の代表地点です。"),
    ("長沼支所（給水栓）", "長沼地域の代表地点です。"),
    ("岩瀬支所（給水栓）", "岩瀬地域の代表地点です。"),
]


def _quality_value(item_index, point_index, month):
    """Plausible, varied and reproducible results (the same every run)."""
    seed = (month.month * 7 + point_index * 3 + item_index) % 10
    summer = month.month in (6, 7, 8, 9)
    if item_index == 0:
        return str(seed % 3)
    if item_index == 1:
        return "検出されず"
    if item_index == 2:
        return f"{Decimal('0.30') + Decimal(seed) / 50 - (Decimal('0.08') if summer else 0):.2f}"
    if item_index == 3:
        return "0.1未満" if seed % 4 else "0.1"
    if item_index == 4:
        return "1未満" if seed % 3 else "1"
    return f"{Decimal('7.1') + Decimal(seed % 5) / 10:.1f}"


def _ensure_quality(ctx):
    items = []
    for order, (name, unit, text, minimum, maximum, nd) in enumerate(QUALITY_ITEMS, start=1):
        items.append(
            ensure_object(
                ctx,
                WaterQualityItem,
                {"name": name},
                unit=unit,
                standard_text=text,
                standard_min=Decimal(minimum) if minimum else None,
                standard_max=Decimal(maximum) if maximum else None,
                must_not_be_detected=nd,
                sort_order=order,
            )
        )
    points = [
        ensure_object(
            ctx, WaterQualitySamplingPoint, {"name": name}, description=description, sort_order=order
        )
        for order, (name, description) in enumerate(SAMPLING_POINTS, start=1)
    ]
    # The twelve months before the current one, counted from a fixed anchor on a first run and kept
    # on later runs (months already present are not moved).
    today = timezone.localdate()
    first = date(today.year, today.month, 1)
    months = []
    for _ in range(12):
        first = (first - timedelta(days=1)).replace(day=1)
        months.append(first)
    if WaterQualityResult.objects.exists():
        return
    for month in months:
        for pi, point in enumerate(points):
            for ii, item in enumerate(items):
                WaterQualityResult(
                    month=month, sampling_point=point, item=item, value=_quality_value(ii, pi, month)
                ).save()
                ctx.created += 1


def seed(ctx):
    root = ctx.water_root
    if not isinstance(root, WaterHomePage):
        return
    ensure_staff_group()
    _ensure_home(ctx, root)

    news_index = ensure_page(
        ctx,
        root,
        WaterNewsIndexPage,
        "oshirase",
        title="お知らせ",
        show_in_menus=True,
        intro="<p>水道事業からのお知らせです。</p>",
    )
    for slug, title, day, body in NEWS:
        ensure_page(ctx, news_index, WaterNewsPage, slug, title=title, date=day, body=body)

    outage_index = ensure_page(
        ctx,
        root,
        WaterOutageNoticeIndexPage,
        "dansui",
        title="断水・濁水・工事のお知らせ",
        show_in_menus=True,
        intro="<p>断水や濁水が起きる工事、緊急の修繕をお知らせします。状態（予定・実施中・終了）は日時から自動で表示しています。</p>",
    )
    _ensure_notices(ctx, outage_index)

    rate_page = ensure_page(
        ctx,
        root,
        WaterRatePage,
        "ryokin",
        title="水道料金・下水道使用料",
        show_in_menus=True,
        is_sample=True,
        intro="<p>水道料金と下水道使用料は、2か月ごとの検針で使用水量を確かめ、2か月分をまとめて請求します。</p>",
        billing_period_months=2,
        tax_rate=Decimal("10.0"),
        rounding="floor",
        sewerage_basic_charge=Decimal(SEWERAGE_BASIC),
        notes="<ul><li>使用水量は1m³未満を切り捨てます。</li>"
        "<li>井戸水を使って公共下水道に流している場合は、別に認定した水量で下水道使用料を計算します。</li></ul>",
    )
    if _ensure_rate_rows(rate_page):
        ctx.updated += 1

    _ensure_quality(ctx)
    ensure_page(
        ctx,
        root,
        WaterQualityPage,
        "suishitsu",
        title="水質検査の結果",
        show_in_menus=True,
        intro="<p>水道法に基づき、毎月、市内の給水栓（蛇口）で水質検査を行っています。検査した月を選ぶと、採水地点ごとの結果を表示します。</p>",
        notes="<ul><li>「0.1未満」などは、検査で測れる最小の値より少ないことを表します。</li>"
        "<li>基準値を超えた場合は、表の中に「基準値超過」と表示し、原因と対策をお知らせします。</li></ul>",
    )

    privacy = ensure_page(
        ctx,
        root,
        WaterStandardPage,
        "kojinjoho",
        title="水道の申込みにおける個人情報の取扱い",
        body=[
            paragraph(
                "<p>須賀川市上下水道部経営課は、インターネットでの水道の使用開始・中止・名義変更の申込みでお預かりした個人情報を、"
                "次のとおり取り扱います。</p>"
                "<ul><li>利用の目的：水道の開栓・閉栓の作業、料金の精算、申込み内容の確認のための連絡に使います。</li>"
                "<li>保存の期間：申込みの処理が完了してから1年を過ぎたものは、氏名・住所・電話番号などを削除します。</li>"
                "<li>提供：法令に基づく場合を除き、本人の同意なく第三者に提供しません。</li>"
                "<li>閲覧できる人：申込みを処理する経営課の職員に限ります。</li></ul>"
                "<p>このホームページの閲覧数は、どのページが1日に何回表示されたかの合計だけを数えています。"
                "Cookie、IPアドレス、端末やブラウザーを識別する情報は使わず、保存もしません。"
                "検索エンジンなどのロボットと職員の閲覧は数えません。</p>"
            )
        ],
    )
    ensure_page(
        ctx,
        root,
        WaterApplicationPage,
        "apply",
        title="水道の使用開始・中止の申込み",
        show_in_menus=True,
        intro="<p>引っ越しなどで水道の使用を始めるとき・やめるとき、使用者の名義を変えるときは、このフォームでお申し込みください（24時間受付）。</p>"
        "<ul><li>希望日は、申込みの日から3開庁日目以降、60日後までの開庁日を選べます。</li>"
        "<li>入力の後に確認画面があります。送信すると受付番号をお知らせします。</li></ul>",
        privacy_summary="<p>入力された個人情報は、水道の開栓・閉栓の作業と料金の精算にだけ使い、処理の完了から1年後に削除します。</p>",
        privacy_page=privacy,
        completion_text="<p>使用開始の場合、メーターボックスの中のバルブを開けると水が出ます。水が出ないときは経営課（電話 0248-88-9157）へご連絡ください。</p>",
    )


def _ensure_home(ctx, root):
    from cms.demo_utils import assign_if_changed

    if assign_if_changed(root, HOME):
        root.save_revision().publish()
        ctx.updated += 1


NEWS = [
    (
        "ryokin-kaitei-setsumeikai",
        "水道料金の見直しについての説明会を開きます",
        date(2026, 11, 10),
        [
            paragraph(
                "<p>水道施設の更新にかかる費用の見通しと、水道料金の見直しの考え方について、市民の皆さんへの説明会を開きます。</p>"
                "<p>会場は市役所本庁舎です。申込みは不要です。</p>"
            )
        ],
    ),
    (
        "toketsu-chui",
        "冬の水道管の凍結にご注意ください",
        date(2026, 11, 1),
        [
            paragraph(
                "<p>気温が氷点下4度以下になると、水道管が凍ったり破裂したりすることがあります。"
                "外にむき出しになっている水道管は、保温材や布で包んでください。</p>"
                "<p>凍って水が出ないときは、タオルをかぶせてぬるま湯をゆっくりかけてください。熱湯をかけると管が破裂することがあります。</p>"
            )
        ],
    ),
    (
        "web-uketsuke-kaishi",
        "水道の使用開始・中止の申込みをインターネットで受け付けています",
        date(2026, 10, 1),
        [
            paragraph(
                "<p>引っ越しなどの際の水道の使用開始・中止の申込みを、24時間インターネットで受け付けています。"
                "電話や窓口でのお申し込みも、これまでどおり受け付けます。</p>"
            )
        ],
    ),
]


def reset(ctx):
    """Data rows of the demo (pages go with the water root, removed by cms.demo)."""
    WaterQualityResult.objects.all().delete()
    WaterQualityItem.objects.all().delete()
    WaterQualitySamplingPoint.objects.all().delete()
