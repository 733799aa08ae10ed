"""``jxjy bench http [--clients 16,64] [--seconds 10] [--people N]``: the production server under load.

Builds a data set in its own database (`jxjy.records.bench`'s generator: N people, 20 records each,
and their standings), runs ``scripts/serve-prod setup`` and then ``scripts/serve-prod web`` —
gunicorn with jxjy/gunicorn.conf.py and ``jxjy.settings.prod`` on 127.0.0.1, as behind the
TLS-terminating proxy (``X-Forwarded-Proto: https`` is sent, DJANGO_SECURE_SSL_REDIRECT=0) — logs
an HR officer in through the login form, and drives wrk (Debian package ``wrk``) at each number of
concurrent clients against:

  status API       /api/v1/compliance/<id>?year=Y
  certificate page /records/people/<id>/?year=Y
  people list      /people/?year=Y
  dashboard API    /api/v1/stats/dashboard?year=Y

and prints requests/s, p50 and p99 latency, non-2xx answers and socket errors (connect, read,
write, timeout) per endpoint and concurrency. Bounded: wrk's per-request timeout (``--timeout``)
and each run's duration; the server's own bounds are gunicorn.conf.py's (workers × threads, the
listen backlog, worker_connections).

The database is a fresh SQLite file (``--sqlite``) or, when DATABASE_URL names PostgreSQL, a
database ``<name>_http_bench`` next to it (dropped and re-created).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from jxjy.core.bench_db import bench_database_url, wait_until_listening

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
USERNAME = "bench_http_officer"
TARGETS = {"status API": (1500.0, 20.0), "dashboard API": (None, None), "certificate page": (300.0, None),
           "people list": (300.0, None)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(people: int, year: int, password: str) -> dict[str, Any]:
    """Runs inside the production settings (a subprocess): the data set, its standings, an officer."""
    import django

    django.setup()
    from jxjy.people.models import Professional
    from jxjy.records.bench import BENCH_PROVINCE, build
    from jxjy.records.bench_standings import _officer
    from jxjy.records.services.standings import standings_rebuild
    from jxjy.regions.models import Region

    build(people, 20, year, 1)
    province = Region.objects.get(code=BENCH_PROVINCE[0])
    t = time.perf_counter()
    standings_rebuild(region=province, reason="基准：HTTP")
    rebuild = time.perf_counter() - t
    officer = _officer(province, USERNAME)
    officer.set_password(password)
    officer.save()
    person = Professional.objects.filter(region__path__startswith=province.path).order_by("pk")[people // 2]
    return {"person": person.pk, "rebuild_s": round(rebuild, 1)}


class _BehindTLSProxy(http.cookiejar.DefaultCookiePolicy):
    def return_ok_secure(self, cookie: http.cookiejar.Cookie, request: urllib.request.Request) -> bool:
        return True


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Client:
    """The proxy's part: X-Forwarded-Proto https, Secure cookies kept on the loopback hop."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar(policy=_BehindTLSProxy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def get(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        headers = {"X-Forwarded-Proto": "https", "Accept-Language": "zh-hans"}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            origin = "https://" + urllib.parse.urlsplit(self.base).netloc
            headers |= {"Origin": origin, "Referer": origin + path}
        req = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310 - loopback
        try:
            with self.opener.open(req, timeout=60) as resp:
                return resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def login(self, username: str, password: str) -> str:
        status, html = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if status != 200 or not token:
            raise SystemExit(f"登录页不可用: {status} {html[:500]}")
        status, html = self.get("/accounts/login/", {"csrfmiddlewaretoken": token.group(1), "username": username,
                                                       "password": password})
        if status != 302:
            raise SystemExit(f"登录失败: {status} {html[:500]}")
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(m.group(1)) * _UNITS[m.group(2)] if m else float("nan")


def wrk(url: str, cookie: str, clients: int, seconds: int, timeout: int) -> dict[str, Any]:
    """One wrk run: requests/s, p50/p99 (ms), non-2xx/3xx answers and socket errors."""
    cmd = ["wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{seconds}s", f"--timeout={timeout}s", "--latency",
           "-H", f"Cookie: {cookie}", "-H", "X-Forwarded-Proto: https", "-H", "Accept-Language: zh-hans", url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + timeout + 30).stdout  # noqa: S603
    res: dict[str, Any] = {"raw": out}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    res["rps"] = float(m.group(1)) if m else 0.0
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M)
        res[f"p{pct}"] = _ms(m.group(1)) if m else float("nan")
    m = re.search(r"(\d+) requests in", out)
    res["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    res["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    res["connect"], res["read"], res["write"], res["timeout"] = (int(x) for x in m.groups()) if m else (0, 0, 0, 0)
    return res


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="jxjy bench http", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", default="16,64", help="comma-separated numbers of concurrent clients")
    parser.add_argument("--seconds", type=int, default=10, help="duration of each run")
    parser.add_argument("--timeout", type=int, default=5, help="wrk's per-request timeout (s)")
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--sqlite", default="/tmp/jxjy-http-bench.sqlite3")  # noqa: S108
    parser.add_argument("--only", default="", help="comma-separated endpoint names (default: all)")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:  # the subprocess under the production settings
        print(json.dumps(prepare(args.people, args.year, os.environ["JXJY_BENCH_PASSWORD"])))
        return 0
    if shutil.which("wrk") is None:
        raise SystemExit("需要 wrk：apt-get install -y wrk")
    clients = [int(c) for c in args.clients.split(",") if c.strip()]

    tmp = Path(f"/tmp/jxjy-http-bench-{os.getpid()}")  # noqa: S108
    tmp.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(16)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_REPLICA_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DJANGO_SETTINGS_MODULE="jxjy.settings.prod", DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1", DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=bench_database_url(args.sqlite, "_http_bench"),
        JXJY_STATIC_ROOT=str(tmp / "static"), JXJY_MEDIA_ROOT=str(tmp / "media"), JXJY_BIN=str(BIN),
        JXJY_BIND=f"127.0.0.1:{port}", JXJY_ACCESS_LOG="", JXJY_BENCH_PASSWORD=password, JXJY_LOG_LEVEL="warning",
        JXJY_SIGNING_KEY_FILE=str(tmp / "signing.pem"),  # made by setup, as on a first deployment
    )
    t0 = time.perf_counter()
    setup = subprocess.run([str(ROOT / "scripts" / "serve-prod"), "setup"], env=env, capture_output=True,  # noqa: S603
                           text=True, timeout=1800)
    if setup.returncode:
        raise SystemExit(setup.stdout[-2000:] + setup.stderr[-2000:])
    made = subprocess.run([str(BIN / "python"), "-m", "jxjy.core.bench_http", "--prepare", "--people",  # noqa: S603
                           str(args.people), "--year", str(args.year)], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=3600)
    if made.returncode:
        raise SystemExit(made.stdout[-2000:] + made.stderr[-3000:])
    info = json.loads(made.stdout.strip().splitlines()[-1])
    db = env["DATABASE_URL"].split("@")[-1]
    print(f"数据库 {db}：{args.people:,} 人 × 20 条记录，达标情况重算 {info['rebuild_s']} s；准备用时 "
          f"{time.perf_counter() - t0:.0f} s（不计时）")

    log = (tmp / "gunicorn.log").open("w")
    proc = subprocess.Popen([str(ROOT / "scripts" / "serve-prod"), "web"], env=env, stdout=log,  # noqa: S603
                            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    rc = 0
    try:
        try:
            wait_until_listening(port, proc, tmp / "gunicorn.log")
        except RuntimeError as exc:
            raise SystemExit(str(exc)) from None
        client = Client(base)
        cookie = client.login(USERNAME, password)
        y, pid = args.year, info["person"]
        endpoints = {
            "status API": f"/api/v1/compliance/{pid}?year={y}",
            "certificate page": f"/records/people/{pid}/?year={y}",
            "people list": f"/people/?year={y}",
            "dashboard API": f"/api/v1/stats/dashboard?year={y}",
        }
        if args.only:
            wanted = {w.strip() for w in args.only.split(",")}
            endpoints = {k: v for k, v in endpoints.items() if k in wanted}
        workers = env.get("JXJY_WORKERS") or "默认"
        print(f"gunicorn（jxjy/gunicorn.conf.py, jxjy.settings.prod）workers={workers} threads="
              f"{env.get('JXJY_THREADS') or '默认'}；wrk 每次 {args.seconds} s，单请求超时 {args.timeout} s；"
              f"负载 {os.getloadavg()[0]:.1f}", flush=True)
        print(f"{'endpoint':<17} {'clients':>7} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'requests':>9} "
              f"{'non-2xx':>8} {'timeouts':>8} {'conn/read/write err':>20}  target")
        for name, path in endpoints.items():
            status, body = client.get(path)
            if status != 200:
                print(f"{name:<17} {path} → {status}: {body[:300]}")
                rc = 1
                continue
            single = []
            for _ in range(10):  # one client alone, after the workers have loaded everything
                t = time.perf_counter()
                client.get(path)
                single.append((time.perf_counter() - t) * 1e3)
            wrk(base + path, cookie, max(clients), 2, args.timeout)  # warm-up of every worker, not reported
            print(f"{name:<17} {'1 (seq)':>7} {1e3 / (sum(single) / len(single)):>9.1f} {sorted(single)[5]:>9.1f} "
                  f"{max(single):>9.1f} {len(single):>9}", flush=True)
            for c in clients:
                r = wrk(base + path, cookie, c, args.seconds, args.timeout)
                rps_target, p99_target = TARGETS.get(name, (None, None))
                verdict = []
                if rps_target is not None:
                    verdict.append(f"≥{rps_target:.0f}/s {'✓' if r['rps'] >= rps_target else '✗'}")
                if p99_target is not None:
                    verdict.append(f"p99≤{p99_target:.0f}ms {'✓' if r['p99'] <= p99_target else '✗'}")
                print(f"{name:<17} {c:>7} {r['rps']:>9.1f} {r['p50']:>9.1f} {r['p99']:>9.1f} {r['requests']:>9} "
                      f"{r['non2xx']:>8} {r['timeout']:>8} {r['connect']:>6}/{r['read']}/{r['write']:<8}  "
                      f"{' '.join(verdict)}", flush=True)
                if not r["requests"]:
                    print(f"{'':<17} {c:>7} 在 {args.seconds} s 内没有一个请求完成（单请求超时 {args.timeout} s）")
        print(f"负载 {os.getloadavg()[0]:.1f}；服务器日志 {tmp / 'gunicorn.log'}")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
