"""The rules engine's exceptions: bad cases, unknown rule sets, broken data files."""

from __future__ import annotations


class CaseError(ValueError):
    """The case cannot be evaluated; ``field`` names the offending input, e.g. ``records[2].hours``.

    ``errors`` lists every problem found (field, reason); ``field``/``reason`` are the first one,
    and ``str()`` is the one-line ``"field: reason"`` the CLI prints.
    """

    def __init__(self, field: str, reason: str, errors: list[tuple[str, str]] | None = None) -> None:
        self.field = field
        self.reason = reason
        self.errors: list[tuple[str, str]] = errors or [(field, reason)]
        super().__init__(f"{field}: {reason}")

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


class UnknownRuleset(LookupError):
    """No rule set has this id."""

    def __init__(self, ruleset_id: str, known: list[str] | None = None) -> None:
        self.ruleset_id = ruleset_id
        self.known = known or []
        super().__init__(ruleset_id)

    def __str__(self) -> str:
        known = f"; known: {', '.join(self.known)}" if self.known else ""
        return f"ruleset: unknown rule set {self.ruleset_id!r}{known}"


class RulesetDataError(Exception):
    """A rule set data file is malformed; a programming/data error, never the user's input."""
