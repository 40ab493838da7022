"""BCP drill: restore the latest backup into a scratch copy, check it serves, record the drill.

python manage.py bcp_drill            # the newest archive in BACKUP_DIR
python manage.py bcp_drill --fresh    # take a backup now and restore that one
"""

from django.core.management.base import BaseCommand, CommandError

from bcp.drill import DrillError, run_drill


class Command(BaseCommand):
    help = "最新のバックアップを別の場所に復元してページが表示できるか確かめ、BCP訓練として記録します。"

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", nargs="?", default=None, help="使うバックアップ（省略時は BACKUP_DIR の最新）"
        )
        parser.add_argument("--fresh", action="store_true", help="今バックアップを取り、それを使う")
        parser.add_argument("--pages", type=int, default=10, help="サイトごとに確認するページの数（既定 10）")

    def handle(self, *args, **options):
        try:
            outcome = run_drill(
                archive_path=options["archive"], fresh=options["fresh"], per_site=options["pages"]
            )
        except DrillError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("\n".join(outcome.lines))
        if outcome.drill.result != outcome.drill.RESULT_SUCCESS:
            raise CommandError("BCP訓練で問題が見つかりました（記録しました）。")
