"""Per-token rate limit: a fixed one-minute window counted in the cache (shared by all workers when
the cache is)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_PER_MINUTE = 120


def per_minute() -> int:
    return int(getattr(settings, "API_TOKEN_RATE_PER_MINUTE", DEFAULT_PER_MINUTE))


def token_hit(token_id: int) -> tuple[bool, int]:
    """Counts one request of the token; answers (allowed, seconds until the window ends)."""
    now = time.time()
    window = int(now // 60)
    key = f"api-token-rate:{token_id}:{window}"
    cache.add(key, 0, timeout=70)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=70)
        count = 1
    return count <= per_minute(), max(1, int((window + 1) * 60 - now))
