"""観光交流課 opens wagtail-localize's translation editor of an English page: in Japanese, no error."""

import html
import json
import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale

from home.permissions import TOURISM_EDITORS, ensure_editor_groups


def test_tourism_editor_opens_the_translation_editor_in_japanese(client, guide):
    ensure_editor_groups(guide["root"])
    editor = get_user_model().objects.create_user("kanko", password="x-kanko-kanko")
    editor.groups.add(*editor.groups.model.objects.filter(name=TOURISM_EDITORS))
    client.force_login(editor)
    english_spot = guide["spot"].get_translation(Locale.objects.get(language_code="en"))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[english_spot.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>須賀川牡丹園の英語への翻訳 - Wagtail</title>" in page
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', page).group(1)))
    assert [tab["label"] for tab in props["tabs"]][:2] == ["内容", "検索・メニュー"]
    assert props["sourceLocale"]["displayName"] == "日本語"
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", props["object"]["lastPublishedDate"])
    # No DEEPL_API_KEY here: no machine-translation button (not the dummy that reverses text).
    assert props["machineTranslator"] is None
