"""Import a month's water-quality results from CSV (the same format as the public CSV download)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from water.quality import ImportError_, import_results, parse_month


class Command(BaseCommand):
    help = "水質検査結果をCSVファイルから取り込みます（列：検査月, 採水地点, 検査項目, 結果）。"

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="CSVファイルのパス（UTF-8またはShift_JIS）")
        parser.add_argument(
            "--month", help="検査月（例 2026-10）。CSVに「検査月」の列がない場合に指定します。"
        )

    def handle(self, *args, csv_file, month=None, **options):
        target_month = None
        if month:
            target_month = parse_month(month)
            if target_month is None:
                raise CommandError("--month は「2026-10」の形で指定してください。")
        path = Path(csv_file)
        if not path.is_file():
            raise CommandError(f"ファイルが見つかりません：{csv_file}")
        try:
            created, updated = import_results(path.read_bytes(), target_month)
        except ImportError_ as error:
            raise CommandError(f"取り込めませんでした。\n{error}") from None
        self.stdout.write(f"水質検査結果を取り込みました：新規 {created}件、更新 {updated}件")
