"""What `backup` and `restore` refuse: no key, wrong key, tampering, newer code, live data."""

import io
import json
import tarfile

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from tests.water.factories import WaterApplicationFactory
from water.models import WaterApplication

# pg_dump reads committed data only. serialized_rollback: the flush afterwards recreates no content
# types, so the seeded demo of the browser tests can be set up again from the migrated state.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _backup(tmp_path, *args):
    call_command("backup", str(tmp_path / "backups"), "--no-rotate", *args, stdout=io.StringIO())
    return next((tmp_path / "backups").glob("cms-backup-*"))


def _restore(path, *args):
    call_command("restore", str(path), "--force", "--no-index", *args, stdout=io.StringIO())


def _repack(path, change):
    """Rewrite an unencrypted archive with `change(members)` applied to its {name: bytes}."""
    with tarfile.open(path, "r:gz") as tar:
        members = {member.name: tar.extractfile(member).read() for member in tar}
    change(members)
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_backup_without_a_key_is_refused(tmp_path, settings, media_root):
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="BACKUP_ENCRYPTION_KEY"):
        _backup(tmp_path)
    assert not list((tmp_path / "backups").glob("*"))


def test_archive_cannot_be_read_without_the_key(tmp_path, settings, backup_key, media_root):
    application = WaterApplicationFactory(email="hinan.taro@example.jp")
    archive = _backup(tmp_path)
    application.delete()

    # Not a tar or gzip file, no resident's data in clear, and the key is stored nowhere beside it.
    with pytest.raises(tarfile.ReadError):
        tarfile.open(archive)
    assert b"hinan.taro@example.jp" not in archive.read_bytes()
    assert [path.name for path in archive.parent.iterdir()] == [archive.name]
    assert backup_key.encode() not in archive.read_bytes()

    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="BACKUP_ENCRYPTION_KEY"):
        _restore(archive)
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match="鍵が違うか"):
        _restore(archive)
    assert not WaterApplication.objects.exists()  # the database was not touched


def test_archive_with_one_changed_byte_is_refused(tmp_path, backup_key, media_root):
    application = WaterApplicationFactory()
    archive = _backup(tmp_path)
    application.delete()
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="改ざん"):
        _restore(archive)
    assert not WaterApplication.objects.exists()  # the database was not touched


def test_unencrypted_archive_with_a_changed_file_is_refused_by_the_manifest(tmp_path, media_root):
    default_storage.save("documents/hinanjo.txt", ContentFile("避難所一覧".encode()))
    archive = _backup(tmp_path, "--unencrypted")

    def change(members):
        members["media/documents/hinanjo.txt"] = "避難所一覧（改）".encode()

    _repack(archive, change)
    with pytest.raises(CommandError, match="目録と一致しません.*media/documents/hinanjo.txt"):
        _restore(archive, "--allow-unencrypted")


def test_unencrypted_backup_with_applications_needs_the_explicit_flag(tmp_path, media_root):
    WaterApplicationFactory()
    with pytest.raises(CommandError, match="個人情報"):
        _backup(tmp_path, "--unencrypted")
    assert _backup(tmp_path, "--unencrypted", "--allow-personal-data").name.endswith(".tar.gz")


def test_archive_made_by_newer_code_is_refused(tmp_path, media_root):
    archive = _backup(tmp_path, "--unencrypted")

    def change(members):
        manifest = json.loads(members["manifest.json"])
        manifest["migrations"].append(["water", "9999_from_the_future"])
        members["manifest.json"] = json.dumps(manifest).encode()

    _repack(archive, change)
    with pytest.raises(CommandError, match="新しい版.*water.9999_from_the_future"):
        _restore(archive, "--allow-unencrypted")


def test_restore_does_not_overwrite_live_data_without_force(tmp_path, backup_key, media_root):
    archive = _backup(tmp_path)
    WaterApplicationFactory()
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), stdout=io.StringIO())
