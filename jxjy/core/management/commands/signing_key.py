"""`jxjy manage signing_key [--create-if-missing]`: shows the certificate signing key's id, or makes the
key file JXJY_SIGNING_KEY_FILE names when it does not exist yet (Ed25519, PEM, readable by its owner only)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jxjy.credentials import keys


class Command(BaseCommand):
    help = "显示证书签名密钥的标识；--create-if-missing：密钥文件不存在时生成（Ed25519，权限 600）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--create-if-missing", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path = keys._setting("CREDENTIAL_SIGNING_KEY_FILE", "JXJY_SIGNING_KEY_FILE")
        if options["create_if_missing"] and path and not Path(path).exists():
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(keys.private_pem(Ed25519PrivateKey.generate()))
            self.stdout.write(f"已生成证书签名密钥：{path}（请妥善备份；更换密钥时把旧密钥列入 JXJY_RETIRED_KEY_FILES）")
        try:
            key = keys.current_key()
        except keys.KeyConfigurationError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"证书签名密钥标识：{key.kid}")
