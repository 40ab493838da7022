"""Back up the seeded demo, wipe the database and the media folder, restore, find everything again.

Runs with the browser tests on the session's seeded demo (seeding takes a minute; this reuses it),
and leaves the demo as it found it: the restore puts back exactly what the backup held.
"""

import io
import json
import sqlite3

import pytest
import wagtail_factories
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from faq.models import FAQPage
from tests.water.factories import WaterApplicationFactory
from water.models import WaterApplication

pytestmark = pytest.mark.browser


def _wipe_database():
    """What a new server has: a database with no tables at all."""
    if connection.vendor == "sqlite":
        sqlite3.connect(":memory:").backup(connection.connection)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    cache.clear()


def _snapshot():
    pages = list(
        Page.objects.order_by("pk").values_list(
            "pk", "title", "url_path", "locale__language_code", "live", "content_type__model"
        )
    )
    return {
        "pages": pages,
        "faqs": [
            (faq.pk, faq.title, json.dumps(list(faq.answer.raw_data), sort_keys=True, default=str))
            for faq in FAQPage.objects.order_by("pk")
        ],
        "translations": list(
            Page.objects.exclude(locale__language_code="ja")
            .order_by("pk")
            .values_list("pk", "translation_key", "title")
        ),
        "applications": list(WaterApplication.objects.order_by("pk").values()),
        "images": {
            image.pk: (image.file.name, image.file.read()) for image in get_image_model().objects.all()
        },
        "documents": {doc.pk: (doc.file.name, doc.file.read()) for doc in get_document_model().objects.all()},
    }


@pytest.fixture
def demo_with_media_and_applications(demo_server, demo_db, demo_media_on_disk, backup_key):
    image = wagtail_factories.ImageFactory(title="避難所の地図")
    document = get_document_model().objects.create(
        title="避難所一覧", file=ContentFile("避難所一覧\n".encode() * 500, name="hinanjo.txt")
    )
    applications = [WaterApplicationFactory(reception_number=f"W-20261201-{n:04d}") for n in (1, 2)]
    yield
    for application in WaterApplication.objects.filter(pk__in=[a.pk for a in applications]):
        application.delete()
    get_document_model().objects.filter(pk=document.pk).delete()
    get_image_model().objects.filter(pk=image.pk).delete()


def test_everything_is_found_again_after_wiping_and_restoring(
    demo_with_media_and_applications, tmp_path, demo_media_on_disk
):
    media_root = demo_media_on_disk
    before = _snapshot()
    assert before["faqs"] and before["translations"] and len(before["applications"]) >= 2
    media_files = sorted(p.relative_to(media_root) for p in media_root.rglob("*") if p.is_file())
    media_bytes = {path: (media_root / path).read_bytes() for path in media_files}

    call_command("backup", str(tmp_path / "backups"), stdout=io.StringIO())
    archive = next((tmp_path / "backups").glob("cms-backup-*.tar.gz.enc"))

    _wipe_database()
    for path in media_files:
        (media_root / path).unlink()
    assert not connection.introspection.table_names()

    output = io.StringIO()
    call_command("restore", str(archive), stdout=output)

    assert _snapshot() == before
    assert {path: (media_root / path).read_bytes() for path in media_files} == media_bytes
    assert f"開栓・閉栓の申込み {len(before['applications'])}件" in output.getvalue()

    # The search index was rebuilt, not restored: residents' searches find FAQs again.
    response = Client().get("/search/?q=ごみ", HTTP_HOST=settings.CITY_HOSTNAME)
    assert response.status_code == 200
    garbage_faq = FAQPage.objects.live().filter(title__contains="ごみ").first()
    assert garbage_faq is not None and garbage_faq.title in response.content.decode()
