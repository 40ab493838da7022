import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from faq.csvio import CSVFormatError, find_or_create_index, import_csv


def resolve_site(hostname):
    """The Site for --site (host name, optionally host:port), or the default Site."""
    if not hostname:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("既定のサイトがありません。--site でホスト名を指定してください。")
        return site
    name, _, port = hostname.partition(":")
    sites = Site.objects.filter(hostname=name).select_related("root_page")
    if port:
        sites = sites.filter(port=int(port))
    site = sites.first()
    if site is None:
        known = "、".join(Site.objects.values_list("hostname", flat=True))
        raise CommandError(f"サイト「{hostname}」が見つかりません（登録されているサイト：{known}）。")
    return site


class Command(BaseCommand):
    help = (
        "よくある質問をCSVファイルから取り込みます。列：id, question, answer, category, keywords, department"
        "（id・question・answer は必須、category と keywords は「|」区切り）。文字コードは UTF-8（BOM有無）と"
        " Shift_JIS（CP932）・EUC-JP を自動判別します。同じ id は更新し、内容が同じ行は変更しません。"
        "アクセシビリティの確認でエラーがある行は公開せず、下書きとして保存します。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="取り込むCSVファイル")
        parser.add_argument(
            "--index", required=True, help="よくある質問の一覧ページのスラッグ（サイトのトップ直下）"
        )
        parser.add_argument(
            "--index-title", default="よくある質問", help="一覧ページを新しく作るときのタイトル"
        )
        parser.add_argument("--site", default="", help="サイトのホスト名（省略時は既定のサイト）")
        parser.add_argument("--dry-run", action="store_true", help="確認だけ行い、何も保存しません")

    def handle(self, *args, file, index, index_title, site, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ファイル「{file}」が見つかりません。")
        target_site = resolve_site(site)
        started = time.monotonic()
        try:
            with transaction.atomic():
                index_page, index_created = find_or_create_index(
                    target_site.root_page, index, index_title, dry_run=dry_run
                )
                result = import_csv(path.read_bytes(), index_page, dry_run=dry_run)
                if dry_run:
                    transaction.set_rollback(True)
        except CSVFormatError as error:
            raise CommandError(str(error)) from error
        elapsed = time.monotonic() - started

        if index_created:
            self.stdout.write(
                f"一覧ページ「{index_title}」（/{index}/）を{'作成します' if dry_run else '作成しました'}。"
            )
        for number, message in result.errors:
            self.stderr.write(f"{number}行目：{message}")
        for number, reason in result.drafts:
            self.stdout.write(self.style.WARNING(f"{number}行目：{reason}"))
        prefix = "【確認のみ・保存していません】" if dry_run else ""
        line = f"{prefix}{result.summary()}（文字コード：{result.encoding}、{elapsed:.1f}秒）"
        self.stdout.write(self.style.WARNING(line) if result.failed else self.style.SUCCESS(line))
