"""Jurisdiction rules for the providers app's models (registered into jxjy.accounts.policy)."""
