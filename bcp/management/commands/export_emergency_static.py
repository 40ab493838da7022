"""Write the emergency static copy now (it is also rewritten after every publish that changes it)."""

import time

from django.core.management.base import BaseCommand, CommandError

from bcp import emergency


class Command(BaseCommand):
    help = "災害用トップページと関連ページの非常用の写し（静的な HTML）を書き出します。"

    def add_arguments(self, parser):
        parser.add_argument(
            "dest", nargs="?", default=None, help="書き出すフォルダ（省略時は EMERGENCY_STATIC_ROOT）"
        )

    def handle(self, *args, **options):
        root = options["dest"] or emergency.output_root()
        if not root:
            raise CommandError(
                "書き出すフォルダを指定してください（または EMERGENCY_STATIC_ROOT を設定してください）。"
            )
        started = time.monotonic()
        results = emergency.export_all(root)
        for info in results:
            self.stdout.write(f"{info['site']}：{len(info['pages'])}ページ")
            for page in info["pages"]:
                self.stdout.write(f"  {page['file']}  ← {page['path']}")
        self.stdout.write(f"書き出しました：{root}（{time.monotonic() - started:.1f}秒）")
