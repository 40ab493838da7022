"""`manage.py restore`: check an archive completely, then put the database and media files back."""

import hashlib
import io
import json
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from . import archive, database, registry
from .backup import MANIFEST, media_files


class RestoreError(Exception):
    """Refused or failed; Japanese message for the operator. Nothing was changed unless it says so."""


@dataclass
class RestoreResult:
    manifest: dict
    counts: dict
    media_files: int
    migrated: list = field(default_factory=list)
    steps: dict = field(default_factory=dict)  # step name -> seconds


def _safe_member_name(name):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise RestoreError(f"バックアップに不正なファイル名があります：{name}")
    return name


def read_archive(path, key, work):
    """Decrypt and unpack into `work`, checking Fernet's HMAC on every chunk and the manifest's
    SHA-256 of every member. Returns the manifest. Nothing outside `work` is touched."""
    path = Path(path)
    if not path.exists():
        raise RestoreError(f"バックアップファイル {path} がありません。")
    with open(path, "rb") as raw:
        if archive.is_encrypted(path):
            source = io.BufferedReader(
                archive.DecryptingReader(raw, archive.fernet_from_key(key)), 1024 * 1024
            )
        else:
            source = raw
        digests = {}
        try:
            with tarfile.open(fileobj=source, mode="r|gz") as tar:
                for member in tar:
                    name = _safe_member_name(member.name)
                    if not member.isfile():
                        raise RestoreError(f"バックアップに通常のファイル以外が含まれています：{name}")
                    target = Path(work) / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    digest = hashlib.sha256()
                    handle = tar.extractfile(member)
                    with open(target, "wb") as out:
                        for block in iter(lambda: handle.read(1024 * 1024), b""):  # noqa: B023
                            digest.update(block)
                            out.write(block)
                    digests[name] = digest.hexdigest()
        except archive.ArchiveError as exc:
            raise RestoreError(str(exc)) from exc
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise RestoreError(f"バックアップファイルを読めません（破損しています）：{exc}") from exc
    if MANIFEST not in digests:
        raise RestoreError("バックアップに目録（manifest.json）がありません。")
    manifest = json.loads((Path(work) / MANIFEST).read_text(encoding="utf-8"))
    expected = manifest.get("members", {})
    problems = [name for name, info in expected.items() if digests.get(name) != info["sha256"]]
    extra = [name for name in digests if name != MANIFEST and name not in expected]
    if problems or extra:
        raise RestoreError(
            "バックアップの中身が目録と一致しません（改ざんまたは破損）："
            + "、".join(sorted(problems + extra)[:10])
        )
    return manifest


def check_migrations(manifest, using="default"):
    """Refuse an archive made by newer code; return the migrations the code will apply after it."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True, load=True)
    known = set(loader.disk_migrations)
    archived = {tuple(item) for item in manifest["migrations"]}
    unknown = sorted(archived - known)
    if unknown:
        listed = "、".join(f"{app}.{name}" for app, name in unknown[:10])
        raise RestoreError(
            "このバックアップは、今のプログラムより新しい版で作られています（プログラムにない"
            f"マイグレーション：{listed}）。同じ版以降のプログラムを用意してから戻してください。"
        )
    replaced = {key for migration in loader.disk_migrations.values() for key in migration.replaces}
    return sorted(known - archived - replaced)


def restore_archive(path, key, force=False, rebuild_index=True, using="default", stdout=None):
    steps = {}
    started = time.monotonic()
    if not force:
        if database.has_content(using):
            raise RestoreError(
                "データベースにすでにデータがあります。上書きする場合だけ --force を付けてください"
                "（今のデータは失われます。先に backup を取ってください）。"
            )
        if next(iter(media_files()), None) is not None:
            raise RestoreError(
                "メディアフォルダにすでにファイルがあります。上書きする場合だけ --force を付けてください。"
            )
    with tempfile.TemporaryDirectory(prefix="cms-restore-") as work:
        manifest = read_archive(path, key, work)
        pending = check_migrations(manifest, using)
        steps["archive_checked"] = time.monotonic() - started

        mark = time.monotonic()
        database.restore(Path(work) / manifest["database"]["member"], using)
        ContentType.objects.clear_cache()
        cache.clear()  # Wagtail caches Site root paths and settings
        steps["database"] = time.monotonic() - mark

        mark = time.monotonic()
        media_root = Path(work) / "media"
        restored_files = 0
        for name in sorted(n for n in manifest["members"] if n.startswith("media/")):
            storage_name = name[len("media/") :]
            if default_storage.exists(storage_name):
                default_storage.delete(storage_name)
            with open(media_root / storage_name, "rb") as handle:
                saved = default_storage.save(storage_name, File(handle))
            if saved != storage_name:
                raise RestoreError(
                    f"メディアファイル {storage_name} を元の名前で保存できませんでした（{saved}）。"
                )
            restored_files += 1
        steps["media"] = time.monotonic() - mark

    mark = time.monotonic()
    out = stdout or io.StringIO()
    call_command("migrate", interactive=False, verbosity=0, database=using, stdout=out)
    steps["migrate"] = time.monotonic() - mark

    if rebuild_index:
        mark = time.monotonic()
        call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
        steps["search_index"] = time.monotonic() - mark

    numbers = registry.counts(using)
    differences = {
        key: (expected, numbers.get(key))
        for key, expected in manifest["counts"].items()
        if numbers.get(key) != expected and not pending
    }
    if differences:
        labels = registry.count_labels()
        raise RestoreError(
            "戻したデータの件数がバックアップの目録と一致しません："
            + "、".join(f"{labels.get(k, k)} {a}件→{b}件" for k, (a, b) in differences.items())
        )
    steps["total"] = time.monotonic() - started
    return RestoreResult(
        manifest=manifest, counts=numbers, media_files=restored_files, migrated=pending, steps=steps
    )
