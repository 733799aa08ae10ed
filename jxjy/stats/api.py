"""The statistics API under /api/v1/stats/."""

from ninja import Router

router = Router(tags=["统计"])
