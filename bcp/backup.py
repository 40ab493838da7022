"""`manage.py backup`: database snapshot + media files + manifest in one (encrypted) archive."""

import datetime
import errno
import hashlib
import io
import json
import os
import platform
import re
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import django
import wagtail
from django.conf import settings
from django.core.files.storage import default_storage

from . import archive, database, registry

JST = ZoneInfo("Asia/Tokyo")
NAME_PATTERN = re.compile(r"^cms-backup-(\d{8}-\d{6})\.tar\.gz(\.enc)?$")
MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class BackupError(Exception):
    """The backup was refused or failed; Japanese message for the operator."""


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    deleted: list


def jst_display(moment):
    moment = moment.astimezone(JST)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment.hour}時{moment.minute:02d}分{moment.second:02d}秒"


def code_versions():
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    app_version = ""
    if pyproject.exists():
        app_version = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    commit = ""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=5
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return {
        "app": app_version,
        "commit": commit,
        "wagtail": wagtail.__version__,
        "django": django.get_version(),
        "python": platform.python_version(),
    }


def media_files(storage=default_storage, directory=""):
    """Every file in the media storage (FileSystemStorage under MEDIA_ROOT, or any other storage)."""
    try:
        directories, files = storage.listdir(directory)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for name in sorted(directories):
        yield from media_files(storage, f"{directory}/{name}" if directory else name)


class _HashingReader:
    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def create_backup(dest, key=None, unencrypted=False, allow_personal_data=False, now=None, using="default"):
    """A full disk (ENOSPC) is reported as one, with nothing half-written left behind."""
    try:
        return _create_backup(dest, key, unencrypted, allow_personal_data, now, using)
    except (OSError, sqlite3.OperationalError) as exc:
        if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or "disk is full" in str(exc):
            raise BackupError(
                f"ディスクの空きが足りないため、バックアップを作れませんでした（保存先 {dest}、"
                f"作業用フォルダ {tempfile.gettempdir()}）。空きを作ってから、もう一度実行してください。"
            ) from exc
        raise BackupError(f"バックアップを書き込めませんでした：{exc}") from exc


def _create_backup(dest, key, unencrypted, allow_personal_data, now, using):
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    now = (now or datetime.datetime.now(tz=JST)).astimezone(JST)
    if not unencrypted:
        fernet = archive.fernet_from_key(key)
    name = f"cms-backup-{now:%Y%m%d-%H%M%S}.tar.gz" + ("" if unencrypted else ".enc")
    target = dest / name
    if target.exists():
        raise BackupError(f"{target} はすでにあります。")

    with tempfile.TemporaryDirectory(prefix="cms-backup-") as work:
        db_file, numbers, migrations = database.snapshot(work, using)
        personal = registry.personal_data_count(using)
        if unencrypted and personal and not allow_personal_data:
            raise BackupError(
                f"データベースに個人情報（開栓・閉栓の申込み {personal} 件など）が含まれています。"
                "暗号化しないバックアップは作りません（どうしても必要な場合は --allow-personal-data を"
                "付けてください）。"
            )
        members = {}
        partial = target.with_name(target.name + ".partial")
        try:
            with open(partial, "wb") as raw:
                sink = raw if unencrypted else archive.EncryptingWriter(raw, fernet)
                with tarfile.open(fileobj=sink, mode="w|gz", format=tarfile.PAX_FORMAT) as tar:
                    db_member = f"database/{db_file}"
                    db_path = Path(work) / db_file
                    members[db_member] = {"sha256": _sha256_file(db_path), "size": db_path.stat().st_size}
                    tar.add(db_path, arcname=db_member)
                    # Files are read after the database snapshot: every file the snapshot refers to is
                    # there unless it was deleted in between (reported as missing at restore).
                    for media_name in media_files():
                        size = default_storage.size(media_name)
                        info = tarfile.TarInfo(f"media/{media_name}")
                        info.size = size
                        info.mtime = int(now.timestamp())
                        with default_storage.open(media_name, "rb") as handle:
                            reader = _HashingReader(handle)
                            tar.addfile(info, reader)
                        if reader.size != size:
                            raise BackupError(f"メディアファイル {media_name} が読み取り中に変わりました。")
                        members[f"media/{media_name}"] = {"sha256": reader.digest.hexdigest(), "size": size}
                    manifest = {
                        "format": FORMAT_VERSION,
                        "created_at": now.isoformat(),
                        "created_at_jst": jst_display(now),
                        "versions": code_versions(),
                        "database": {"vendor": database.vendor(using), "member": db_member},
                        "migrations": migrations,
                        "counts": numbers,
                        "encrypted": not unencrypted,
                        "search_index": "not included: rebuilt by restore (update_index)",
                        "members": members,
                    }
                    _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
                if sink is not raw:
                    sink.close()
            os.chmod(partial, 0o600)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    return BackupResult(path=target, manifest=manifest, deleted=[])


def archives(directory):
    """Backups in a directory, newest first, as (time, path)."""
    found = []
    for path in Path(directory).iterdir() if Path(directory).is_dir() else []:
        match = NAME_PATTERN.match(path.name)
        if match:
            moment = datetime.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=JST)
            found.append((moment, path))
    return sorted(found, reverse=True)


def rotate(directory, keep_daily, keep_weekly):
    """Keep the newest backup of each of the last `keep_daily` days and of each of the last
    `keep_weekly` ISO weeks that have backups; delete the other backups (only files this command
    names). Returns the deleted paths."""
    found = archives(directory)
    keep = set()
    days, weeks = [], []
    for moment, path in found:
        day = moment.date()
        week = moment.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.append(day)
            keep.add(path)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.append(week)
            keep.add(path)
    if found:
        keep.add(found[0][1])  # never delete the backup just made
    deleted = []
    for _moment, path in found:
        if path not in keep:
            path.unlink()
            deleted.append(path)
    return deleted
