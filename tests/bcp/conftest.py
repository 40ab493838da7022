import pytest
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings

from bcp.backup import media_files


@pytest.fixture
def backup_key(settings):
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    return settings.BACKUP_ENCRYPTION_KEY


def _on_disk(root):
    return {
        "MEDIA_ROOT": str(root),
        "STORAGES": {
            **django_settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(root)},
            },
        },
    }


@pytest.fixture
def media_root(tmp_path, settings):
    """Real files on disk (tests otherwise use in-memory storage): backups read and restore them."""
    root = tmp_path / "media"
    root.mkdir()
    for name, value in _on_disk(root).items():
        setattr(settings, name, value)
    return root


@pytest.fixture
def demo_media_on_disk(tmp_path):
    """The seeded demo's media files, moved into a real folder on disk for the test, and back into
    the test run's in-memory storage afterwards.

    Changing STORAGES drops the in-memory storage that holds the demo's pictures (Django builds a new,
    empty one when the setting changes back): without this, the browser tests after this one would
    find the demo's image records pointing at files that no longer exist.
    """
    root = tmp_path / "media"
    root.mkdir()
    for name in media_files(default_storage):
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as handle:
            target.write_bytes(handle.read())
    with override_settings(**_on_disk(root)):
        yield root
    # What is on disk now is what the test left (after a restore: what the archive held).
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix()
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(path.read_bytes()))
        assert saved == name, f"{name} was put back as {saved}"
