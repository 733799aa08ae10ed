"""Local development: `make run`."""

import os

from .base import *  # noqa: F403

DEBUG = True
# Without JXJY_SIGNING_KEY_FILE, certificates are signed with a key made for the process (jxjy.credentials.keys).
CREDENTIAL_EPHEMERAL_KEY_ALLOWED = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "dev-only-insecure-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
NOTIFICATION_CHANNELS = ("mail", "sms")
NOTIFICATION_SMS_BACKEND = "jxjy.notifications.channels.ConsoleShortMessageBackend"
# 模拟日期 for trials (jxjy/core/demo_clock.py): an HR officer may move the workflow's date forward.
# Only here: production and test settings do not set it, so the control and its offset do not exist there.
JXJY_DEMO_CLOCK = True
