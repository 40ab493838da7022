"""Restore a backup onto an empty database and media folder (a new server), then rebuild search.

BACKUP_ENCRYPTION_KEY=… python manage.py restore /mnt/backup/cms-backup-20261201-030000.tar.gz.enc
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bcp import archive, database, registry
from bcp.restore import RestoreError, restore_archive

STEP_LABELS = {
    "archive_checked": "復号と検証",
    "database": "データベース",
    "media": "メディアファイル",
    "migrate": "マイグレーション",
    "search_index": "検索索引の再構築",
    "total": "合計",
}


class Command(BaseCommand):
    help = "バックアップから、空のデータベースとメディアフォルダにデータを戻します。"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="バックアップファイル（cms-backup-….tar.gz.enc）")
        parser.add_argument("--force", action="store_true", help="今あるデータを消して上書きする")
        parser.add_argument("--no-index", action="store_true", help="検索索引を再構築しない")
        parser.add_argument(
            "--allow-unencrypted",
            action="store_true",
            help="暗号化されていないバックアップも戻す（鍵 BACKUP_ENCRYPTION_KEY が設定されていない場合だけ）",
        )

    def handle(self, *args, **options):
        try:
            result = restore_archive(
                options["archive"],
                key=getattr(settings, "BACKUP_ENCRYPTION_KEY", ""),
                force=options["force"],
                rebuild_index=not options["no_index"],
                stdout=self.stdout,
                allow_unencrypted=options["allow_unencrypted"],
            )
        except (RestoreError, archive.ArchiveError, database.DatabaseError) as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        labels = registry.count_labels()
        self.stdout.write(
            f"バックアップを戻しました：{manifest['created_at_jst']}（日本時間）に作成されたもの"
        )
        versions = manifest["versions"]
        self.stdout.write(
            f"  作成時の版：アプリ {versions.get('app')} {versions.get('commit', '')[:12]}、"
            f"Wagtail {versions.get('wagtail')}、Django {versions.get('django')}"
        )
        self.stdout.write(
            "  件数：" + "、".join(f"{labels.get(k, k)} {v}件" for k, v in result.counts.items())
        )
        self.stdout.write(f"  メディアファイル：{result.media_files}件（SHA-256 を確認済み）")
        if result.migrated:
            self.stdout.write(
                f"  新しいプログラムのマイグレーションを {len(result.migrated)} 件適用しました。"
            )
        self.stdout.write(
            "  所要時間：" + "、".join(f"{STEP_LABELS.get(k, k)} {v:.1f}秒" for k, v in result.steps.items())
        )
