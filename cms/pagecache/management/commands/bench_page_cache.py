"""Requests per second through the production stack against nginx serving the very same bytes from files.

    manage.py bench_page_cache [--port 8084] [--rounds 3] [--seconds 3] [--connections 50]
    manage.py bench_page_cache --flood          # plus 1,000 connections on / for 30 s, errors counted

Starts the stack (`serve_stack`, production settings, the database `make run` uses) and a plain nginx
on a free port with each page's bytes saved as a file, then runs wrk against the page cache (Varnish,
the listener the front nginx forwards to) and the files in alternating rounds (cache, files, cache,
files …, so that a busy machine slows both alike) and prints each page's ratio and the median. The
whole chain through the front nginx is measured too and printed beside it (the front adds one proxy
hop, which in production also terminates TLS). Traffic goes to 127.0.0.1 only; every run is bounded
by --rounds × --seconds.
"""

import http.client
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.pagecache.stack import Stack, StackError, free_port, wait_for_port

PAGES = [
    ("/", "city"),
    ("/kurashi/gomi/", "city"),
    ("/faq/", "city"),
    ("/kanko/", "city"),
    ("/en/kanko/", "city"),
    ("/", "water"),
]


def fetch(port, path, host):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def parse_wrk(output):
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not rate:
        raise CommandError(f"wrk の出力を読めません:\n{output}")
    total = re.search(r"(\d+) requests in", output)
    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    return float(rate.group(1)), int(total.group(1)) if total else 0, errors


def run_wrk(port, path, host, seconds, connections, threads=2, timeout="5s"):
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}",
        "-H", f"Host: {host}", f"http://127.0.0.1:{port}{path}",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    return parse_wrk(result.stdout + result.stderr)


class Command(BaseCommand):
    help = "ページキャッシュ経由の毎秒リクエスト数を、同じ内容を静的ファイルで返す nginx と比べます。"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8084, help="the front of the stack")
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--seconds", type=int, default=3)
        parser.add_argument("--connections", type=int, default=50)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--flood", action="store_true", help="1,000 connections on / for 30 s")

    def handle(self, *args, port, rounds, seconds, connections, workers, flood, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk が見つかりません。`make serve` で入る Debian パッケージ wrk が必要です。")
        if not 1 <= rounds <= 20 or not 1 <= seconds <= 30 or not 1 <= connections <= 1000:
            raise CommandError(
                "--rounds は 1–20、--seconds は 1–30、--connections は 1–1000 にしてください。"
            )
        hosts = {"city": settings.CITY_HOSTNAME, "water": settings.WATER_HOSTNAME}
        files_port = free_port()
        stack = Stack(port=port, workers=workers, stdout=self.stdout, varnish_threads=500)
        try:
            with stack, tempfile.TemporaryDirectory(prefix="bench-files-") as docroot:
                pages = self.warm(stack, hosts, Path(docroot))
                with self.file_server(Path(docroot), files_port, hosts):
                    self.compare(stack, files_port, pages, rounds, seconds, connections)
                if flood:
                    self.flood(stack.port, hosts["city"])  # through the front, as visitors come
        except StackError as error:
            raise CommandError(str(error)) from error

    def warm(self, stack, hosts, docroot):
        pages = []
        for path, site in PAGES:
            host = hosts[site]
            response, body = fetch(stack.port, path, host)
            if response.status != 200:
                raise CommandError(
                    f"{host}{path}: HTTP {response.status}（`make run` と同じデモのデータベースが必要です）"
                )
            response, body = fetch(stack.port, path, host)
            if response.getheader("X-Cache") != "HIT":
                raise CommandError(
                    f"{host}{path} がキャッシュされていません ({response.getheader('Cache-Control')})"
                )
            target = docroot / host / path.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
            pages.append((path, host, len(body)))
        return pages

    def file_server(self, docroot, port, hosts):
        servers = "\n".join(
            f"""    server {{
        listen 127.0.0.1:{port}{" default_server" if site == "city" else ""};
        server_name {host};
        root {docroot / host};
        index index.html;
        charset utf-8;
        default_type text/html;
        access_log off;
    }}"""
            for site, host in hosts.items()
        )
        conf = docroot / "nginx.conf"
        conf.write_text(
            f"""worker_processes auto;
worker_rlimit_nofile 8192;
pid {docroot}/nginx.pid;
error_log {docroot}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {docroot}/client_body;
    proxy_temp_path {docroot}/proxy;
    fastcgi_temp_path {docroot}/fastcgi;
    uwsgi_temp_path {docroot}/uwsgi;
    scgi_temp_path {docroot}/scgi;
{servers}
}}
"""
        )
        docroot.chmod(0o755)
        for path in docroot.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        command = ["nginx", "-p", str(docroot), "-c", str(conf), "-g", "daemon off;"]
        return _Process(command, port)

    def compare(self, stack, files_port, pages, rounds, seconds, connections):
        targets = (("stack", stack.varnish_port), ("files", files_port), ("front", stack.port))
        rates = {(path, host): {name: [] for name, _port in targets} for path, host, _size in pages}
        errors = 0
        for number in range(1, rounds + 1):
            self.stdout.write(f"ラウンド {number}/{rounds} …")
            for path, host, _size in pages:
                for target, port in targets:
                    rate, _total, failed = run_wrk(port, path, host, seconds, connections)
                    rates[(path, host)][target].append(rate)
                    errors += failed if target != "files" else 0
        self.stdout.write("")
        self.stdout.write(
            f"{'ページ':<32} {'バイト':>7} {'キャッシュ req/s':>14} {'nginx 静的 req/s':>16} {'比':>6}"
            f" {'表 nginx 経由 req/s':>18}"
        )
        ratios = []
        for path, host, size in pages:
            stack_rate = statistics.median(rates[(path, host)]["stack"])
            files_rate = statistics.median(rates[(path, host)]["files"])
            front_rate = statistics.median(rates[(path, host)]["front"])
            ratio = stack_rate / files_rate
            ratios.append(ratio)
            self.stdout.write(
                f"{host + path:<32} {size:>7} {stack_rate:>14,.0f} {files_rate:>16,.0f} {ratio:>6.2f}"
                f" {front_rate:>18,.0f}"
            )
        self.stdout.write("")
        self.stdout.write(
            f"比の中央値: {statistics.median(ratios):.2f}（目標 0.9 以上）  スタックのエラー: {errors}"
        )
        self.stdout.write(
            f"（wrk -t2 -c{connections} -d{seconds}s、{rounds} ラウンド交互、各ページの中央値どうしの比）"
        )

    def flood(self, port, host):
        self.stdout.write("")
        self.stdout.write("同時接続 1,000、30 秒、/ …")
        rate, total, errors = run_wrk(port, "/", host, 30, 1000, threads=2, timeout="10s")
        self.stdout.write(f"リクエスト {total:,} 件、毎秒 {rate:,.0f} 件、エラー {errors} 件")


class _Process:
    def __init__(self, command, port):
        self.command, self.port = command, port

    def __enter__(self):
        self.process = subprocess.Popen(self.command, start_new_session=True)
        wait_for_port(self.port, process=self.process, name="nginx (静的ファイル)")
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)
