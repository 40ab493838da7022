"""gunicorn for 須賀川市 CMS: `gunicorn -c deploy/gunicorn.conf.py cms.wsgi` (docs/deployment.md).

Behind nginx, which buffers slow clients, so plain sync workers are right: a worker renders one page
at a time and the page cache in front answers nearly all anonymous traffic anyway.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "unix:/run/sukagawa-cms/gunicorn.sock")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A page that takes longer than this is killed and logged instead of piling up behind it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never takes the site down on a busy day.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this host may say which scheme and address the visitor used.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
limit_request_line = 8190
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = None  # nginx logs requests; gunicorn logs only errors
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
proc_name = "sukagawa-cms"
