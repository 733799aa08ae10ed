"""The test suite: fast hashing, tasks run inline, mail kept in memory."""

import os
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Certificates are signed with a key made for the test process unless a test configures one (jxjy.credentials.keys).
CREDENTIAL_EPHEMERAL_KEY_ALLOWED = True
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("JXJY_MEDIA_ROOT", "/tmp/jxjy-test-media"))  # noqa: S108
MIDDLEWARE = [m for m in MIDDLEWARE if "whitenoise" not in m]  # noqa: F405

# The replica alias always exists in tests, as a TEST MIRROR of default on the same server (a
# DATABASE_REPLICA_URL in the environment is ignored here): the router (jxjy/core/db_router.py)
# sees one database behind both aliases and reads from "default", so a test sees its own writes.
# jxjy/core/tests/test_replica.py checks the real primary/replica pair in a child process instead.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
NOTIFICATION_CHANNELS = ("mail", "sms")
NOTIFICATION_SMS_BACKEND = "jxjy.notifications.channels.ConsoleShortMessageBackend"
