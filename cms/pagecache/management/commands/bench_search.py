"""Search through the production stack: memory of the gunicorn processes and requests per second.

    manage.py bench_search [--port 8090] [--workers 2] [--searches 30] [--seconds 10] [--connections 50]

Starts the stack (`serve_stack`: front nginx, Varnish, app nginx, gunicorn with production settings,
Redis; the database `make run` uses) and prints:

1. the sum of PSS (proportional set size: shared pages counted once over the processes sharing them)
   of the gunicorn master and workers after start, and after --searches distinct searches on each
   worker (sent two at a time, so that each of the sync workers takes one of each pair);
2. requests per second of one popular search repeated (the page cache answers after the first);
3. requests per second of searches that are all different (every one reaches Django).

Traffic goes to 127.0.0.1 only, bounded by --seconds per measurement.
"""

import http.client
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.pagecache.management.commands.bench_page_cache import run_wrk
from cms.pagecache.stack import Stack, StackError

# Words residents search for (the demo's pages hold them): pairs of them are distinct queries.
WORDS = [
    "ごみ", "出し方", "粗大ごみ", "水道", "料金", "開栓", "引っ越し", "住民票", "子育て", "保育所",
    "観光", "牡丹園", "避難所", "防災", "台風", "税金", "国民健康保険", "年金", "図書館", "公園",
    "健診", "予防接種", "介護", "転入", "転出", "マイナンバー", "印鑑登録", "戸籍", "選挙", "道路",
    "下水道", "漏水", "検針", "支払い", "口座振替", "祭り", "イベント", "温泉", "駐車場", "申請",
]  # fmt: skip
POPULAR = "ごみ 出し方"


def pss_kib(pid):
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return sum(int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:"))


def children(pid):
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def distinct_queries():
    for first in WORDS:
        for second in WORDS:
            if first != second:
                yield f"{first} {second}"


class Command(BaseCommand):
    help = "検索について、gunicorn のメモリ（PSS の合計）と毎秒リクエスト数をスタック経由で測ります。"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8090)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--searches", type=int, default=30, help="distinct searches on each worker")
        parser.add_argument("--seconds", type=int, default=10)
        parser.add_argument("--connections", type=int, default=50)

    def handle(self, *args, port, workers, searches, seconds, connections, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk が見つかりません。`make serve` で入る Debian パッケージ wrk が必要です。")
        if not 1 <= seconds <= 60 or not 1 <= connections <= 1000 or not 1 <= searches <= 200:
            raise CommandError(
                "--seconds は 1–60、--connections は 1–1000、--searches は 1–200 にしてください。"
            )
        host = settings.CITY_HOSTNAME
        queries = distinct_queries()
        stack = Stack(port=port, workers=workers, stdout=self.stdout, varnish_threads=500)
        try:
            with stack:
                master = stack.process("gunicorn").pid
                self.report_memory("起動直後", master)
                self.search_on_every_worker(stack, host, queries, searches * workers, workers)
                self.report_memory(f"各ワーカーで検索 {searches} 回の後", master)
                path = f"/search/?q={quote(POPULAR)}"
                self.fetch(stack.port, host, path)
                rate, total, errors = run_wrk(stack.port, path, host, seconds, connections)
                self.stdout.write(
                    f"同じ人気の検索「{POPULAR}」: 毎秒 {rate:,.0f} 件（{total:,} 件、エラー {errors} 件、目標 1,000 以上）"
                )
                rate, total, errors = self.uncached(stack.port, host, queries, seconds, workers * 2)
                self.stdout.write(
                    f"毎回ちがう検索: 毎秒 {rate:,.1f} 件（{total:,} 件、エラー {errors} 件、目標 40 以上）"
                )
                self.report_memory("測定の後", master)
        except StackError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"（ワーカー {workers}、wrk -t2 -c{connections} -d{seconds}s、127.0.0.1 の表 nginx 経由）"
        )

    def fetch(self, port, host, path):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status

    def search_on_every_worker(self, stack, host, queries, total, workers):
        paths = [f"/search/?q={quote(next(queries))}" for _ in range(total)]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            statuses = list(pool.map(lambda path: self.fetch(stack.port, host, path), paths))
        failed = sum(status != 200 for status in statuses)
        if failed:
            raise CommandError(f"検索 {total} 件のうち {failed} 件が 200 以外でした。")

    def report_memory(self, label, master):
        pids = [master, *children(master)]
        values = [pss_kib(pid) for pid in pids]
        detail = "、".join(f"{value / 1024:,.0f}" for value in values)
        self.stdout.write(
            f"gunicorn の PSS 合計（{label}）: {sum(values) / 1024:,.0f} MB"
            f"（マスターとワーカー {len(pids) - 1}: {detail} MB、目標 450 MB 以下）"
        )

    def uncached(self, port, host, queries, seconds, connections):
        """wrk with a script that asks a different query each time (so none is answered from cache)."""
        paths = [f"/search/?q={quote(next(queries))}" for _ in range(1200)]
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write("paths = {" + ",".join(f'"{path}"' for path in paths) + "}\n")
            script.write(
                "counter = 0\n"
                "request = function()\n"
                "  counter = counter + 1\n"
                "  return wrk.format('GET', paths[(counter % #paths) + 1])\n"
                "end\n"
            )
        try:
            command = [
                "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout=10s", "-s", script.name,
                "-H", f"Host: {host}", f"http://127.0.0.1:{port}/",
            ]  # fmt: skip
            result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
        finally:
            Path(script.name).unlink()
        from cms.pagecache.management.commands.bench_page_cache import parse_wrk

        return parse_wrk(result.stdout + result.stderr)
