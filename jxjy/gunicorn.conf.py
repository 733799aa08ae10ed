"""gunicorn configuration for production (`scripts/serve-prod web` uses it).

Bounded on purpose: a fixed number of worker processes and threads, a short listen backlog and a
cap on open connections per worker. Under overload new connections wait in the backlog and, once it
is full, are refused by the kernel, so the server sheds load instead of piling up requests until it
runs out of memory. Every value can be changed through the environment variable named beside it.
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


wsgi_app = "jxjy.wsgi:application"
bind = [os.environ.get("JXJY_BIND", "127.0.0.1:8000")]  # behind the TLS-terminating reverse proxy
worker_class = "gthread"
workers = _int("JXJY_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9))
threads = _int("JXJY_THREADS", 4)
worker_connections = _int("JXJY_WORKER_CONNECTIONS", 32)  # open connections per worker (gthread)
backlog = _int("JXJY_BACKLOG", 128)  # connections waiting for a worker; beyond it the kernel refuses
timeout = _int("JXJY_TIMEOUT", 60)  # a worker silent this long is killed and replaced
graceful_timeout = _int("JXJY_GRACEFUL_TIMEOUT", 30)
keepalive = 5
max_requests = _int("JXJY_MAX_REQUESTS", 2000)  # recycle workers, bounding slow leaks
max_requests_jitter = 200
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# The proxy on the same host sets X-Forwarded-Proto; only it is trusted to do so.
forwarded_allow_ips = os.environ.get("JXJY_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("JXJY_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("JXJY_LOG_LEVEL", "info")
proc_name = "jxjy"
