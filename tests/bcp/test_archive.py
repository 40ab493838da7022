"""The encrypted archive format and the retention of old backups (no database)."""

import datetime
import io

import pytest
from cryptography.fernet import Fernet

from bcp.archive import ArchiveError, DecryptingReader, EncryptingWriter
from bcp.backup import JST, rotate


def _encrypt(data, key, chunk_size=16):
    raw = io.BytesIO()
    writer = EncryptingWriter(raw, Fernet(key), chunk_size=chunk_size)
    writer.write(data)
    writer.close()
    return raw.getvalue()


def _decrypt(blob, key):
    return DecryptingReader(io.BytesIO(blob), Fernet(key)).read()


def test_chunked_encryption_round_trips():
    key = Fernet.generate_key()
    data = bytes(range(256)) * 5
    assert _decrypt(_encrypt(data, key), key) == data


def test_dropping_the_last_chunk_is_detected():
    key = Fernet.generate_key()
    blob = _encrypt(b"x" * 100, key)
    # Each chunk is a 4-byte length and its token: cut the archive after the first chunks.
    first_length = int.from_bytes(blob[len(b"SUKAGAWA-CMS-BACKUP-FERNET-1\n") :][:4], "big")
    cut = len(b"SUKAGAWA-CMS-BACKUP-FERNET-1\n") + 4 + first_length
    with pytest.raises(ArchiveError, match="途中で切れています"):
        _decrypt(blob[:cut], key)


def _backup_file(directory, moment):
    path = directory / f"cms-backup-{moment:%Y%m%d-%H%M%S}.tar.gz.enc"
    path.write_bytes(b"")
    return path


def test_rotation_keeps_the_newest_of_each_day_and_each_week(tmp_path):
    start = datetime.datetime(2026, 12, 1, 3, 0, tzinfo=JST)  # a Tuesday, ISO week 49
    for day in range(70):  # ten weeks of backups at 3:00 and 15:00
        for hour in (0, 12):
            _backup_file(tmp_path, start - datetime.timedelta(days=day) + datetime.timedelta(hours=hour))
    other = tmp_path / "notes.txt"
    other.write_text("not a backup")

    rotate(tmp_path, keep_daily=14, keep_weekly=8)

    kept = sorted(path.name[11:26] for path in tmp_path.glob("cms-backup-*"))
    daily = [f"202611{day:02d}-150000" for day in range(18, 31)] + ["20261201-150000"]
    # Weeks 49 to 42: the newest of weeks 49-47 is already a daily one; weeks 46-42 end on Sundays.
    weekly = ["20261018-150000", "20261025-150000", "20261101-150000", "20261108-150000", "20261115-150000"]
    assert kept == sorted(daily + weekly)
    assert other.exists()
