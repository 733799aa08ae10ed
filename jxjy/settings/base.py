"""Settings shared by every environment. Secrets and the database come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "jxjy.core",
    "jxjy.numbering",
    "jxjy.tokens",
    "jxjy.regions",
    "jxjy.accounts",
    "jxjy.audit",
    "jxjy.orgs",
    "jxjy.people",
    "jxjy.rules_ui",
    "jxjy.records",
    "jxjy.training",
    "jxjy.online",
    "jxjy.providers",
    "jxjy.stats",
    "jxjy.notifications",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jxjy.core.errors.DevelopmentErrorPagesMiddleware",
    "jxjy.core.middleware.RequestLimitsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jxjy.core.request_context.RequestContextMiddleware",
    "jxjy.core.security_headers.SecurityHeadersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "jxjy.core.db_router.ReplicaReadsMiddleware",
    "jxjy.accounts.sessions.IdleSessionMiddleware",
    # Last, as django-axes requires: turns a lock-out flagged during the view into the login page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jxjy.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jxjy" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jxjy.core.context_processors.navigation",
                "jxjy.notifications.context_processors.unread",
            ],
        },
    },
]

WSGI_APPLICATION = "jxjy.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )

# A streaming read replica (PostgreSQL hot standby), optional. jxjy/core/db_router.py decides
# which reads may go there; writes and everything else stay on "default".
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0"))
    )
DATABASE_ROUTERS = ["jxjy.core.db_router.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# django-axes first (it refuses locked-out attempts), then login by username, 身份证号 or phone.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "jxjy.accounts.backends.IdentifierBackend"]
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60  # 默认（default）: a reset or activation link holds one day

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# One language at a time (issue 15 item 11): the site is Chinese, whole; Django's own messages come from its
# zh-hans catalogue. No LocaleMiddleware, so a browser asking for English still gets Chinese.
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("JXJY_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("JXJY_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "jxjy.core.errors.csrf_failure"  # the Chinese 403 page, not Django's English one
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content-Security-Policy (Django's ContentSecurityPolicyMiddleware). Scripts, stylesheets, fonts and
# images come only from our own static files; there are no inline scripts or event handlers (the
# JSON blocks of json_script are data, not scripts). Style *attributes* are allowed because a few
# templates set widths inline (progress bars); style elements and inline scripts are not. If a page
# ever needs an inline script, add CSP.NONCE to script-src and the "csp" context processor.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# jxjy.core.security_headers: no page uses the camera, microphone, location, payment or USB.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=()"
)

MAILERS: dict[str, dict[str, object]] = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("JXJY_FROM_EMAIL", "jxjy@localhost")

# Notification copies (jxjy/notifications/channels.py): mail through MAILERS above and, when "sms" is
# listed, a short message (SMS or WeChat) through the backend named here (a gateway's class in
# production; development and tests use the console backend, which writes it to standard output).
NOTIFICATION_CHANNELS = tuple(os.environ.get("JXJY_NOTIFICATION_CHANNELS", "mail").split(","))
NOTIFICATION_SMS_BACKEND = os.environ.get(
    "JXJY_SMS_BACKEND", "jxjy.notifications.channels.ConsoleShortMessageBackend")
NOTIFICATION_SITE_URL = os.environ.get("JXJY_SITE_URL", "")
# Where the deadlines come from (the home page lists a user's; the daily reminder run reminds before them).
DEADLINE_SOURCES = [
    "jxjy.training.deadlines.plan_deadlines",
    "jxjy.training.deadlines.recognition_deadlines",
    "jxjy.records.deadlines.verification_deadlines",
]
# Where the home page's 待办 come from (jxjy/core/worklist.py): one function per app.
WORKLIST_SOURCES = [
    "jxjy.training.worklist.training_todo",
    "jxjy.records.worklist.records_todo",
    "jxjy.providers.worklist.providers_todo",
    "jxjy.online.worklist.online_todo",
    "jxjy.core.admin_worklist.admin_todo",
]

# Sessions end after 30 minutes without a request (默认（default）); jxjy.accounts.sessions refreshes
# the expiry at most every five minutes instead of saving the session on every request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_REFRESH_SECONDS = 5 * 60

# Login throttling (django-axes, jxjy/accounts/throttle.py): five failures for one account from one
# address lock that pair only, so nobody can lock a named account for everyone. The account key is the
# normalised identifier (NFKC, stripped, casefolded; an identifier that names an account counts as that
# account), kept as a keyed hash so the tables hold no 身份证号. Each further lock-out within a day
# doubles the cool-off, from 15 minutes up to a day.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "jxjy.accounts.throttle.username_key"
AXES_CLIENT_IP_CALLABLE = "jxjy.accounts.throttle.client_address"
AXES_COOLOFF_TIME = "jxjy.accounts.throttle.cool_off"
AXES_LOCKOUT_CALLABLE = "jxjy.accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_SENSITIVE_PARAMETERS = ["username", "password", "ip_address"]
AXES_VERBOSE = False
LOGIN_THROTTLE_BASE_SECONDS = 15 * 60
LOGIN_THROTTLE_MAX_SECONDS = 24 * 60 * 60

# Roster import limits.
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_UNPACKED_BYTES = 60 * 1024 * 1024
IMPORT_MAX_ROWS = 20000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Request limits (jxjy.core.middleware): bodies over these answer 413 unread; JSON deeper than the depth 422.
JXJY_MAX_BODY_BYTES = DATA_UPLOAD_MAX_MEMORY_SIZE
JXJY_MAX_UPLOAD_BYTES = 11 * 1024 * 1024  # multipart: a 10 MB file (training.services.uploads) plus its form
JXJY_MAX_JSON_DEPTH = 32
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
