from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from cms.a11y.testrun import DEFAULT_SAMPLE, run


class Command(BaseCommand):
    help = (
        "アクセシビリティの自動試験を行い、結果を記録します。試験結果のページはこの記録を表示します。"
        "サイトごとに1件の記録を作ります。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", metavar="HOSTNAME", help="このホスト名のサイトだけを試験します。")
        parser.add_argument(
            "--sample",
            type=int,
            default=DEFAULT_SAMPLE,
            help=f"これより多いページがあるサイトでは代表ページと無作為のページをこの数まで選びます（既定：{DEFAULT_SAMPLE}）。",
        )
        parser.add_argument(
            "--no-browser", action="store_true", help="Chromium と axe-core による試験を行いません。"
        )
        parser.add_argument(
            "--seed", type=int, help="無作為抽出の乱数の種（同じ値なら同じページを選びます）。"
        )

    def handle(self, *args, site=None, sample=DEFAULT_SAMPLE, no_browser=False, seed=None, **options):
        if site:
            sites = list(Site.objects.filter(hostname=site))
            if not sites:
                raise CommandError(f"ホスト名「{site}」のサイトはありません。")
        else:
            sites = list(Site.objects.order_by("hostname"))
        for each in sites:
            record = run(each, sample=sample, browser=not no_browser, seed=seed)
            counts = record.counts()
            self.stdout.write(
                f"{each.site_name or each.hostname}：{record.pages_tested}ページを試験しました"
                f"（問題なし {counts.get('問題なし', 0)}・問題あり {counts.get('問題あり', 0)}・"
                f"自動試験の対象外 {counts.get('自動試験の対象外', 0)}）。"
            )
            for criterion in record.criteria:
                if criterion["result"] == "問題あり":
                    self.stdout.write(
                        f"  {criterion['criterion']} {criterion['title']}：{criterion['problems']}件"
                    )
