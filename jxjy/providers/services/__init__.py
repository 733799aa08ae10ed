"""Writes of the providers app: keyword-only, typed, atomic, validated and audited."""
