"""`manage.py a11y_audit`: one example of each problem in stored content is reported."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site
from wagtail.rich_text import RichText

from cms.a11y.audit import audit
from cms.a11y.checks import CHECKS, PAGE_CHECKS
from cms.a11y.content import checked_fields
from tests.a11y.factories import HOSTNAME, document, image, policy_page

pytestmark = pytest.mark.django_db


def every_problem_body():
    """A StreamField holding one example of every check (stored as imported content would be)."""
    photo = image()
    return [
        ("heading", {"text": "申請の方法", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>手続き①を済ませてください。ｽｶｶﾞﾜ市のＦＡＸ窓口、市　役　所の受付はR6.4.1からです。"
                "赤字の項目は必須です。</p>"
                '<p>詳しくは<a href="/kurashi/">こちら</a>。</p>'
                '<p><a href="/documents/1/shinsei.pdf">申請書</a></p>'
                "<h4>必要なもの</h4>"
            ),
        ),
        ("image", {"image": photo, "alt_text": "", "decorative": False, "caption": ""}),
        ("image", {"image": photo, "alt_text": "IMG_0012.jpg", "decorative": False, "caption": ""}),
        ("table", {"caption": "", "header": ["", ""], "rows": [["燃えるごみ", "月曜日"]]}),
        ("link", {"text": "ここ", "page": None, "url": "https://example.jp/"}),
    ]


def run_audit(*args):
    out = io.StringIO()
    call_command("a11y_audit", *args, stdout=out)
    return out.getvalue()


def test_audit_reports_each_problem_of_a_seeded_page():
    policy_page(title="点検用のページ", body=every_problem_body())
    output = run_audit()
    for check in CHECKS.values():
        if check.id not in PAGE_CHECKS:
            assert check.label in output, check.label
    for offending in [
        "①",
        "ｽｶｶﾞﾜ",
        "ＦＡＸ",
        "市\u3000役\u3000所",
        "R6.4.1",
        "赤字の項目",
        "こちら",
        "申請書",
        "IMG_0012.jpg",
        "ここ",
        "h2 → h4「必要なもの」",
    ]:
        assert offending in output, offending
    assert "点検用のページ" in output
    assert "本文 2番目のブロック（段落）" in output


def test_audit_summary_counts_errors_and_warnings():
    policy_page(title="点検用のページ", body=every_problem_body())
    result = audit(Site.objects.get(hostname=HOSTNAME))
    assert result.pages_checked == 1
    assert {p.check for p in result.problems} == set(CHECKS) - PAGE_CHECKS
    output = run_audit("--site", HOSTNAME)
    assert f"エラー：{result.error_count}件" in output
    assert f"警告：{result.warning_count}件" in output


def test_clean_page_reports_nothing():
    policy_page(
        body=[
            ("heading", {"text": "申請の方法", "level": "h2"}),
            (
                "paragraph",
                RichText(
                    '<p>申請書（PDF：120KB）は<a href="/kurashi/">くらし・手続きのページ</a>にあります。</p>'
                ),
            ),
            ("document", {"document": document(), "title": "申請書"}),
        ]
    )
    output = run_audit()
    assert "問題は見つかりませんでした。" in output
    assert "エラー：0件" in output


def test_rich_text_fields_of_any_page_type_are_checked():
    policy_page(intro="<p>㈱須賀川の案内</p>")
    output = run_audit()
    assert "はじめに" in output and "「㈱」" in output


def test_every_page_types_prose_fields_are_checked():
    from wagtail.fields import RichTextField, StreamField
    from wagtail.models import get_page_models

    for model in get_page_models():
        own = [f for f in model._meta.get_fields() if isinstance(f, (RichTextField, StreamField))]
        assert set(own) <= set(checked_fields(model)), model


def test_audit_of_one_site_only():
    policy_page(
        title="点検用のページ",
        body=[("link", {"text": "こちら", "page": None, "url": "https://example.jp/"})],
    )
    assert "「こちら」" in run_audit("--site", HOSTNAME)
    with pytest.raises(CommandError, match="no-such-host"):
        run_audit("--site", "no-such-host")


def test_alt_text_beside_an_image_field_is_checked():
    from wagtail.models import get_page_models

    from cms.a11y.content import image_alt_fields, page_problems

    models_with_photo = [m for m in get_page_models() if image_alt_fields(m)]
    # SpotPage and EventPage have photo + photo_alt: the check must keep finding such a pair.
    assert models_with_photo, "no page type has an image field with an alt text field beside it"
    model = models_with_photo[0]
    image_field, alt_field = image_alt_fields(model)[0]
    page = model(title="写真のあるページ", **{image_field.name: image(), alt_field.name: "IMG_0012.jpg"})
    assert [(p.check, p.field) for p in page_problems(page) if p.check.startswith("image_alt")] == [
        ("image_alt_filename", alt_field.name)
    ]
