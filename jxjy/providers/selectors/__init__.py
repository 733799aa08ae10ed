"""Reads of the providers app, scoped through jxjy.accounts.policy.restrict."""
