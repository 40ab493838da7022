"""料金シミュレーション: the charge for a meter diameter and the m³ used in one billing period.

Pure computation from the rate rows of a WaterRatePage, so it runs on the server (no JavaScript)
and is tested at every tier boundary.
"""

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django import forms

ROUNDING = {"floor": ROUND_FLOOR, "round": ROUND_HALF_UP, "ceil": ROUND_CEILING}
MAX_USAGE_M3 = 99999


@dataclass(frozen=True)
class Tier:
    lower: int
    upper: int | None
    price: Decimal

    @property
    def label(self):
        if self.upper is None:
            return f"{self.lower + 1}m³以上"
        if self.lower == 0:
            return f"{self.upper}m³まで"
        return f"{self.lower + 1}〜{self.upper}m³"

    def volume_in(self, usage):
        top = usage if self.upper is None else min(usage, self.upper)
        return max(0, top - self.lower)


@dataclass
class Line:
    label: str
    amount: Decimal
    volume: int | None = None
    price: Decimal | None = None


@dataclass
class Bill:
    title: str
    lines: list = field(default_factory=list)
    subtotal: Decimal = Decimal("0")
    tax: Decimal = Decimal("0")
    total: int = 0


@dataclass
class Calculation:
    diameter: int
    usage: int
    water: Bill
    sewerage: Bill | None

    @property
    def combined_total(self):
        return self.water.total + (self.sewerage.total if self.sewerage else 0)


@dataclass
class RateSchedule:
    tax_rate: Decimal
    rounding: str
    period_months: int
    basic_charges: dict  # diameter_mm -> Decimal
    common_tiers: list
    diameter_tiers: dict  # diameter_mm -> [Tier]
    sewerage_basic: Decimal
    sewerage_tiers: list

    @property
    def diameters(self):
        return sorted(self.basic_charges)

    def tiers_for(self, diameter):
        return self.diameter_tiers.get(diameter) or self.common_tiers

    @property
    def has_sewerage(self):
        return bool(self.sewerage_tiers) or self.sewerage_basic > 0

    @property
    def tier_bands(self):
        """Every band of the table, for a header row shared by all diameters."""
        bands = {(t.lower, t.upper) for t in self.common_tiers}
        for tiers in self.diameter_tiers.values():
            bands.update((t.lower, t.upper) for t in tiers)
        return sorted(bands, key=lambda b: (b[0], b[1] is None, b[1] or 0))

    def table_rows(self):
        """(diameter, basic charge, [price or None per band]) for the public rate table."""
        bands = self.tier_bands
        rows = []
        for diameter in self.diameters:
            prices = {(t.lower, t.upper): t.price for t in self.tiers_for(diameter)}
            rows.append((diameter, self.basic_charges[diameter], [prices.get(b) for b in bands]))
        return rows

    def band_labels(self):
        return [Tier(lower, upper, Decimal(0)).label for lower, upper in self.tier_bands]

    def _round(self, amount):
        return int(amount.quantize(Decimal("1"), rounding=ROUNDING.get(self.rounding, ROUND_FLOOR)))

    def _bill(self, title, basic, tiers, usage):
        bill = Bill(title=title)
        bill.lines.append(Line("基本料金" if title == "水道料金" else "基本使用料", basic))
        for tier in tiers:
            volume = tier.volume_in(usage)
            if volume:
                bill.lines.append(Line(tier.label, tier.price * volume, volume, tier.price))
        bill.subtotal = sum((line.amount for line in bill.lines), Decimal("0"))
        bill.tax = bill.subtotal * self.tax_rate / Decimal(100)
        bill.total = self._round(bill.subtotal + bill.tax)
        return bill

    def calculate(self, diameter, usage):
        water = self._bill("水道料金", self.basic_charges[diameter], self.tiers_for(diameter), usage)
        sewerage = None
        if self.has_sewerage:
            sewerage = self._bill("下水道使用料", self.sewerage_basic, self.sewerage_tiers, usage)
        return Calculation(diameter=diameter, usage=usage, water=water, sewerage=sewerage)


def _tier(row):
    return Tier(row.lower_m3, row.upper_m3, Decimal(row.price_per_m3))


def build_rate_schedule(page):
    common, per_diameter = [], {}
    for row in sorted(page.volume_tiers.all(), key=lambda r: r.lower_m3):
        if row.diameter_mm:
            per_diameter.setdefault(row.diameter_mm, []).append(_tier(row))
        else:
            common.append(_tier(row))
    return RateSchedule(
        tax_rate=Decimal(page.tax_rate),
        rounding=page.rounding,
        period_months=page.billing_period_months,
        basic_charges={row.diameter_mm: Decimal(row.basic_charge) for row in page.basic_charges.all()},
        common_tiers=common,
        diameter_tiers=per_diameter,
        sewerage_basic=Decimal(page.sewerage_basic_charge),
        sewerage_tiers=[_tier(row) for row in sorted(page.sewerage_tiers.all(), key=lambda r: r.lower_m3)],
    )


class RateForm(forms.Form):
    diameter = forms.TypedChoiceField(
        label="メーターの口径",
        coerce=int,
        error_messages={
            "required": "メーターの口径を選んでください。",
            "invalid_choice": "メーターの口径は一覧から選んでください。",
        },
    )
    usage = forms.IntegerField(
        label="使用水量（m³）",
        min_value=0,
        max_value=MAX_USAGE_M3,
        help_text="検針票の「今回使用水量」（2か月分）を半角数字で入力してください。",
        error_messages={
            "required": "使用水量を入力してください。",
            "invalid": "使用水量は0以上の整数（半角数字）で入力してください。",
            "min_value": "使用水量は0以上の整数で入力してください。",
            "max_value": f"使用水量は{MAX_USAGE_M3}m³以下で入力してください。",
        },
    )

    def __init__(self, schedule, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["diameter"].choices = [("", "選んでください")] + [
            (d, f"{d}mm") for d in schedule.diameters
        ]
        self.fields["diameter"].widget.attrs["autocomplete"] = "off"
        self.fields["usage"].widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
