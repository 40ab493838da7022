from django.core.management.base import BaseCommand, CommandError

from cms.a11y.audit import audit, site_for_hostname


class Command(BaseCommand):
    help = (
        "公開中のすべてのページの本文を点検し、機種依存文字・半角カナ・代替テキスト・リンクの文字などの"
        "アクセシビリティの問題を一覧で表示します。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", metavar="HOSTNAME", help="このホスト名のサイトだけを点検します。")
        parser.add_argument(
            "--errors-only", action="store_true", help="エラーだけを表示します（警告は件数だけ）。"
        )
        parser.add_argument(
            "--fail-on-error", action="store_true", help="エラーが1件でもあれば終了コード1で終わります。"
        )

    def handle(self, *args, site=None, errors_only=False, fail_on_error=False, **options):
        target = None
        if site:
            target = site_for_hostname(site)
            if target is None:
                raise CommandError(f"ホスト名「{site}」のサイトはありません。")
        result = audit(target)
        for page_result in result.results:
            page = page_result.page
            url = page.get_url() or page.url_path
            for problem in page_result.problems:
                if errors_only and not problem.is_error:
                    continue
                kind = "エラー" if problem.is_error else "警告"
                self.stdout.write(
                    f"[{kind}] {page.title}（ID {page.pk}、{type(page).__name__}、{url}）\t"
                    f"{problem.where()}\t{problem.label}\t「{problem.text}」"
                )
        self.stdout.write("")
        self.stdout.write(
            f"点検したページ：{result.pages_checked}件　問題のあるページ：{len(result.results)}件　"
            f"エラー：{result.error_count}件　警告：{result.warning_count}件"
        )
        for check, count in result.counts_by_check():
            self.stdout.write(f"  {check.label}：{count}件")
        if not result.problems:
            self.stdout.write(self.style.SUCCESS("問題は見つかりませんでした。"))
        if fail_on_error and result.error_count:
            raise SystemExit(1)
