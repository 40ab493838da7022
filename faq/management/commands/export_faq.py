import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from faq.csvio import export_rows, write_csv
from faq.management.commands.import_faq import resolve_site
from faq.models import FAQIndexPage


class Command(BaseCommand):
    help = (
        "よくある質問をCSVファイルに書き出します（import_faq と同じ形式、UTF-8 BOM付き）。"
        "書き出したファイルをそのまま取り込んでも何も変わりません。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="書き出すCSVファイル（「-」で標準出力）")
        parser.add_argument(
            "--index", required=True, help="よくある質問の一覧ページのスラッグ（サイトのトップ直下）"
        )
        parser.add_argument("--site", default="", help="サイトのホスト名（省略時は既定のサイト）")

    def handle(self, *args, file, index, site, **options):
        target_site = resolve_site(site)
        page = Page.objects.child_of(target_site.root_page).filter(slug=index).first()
        if page is None or not isinstance(page.specific, FAQIndexPage):
            raise CommandError(
                f"「{target_site.hostname}」にスラッグ「{index}」のよくある質問の一覧ページがありません。"
            )
        rows = list(export_rows(page.specific))
        if file == "-":
            write_csv(rows, sys.stdout, bom=False)
        else:
            with Path(file).open("w", encoding="utf-8", newline="") as stream:
                write_csv(rows, stream)
        self.stderr.write(self.style.SUCCESS(f"{len(rows)} 件を書き出しました。"))
