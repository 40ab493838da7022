"""Restore cannot hurt: planted or tampered archives are refused, a failure at any step leaves the
live data as it was, missing services and a full disk are reported before anything is touched."""

import hashlib
import io
import json
import os
import secrets
import shutil
import subprocess
import tarfile

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from bcp.archive import DecryptingReader, EncryptingWriter
from bcp.backup import media_files
from tests.water.factories import WaterApplicationFactory
from water.models import WaterApplication

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def content_types_cached_for_the_next_test(transactional_db):
    """A restore empties ContentType's cache (right for a live server). The next test's
    serialized_rollback then saves pages before their content types are back, and a signal
    handler's get_for_model would create them first: fill the cache again before the flush."""
    yield
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())


def _backup(tmp_path, *args):
    call_command("backup", str(tmp_path / "backups"), "--no-rotate", *args, stdout=io.StringIO())
    return next((tmp_path / "backups").glob("cms-backup-*"))


def _restore(path, *args):
    call_command("restore", str(path), "--force", "--no-index", *args, stdout=io.StringIO())


def _members(path, key=None):
    with open(path, "rb") as raw:
        source = io.BufferedReader(DecryptingReader(raw, Fernet(key))) if key else raw
        with tarfile.open(fileobj=source, mode="r|gz") as tar:
            return {member.name: tar.extractfile(member).read() for member in tar}


def _write(path, members, key=None):
    """An archive as an attacker (no key) or the key's holder (key) would write it."""
    with open(path, "wb") as raw:
        sink = EncryptingWriter(raw, Fernet(key)) if key else raw
        with tarfile.open(fileobj=sink, mode="w|gz") as tar:
            for name, data in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        if key:
            sink.close()


def _state():
    """What the city would look at: users, applications, media files."""
    return (
        sorted(get_user_model().objects.values_list("username", "is_superuser")),
        sorted(WaterApplication.objects.values_list("reception_number", flat=True)),
        sorted((name, default_storage.open(name).read()) for name in media_files()),
    )


@pytest.fixture
def live_city(media_root):
    WaterApplicationFactory(reception_number="W-20261207-0001")
    default_storage.save("documents/hinanjo.txt", ContentFile("避難所一覧".encode()))
    return media_root


def _intruder_archive(tmp_path, settings):
    """A plain archive of a database with an extra superuser, as in the issue."""
    key = settings.BACKUP_ENCRYPTION_KEY
    settings.BACKUP_ENCRYPTION_KEY = ""
    intruder = get_user_model().objects.create_superuser("intruder", "x@example.jp", "x")
    archive = _backup(tmp_path, "--unencrypted", "--allow-personal-data")
    intruder.delete()
    settings.BACKUP_ENCRYPTION_KEY = key
    return archive


def test_planted_plain_archive_is_refused_while_a_key_is_set(tmp_path, settings, backup_key, live_city):
    archive = _intruder_archive(tmp_path, settings)
    planted = archive.with_name(archive.name + ".enc")
    archive.rename(planted)
    before = _state()
    for flags in ((), ("--allow-unencrypted",)):
        with pytest.raises(CommandError, match="暗号化されていないバックアップは戻しません"):
            _restore(planted, *flags)
    assert _state() == before
    assert not get_user_model().objects.filter(username="intruder").exists()


def test_plain_archive_with_a_rewritten_manifest_is_refused(tmp_path, settings, backup_key, live_city):
    archive = _intruder_archive(tmp_path, settings)
    members = _members(archive)
    manifest = json.loads(members["manifest.json"])
    manifest["encrypted"] = True
    members["manifest.json"] = json.dumps(manifest).encode()
    planted = tmp_path / "backups" / "cms-backup-20261207-030000.tar.gz.enc"
    _write(planted, members)
    before = _state()
    with pytest.raises(CommandError, match="暗号化されていない"):
        _restore(planted)
    assert _state() == before


def test_member_path_outside_the_archive_is_refused(tmp_path, settings, backup_key, live_city):
    archive = _intruder_archive(tmp_path, settings)
    members = _members(archive)
    manifest = json.loads(members["manifest.json"])
    outside = str(tmp_path / "elsewhere.sqlite3")
    manifest["database"]["member"] = outside
    manifest["members"][outside] = manifest["members"].pop("database/db.sqlite3", None) or manifest[
        "members"
    ].pop("database/db.pgdump")
    members["manifest.json"] = json.dumps(manifest).encode()
    planted = tmp_path / "planted.tar.gz"
    _write(planted, members)
    before = _state()
    with pytest.raises(CommandError, match="暗号化されていない"):
        _restore(planted)
    # Without a key and with the explicit flag the path itself is what is refused.
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="不正なファイル名"):
        _restore(planted, "--allow-unencrypted")
    assert _state() == before


def test_plain_archive_needs_the_explicit_flag_when_no_key_is_set(tmp_path, settings, live_city):
    settings.BACKUP_ENCRYPTION_KEY = ""
    archive = _backup(tmp_path, "--unencrypted", "--allow-personal-data")
    with pytest.raises(CommandError, match="--allow-unencrypted"):
        _restore(archive)


def test_failure_after_the_database_was_switched_puts_everything_back(tmp_path, backup_key, live_city):
    """An archive signed with the right key whose counts cannot be met: the restore gets as far as
    the last check (database switched, media written, migrations run), then undoes all of it."""
    archive = _backup(tmp_path)
    members = _members(archive, backup_key)
    manifest = json.loads(members["manifest.json"])
    manifest["counts"]["water_applications"] += 5
    members["manifest.json"] = json.dumps(manifest).encode()
    members["media/documents/hinanjo.txt"] = "差し替え".encode()
    manifest["members"]["media/documents/hinanjo.txt"]["sha256"] = hashlib.sha256(
        "差し替え".encode()
    ).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    _write(archive, members, backup_key)
    WaterApplicationFactory(reception_number="W-20261207-0002")  # made after the backup
    before = _state()

    with pytest.raises(CommandError, match="(?s)「件数の確認」の段階で失敗しました.*復元を始める前のまま"):
        _restore(archive)
    assert _state() == before


def test_damaged_database_in_a_signed_archive_leaves_the_live_data(tmp_path, backup_key, live_city):
    archive = _backup(tmp_path)
    members = _members(archive, backup_key)
    manifest = json.loads(members["manifest.json"])
    member = manifest["database"]["member"]
    members[member] = members[member][: len(members[member]) // 2]
    manifest["members"][member]["sha256"] = hashlib.sha256(members[member]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    _write(archive, members, backup_key)
    WaterApplicationFactory(reception_number="W-20261207-0002")
    before = _state()

    with pytest.raises(CommandError, match="(?s)「データベースの読み込み」の段階で失敗しました.*前のまま"):
        _restore(archive)
    assert _state() == before


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
    reason="pg_restore: PostgreSQL only",
)
def test_pg_restore_failing_midway_leaves_the_live_database(tmp_path, settings, backup_key, live_city):
    from bcp.database import pg_tool

    archive = _backup(tmp_path)
    WaterApplicationFactory(reception_number="W-20261207-0002")
    before = _state()
    tables = sorted(connection.introspection.table_names())
    # A pg_restore that stops after part of its output, as on a full disk.
    real = pg_tool("pg_restore")
    fake = tmp_path / "bin"
    fake.mkdir()
    script = fake / "pg_restore"
    script.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--version" ]; then exec {real} --version; fi\n'
        f'{real} "$@" | head -c 300000\n'
        'echo "pg_restore: error: could not write: No space left on device" >&2\n'
        "exit 1\n"
    )
    script.chmod(0o755)
    settings.BACKUP_PG_BIN_DIR = str(fake)

    with pytest.raises(CommandError, match="(?s)「データベースの読み込み」の段階で失敗しました.*前のまま"):
        _restore(archive)
    assert sorted(connection.introspection.table_names()) == tables
    assert _state() == before


def test_restore_with_redis_down_touches_nothing(tmp_path, settings, backup_key, live_city):
    from cms.pagecache.stack import free_port

    archive = _backup(tmp_path)
    WaterApplicationFactory(reception_number="W-20261207-0002")
    before = _state()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    with pytest.raises(CommandError, match="(?s)キャッシュ（Redis.*何も変更していません"):
        _restore(archive)
    assert _state() == before


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs: the full disk of the issue, for real (ENOSPC from the kernel)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {result.stderr.decode()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def _incompressible_media():
    default_storage.save("documents/chizu.bin", ContentFile(secrets.token_bytes(2 * 1024 * 1024)))


def test_backup_onto_a_full_disk_says_so(tmp_path, backup_key, media_root, small_disk):
    _incompressible_media()
    (small_disk / "filler").write_bytes(b"\0" * (2 * 1024 * 1024))
    with pytest.raises(CommandError) as raised:
        call_command("backup", str(small_disk), "--no-rotate", stdout=io.StringIO())
    assert "ディスクの空きが足りない" in str(raised.value)
    assert not [p for p in small_disk.iterdir() if p.name != "filler"]  # no half-written archive


def test_restore_onto_a_full_disk_says_so_and_not_damaged(
    tmp_path, backup_key, live_city, small_disk, monkeypatch
):
    import tempfile

    _incompressible_media()
    archive = _backup(tmp_path)
    WaterApplicationFactory(reception_number="W-20261207-0002")
    before = _state()
    monkeypatch.setattr(tempfile, "tempdir", str(small_disk))
    with pytest.raises(CommandError) as raised:
        _restore(archive)
    message = str(raised.value)
    assert "ディスクの空きが足りません" in message and "壊れていません" in message
    assert "破損" not in message
    assert _state() == before

