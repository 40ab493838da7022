"""Add the page views in the front server's access log to the daily aggregates (cron, every few minutes).

Reads from where the last run stopped (remembered by file and inode); after logrotate it first
finishes the rotated file (LOGFILE.1) when that is the one it was reading. Only complete lines are
read. The aggregates and the new position are saved in one transaction, so a failed run counts
nothing and the next run reads the same lines again. No line is stored.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from indicators.accesslog import PageResolver, aggregate, sites_by_host
from indicators.counting import add_path_views
from indicators.models import AccessLogPosition


def _read_new_lines(path, position):
    """(lines, inode, new offset) of the complete lines after the stored position."""
    with open(path, "rb") as handle:
        inode = os.fstat(handle.fileno()).st_ino
        offset = position.offset if position.inode == inode else 0
        size = os.fstat(handle.fileno()).st_size
        if offset > size:  # truncated in place (copytruncate)
            offset = 0
        handle.seek(offset)
        data = handle.read()
    end = data.rfind(b"\n") + 1
    lines = data[:end].decode("utf-8", errors="replace").splitlines()
    return lines, inode, offset + end


class Command(BaseCommand):
    help = (
        "フロントサーバー（nginx）のアクセスログからページの閲覧数を数え、日ごとの合計に加えます。"
        "前回の続きから読み、ログの行そのものやIPアドレスは保存しません。"
    )

    def add_arguments(self, parser):
        parser.add_argument("logfile", help="アクセスログのファイル（例：/var/log/nginx/sukagawa-cms.access.log）")
        parser.add_argument(
            "--host", default=None, help="host= の欄がない形式（combined）のとき、すべての行をこのホスト名のサイトとして数えます。"
        )

    def handle(self, *args, logfile, host=None, **options):
        logfile = os.path.abspath(logfile)
        if not os.path.exists(logfile):
            raise CommandError(f"ログファイルが見つかりません：{logfile}")
        position, _ = AccessLogPosition.objects.get_or_create(log_path=logfile)
        batches = []
        rotated = logfile + ".1"
        if position.inode and os.path.exists(rotated) and os.stat(rotated).st_ino == position.inode:
            lines, _inode, _offset = _read_new_lines(rotated, position)
            batches.append(lines)
            position.offset = 0
        lines, inode, offset = _read_new_lines(logfile, position)
        batches.append(lines)

        sites = sites_by_host()
        resolver = PageResolver()
        counted = skipped_hosts = 0
        with transaction.atomic():
            for batch in batches:
                for (line_host, path, day), count in aggregate(batch, default_host=host).items():
                    site = sites.get((line_host or "").lower())
                    if site is None:
                        skipped_hosts += count
                        continue
                    add_path_views(site, path, day, count, page=resolver.resolve(site, path))
                    counted += count
            position.inode, position.offset = inode, offset
            position.save()
        self.stdout.write(f"閲覧数に加えました：{counted}件（サイトに当たらないホスト名：{skipped_hosts}件）")
