"""Back up the database and media files into one encrypted archive, then rotate old archives.

BACKUP_ENCRYPTION_KEY=… python manage.py backup /var/backups/cms --keep-daily 14 --keep-weekly 8
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bcp import archive, database, registry
from bcp.backup import BackupError, create_backup, rotate


class Command(BaseCommand):
    help = (
        "データベースとメディアファイルを暗号化した1つのバックアップファイルに保存し、古いものを整理します。"
    )

    def add_arguments(self, parser):
        parser.add_argument("dest", nargs="?", default=None, help="保存先のフォルダ（省略時は BACKUP_DIR）")
        parser.add_argument("--keep-daily", type=int, default=None, help="日ごとに残す日数（既定 14）")
        parser.add_argument("--keep-weekly", type=int, default=None, help="週ごとに残す週数（既定 8）")
        parser.add_argument("--no-rotate", action="store_true", help="古いバックアップを削除しない")
        parser.add_argument(
            "--unencrypted", action="store_true", help="暗号化しない（個人情報がない場合のみ）"
        )
        parser.add_argument(
            "--allow-personal-data",
            action="store_true",
            help="--unencrypted と一緒に指定すると、申込みなどの個人情報があっても暗号化せずに保存します",
        )

    def handle(self, *args, **options):
        dest = options["dest"] or getattr(settings, "BACKUP_DIR", "")
        if not dest:
            raise CommandError("保存先のフォルダを指定してください（または BACKUP_DIR を設定してください）。")
        started = time.monotonic()
        try:
            result = create_backup(
                dest,
                key=getattr(settings, "BACKUP_ENCRYPTION_KEY", ""),
                unencrypted=options["unencrypted"],
                allow_personal_data=options["allow_personal_data"],
            )
        except (BackupError, archive.ArchiveError, database.DatabaseError) as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        labels = registry.count_labels()
        size = result.path.stat().st_size
        self.stdout.write(f"バックアップを作成しました：{result.path}（{size / 1024 / 1024:.1f} MB）")
        self.stdout.write(f"  作成日時：{manifest['created_at_jst']}（日本時間）")
        self.stdout.write(f"  暗号化：{'あり（Fernet）' if manifest['encrypted'] else 'なし'}")
        self.stdout.write(
            "  件数：" + "、".join(f"{labels.get(k, k)} {v}件" for k, v in manifest["counts"].items())
        )
        media = sum(1 for name in manifest["members"] if name.startswith("media/"))
        self.stdout.write(f"  メディアファイル：{media}件")
        self.stdout.write(f"  所要時間：{time.monotonic() - started:.1f}秒")
        if not options["no_rotate"]:
            keep_daily = (
                options["keep_daily"] if options["keep_daily"] is not None else settings.BACKUP_KEEP_DAILY
            )
            keep_weekly = (
                options["keep_weekly"] if options["keep_weekly"] is not None else settings.BACKUP_KEEP_WEEKLY
            )
            for path in rotate(result.path.parent, keep_daily, keep_weekly):
                self.stdout.write(f"  古いバックアップを削除しました：{path.name}")
