"""`manage.py bcp_drill`: restore the latest backup into a scratch copy and check that it serves.

The restored copy runs in subprocesses with its own settings (bcp.drill_settings), as a new server
would: `manage.py restore` onto a scratch database and media folder, then `bcp_render_sample`
renders the top page of every Site and a sample of pages. Both are compared with the live site.
The time from the start of the restore until the copy has served its pages is the recovery time
(RTO) the BCP document needs.
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connections
from wagtail.models import Page, Site

from . import archive, registry
from .backup import JST, BackupError, archives, create_backup, jst_display
from .models import BCPDrill
from .rendering import render_summary
from .restore import RestoreError, verify_archive


class DrillError(Exception):
    pass


@dataclass
class DrillOutcome:
    drill: BCPDrill
    lines: list = field(default_factory=list)


def _scratch_database(workdir):
    """(DATABASE_URL of the scratch database, cleanup function).

    PostgreSQL: BCP_DRILL_DATABASE_URL names a database created once for the drills
    (`createdb -O cms cms_bcp_drill`; each drill's restore replaces its contents), so the role needs
    no CREATEDB. Without it the drill creates and drops a database of its own, which needs CREATEDB.
    """
    live = connections["default"]
    if live.vendor == "sqlite":
        return f"sqlite:///{Path(workdir) / 'drill.sqlite3'}", lambda: None
    if live.vendor == "postgresql":
        configured = getattr(settings, "BCP_DRILL_DATABASE_URL", "") or os.environ.get(
            "BCP_DRILL_DATABASE_URL", ""
        )
        if configured:
            return configured, lambda: None
        info = live.settings_dict
        with live.cursor() as cursor:
            cursor.execute("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cursor.fetchone()
        if not row or not row[0]:
            raise DrillError(
                f"データベースのロール {info.get('USER')} に CREATEDB の権限がないため、訓練用のデータベースを"
                "作れません。訓練用のデータベースを一度作り（createdb -O <ロール> <名前>）、"
                "BCP_DRILL_DATABASE_URL に設定してください。"
            )
        name = f"{info['NAME']}_bcp_drill_{uuid.uuid4().hex[:8]}"[:63]
        with live.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')

        def drop():
            with live.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        user = quote(info.get("USER") or "", safe="")
        password = quote(info.get("PASSWORD") or "", safe="")
        credentials = f"{user}:{password}@" if user else ""
        host = info.get("HOST") or "localhost"
        port = f":{info['PORT']}" if info.get("PORT") else ""
        return f"postgres://{credentials}{host}{port}/{name}", drop
    raise DrillError(f"このデータベース（{live.vendor}）の訓練には対応していません。")


def choose_archive(directory, key, lines):
    """The newest archive in `directory` that passes every check restore makes (key, HMAC, manifest
    hashes, member names); skipped ones are named in the drill's log."""
    for _moment, path in archives(directory):
        try:
            verify_archive(path, key)
        except RestoreError as exc:
            lines.append(f"使えないバックアップを飛ばしました：{path.name}（{exc}）")
            continue
        return path
    raise DrillError(
        "使えるバックアップが見つかりません（BACKUP_DIR を設定するか、ファイルを指定してください）。"
    )


def _site_pages(site):
    root = site.root_page
    pages = Page.objects.none()
    for top in [root, *root.get_translations()]:
        pages = pages | Page.objects.descendant_of(top, inclusive=True)
    return pages.live().public().order_by("path")


def sample_targets(backup_time, per_site):
    """[(host, path, compare_title)] for the top pages and an even sample of each Site's pages.

    Titles are compared only for pages not published since the backup (the copy cannot know them).
    """
    targets = []
    for site in Site.objects.select_related("root_page").order_by("hostname"):
        pages = list(_site_pages(site).specific(defer=True))
        top = site.root_page
        chosen = [top]
        unchanged = [
            page
            for page in pages
            if page.pk != top.pk and (page.last_published_at is None or page.last_published_at <= backup_time)
        ]
        if unchanged and per_site:
            step = max(1, len(unchanged) // per_site)
            chosen += unchanged[::step][:per_site]
        for page in chosen:
            parts = page.get_url_parts()
            if not parts or parts[0] != site.pk:
                continue
            unchanged_page = page.last_published_at is None or page.last_published_at <= backup_time
            targets.append((site.hostname, parts[2], unchanged_page))
    return targets


def _subprocess_env(database_url, media_root, key):
    env = {**os.environ}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bcp.drill_settings",
            # Overridden settings (tests) have no SETTINGS_MODULE: the environment names the module.
            "BCP_DRILL_BASE_SETTINGS": getattr(settings, "SETTINGS_MODULE", None)
            or os.environ["DJANGO_SETTINGS_MODULE"],
            "BCP_DRILL_DATABASE_URL": database_url,
            "BCP_DRILL_MEDIA_ROOT": str(media_root),
            "BACKUP_ENCRYPTION_KEY": key or "",
        }
    )
    env.pop("DATABASE_URL", None)
    return env


def run_drill(archive_path=None, fresh=False, per_site=10, stdout=None):
    """Every drill that starts is recorded: 成功 with its RTO, or 失敗 with the problems and no RTO."""
    key = getattr(settings, "BACKUP_ENCRYPTION_KEY", "")
    started_at = datetime.datetime.now(tz=JST)
    lines = []
    problems = []
    rendered, restored_counts = [], {}
    duration = restore_seconds = None
    manage = str(Path(settings.BASE_DIR) / "manage.py")
    with tempfile.TemporaryDirectory(prefix="cms-bcp-drill-") as work:
        try:
            if fresh:
                archive_path = create_backup(Path(work) / "backup", key=key).path
            elif archive_path is None:
                directory = getattr(settings, "BACKUP_DIR", "")
                if not directory:
                    raise DrillError("BACKUP_DIR が設定されていません（またはファイルを指定してください）。")
                archive_path = choose_archive(directory, key, lines)
            archive_path = Path(archive_path)
            lines.append(f"使ったバックアップ：{archive_path.name}")
            database_url, drop_database = _scratch_database(work)
        except (DrillError, BackupError, RestoreError, archive.ArchiveError) as exc:
            problems.append(str(exc))
            archive_path = Path(archive_path) if archive_path else None
        else:
            media_root = Path(work) / "media"
            media_root.mkdir()
            env = _subprocess_env(database_url, media_root, key)
            try:
                clock = time.monotonic()
                restore = subprocess.run(
                    [sys.executable, manage, "restore", "--force", str(archive_path)],
                    env=env,
                    capture_output=True,
                    text=True,
                    cwd=settings.BASE_DIR,
                )
                restore_seconds = time.monotonic() - clock
                lines += [
                    "",
                    "― 復元（別のデータベースとフォルダへ） ―",
                    *restore.stdout.strip().splitlines(),
                ]
                if restore.returncode != 0:
                    problems.append(
                        "復元に失敗しました：" + " ".join(restore.stderr.strip().splitlines()[-3:])
                    )
                else:
                    problems += _render_and_compare(
                        archive_path, per_site, manage, env, lines, restored := {}
                    )
                    rendered, restored_counts = restored.get("pages", []), restored.get("counts", {})
                duration = time.monotonic() - clock
            finally:
                drop_database()

    live_counts = registry.counts()
    labels = registry.count_labels()
    lines += ["", "― 件数（復元したサイト／現在のサイト） ―"]
    for key_name, live_value in live_counts.items():
        restored_value = restored_counts.get(key_name)
        note = "" if restored_value == live_value else "　※バックアップの後に変わりました"
        shown = "—" if restored_value is None else f"{restored_value}件"
        lines.append(f"  {labels.get(key_name, key_name)}：{shown}／{live_value}件{note}")
    if restored_counts and restored_counts.get("pages", 0) == 0:
        problems.append("復元したサイトにページがありません。")

    succeeded = not problems
    lines += ["", f"結果：{'成功' if succeeded else '失敗'}"]
    lines += [f"  問題：{problem}" for problem in problems]
    if succeeded:
        lines.append(f"復旧までの時間（RTO）：{duration:.1f}秒（うち復元 {restore_seconds:.1f}秒）")
    else:
        lines.append("復旧までの時間（RTO）：記録しません（訓練が失敗したため）")
    drill = BCPDrill.objects.create(
        started_at=started_at,
        result=BCPDrill.RESULT_SUCCESS if succeeded else BCPDrill.RESULT_FAILURE,
        duration_seconds=round(duration, 1) if succeeded else None,
        restore_seconds=round(restore_seconds, 1) if succeeded else None,
        archive_name=archive_path.name if archive_path else "—",
        archive_created_at=_archive_time(archive_path) if archive_path and archive_path.exists() else None,
        database_vendor=connections["default"].vendor,
        pages_checked=len(rendered),
        problems=len(problems),
        report="\n".join(lines),
    )
    lines.insert(0, f"BCP訓練　{jst_display(started_at)}（{drill.fiscal_year_label()}）")
    return DrillOutcome(drill=drill, lines=lines)


def _render_and_compare(archive_path, per_site, manage, env, lines, restored):
    targets = sample_targets(_archive_time(archive_path), per_site)
    render = subprocess.run(
        [sys.executable, manage, "bcp_render_sample"],
        env=env,
        input=json.dumps([[host, path] for host, path, _compare in targets]),
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    if render.returncode != 0:
        return ["復元したサイトでページを表示できませんでした：" + render.stderr.strip()[-500:]]
    result = json.loads(render.stdout)
    restored.update(result)
    problems = _compare_pages(targets, result["pages"], lines)
    search = result["search"]
    if search["query"]:
        lines.append(f"  検索「{search['query']}」：{search['hits']}件（索引を作り直したもの）")
        if not search["hits"]:
            problems.append(f"復元したサイトの検索で「{search['query']}」が見つかりません。")
    return problems


def _compare_pages(targets, rendered, lines):
    problems = []
    lines += ["", "― 表示の確認（復元したサイト） ―"]
    for (host, path, compare), restored in zip(targets, rendered, strict=True):
        live = render_summary(host, path)
        mark = "OK"
        if restored["status"] != 200:
            mark = f"HTTP {restored['status']}"
            problems.append(f"{host}{path} が表示できません（HTTP {restored['status']}）")
        elif compare and (restored["title"], restored["h1"]) != (live["title"], live["h1"]):
            mark = "題名が違います"
            problems.append(
                f"{host}{path} の題名が現在のサイトと違います：{restored['title']} ／ {live['title']}"
            )
        elif not compare:
            mark = "OK（バックアップ後に更新されたため題名は比べていません）"
        lines.append(f"  {mark}　{host}{path}　{restored['title']}")
    return problems


def _archive_time(path):
    """When the backup was made: from its name (cms-backup-YYYYmmdd-HHMMSS), else the file's time."""
    for moment, candidate in archives(path.parent):
        if candidate == path:
            return moment
    return datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=JST)
