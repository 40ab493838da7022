import csv
import random
from pathlib import Path

from django.core.management.base import BaseCommand

from faq.csvio import COLUMNS

TOPICS = [
    ("ごみ・リサイクル", "環境課", "ごみ|分別|収集日"),
    ("住民票・戸籍・印鑑登録", "市民課", "住民票|証明書|窓口"),
    ("税金", "税務課", "税金|納付|証明"),
    ("子育て", "こども課", "子育て|手当|相談"),
    ("福祉・介護", "長寿福祉課", "介護|高齢者|相談"),
    ("防災・安全", "市民安全課", "避難|防災|災害"),
]
SUBJECTS = [
    "手続き",
    "申請",
    "届け出",
    "証明書",
    "相談",
    "支払い",
    "受付時間",
    "必要な持ち物",
    "対象者",
    "費用",
]


class Command(BaseCommand):
    help = "import_faq の性能確認用に、指定した件数のFAQを書いたCSVファイルを作ります（既定 2,000 行）。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--rows", type=int, default=2000)
        parser.add_argument("--encoding", default="utf-8", help="utf-8, utf-8-sig, cp932")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, file, rows, encoding, seed, **options):
        generator = random.Random(seed)
        with Path(file).open("w", encoding=encoding, newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\r\n")
            writer.writeheader()
            for number in range(1, rows + 1):
                category, department, keywords = TOPICS[number % len(TOPICS)]
                subject = SUBJECTS[number % len(SUBJECTS)]
                writer.writerow(
                    {
                        "id": f"bench-{number:05d}",
                        "question": f"{category}の{subject}について教えてください（その{number}）。",
                        "answer": (
                            f"{category}の{subject}は、市役所本庁舎の窓口で受け付けています。\n"
                            f"受付は月曜日から金曜日の午前8時30分から午後5時15分までです。\n\n"
                            f"詳しくは担当課へお問い合わせください（整理番号 {generator.randint(1000, 9999)}）。\n"
                            "https://www.city.sukagawa.example/faq/"
                        ),
                        "category": category,
                        "keywords": keywords,
                        "department": department,
                        "last_reviewed": f"2026-{number % 12 + 1:02d}-01",
                    }
                )
        self.stdout.write(f"{rows} 行のCSVを {file} に書きました。")
