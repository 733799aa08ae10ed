"""jxjy — 继续教育 (continuing education) of professional and technical personnel."""
