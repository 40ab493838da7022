import pytest
from cryptography.fernet import Fernet


@pytest.fixture
def backup_key(settings):
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    return settings.BACKUP_ENCRYPTION_KEY


@pytest.fixture
def media_root(tmp_path, settings):
    """Real files on disk (tests otherwise use in-memory storage): backups read and restore them."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root
