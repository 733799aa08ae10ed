"""System check: the production site signs certificates, so it must have its signing key. Without one
the verify page, certificate PDFs and credential exports would fail on the first request; `check
--deploy` (run by `scripts/serve-prod setup`) says so before the site starts."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Tags, register

from .keys import KeyConfigurationError, current_key


@register(Tags.security, deploy=True)
def signing_key_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    try:
        current_key()
    except KeyConfigurationError as exc:
        return [Error(str(exc), id="jxjy.E010",
                      hint="设置 JXJY_SIGNING_KEY_FILE 指向 Ed25519 私钥文件；scripts/serve-prod setup 会在该文件不存在时生成"
                           "（jxjy manage signing_key --create-if-missing）")]
    return []
