"""`manage.py restore`: check an archive completely, then put the database and media files back."""

import errno
import hashlib
import io
import json
import os
import shutil
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
from django.db import DatabaseError as DjangoDatabaseError
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


DISK_FULL = (
    "ディスクの空きが足りません（{where}）。バックアップファイルは壊れていません。"
    "空きを作ってから、もう一度実行してください。"
)


def _is_disk_full(exc):
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def _safe_member_name(name):
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name:
        raise RestoreError(f"バックアップに不正なファイル名があります：{name}")
    if name != MANIFEST and path.parts[0] not in ("database", "media"):
        raise RestoreError(f"バックアップに不正なファイル名があります：{name}")
    return name


def read_archive(path, key, work, allow_unencrypted=False, keep=True):
    """Decrypt and unpack into `work`, checking Fernet's HMAC on every chunk and the manifest's
    SHA-256 of every member. Returns the manifest. Nothing outside `work` is touched.

    While a key is configured only an encrypted archive is accepted: the key then covers the
    manifest and, through the manifest's hashes, every member. A plain archive is read only when
    no key is set and the operator says so (allow_unencrypted). keep=False checks without keeping
    the unpacked files (bcp_drill's choice of an archive)."""
    path = Path(path)
    if not path.exists():
        raise RestoreError(f"バックアップファイル {path} がありません。")
    encrypted = archive.is_encrypted(path)
    if not encrypted and key:
        raise RestoreError(
            "暗号化されていないバックアップは戻しません（鍵 BACKUP_ENCRYPTION_KEY が設定されている間は、"
            "その鍵で暗号化されたバックアップだけを戻します。置き換えられたファイルの可能性があります）。"
        )
    if not encrypted and not allow_unencrypted:
        raise RestoreError(
            "暗号化されていないバックアップです。内容を確かめたうえで戻す場合だけ "
            "--allow-unencrypted を付けてください（鍵が設定されていない場合に限ります）。"
        )
    with open(path, "rb") as raw:
        if encrypted:
            source = io.BufferedReader(
                archive.DecryptingReader(raw, archive.fernet_from_key(key)), 1024 * 1024
            )
        else:
            source = raw
        digests = {}
        manifest_bytes = None
        try:
            with tarfile.open(fileobj=source, mode="r|gz") as tar:
                for member in tar:
                    name = _safe_member_name(member.name)
                    if not member.isfile():
                        raise RestoreError(f"バックアップに通常のファイル以外が含まれています：{name}")
                    if name in digests:
                        raise RestoreError(f"バックアップに同じ名前のファイルが二つあります：{name}")
                    digest = hashlib.sha256()
                    handle = tar.extractfile(member)
                    if name == MANIFEST:
                        manifest_bytes = handle.read(16 * 1024 * 1024)
                        digest.update(manifest_bytes)
                    elif keep:
                        target = Path(work) / name
                        target.parent.mkdir(parents=True, exist_ok=True)
                        with open(target, "wb") as out:
                            for block in iter(lambda: handle.read(1024 * 1024), b""):  # noqa: B023
                                digest.update(block)
                                out.write(block)
                    else:
                        for block in iter(lambda: handle.read(1024 * 1024), b""):  # noqa: B023
                            digest.update(block)
                    digests[name] = digest.hexdigest()
        except archive.ArchiveError as exc:
            raise RestoreError(str(exc)) from exc
        except OSError as exc:
            if _is_disk_full(exc):
                raise RestoreError(DISK_FULL.format(where=f"展開先 {work}")) from exc
            raise RestoreError(f"バックアップファイルを読めません（破損しています）：{exc}") from exc
        except (tarfile.TarError, EOFError) as exc:
            raise RestoreError(f"バックアップファイルを読めません（破損しています）：{exc}") from exc
    if manifest_bytes is None:
        raise RestoreError("バックアップに目録（manifest.json）がありません。")
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
        expected = manifest["members"]
        db_member = manifest["database"]["member"]
        claimed_encrypted = manifest["encrypted"]
    except (ValueError, KeyError, TypeError) as exc:
        raise RestoreError("バックアップの目録（manifest.json）が読めません（改ざんまたは破損）。") from exc
    if bool(claimed_encrypted) != encrypted:
        raise RestoreError("バックアップの目録と暗号化の有無が一致しません（改ざんまたは破損）。")
    for name in expected:
        _safe_member_name(name)
    if db_member not in ("database/db.sqlite3", "database/db.pgdump") or db_member not in expected:
        raise RestoreError(f"バックアップの目録のデータベースの名前が正しくありません：{db_member}")
    problems = [name for name, info in expected.items() if digests.get(name) != info.get("sha256")]
    extra = [name for name in digests if name != MANIFEST and name not in expected]
    if problems or extra:
        raise RestoreError(
            "バックアップの中身が目録と一致しません（改ざんまたは破損）："
            + "、".join(sorted(problems + extra)[:10])
        )
    if keep:
        (Path(work) / MANIFEST).write_bytes(manifest_bytes)
    return manifest


def verify_archive(path, key, allow_unencrypted=False):
    """Check an archive completely without unpacking it; returns the manifest or raises RestoreError."""
    return read_archive(path, key, None, allow_unencrypted=allow_unencrypted, keep=False)


def _free_bytes(directory):
    directory = Path(directory)
    while not directory.exists() and directory != directory.parent:
        directory = directory.parent
    return shutil.disk_usage(directory).free


def check_preconditions(path, using="default"):
    """Everything a restore needs, checked before anything is touched: the database and the
    cache answer, the role may swap the schema, and the unpacked archive fits in the work folder."""
    try:
        connections[using].ensure_connection()
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DjangoDatabaseError as exc:
        raise RestoreError(f"データベースに接続できません：{exc}。何も変更していません。") from exc
    try:
        probe = f"bcp-restore-probe-{os.getpid()}"
        cache.set(probe, "1", 30)
        if cache.get(probe) != "1":
            raise OSError("値を書いて読み戻せません")
        cache.delete(probe)
    except Exception as exc:  # noqa: BLE001 - any client error (redis.ConnectionError, …)
        raise RestoreError(
            f"キャッシュ（Redis、CACHE_URL）に接続できません：{exc}。"
            "Redis を起動してから、もう一度実行してください。何も変更していません。"
        ) from exc
    if database.vendor(using) == "postgresql":
        problem = database.pg_rights_problem(using)
        if problem:
            raise RestoreError(problem + "何も変更していません。")
    size = Path(path).stat().st_size if Path(path).exists() else 0
    work = tempfile.gettempdir()
    if _free_bytes(work) < size:
        raise RestoreError(DISK_FULL.format(where=f"展開先 {work}：{size // 1024 // 1024 + 1} MB 以上が必要"))


def _check_space_for_switch(manifest, work, using):
    needed_db = manifest["members"][manifest["database"]["member"]]["size"]
    if database.vendor(using) == "sqlite":
        live = database._sqlite_file(using)
        if live is not None and _free_bytes(live.parent) < needed_db:
            raise RestoreError(DISK_FULL.format(where=f"データベースのフォルダ {live.parent}"))
    location = getattr(default_storage, "location", None)
    media = sum(info["size"] for name, info in manifest["members"].items() if name.startswith("media/"))
    if location and _free_bytes(location) < media:
        raise RestoreError(DISK_FULL.format(where=f"メディアフォルダ {location}"))


class _MediaSwitch:
    """Media files written one by one; the files they replaced are kept to put back on failure."""

    def __init__(self, work):
        self.previous = Path(work) / "previous-media"
        self.replaced = []
        self.created = []

    def put(self, storage_name, source):
        if default_storage.exists(storage_name):
            keep = self.previous / storage_name
            keep.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(storage_name, "rb") as handle, open(keep, "wb") as out:
                shutil.copyfileobj(handle, out)
            self.replaced.append(storage_name)
            default_storage.delete(storage_name)
        else:
            self.created.append(storage_name)
        with open(source, "rb") as handle:
            saved = default_storage.save(storage_name, File(handle))
        if saved != storage_name:
            self.created.append(saved)
            raise RestoreError(
                f"メディアファイル {storage_name} を元の名前で保存できませんでした（{saved}）。"
            )

    def undo(self):
        for name in self.created:
            if default_storage.exists(name):
                default_storage.delete(name)
        for name in self.replaced:
            if default_storage.exists(name):
                default_storage.delete(name)
            with open(self.previous / name, "rb") as handle:
                default_storage.save(name, File(handle))


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


STEP_NAMES = {
    "preconditions": "事前の確認",
    "archive": "バックアップの復号と検証",
    "database": "データベースの読み込み",
    "media": "メディアファイルの書き戻し",
    "migrate": "マイグレーション",
    "search_index": "検索索引の再構築",
    "counts": "件数の確認",
}


def _clear_cache():
    """Wagtail caches Site root paths and settings. Only this site's keys go when the cache has a
    KEY_PREFIX (the drill's copy shares the live Redis under its own prefix)."""
    prefix = getattr(cache, "key_prefix", "")
    client = getattr(getattr(cache, "_cache", None), "get_client", None)
    if prefix and client is not None:
        redis = client(write=True)
        for key_name in redis.scan_iter(match=f"{prefix}:*"):
            redis.delete(key_name)
    else:
        cache.clear()


def restore_archive(
    path, key, force=False, rebuild_index=True, using="default", stdout=None, allow_unencrypted=False
):
    """All or nothing: every check before anything is touched; then the database is switched in one
    step, media files written, migrations and the search index run, the counts compared — and a
    failure at any of these puts the previous database and files back and says which step failed."""
    steps = {}
    started = time.monotonic()
    step = "preconditions"
    check_preconditions(path, using)
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
    try:
        work_dir = tempfile.TemporaryDirectory(prefix="cms-restore-")
    except OSError as exc:
        if _is_disk_full(exc):
            raise RestoreError(DISK_FULL.format(where=tempfile.gettempdir())) from exc
        raise
    with work_dir as work:
        manifest = read_archive(path, key, work, allow_unencrypted=allow_unencrypted)
        pending = check_migrations(manifest, using)
        _check_space_for_switch(manifest, work, using)
        steps["archive_checked"] = time.monotonic() - started

        switch = None
        media = _MediaSwitch(work)
        try:
            step = "database"
            mark = time.monotonic()
            switch = database.load(Path(work) / manifest["database"]["member"], work, using)
            ContentType.objects.clear_cache()
            _clear_cache()
            steps["database"] = time.monotonic() - mark

            step = "media"
            mark = time.monotonic()
            media_root = Path(work) / "media"
            restored_files = 0
            for name in sorted(n for n in manifest["members"] if n.startswith("media/")):
                storage_name = name[len("media/") :]
                media.put(storage_name, media_root / storage_name)
                restored_files += 1
            steps["media"] = time.monotonic() - mark

            step = "migrate"
            mark = time.monotonic()
            out = stdout or io.StringIO()
            call_command("migrate", interactive=False, verbosity=0, database=using, stdout=out)
            steps["migrate"] = time.monotonic() - mark

            if rebuild_index:
                step = "search_index"
                mark = time.monotonic()
                call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
                steps["search_index"] = time.monotonic() - mark

            step = "counts"
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
        except Exception as exc:
            kept = _put_back(switch, media)
            reason = str(exc)
            if _is_disk_full(exc) or "No space left" in reason:
                reason = DISK_FULL.format(where=STEP_NAMES[step])
            raise RestoreError(f"「{STEP_NAMES[step]}」の段階で失敗しました：{reason}\n{kept}") from exc
        switch.finish()
    steps["total"] = time.monotonic() - started
    return RestoreResult(
        manifest=manifest, counts=numbers, media_files=restored_files, migrated=pending, steps=steps
    )


def _put_back(switch, media):
    """Undo what was switched; the sentence says whether the live data is as it was."""
    try:
        media.undo()
        if switch is not None:
            switch.undo()
            ContentType.objects.clear_cache()
            _clear_cache()
    except Exception as exc:  # noqa: BLE001 - the operator must learn that the undo failed too
        return (
            f"元に戻す処理も失敗しました（{exc}）。データベースとメディアフォルダが途中の状態の"
            "可能性があります。直前のバックアップから戻してください。"
        )
    return "今のデータベースとメディアファイルは、復元を始める前のままです。"
