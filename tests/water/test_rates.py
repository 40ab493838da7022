from decimal import Decimal

import pytest
from django.conf import settings

from tests.water.factories import WaterRatePageFactory
from water.models import SewerageVolumeTier, WaterMeterBasicCharge, WaterRatePage, WaterVolumeTier
from water.rates import RateSchedule, Tier, build_rate_schedule

TIERS = [
    Tier(0, 20, Decimal("0")),
    Tier(20, 40, Decimal("165")),
    Tier(40, 100, Decimal("198")),
    Tier(100, None, Decimal("231")),
]


def schedule(rounding="floor", diameter_tiers=None):
    return RateSchedule(
        tax_rate=Decimal("10"),
        rounding=rounding,
        period_months=2,
        basic_charges={13: Decimal("1760"), 20: Decimal("2860")},
        common_tiers=TIERS,
        diameter_tiers=diameter_tiers or {},
        sewerage_basic=Decimal("2200"),
        sewerage_tiers=[
            Tier(0, 20, Decimal("0")),
            Tier(20, 60, Decimal("143")),
            Tier(60, None, Decimal("165")),
        ],
    )


@pytest.mark.parametrize(
    ("usage", "water_total"),
    [
        (0, 1936),  # basic charge only: 1,760 × 1.1
        (20, 1936),  # the last m³ of the first tier (included in the basic charge)
        (21, 2117),  # 1,925 × 1.1 = 2,117.5 → 1円未満切り捨て
        (40, 5566),  # 1,760 + 20 × 165 = 5,060 × 1.1
        (41, 5783),  # + 198 → 5,258 × 1.1 = 5,783.8
        (100, 18634),  # 1,760 + 3,300 + 60 × 198 = 16,940 × 1.1
        (101, 18888),  # + 231 → 17,171 × 1.1 = 18,888.1
    ],
)
def test_water_charge_at_tier_boundaries(usage, water_total):
    assert schedule().calculate(13, usage).water.total == water_total


def test_breakdown_lists_basic_charge_and_each_used_tier():
    bill = schedule().calculate(13, 41).water
    assert [(line.label, line.volume, line.amount) for line in bill.lines] == [
        ("基本料金", None, Decimal("1760")),
        ("20m³まで", 20, Decimal("0")),
        ("21〜40m³", 20, Decimal("3300")),
        ("41〜100m³", 1, Decimal("198")),
    ]
    assert bill.subtotal == Decimal("5258")
    assert bill.tax == Decimal("525.8")


def test_rounding_rule_is_applied():
    assert schedule(rounding="round").calculate(13, 21).water.total == 2118
    assert schedule(rounding="ceil").calculate(13, 41).water.total == 5784


def test_sewerage_and_combined_total():
    result = schedule().calculate(13, 21)
    assert result.sewerage.total == 2577  # (2,200 + 143) × 1.1 = 2,577.3
    assert result.combined_total == 2117 + 2577


def test_diameter_specific_tiers_replace_the_common_ones():
    big = {20: [Tier(0, None, Decimal("300"))]}
    result = schedule(diameter_tiers=big).calculate(20, 10)
    assert result.water.subtotal == Decimal("2860") + Decimal("3000")


def test_tier_labels():
    assert [t.label for t in TIERS] == ["20m³まで", "21〜40m³", "41〜100m³", "101m³以上"]


@pytest.fixture()
def rate_page(water_root):
    page = WaterRatePageFactory(parent=water_root, is_sample=True)
    page.basic_charges = [WaterMeterBasicCharge(diameter_mm=13, basic_charge=Decimal("1760"))]
    page.volume_tiers = [
        WaterVolumeTier(lower_m3=t.lower, upper_m3=t.upper, price_per_m3=t.price) for t in TIERS
    ]
    page.sewerage_tiers = [SewerageVolumeTier(lower_m3=0, upper_m3=None, price_per_m3=Decimal("143"))]
    page.save_revision().publish()
    return page


def test_schedule_is_built_from_the_pages_rows(rate_page):
    built = build_rate_schedule(rate_page)
    assert built.calculate(13, 41).water.total == 5783


def test_rate_page_shows_table_and_sample_warning(client, rate_page):
    html = client.get("/ryokin/", HTTP_HOST=settings.WATER_HOSTNAME).content.decode()
    assert "この料金表は見本です" in html
    assert '<caption id="water-rate-caption">' in html
    assert "13mm" in html and "1,760円" in html and "41〜100m³" in html


def test_calculator_works_without_javascript(client, rate_page):
    response = client.get("/ryokin/?diameter=13&usage=41", HTTP_HOST=settings.WATER_HOSTNAME)
    html = response.content.decode()
    assert response.status_code == 200
    assert "口径13mm、使用水量41m³の場合" in html
    assert "5,783円" in html
    # Sewerage: (2,200 + 41 × 143) × 1.1 = 8,869.3 → 8,869; total 14,652.
    assert "8,869円" in html
    assert "合計 <strong>14,652円</strong>" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("diameter=13&usage=abc", "使用水量は0以上の整数（半角数字）で入力してください。"),
        ("diameter=13&usage=-5", "使用水量は0以上の整数で入力してください。"),
        ("diameter=99&usage=10", "メーターの口径は一覧から選んでください。"),
        ("diameter=13&usage=" + "9" * 500, "使用水量は99999m³以下で入力してください。"),
        ("diameter=13&usage=%00", "使用水量は0以上の整数（半角数字）で入力してください。"),
    ],
)
def test_calculator_bad_input_gets_a_japanese_message(client, rate_page, query, message):
    response = client.get(f"/ryokin/?{query}", HTTP_HOST=settings.WATER_HOSTNAME)
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("bands", "problem"),
    [
        ([(0, 20), (20, None)], None),
        ([(0, 20), (30, None)], "20m³を超える量から始まる段階が必要です"),
        ([(0, 20), (20, 40)], "最後の段階の上限は空欄"),
        ([(5, None)], "0m³を超える量から始まる段階が必要です"),
        ([(0, 20), (20, 15)], "上限は下限より大きく"),
    ],
)
def test_editors_are_told_about_gaps_in_the_tiers(bands, problem):
    from water.models import tier_problems

    problems = tier_problems(bands, "従量料金")
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_rate_page_form_rejects_a_gap(rate_page):
    form_class = WaterRatePage.get_edit_handler().get_form_class()
    data = {
        "title": rate_page.title,
        "slug": rate_page.slug,
        "billing_period_months": "2",
        "tax_rate": "10.0",
        "rounding": "floor",
        "sewerage_basic_charge": "0",
    }

    def formset(prefix, rows):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{i}-{key}"] = value
            data[f"{prefix}-{i}-ORDER"] = str(i + 1)

    formset("basic_charges", [{"diameter_mm": "13", "basic_charge": "1760"}])
    formset(
        "volume_tiers",
        [
            {"lower_m3": "0", "upper_m3": "20", "price_per_m3": "0"},
            {"lower_m3": "30", "upper_m3": "", "price_per_m3": "165"},
        ],
    )
    formset("sewerage_tiers", [])
    formset("comments", [])
    form = form_class(data, instance=rate_page, for_user=None)
    assert not form.is_valid()
    assert any("20m³を超える量から始まる段階が必要です" in e for e in form.non_field_errors())
