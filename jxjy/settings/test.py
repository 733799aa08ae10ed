"""The test suite: fast hashing, tasks run inline, mail kept in memory."""

import os
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("JXJY_MEDIA_ROOT", "/tmp/jxjy-test-media"))  # noqa: S108
MIDDLEWARE = [m for m in MIDDLEWARE if "whitenoise" not in m]  # noqa: F405

# The replica alias always exists in tests, as a TEST MIRROR of default: the test runner points it
# at default's test database, and the router (jxjy/core/db_router.py) then reads from "default".
# With DATABASE_REPLICA_URL set, jxjy/core/tests/test_replica.py checks the real pair outside the
# test database.
DATABASES.setdefault("replica", {**DATABASES["default"]})  # noqa: F405
DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # noqa: F405
