"""The admin's Japanese catalogues stay complete: the command CI relies on fails otherwise."""

import io
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from cms.admin_locale import ADMIN_CATALOGUES, LOCALE_ROOT


def test_every_admin_catalogue_is_fully_translated():
    out = io.StringIO()
    call_command("admin_translation_status", "--check", stdout=out, stderr=io.StringIO())
    lines = [line for line in out.getvalue().splitlines() if line.startswith(("wagtail", "total"))]
    assert len(lines) == sum(len(domains) for _d, _m, domains in ADMIN_CATALOGUES) + 1
    assert all("100.0%" in line for line in lines), out.getvalue()


def test_check_fails_on_an_untranslated_entry(tmp_path, monkeypatch):
    import polib

    from cms.management.commands import admin_translation_status as command

    source = LOCALE_ROOT / "wagtail-sites" / "ja" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(source))
    next(e for e in po if e.msgid == "Add site").msgstr = ""
    target = tmp_path / "wagtail-sites" / "ja" / "LC_MESSAGES" / "django.po"
    target.parent.mkdir(parents=True)
    po.save(str(target))
    monkeypatch.setattr(command, "LOCALE_ROOT", tmp_path)
    monkeypatch.setattr(command, "ADMIN_CATALOGUES", [("wagtail-sites", "wagtail.sites", ("django",))])
    with pytest.raises(CommandError):
        call_command("admin_translation_status", "--check", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize("path", sorted(LOCALE_ROOT.glob("*/ja/LC_MESSAGES/*.po")), ids=lambda p: p.parts[-4])
def test_catalogue_passes_msgfmt_check(path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("msgid", "japanese"),
    [
        ("Page '%(page_title)s' moved.", "ページ「%(page_title)s」を移動しました。"),
        (
            "Page '%(page_title)s' has been submitted for moderation.",
            "ページ「%(page_title)s」の承認を依頼しました。",
        ),
        ("Compare with previous version", "前の版と比較"),
        ("Search all pages…", "すべてのページを検索…"),
    ],
)
def test_project_catalogue_wins_over_upstream(msgid, japanese):
    with translation.override("ja"):
        assert translation.gettext(msgid) == japanese
