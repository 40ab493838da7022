"""The production stack on one machine, from the files in deploy/: Redis, gunicorn, nginx, Varnish.

Used by `manage.py serve_stack` (`make serve`), the benchmarks and the cache tests. Every process runs
in the foreground under this one, with its files in var/stack-<port>/, and stops with it.

    visitor -> Varnish :port (page cache, access log via varnishncsa) -> nginx :port+1 (static, /media/)
            -> gunicorn :port+2 (production settings) -> Django;  Redis :port+3 (shared cache)
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

DEPLOY_DIR = Path(settings.BASE_DIR) / "deploy"
VCL_FILE = DEPLOY_DIR / "varnish" / "default.vcl"
NGINX_APP_SERVER = DEPLOY_DIR / "nginx" / "app-server.conf"
GUNICORN_CONF = DEPLOY_DIR / "gunicorn.conf.py"

# The access log's format (docs/deployment.md): the same fields as nginx's `sukagawa_cms` format.
ACCESS_LOG_FORMAT = (
    '%h - [%{%d/%b/%Y:%H:%M:%S %z}t] "%m %U%q %H" %s %b "%{Referer}i" "%{User-agent}i" '
    "%{Varnish:time_firstbyte}x cache=%{Varnish:hitmiss}x host=%{Host}i"
)


class StackError(RuntimeError):
    pass


def require_programs(*names):
    missing = [name for name in names if not shutil.which(name)]
    if missing:
        raise StackError(
            f"{', '.join(missing)} が見つかりません。`make serve` で Debian パッケージを入れてください。"
        )


def wait_for_port(port, timeout=20.0, process=None, name=""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise StackError(f"{name} が起動できませんでした (終了コード {process.returncode})。")
        with socket.socket() as sock:
            sock.settimeout(0.2)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise StackError(f"{name} がポート {port} で応答しません。")


def wait_for_http(port, host, timeout=180.0, process=None, name=""):
    """Until the server answers a request at all (gunicorn binds its port before its workers load Django)."""
    import http.client

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise StackError(f"{name} が起動できませんでした (終了コード {process.returncode})。")
        try:
            connection = http.client.HTTPConnection(
                "127.0.0.1", port, timeout=max(1.0, deadline - time.monotonic())
            )
            connection.request("HEAD", "/robots.txt", headers={"Host": host})
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.2)
    raise StackError(f"{name} がポート {port} で応答しません。")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_vcl(backend_port, backend_host="127.0.0.1"):
    text = VCL_FILE.read_text()
    text, count = re.subn(
        r'(backend default \{\s*\.host = )"[^"]*";(\s*\.port = )"[^"]*";',
        rf'\1"{backend_host}";\2"{backend_port}";',
        text,
    )
    if count != 1:
        raise StackError("deploy/varnish/default.vcl: backend default が見つかりません。")
    return text


def start_varnish(workdir, port, backend_port, backend_host="127.0.0.1", log_file=None, threads=200):
    """Varnish on 127.0.0.1:port in front of backend_host:backend_port. Returns the processes."""
    require_programs("varnishd")
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    vcl = workdir / "default.vcl"
    vcl.write_text(render_vcl(backend_port, backend_host))
    name = str(workdir / "varnish")
    command = [
        "varnishd", "-F", "-j", "none", "-n", name,
        "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-T", "none",
        "-s", "malloc,256m",
        "-p", f"thread_pool_min={threads}", "-p", "thread_pool_max=2000",
        "-p", "thread_queue_limit=2000", "-p", "listen_depth=4096",
    ]  # fmt: skip
    processes = [("varnish", subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL))]
    wait_for_port(port, process=processes[0][1], name="Varnish")
    if log_file is not None and shutil.which("varnishncsa"):
        ncsa = ["varnishncsa", "-n", name, "-a", "-w", str(log_file), "-F", ACCESS_LOG_FORMAT]
        processes.append(("varnishncsa", subprocess.Popen(ncsa, start_new_session=True)))
    return processes


def render_nginx_conf(workdir, port, gunicorn_port):
    base = Path(settings.BASE_DIR)
    server = NGINX_APP_SERVER.read_text()
    server = server.replace("listen 127.0.0.1:8001;", f"listen 127.0.0.1:{port};")
    server = server.replace(
        "server unix:/run/sukagawa-cms/gunicorn.sock", f"server 127.0.0.1:{gunicorn_port}"
    )
    server = server.replace("/srv/sukagawa-cms/static/", f"{settings.STATIC_ROOT}/")
    server = server.replace("/srv/sukagawa-cms/media/", f"{settings.MEDIA_ROOT}/")
    if f"127.0.0.1:{port}" not in server or str(base) not in server:
        raise StackError("deploy/nginx/app-server.conf の書き換えに失敗しました。")
    return f"""worker_processes auto;
worker_rlimit_nofile 8192;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
{server}
}}
"""


class Stack:
    """The whole stack on ports port … port+3. A context manager; `wait()` blocks until Ctrl-C."""

    def __init__(self, port=8080, workers=2, stdout=None, varnish_threads=200):
        self.port = port
        self.nginx_port, self.gunicorn_port, self.redis_port = port + 1, port + 2, port + 3
        self.workers = workers
        self.varnish_threads = varnish_threads
        self.workdir = Path(settings.BASE_DIR) / "var" / f"stack-{port}"
        self.stdout = stdout or sys.stdout
        self.processes = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _secret_key(self):
        path = self.workdir / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()

    def environment(self):
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or self._secret_key(),
            ALLOWED_HOSTS=env.get("ALLOWED_HOSTS")
            or f"{settings.CITY_HOSTNAME},{settings.WATER_HOSTNAME},127.0.0.1",
            # Plain HTTP on this machine: no redirect to HTTPS, no HSTS for localhost.
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
            CACHE_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            FRONTEND_CACHE_URLS=self.url,
            WAGTAILADMIN_BASE_URL=env.get("WAGTAILADMIN_BASE_URL")
            or f"http://{settings.CITY_HOSTNAME}:{self.port}",
            GUNICORN_BIND=f"127.0.0.1:{self.gunicorn_port}",
            GUNICORN_WORKERS=str(self.workers),
            # Trying the stack on this machine: with no SMTP server named, mail is logged without
            # personal data (production refuses to start otherwise; cms/settings/production.py).
            EMAIL_LOG_WITHOUT_PERSONAL_DATA=env.get("EMAIL_LOG_WITHOUT_PERSONAL_DATA")
            or ("" if env.get("EMAIL_HOST") else "1"),
        )
        return env

    def _spawn(self, name, command, **kwargs):
        process = subprocess.Popen(command, start_new_session=True, **kwargs)
        self.processes.append((name, process))
        return process

    def start(self, collectstatic=True):
        require_programs("redis-server", "nginx", "varnishd")
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "log").mkdir(exist_ok=True)
        env = self.environment()
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        if collectstatic:
            subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
        redis = self._spawn(
            "redis",
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir), "--maxmemory", "256mb",
             "--maxmemory-policy", "allkeys-lru", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.redis_port, process=redis, name="Redis")
        gunicorn = self._spawn(
            "gunicorn",
            [str(Path(sys.executable).with_name("gunicorn")), "-c", str(GUNICORN_CONF), "cms.wsgi"],
            env=env,
            cwd=settings.BASE_DIR,
        )
        wait_for_port(self.gunicorn_port, timeout=60, process=gunicorn, name="gunicorn")
        wait_for_http(self.gunicorn_port, settings.CITY_HOSTNAME, process=gunicorn, name="gunicorn")
        conf = self.workdir / "nginx.conf"
        conf.write_text(render_nginx_conf(self.workdir, self.nginx_port, self.gunicorn_port))
        nginx = self._spawn("nginx", ["nginx", "-p", str(self.workdir), "-c", str(conf), "-g", "daemon off;"])
        wait_for_port(self.nginx_port, process=nginx, name="nginx")
        self.processes += start_varnish(
            self.workdir,
            self.port,
            self.nginx_port,
            log_file=self.workdir / "log" / "access.log",
            threads=self.varnish_threads,
        )
        return self

    def stop(self):
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for _name, process in reversed(self.processes):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes = []

    def wait(self):
        """Until Ctrl-C (SIGINT) or SIGTERM, or until one of the processes dies."""
        stop = []
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
        try:
            while not stop:
                for name, process in self.processes:
                    if process.poll() is not None:
                        raise StackError(f"{name} が終了しました (終了コード {process.returncode})。")
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()
