"""The production chain on one machine, from the files in deploy/ (rendered, never copied).

Used by `manage.py serve_stack` (`make serve`), the benchmarks and the tests of tests/stack and
tests/pagecache. Every process runs in the foreground under this one, with its files in
var/stack-<port>/, and stops with it.

    visitor -> front nginx 127.0.0.1:PORT (deploy/nginx/sukagawa-cms.conf, plain HTTP here, access log)
            -> Varnish (deploy/varnish/default.vcl; a second listener takes PURGE/BAN from gunicorn)
            -> app nginx (deploy/nginx/app-server.conf: /static/, /media/, /emergency/)
            -> gunicorn (deploy/gunicorn.conf.py, cms.settings.production) -> Django
            -> PostgreSQL when DATABASE_URL names one (SQLite otherwise), Redis (shared cache)

Only PORT is fixed; the ports behind the front are free ones picked at start.
"""

import getpass
import grp
import os
import pwd
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
NGINX_FRONT = DEPLOY_DIR / "nginx" / "sukagawa-cms.conf"
NGINX_APP_SERVER = DEPLOY_DIR / "nginx" / "app-server.conf"
GUNICORN_CONF = DEPLOY_DIR / "gunicorn.conf.py"

# The paths and ports the shipped files name (docs/deployment.md); rendering replaces exactly these.
DEPLOYED_STATIC_ROOT = "/srv/sukagawa-cms/static/"
DEPLOYED_MEDIA_ROOT = "/srv/sukagawa-cms/media/"
DEPLOYED_EMERGENCY_ROOT = "/srv/sukagawa-cms/emergency_static/"
DEPLOYED_HOSTNAME = "www.city.sukagawa.example"

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


def _replace(text, old, new, source, count=1):
    """str.replace that insists the shipped file still says `old` (count times): a changed file fails
    loudly instead of rendering a chain that is not the deployed one."""
    found = text.count(old)
    if found != count:
        raise StackError(f"{source}: 「{old}」が {count} 回ではなく {found} 回あります。")
    return text.replace(old, new)


def render_vcl(backend_port, backend_host="127.0.0.1", hostname=None):
    """deploy/varnish/default.vcl with both backends (pages and files) on backend_host:backend_port."""
    text = VCL_FILE.read_text()
    text, count = re.subn(
        r'(backend (default|files) \{\s*\.host = )"[^"]*";(\s*\.port = )"[^"]*";',
        rf'\1"{backend_host}";\3"{backend_port}";',
        text,
    )
    if count != 2:
        raise StackError("deploy/varnish/default.vcl: backend default と backend files が見つかりません。")
    return _replace(
        text, f'.host_header = "{DEPLOYED_HOSTNAME}";', f'.host_header = "{hostname or settings.CITY_HOSTNAME}";',
        "deploy/varnish/default.vcl",
    )  # fmt: skip


def start_varnish(
    workdir, port, backend_port, purge_port, backend_host="127.0.0.1", log_file=None, threads=200
):
    """Varnish on 127.0.0.1:port (visitors) and 127.0.0.1:purge_port (PURGE/BAN), in front of
    backend_host:backend_port. Returns the processes."""
    require_programs("varnishd")
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    vcl = workdir / "default.vcl"
    vcl.write_text(render_vcl(backend_port, backend_host))
    name = str(workdir / "varnish")
    command = [
        "varnishd", "-F", "-j", "none", "-n", name,
        "-a", f"127.0.0.1:{port}", "-a", f"purge=127.0.0.1:{purge_port}",
        "-f", str(vcl), "-T", "none", "-s", "malloc,256m",
        "-p", f"thread_pool_min={threads}", "-p", "thread_pool_max=2000",
        "-p", "thread_queue_limit=2000", "-p", "listen_depth=4096",
    ]  # fmt: skip
    processes = [("varnish", subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL))]
    wait_for_port(port, process=processes[0][1], name="Varnish")
    wait_for_port(purge_port, process=processes[0][1], name="Varnish (PURGE/BAN)")
    if log_file is not None and shutil.which("varnishncsa"):
        ncsa = ["varnishncsa", "-n", name, "-a", "-w", str(log_file), "-F", ACCESS_LOG_FORMAT]
        processes.append(("varnishncsa", subprocess.Popen(ncsa, start_new_session=True)))
    return processes


def render_app_server(port, gunicorn_port, static_root, media_root, emergency_root):
    """deploy/nginx/app-server.conf on 127.0.0.1:port with this machine's folders."""
    source = "deploy/nginx/app-server.conf"
    server = NGINX_APP_SERVER.read_text()
    server = _replace(server, "listen 127.0.0.1:8001;", f"listen 127.0.0.1:{port};", source)
    server = _replace(
        server, "server unix:/run/sukagawa-cms/gunicorn.sock", f"server 127.0.0.1:{gunicorn_port}", source
    )
    server = _replace(server, DEPLOYED_STATIC_ROOT, f"{static_root}/", source)
    server = _replace(server, DEPLOYED_MEDIA_ROOT, f"{media_root}/", source)
    server = _replace(server, DEPLOYED_EMERGENCY_ROOT, f"{emergency_root}/", source)
    return server


def render_front(port, varnish_port, app_server, log_dir):
    """deploy/nginx/sukagawa-cms.conf as plain HTTP on 127.0.0.1:port, the app server inlined where the
    deployment includes it. Only TLS goes: the redirect to HTTPS and the certificate lines."""
    source = "deploy/nginx/sukagawa-cms.conf"
    front = NGINX_FRONT.read_text()
    front = _replace(front, "server 127.0.0.1:6081;", f"server 127.0.0.1:{varnish_port};", source)
    front, count = re.subn(r"\nserver \{\n    listen 80;\n.*?\n\}\n", "\n", front, flags=re.DOTALL)
    if count != 1:
        raise StackError(f"{source}: HTTPS への転送（listen 80）の server が見つかりません。")
    front = _replace(front, "    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{port};\n", source)
    front = _replace(front, "    listen [::]:443 ssl http2;\n", "", source)
    front, count = re.subn(r"\n    ssl_[a-z_]+ [^\n]*;", "", front)
    if count < 2:
        raise StackError(f"{source}: ssl_certificate の行が見つかりません。")
    front = _replace(
        front, "/var/log/nginx/sukagawa-cms.access.log", str(Path(log_dir) / "front-access.log"), source
    )
    return _replace(front, "include /etc/nginx/sukagawa-cms/app-server.conf;", app_server, source)


def nginx_user_line():
    """As root, nginx's workers would run as `nobody` and could not read a checkout under a 0700
    home directory: run them as the invoking user (sudo's user, else root). Not root: nginx keeps the
    user it was started as, and says so if told otherwise."""
    if os.geteuid() != 0:
        return ""
    name = os.environ.get("SUDO_USER") or getpass.getuser()
    try:
        group = grp.getgrgid(pwd.getpwnam(name).pw_gid).gr_name
    except KeyError:
        name, group = "root", "root"
    return f"user {name} {group};\n"


def render_nginx_main(workdir, http_body):
    """The part Debian's /etc/nginx/nginx.conf plays in production."""
    return f"""{nginx_user_line()}worker_processes auto;
worker_rlimit_nofile 8192;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    gzip on;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
{http_body}
}}
"""


class Stack:
    """The whole chain, the front on 127.0.0.1:port. A context manager; `wait()` blocks until Ctrl-C.

    workdir: where the rendered confs, logs and the local secret key go (var/stack-<port>/).
    env: extra environment for gunicorn and the management commands (DATABASE_URL, STATIC_ROOT …).
    """

    def __init__(self, port=8080, workers=2, stdout=None, varnish_threads=200, workdir=None, env=None):
        self.port = port
        self.workers = workers
        self.varnish_threads = varnish_threads
        self.workdir = Path(workdir) if workdir else Path(settings.BASE_DIR) / "var" / f"stack-{port}"
        self.stdout = stdout or sys.stdout
        self.extra_env = dict(env or {})
        self.processes = []
        self.varnish_port = self.purge_port = self.nginx_port = self.gunicorn_port = self.redis_port = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def purge_url(self):
        return f"http://127.0.0.1:{self.purge_port}"

    def _secret_key(self):
        path = self.workdir / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()

    def _pick_ports(self):
        ports = set()
        while len(ports) < 5:
            candidate = free_port()
            if candidate != self.port:
                ports.add(candidate)
        self.varnish_port, self.purge_port, self.nginx_port, self.gunicorn_port, self.redis_port = sorted(
            ports
        )

    def environment(self):
        env = dict(os.environ)
        env.update(self.extra_env)
        base = Path(settings.BASE_DIR)
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or self._secret_key(),
            ALLOWED_HOSTS=env.get("ALLOWED_HOSTS")
            or f"{settings.CITY_HOSTNAME},{settings.WATER_HOSTNAME},127.0.0.1",
            # Plain HTTP on this machine: no redirect to HTTPS, no HSTS for localhost.
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
            CACHE_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            # Bans go to Varnish's purge listener, which the front nginx never reaches.
            FRONTEND_CACHE_URLS=self.purge_url,
            WAGTAILADMIN_BASE_URL=env.get("WAGTAILADMIN_BASE_URL")
            or f"http://{settings.CITY_HOSTNAME}:{self.port}",
            GUNICORN_BIND=f"127.0.0.1:{self.gunicorn_port}",
            GUNICORN_WORKERS=str(self.workers),
            STATIC_ROOT=env.get("STATIC_ROOT") or str(base / "static"),
            MEDIA_ROOT=env.get("MEDIA_ROOT") or str(base / "media"),
            EMERGENCY_STATIC_ROOT=env.get("EMERGENCY_STATIC_ROOT") or str(base / "emergency_static"),
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

    def process(self, name):
        return next(process for process_name, process in self.processes if process_name == name)

    def kill(self, name):
        """SIGKILL a part of the chain with all its children (gunicorn: master and workers)."""
        process = self.process(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def start(self, collectstatic=True):
        require_programs("redis-server", "nginx", "varnishd")
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "log").mkdir(exist_ok=True)
        self._pick_ports()
        env = self.environment()
        for key in ("STATIC_ROOT", "MEDIA_ROOT", "EMERGENCY_STATIC_ROOT"):
            Path(env[key]).mkdir(parents=True, exist_ok=True)
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
        wait_for_port(self.gunicorn_port, timeout=120, process=gunicorn, name="gunicorn")
        wait_for_http(self.gunicorn_port, settings.CITY_HOSTNAME, process=gunicorn, name="gunicorn")
        emergency_root = Path(env["EMERGENCY_STATIC_ROOT"])
        if not (emergency_root / "emergency-copy.json").exists():
            # Production writes the copy on each publish; a fresh database has none yet.
            subprocess.run([*manage, "export_emergency_static", "-v0"], env=env, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
        app_server = render_app_server(
            self.nginx_port, self.gunicorn_port, env["STATIC_ROOT"], env["MEDIA_ROOT"], emergency_root
        )
        front = render_front(self.port, self.varnish_port, app_server, self.workdir / "log")
        conf = self.workdir / "nginx.conf"
        conf.write_text(render_nginx_main(self.workdir, front))
        nginx = self._spawn("nginx", ["nginx", "-p", str(self.workdir), "-c", str(conf), "-g", "daemon off;"])
        wait_for_port(self.nginx_port, process=nginx, name="nginx")
        wait_for_port(self.port, process=nginx, name="nginx")
        self.processes += start_varnish(
            self.workdir,
            self.varnish_port,
            self.nginx_port,
            self.purge_port,
            log_file=self.workdir / "log" / "access.log",
            threads=self.varnish_threads,
        )
        return self

    def stop(self):
        """From the front inwards, each one gone before the next: no request in flight meets a
        stopped Redis or gunicorn."""
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
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
