"""Remove the personal data of applications closed longer ago than the retention period.

Run daily from cron. Completed and cancelled applications keep their 受付番号, type, dates and
status (for the statistics the city reports); name, addresses, phone, e-mail, customer number and
notes are blanked.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from water.applications import anonymize, applications_due_for_purge, retention_days


class Command(BaseCommand):
    help = "保存期間（WATER_APPLICATION_RETENTION_DAYS）を過ぎた水道の申込みの個人情報を削除します。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            help="保存期間（日）。省略すると WATER_APPLICATION_RETENTION_DAYS の値を使います。",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="削除せずに、対象の件数と受付番号だけを表示します。"
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = retention_days() if days is None else days
        if days < 0:
            raise CommandError("保存期間は0日以上で指定してください。")
        now = timezone.now()
        due = list(applications_due_for_purge(now=now, days=days).order_by("received_at"))
        numbers = [application.reception_number for application in due]
        if dry_run:
            self.stdout.write(f"削除の対象：{len(due)}件（保存期間 {days}日、実行していません）")
        else:
            with transaction.atomic():
                for application in due:
                    anonymize(application, now=now)
            self.stdout.write(f"個人情報を削除しました：{len(due)}件（保存期間 {days}日）")
        for number in numbers:
            self.stdout.write(f"  {number}")
