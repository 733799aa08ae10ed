"""Writes of online learning: each service is keyword-only, atomic, validated and audited."""
