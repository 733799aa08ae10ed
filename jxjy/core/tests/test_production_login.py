"""The production path end to end: `scripts/serve-prod setup` on a fresh database, gunicorn with
jxjy/gunicorn.conf.py and the production settings on loopback, a real login through the form.

The server is plain http on 127.0.0.1, as it is behind the TLS-terminating proxy; the client plays
that proxy's part: it sends `X-Forwarded-Proto: https` (trusted from loopback only) and keeps the
Secure cookies a browser would keep for the https site. DJANGO_SECURE_SSL_REDIRECT=0 because the
proxy, not Django, redirects http to https.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from jxjy.core.bench_db import wait_until_listening

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
PASSWORD = "prod-check-密码-2026"

pytestmark = [
    pytest.mark.production_server,
    pytest.mark.xdist_group("production_server"),
    pytest.mark.skipif(
        shutil.which("gunicorn", path=str(BIN)) is None or os.name != "posix",
        reason="gunicorn 不可用（仅在 POSIX 上运行）",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    env: dict[str, str]


def _database_url(tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite file, or a fresh database on the PostgreSQL server CI is using."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'prod.sqlite3'}"
        return
    import psycopg

    name = f"jxjy_prodcheck_{os.getpid()}"
    admin = urllib.parse.urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("prod")
    databases = _database_url(tmp)
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_REPLICA_URL") and not k.startswith("PYTEST")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="jxjy.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=next(databases),
        JXJY_STATIC_ROOT=str(tmp / "static"),
        JXJY_MEDIA_ROOT=str(tmp / "media"),
        JXJY_BIN=str(BIN),
        JXJY_BIND=f"127.0.0.1:{port}",
        JXJY_WORKERS="2",
        JXJY_THREADS="2",
        JXJY_ACCESS_LOG="",
        JXJY_SIGNING_KEY_FILE=str(tmp / "keys" / "signing.pem"),  # made by setup, as on a first deployment
    )
    setup = subprocess.run(
        [str(ROOT / "scripts" / "serve-prod"), "setup"], env=env, capture_output=True, text=True, timeout=600
    )
    assert setup.returncode == 0, setup.stdout[-3000:] + setup.stderr[-3000:]
    create_user = (
        "from jxjy.accounts.models import User\n"
        f"User.objects.create_superuser(username='prodcheck', password={PASSWORD!r})\n"
        f"User.objects.create_superuser(username='prodcheck2', password={PASSWORD!r})\n"
    )
    made = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", create_user],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert made.returncode == 0, made.stderr[-3000:]
    log = (tmp / "gunicorn.log").open("w")
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "serve-prod"), "web"], env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_listening(port, proc, tmp / "gunicorn.log")
        except RuntimeError as exc:
            raise AssertionError(str(exc)) from None
        yield Server(url=url, env=env)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        log.close()
        next(databases, None)


class _BehindTLSProxy(http.cookiejar.DefaultCookiePolicy):
    """Keeps and returns Secure cookies on the loopback http hop, as the browser does for https."""

    def return_ok_secure(self, cookie: http.cookiejar.Cookie, request: urllib.request.Request) -> bool:
        return True


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar(policy=_BehindTLSProxy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        headers = {"X-Forwarded-Proto": "https", "Accept-Language": "zh-hans"}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            origin = "https://" + urllib.parse.urlsplit(self.base).netloc
            headers |= {"Origin": origin, "Referer": origin + path}
        req = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        try:
            with self.opener.open(req, timeout=30) as resp:
                return resp.status, dict(resp.headers), resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read().decode("utf-8", "replace")

    def login(self, username: str, password: str) -> tuple[int, dict[str, str], str]:
        status, _, html = self.request("/accounts/login/")
        assert status == 200, html[:2000]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token, html[:2000]
        return self.request(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password},
        )


def test_a_user_logs_in_through_gunicorn_with_the_production_settings(server: Server):
    browser = Browser(server.url)
    status, headers, html = browser.request("/accounts/login/")
    assert status == 200
    assert "登录" in html
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]
    css = re.search(r'href="(/static/jxjy/site\.[^"]*css)"', html)
    assert css, "the login page links the site stylesheet"

    status, headers, _ = browser.login("prodcheck", PASSWORD)
    assert status == 302 and headers["Location"] == "/"
    assert {c.name for c in browser.jar} >= {"sessionid", "csrftoken"}
    assert all(c.secure for c in browser.jar if c.name in ("sessionid", "csrftoken"))

    status, headers, html = browser.request("/")
    assert status == 200, html[:2000]
    assert "您好" in html
    assert "no-store" in headers["Cache-Control"]
    # 模拟日期 exists only in the development settings (issue 15 item 2): not shown, and its URL is 404
    assert "模拟日期" not in html
    token = re.search(r'"X-CSRFToken": "([^"]+)"', html)
    assert token, html[:2000]
    status, _, _ = browser.request("/demo-clock/", {"csrfmiddlewaretoken": token.group(1), "action": "30"})
    assert status == 404

    # certificates are signed with the key setup made: its public half is published
    status, _, published = browser.request("/.well-known/jxjy-keys.json")
    assert status == 200 and '"OKP"' in published and '"Ed25519"' in published

    status, headers, stylesheet = browser.request(css.group(1))
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert ".topbar" in stylesheet


def test_login_throttling_holds_across_gunicorn_workers(server: Server):
    """The counters live in the database cache shared by both workers: after five failures, each
    on a new connection (so on whichever worker takes it), the right password is refused too."""
    for _ in range(5):
        status, _, html = Browser(server.url).login("prodcheck2", "wrong-password")
        assert status == 200 and "用户名或密码错误" in html
    status, _, html = Browser(server.url).login("prodcheck2", PASSWORD)
    assert status == 200
    assert "登录失败次数过多" in html
