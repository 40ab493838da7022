"""Every {% translate %} / gettext string of the project is translated in all four message files.

makemessages runs on a copy of the project, so the check sees strings other apps added since the
message files were last updated, and the committed files are not touched.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LANGUAGES = ["en", "zh_Hans", "zh_Hant", "ko"]
LOCALE_DIR = Path(settings.BASE_DIR) / "cms" / "locale"
# Admin overrides use Wagtail's own English msgids, translated in the admin's Japanese catalogues.
ADMIN_ONLY = [
    "--ignore=cms/templates/wagtailadmin/*",
    "--ignore=cms/templates/wagtaillocales/*",
    "--ignore=cms/admin_forms.py",
    "--ignore=cms/wagtail_hooks.py",
]
SKIP = (".venv", ".git", "static", "media", "artifacts", "node_modules", "__pycache__", "*.mo", "*.sqlite3*")


@pytest.fixture(scope="module")
def extracted_msgids(tmp_path_factory):
    if shutil.which("xgettext") is None:
        pytest.fail("gettext is not installed: run `make install` (it installs Debian's gettext).")
    copy = tmp_path_factory.mktemp("messages") / "project"
    shutil.copytree(settings.BASE_DIR, copy, ignore=shutil.ignore_patterns(*SKIP))
    shutil.rmtree(copy / "cms" / "locale")
    (copy / "cms" / "locale").mkdir()
    # The admin's Japanese catalogues (locale/<app>/) are not the public site's: without them every
    # string lands in cms/locale, the first of LOCALE_PATHS.
    shutil.rmtree(copy / "locale", ignore_errors=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-location", "-v0", *ADMIN_ONLY],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    po = polib.pofile(str(copy / "cms" / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    return {entry.msgid for entry in po if not entry.obsolete}


def _translated(entry):
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def test_interface_strings_exist_in_the_templates(extracted_msgids):
    assert "本文へ移動" in extracted_msgids
    assert "須賀川牡丹園の開花状況" in extracted_msgids
    assert "見頃" in extracted_msgids  # bloom status labels are interface text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_and_not_fuzzy(extracted_msgids, language):
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} がありません"
    entries = {entry.msgid: entry for entry in polib.pofile(str(path)) if not entry.obsolete}
    missing = sorted(msgid for msgid in extracted_msgids if msgid not in entries)
    untranslated = sorted(
        msgid for msgid in extracted_msgids if msgid in entries and not _translated(entries[msgid])
    )
    fuzzy = sorted(
        msgid for msgid in extracted_msgids if msgid in entries and "fuzzy" in entries[msgid].flags
    )
    assert not missing, f"{language}: not in the message file (run makemessages and translate): {missing}"
    assert not untranslated, f"{language}: empty translations: {untranslated}"
    assert not fuzzy, f"{language}: fuzzy translations: {fuzzy}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_message_file_compiles_with_matching_placeholders(language, tmp_path):
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", str(tmp_path / "django.mo"), str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
