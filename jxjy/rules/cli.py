"""``jxjy rules list`` and ``jxjy rules check RULESET_ID [FILE]``.

Exit codes of ``check``: 0 compliant, 1 not compliant, 2 invalid input or unknown rule set (then a
one-line ``field: reason`` on stderr and nothing on stdout).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from . import evaluate, list_rulesets
from .errors import CaseError, UnknownRuleset

USAGE = "usage: jxjy rules list | jxjy rules check RULESET_ID [FILE]"
EXIT_COMPLIANT, EXIT_NOT_COMPLIANT, EXIT_INVALID = 0, 1, 2


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _fail(message: str) -> int:
    print(" ".join(message.split()), file=sys.stderr)  # always exactly one line
    return EXIT_INVALID


def _read_case(path: str | None) -> bytes:
    if path is None or path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def check(ruleset_id: str, path: str | None) -> int:
    try:
        text = _read_case(path)
    except OSError as exc:
        return _fail(f"FILE: cannot read {path}: {exc.strerror or exc}")
    try:
        verdict = evaluate(text, ruleset_id)
    except (CaseError, UnknownRuleset) as exc:
        return _fail(str(exc))
    print(_dump(verdict))
    return EXIT_COMPLIANT if verdict["compliant"] else EXIT_NOT_COMPLIANT


def main(argv: list[str]) -> int:
    """Run ``rules`` with the arguments after the word ``rules``; returns the exit code."""
    match argv:
        case ["list"]:
            print(_dump(list_rulesets()))
            return 0
        case ["check", ruleset_id]:
            return check(ruleset_id, None)
        case ["check", ruleset_id, path]:
            return check(ruleset_id, path)
        case ["-h" | "--help" | "help"]:
            print(USAGE)
            return 0
        case _:
            return _fail(USAGE)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
