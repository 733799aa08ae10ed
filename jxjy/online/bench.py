"""``jxjy bench heartbeats [--learners N] [--clients 32,64] [--seconds 20]``: study heartbeats per
second on the production server.

Builds its own database (`jxjy.records.bench`'s people generator; PostgreSQL ``<name>_heartbeat_bench``
when DATABASE_URL names PostgreSQL, else a fresh SQLite file), one approved course with a one-hour
video, and N learners, each logged in (a database session row, as the login form makes) with an
open study session holding the person's study lease and every segment of the video fetched. Then
``scripts/serve-prod setup`` and ``scripts/serve-prod web`` (gunicorn, jxjy/gunicorn.conf.py,
jxjy.settings.prod, behind a TLS proxy as ``X-Forwarded-Proto: https``) and wrk with a Lua script
that posts ``/api/v1/online/sessions/<id>/heartbeat`` round-robin over the learners, each with its
own cookie and CSRF token and the position a 1× player would report. Every beat goes the full way
(lease, session, segments, credit, four writes); each learner beats every N / rate seconds, so N is
chosen to keep that between the minimum interval (9 s) and the lease (32 s) at the expected rate.
Presence checks are set a day ahead (one per 10–20 minutes of a learner costs two more writes).

Prints heartbeats/s, p50/p99, non-2xx, how many beats earned time, and the concurrent learners
that rate supports at the default interval (``ONLINE_HEARTBEAT_SECONDS``, 15 s).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from jxjy.core.bench_db import bench_database_url, wait_until_listening
from jxjy.core.bench_http import BIN, ROOT, _free_port, _ms

VIDEO_SECONDS = 3600
VIDEO_BYTES = 4 * 1024 * 1024  # 16 segments of 256 KiB


def prepare(learners: int, out: Path) -> dict[str, Any]:
    """Runs inside the production settings (a subprocess): learners with open, leased sessions."""
    import datetime as dt

    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.models import Session
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.utils import timezone

    from jxjy.accounts.models import Role, User
    from jxjy.online.choices import CourseStatus, UnitKind
    from jxjy.online.config import online_config
    from jxjy.online.media import segment_count
    from jxjy.online.models import (
        Course,
        Enrolment,
        SegmentFetch,
        StudyLease,
        StudySession,
        Unit,
        UnitProgress,
    )
    from jxjy.orgs.models import Provider
    from jxjy.people.models import Professional
    from jxjy.records.bench import build

    made = build(learners, 0, 2026, 1)
    city = made["city"]
    now = timezone.now()
    provider = Provider.objects.create(name="基准网络课程中心", credit_code="99HEARTBEAT0000001", region=city)
    course = Course.objects.create(code="BENCH-HB", title="基准网络课程", subject="public", provider=provider, region=city,
                                   hours=1, valid_from=now.date() - dt.timedelta(days=1), status=CourseStatus.APPROVED)
    unit = Unit(course=course, position=1, title="第1讲", kind=UnitKind.VIDEO, content_type="video/webm",
                duration_seconds=VIDEO_SECONDS, file_size=VIDEO_BYTES)
    unit.file.save("bench.webm", ContentFile(b"\x1a\x45\xdf\xa3" + bytes(VIDEO_BYTES - 4)), save=False)
    unit.save()
    unusable = make_password(None)  # no password: the bench logs them in by session rows
    people = list(Professional.objects.filter(region__path__startswith=city.path).order_by("pk").values_list("pk", "region_id"))
    users = User.objects.bulk_create(
        [User(username=f"hb{pk}", role=Role.PROFESSIONAL, professional_id=pk, region_id=region, password=unusable)
         for pk, region in people], batch_size=5000)
    enrolments = Enrolment.objects.bulk_create([Enrolment(course=course, professional_id=pk) for pk, _ in people],
                                               batch_size=5000)
    progress = UnitProgress.objects.bulk_create([UnitProgress(enrolment=e, unit=unit) for e in enrolments], batch_size=5000)
    started = now - dt.timedelta(seconds=60)
    sessions = StudySession.objects.bulk_create(
        [StudySession(enrolment=e, unit=unit, progress=p, started_at=started, last_beat_at=started)
         for e, p in zip(enrolments, progress, strict=True)], batch_size=5000)
    StudyLease.objects.bulk_create(
        [StudyLease(professional_id=e.professional_id, session=s, taken_at=started,
                    expires_at=now + dt.timedelta(hours=1), challenge_due_at=now + dt.timedelta(days=1))
         for e, s in zip(enrolments, sessions, strict=True)], batch_size=5000)
    count = segment_count(VIDEO_BYTES, int(online_config().segment_bytes))
    SegmentFetch.objects.bulk_create(
        [SegmentFetch(session=s, index=i, fetched_at=started) for s in sessions for i in range(count)], batch_size=10000)
    store = import_module(settings.SESSION_ENGINE).SessionStore  # its salt signs the data
    rows, learners_out = [], []
    for user, session in zip(users, sessions, strict=True):
        key = secrets.token_hex(16)
        data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "jxjy.accounts.backends.IdentifierBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash(), "_jxjy_seen": int(now.timestamp())}
        rows.append(Session(session_key=key, session_data=store().encode(data),
                            expire_date=now + dt.timedelta(hours=2)))
        learners_out.append([key, secrets.token_hex(16), f"/api/v1/online/sessions/{session.pk}/heartbeat"])
    Session.objects.bulk_create(rows, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    out.write_text(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "csrf": settings.CSRF_COOKIE_NAME,
                               "learners": learners_out, "t0": started.timestamp()}))
    return {"learners": len(learners_out), "segments": count}


LUA = """
local learners = {}
for line in io.lines("%(rows)s") do
  local k, c, p = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)")
  learners[#learners + 1] = {k, c, p}
end
local n = #learners
local t0 = %(t0)f
local origin = "%(origin)s"
local i = 0
local threads = %(threads)d
local started = 0
function setup(thread)
  thread:set("tid", started)  -- thread k takes learners k, k + threads, …: no two at once
  started = started + 1
end
function init(args)
  i = tid or 0
end
function request()
  local l = learners[(i %% n) + 1]
  i = i + threads
  local pos = os.time() - t0
  local body = '{"position": ' .. pos .. ', "rate": 1.0, "visible": true, "idle_seconds": 0, "playing": true}'
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Cookie"] = "%(cookie)s=" .. l[1] .. "; %(csrf)s=" .. l[2]
  headers["X-CSRFToken"] = l[2]
  headers["X-Forwarded-Proto"] = "https"
  headers["Origin"] = origin
  headers["Referer"] = origin .. "/online/"
  return wrk.format("POST", l[3], headers, body)
end
"""


def _lua(data: dict[str, Any], origin: str, threads: int, rows: Path) -> str:
    rows.write_text("".join(f"{k}\t{c}\t{p}\n" for k, c, p in data["learners"]))
    return LUA % {"rows": str(rows), "t0": data["t0"], "origin": origin, "cookie": data["cookie"], "csrf": data["csrf"],
                  "threads": threads}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="jxjy bench heartbeats", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=15000, help="learners with an open session (round-robin)")
    parser.add_argument("--clients", default="32,64", help="comma-separated numbers of concurrent connections")
    parser.add_argument("--seconds", type=int, default=20, help="duration of each run")
    parser.add_argument("--timeout", type=int, default=5)
    parser.add_argument("--sqlite", default="/tmp/jxjy-heartbeat-bench.sqlite3")  # noqa: S108
    parser.add_argument("--prepare", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        print(json.dumps(prepare(args.learners, Path(args.prepare))))
        return 0
    import shutil

    if shutil.which("wrk") is None:
        raise SystemExit("需要 wrk：apt-get install -y wrk")
    tmp = Path(f"/tmp/jxjy-heartbeat-bench-{os.getpid()}")  # noqa: S108
    tmp.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_REPLICA_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DJANGO_SETTINGS_MODULE="jxjy.settings.prod", DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1", DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=bench_database_url(args.sqlite, "_heartbeat_bench"),
        JXJY_STATIC_ROOT=str(tmp / "static"), JXJY_MEDIA_ROOT=str(tmp / "media"), JXJY_BIN=str(BIN),
        JXJY_BIND=f"127.0.0.1:{port}", JXJY_ACCESS_LOG="", JXJY_LOG_LEVEL="warning",
        JXJY_SIGNING_KEY_FILE=str(tmp / "signing-key.pem"),  # the production check wants one; setup makes it
    )
    t0 = time.perf_counter()
    setup = subprocess.run([str(ROOT / "scripts" / "serve-prod"), "setup"], env=env, capture_output=True,  # noqa: S603
                           text=True, timeout=1800)
    if setup.returncode:
        raise SystemExit(setup.stdout[-2000:] + setup.stderr[-2000:])
    data_file = tmp / "learners.json"
    made = subprocess.run([str(BIN / "python"), "-m", "jxjy.online.bench", "--prepare", str(data_file),  # noqa: S603
                           "--learners", str(args.learners)], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=3600)
    if made.returncode:
        raise SystemExit(made.stdout[-2000:] + made.stderr[-3000:])
    info = json.loads(made.stdout.strip().splitlines()[-1])
    data = json.loads(data_file.read_text())
    db = env["DATABASE_URL"].split("@")[-1]
    print(f"数据库 {db}：{info['learners']:,} 名学员各有一个打开的学习会话（视频 {info['segments']} 段均已下载）；"
          f"准备用时 {time.perf_counter() - t0:.0f} s（不计时）")
    log = (tmp / "gunicorn.log").open("w")
    proc = subprocess.Popen([str(ROOT / "scripts" / "serve-prod"), "web"], env=env, stdout=log,  # noqa: S603
                            stderr=subprocess.STDOUT, start_new_session=True)
    rc = 0
    try:
        try:
            wait_until_listening(port, proc, tmp / "gunicorn.log")
        except RuntimeError as exc:
            raise SystemExit(str(exc)) from None
        base = f"http://127.0.0.1:{port}"
        origin = f"https://127.0.0.1:{port}"
        _warm_up(base, origin, data)
        interval = 15.0
        print(f"gunicorn（jxjy/gunicorn.conf.py, jxjy.settings.prod）workers={env.get('JXJY_WORKERS') or '默认'} "
              f"threads={env.get('JXJY_THREADS') or '默认'} DB_CONN_MAX_AGE={env.get('DB_CONN_MAX_AGE', '0')}；"
              f"wrk 每次 {args.seconds} s；负载 {os.getloadavg()[0]:.1f}；CPU {os.cpu_count()} 核（与他人共用）", flush=True)
        print(f"{'clients':>7} {'beats/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'beats':>8} {'non-2xx':>8} {'timeouts':>8}"
              f" {'s/beat':>9} {'learners @15 s':>15}")
        for clients in [int(c) for c in args.clients.split(",") if c.strip()]:
            threads = min(2, clients)
            script = tmp / f"beats-{clients}.lua"
            script.write_text(_lua(data, origin, threads, tmp / "learners.tsv"))
            beats0, credited0 = _totals(env)
            res = wrk_post(base + "/", script, clients, args.seconds, args.timeout, threads)
            beats1, credited1 = _totals(env)
            rps = res["rps"]
            # seconds earned per beat the server recorded, against the wall time each learner's beat covered
            per_beat = (credited1 - credited0) / (beats1 - beats0) if beats1 > beats0 else 0.0
            print(f"{clients:>7} {rps:>9.0f} {res['p50']:>9.1f} {res['p99']:>9.1f} {res['requests']:>8} "
                  f"{res['non2xx']:>8} {res['timeout']:>8} {per_beat:>8.1f}s {int(rps * interval):>15,}", flush=True)
            if res["non2xx"] or not res["requests"]:
                print(res["raw"][-1500:])
                rc = 1
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
    return rc


def _warm_up(base: str, origin: str, data: dict[str, Any]) -> None:
    """One beat of the last learner, answered 200, before timing (the workers have booted and the
    cookie, CSRF and proxy headers are right)."""
    import urllib.error
    import urllib.request

    key, token, path = data["learners"][-1]
    body = json.dumps({"position": 0, "rate": 1.0}).encode()
    headers = {"Content-Type": "application/json", "Cookie": f"{data['cookie']}={key}; {data['csrf']}={token}",
               "X-CSRFToken": token, "X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + "/online/"}
    deadline = time.monotonic() + 120
    while True:
        req = urllib.request.Request(base + path, data=body, headers=headers)  # noqa: S310 - loopback
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310
                if resp.status == 200:
                    return
        except urllib.error.HTTPError as exc:
            raise SystemExit(f"心跳不可用: {exc.code} {exc.read()[:500]!r}") from None
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def _totals(env: dict[str, str]) -> tuple[int, float]:
    """Beats the server recorded and seconds it credited, over all sessions (read in a subprocess)."""
    code = ("import django,json;django.setup();from django.db.models import Sum;"
            "from jxjy.online.models import StudySession as S;"
            "print(json.dumps(S.objects.aggregate(b=Sum('beats'),c=Sum('credited_seconds'))))")
    out = subprocess.run([str(BIN / "python"), "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,  # noqa: S603
                         timeout=600)
    values = json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else {}
    return int(values.get("b") or 0), float(values.get("c") or 0.0)


def wrk_post(url: str, script: Path, clients: int, seconds: int, timeout: int, threads: int) -> dict[str, Any]:
    cmd = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", f"--timeout={timeout}s", "--latency",
           "-s", str(script), url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + timeout + 60)  # noqa: S603
    return _parse(done.stdout + done.stderr)


def _parse(out: str) -> dict[str, Any]:
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
    res["timeout"] = int(m.groups()[3]) if m else 0
    return res


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
