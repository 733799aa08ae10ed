"""JSON endpoints under /api/v1/ce-bases/."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["继续教育基地"])
