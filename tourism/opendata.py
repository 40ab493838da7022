"""Open data CSVs of the published spots and events, in the 自治体標準オープンデータセット layouts.

The header names and their order are those of shared/reference/opendata-columns.md; the English
columns come from the English translation of the same page and stay empty without one.

Spreadsheet formulas (docs/security.md, "Open data"): the files are read by programs and by people
in Excel, so the rule is per column. Columns the system fills with typed values (codes, NO,
coordinates, dates, times, fees, capacity, the page and image URLs it builds) are written as they
are. Phone columns are written as they are when they hold only digits, + - ( ) and spaces, so that
+81-248-75-1111 stays a phone number; anything else there, and every text column an editor types
(名称, 説明, 駐車場情報…), goes through cms.security.spreadsheets.neutralise: a cell that starts
with = + - @ TAB or CR gets a leading apostrophe and is shown as text, never evaluated.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms.security.spreadsheets import neutralise

LOCAL_GOVERNMENT_CODE = "072079"
PREFECTURE = "福島県"
MUNICIPALITY = "須賀川市"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"

SPOT_COLUMNS = [
    "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "名称", "名称_カナ", "名称_英語",
    "POIコード", "住所", "方書", "緯度", "経度", "利用可能曜日", "開始時間", "終了時間",
    "利用可能日時特記事項", "料金（基本）", "料金（詳細）", "説明", "説明_英語", "アクセス方法",
    "駐車場情報", "バリアフリー情報", "連絡先名称", "連絡先電話番号", "連絡先内線番号", "画像",
    "画像_ライセンス", "URL", "備考",
]  # fmt: skip

EVENT_COLUMNS = [
    "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "イベント名", "イベント名_カナ",
    "イベント名_英語", "開始日", "終了日", "開始時間", "終了時間", "開始日時特記事項", "説明",
    "料金(基本)", "料金(詳細)", "連絡先名称", "連絡先電話番号", "連絡先内線番号", "主催者", "場所名称",
    "住所", "方書", "緯度", "経度", "アクセス方法", "駐車場情報", "定員", "参加申込終了日",
    "参加申込終了時間", "参加申込方法", "URL", "備考",
]  # fmt: skip


# Filled by the system from typed fields: never text an editor typed.
TYPED_COLUMNS = {
    "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "緯度", "経度", "開始時間",
    "終了時間", "料金（基本）", "料金(基本)", "開始日", "終了日", "定員", "参加申込終了日",
    "参加申込終了時間", "画像", "URL",
}  # fmt: skip
PHONE_COLUMNS = {"連絡先電話番号", "連絡先内線番号"}
# A phone number: digits and the separators people write; a leading + for +81 (no letters, so no
# function call or cell reference can hide in it).
_PHONE = re.compile(r"^\+?[0-9()\- ]+$")


def open_data_cell(column, value):
    """The cell as published: typed columns raw, phone numbers raw, other text neutralised."""
    if column in TYPED_COLUMNS:
        return value
    if column in PHONE_COLUMNS and (value == "" or _PHONE.match(value)):
        return value
    return neutralise(value)


def _time(value):
    return value.strftime("%H:%M") if value else ""


def _date(value):
    return value.strftime("%Y-%m-%d") if value else ""


def _number(value):
    return "" if value is None else str(value)


def _coordinate(value):
    return "" if value is None else f"{value:f}"


def _english(pages):
    """The live English translation of each page, keyed by translation_key."""
    locale = Locale.objects.filter(language_code="en").first()
    if locale is None:
        return {}
    model = type(pages[0]) if pages else None
    if model is None:
        return {}
    translations = model.objects.live().filter(
        locale=locale, translation_key__in=[page.translation_key for page in pages]
    )
    return {page.translation_key: page for page in translations}


def _japanese(model):
    locale = Locale.get_default()
    return list(model.objects.live().public().filter(locale=locale).order_by("path").select_related("photo"))


def _image_url(page, request):
    if not page.photo_id:
        return ""
    rendition = page.photo.get_rendition("original")
    return request.build_absolute_uri(rendition.url) if request else rendition.url


def _url(page, request):
    # From the request, not the Site record: the Site says port 80 even when the city serves another port.
    if request is None:
        return page.get_full_url() or ""
    return request.build_absolute_uri(page.get_url(request))


def spot_rows(request=None):
    from tourism.models import SpotPage

    spots = _japanese(SpotPage)
    english = _english(spots)
    for number, spot in enumerate(spots, start=1):
        en = english.get(spot.translation_key)
        access = " ".join(text for text in [spot.access_from_station, spot.access_from_expressway] if text)
        availability = "。".join(text.rstrip("。") for text in [spot.opening_hours, spot.closed_days] if text)
        yield [
            LOCAL_GOVERNMENT_CODE, str(number), PREFECTURE, MUNICIPALITY, spot.title, spot.reading,
            en.title if en else "", "", spot.address, spot.address_note,
            _coordinate(spot.latitude), _coordinate(spot.longitude), spot.open_weekdays,
            _time(spot.opening_time), _time(spot.closing_time), availability,
            _number(spot.fee_basic), spot.fee_details, spot.summary, en.summary if en else "",
            access, spot.parking, spot.barrier_free, spot.contact_name, spot.contact_phone, "",
            _image_url(spot, request), spot.photo_licence if spot.photo_id else "", _url(spot, request), "",
        ]  # fmt: skip


def event_rows(request=None):
    from tourism.models import EventPage

    events = _japanese(EventPage)
    english = _english(events)
    for number, event in enumerate(events, start=1):
        en = english.get(event.translation_key)
        venue = event.venue_spot if event.venue_spot_id else None
        coords = event.coordinates
        yield [
            LOCAL_GOVERNMENT_CODE, str(number), PREFECTURE, MUNICIPALITY, event.title, event.reading,
            en.title if en else "", _date(event.start_date), _date(event.end_date or event.start_date),
            _time(event.start_time), _time(event.end_time), event.date_note, event.summary,
            _number(event.fee_basic), event.fee_details, event.contact_name, event.contact_phone, "",
            event.organizer, event.venue_name or (venue.title if venue else ""),
            event.venue_address or (venue.address if venue else ""), venue.address_note if venue else "",
            _coordinate(coords[0]) if coords else "", _coordinate(coords[1]) if coords else "",
            event.access or (venue.access_from_station if venue else ""),
            event.parking or (venue.parking if venue else ""), _number(event.capacity),
            _date(event.application_deadline), "", event.how_to_apply, _url(event, request), "",
        ]  # fmt: skip


def render_csv(columns, rows):
    """UTF-8 with BOM and CRLF: the form Excel and the national data catalogue both read."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([open_data_cell(column, value) for column, value in zip(columns, row, strict=True)])
    return buffer.getvalue()


@dataclass
class Dataset:
    slug: str
    title: str
    filename: str
    columns: list
    rows: object
    model_name: str

    @property
    def path(self):
        return f"/opendata/{self.slug}.csv"

    @property
    def download_name(self):
        return f"{LOCAL_GOVERNMENT_CODE}_{self.filename}.csv"

    def model(self):
        from django.apps import apps

        return apps.get_model("tourism", self.model_name)

    def last_updated(self):
        return self.model().objects.live().aggregate(latest=Max("last_published_at"))["latest"]

    def count(self):
        return self.model().objects.live().public().filter(locale=Locale.get_default()).count()

    def describe(self):
        return {
            "slug": self.slug,
            "title": self.title,
            "path": self.path,
            "download_name": self.download_name,
            "columns": len(self.columns),
            "count": self.count(),
            "last_updated": self.last_updated(),
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
        }


DATASETS = [
    Dataset("kanko", _("観光施設一覧"), "tourism", SPOT_COLUMNS, spot_rows, "SpotPage"),
    Dataset("event", _("イベント一覧"), "event", EVENT_COLUMNS, event_rows, "EventPage"),
]
