"""No regulatory number hides in the code (issue 13 item 1, "grep finds no regulatory number outside
the rule set files except the documented defaults"): the deadlines, day counts, hours, percentages
and cycles of the five documents live in jxjy/rules/data/*.yaml and procedures.yaml and are read
through ``rules.procedure`` / ``rules.parameter``. This scans jxjy/**/*.py (tests, migrations and the
rule set data excluded) for string literals stating such a number with its unit (e.g. "30日内",
"10个工作日", "2月底", "1%", "5年周期") and for module constants named like one (…_DAYS = 30,
…_PERCENT = 2); docstrings and comments may cite the documents. Anything else found must be in
regulatory_numbers_allowed.txt with its reason, or the test fails naming it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parents[2]  # jxjy/
ALLOWED = Path(__file__).with_name("regulatory_numbers_allowed.txt")
UNIT = re.compile(r"\d+(?:\.\d+)?\s*(?:学时|学分|个工作日|工作日|日内|天|%|％|年周期|月底|个月)")
CONSTANT = re.compile(r"(DEADLINE|DAYS|HOURS|CYCLE|QUOTA|PERCENT|LEAD|NOTICE|MONTHS?|YEARS|CREDITS)")


def _docstrings(tree: ast.Module) -> list[tuple[int, int]]:
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                spans.append((first.lineno, first.end_lineno or first.lineno))
    return spans


def found_numbers() -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).as_posix()
        if "/tests/" in rel or "/migrations/" in rel or rel.startswith("jxjy/rules/data"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if not any(a <= node.lineno <= b for a, b in docs):
                    out |= {(rel, m.group(0)) for m in UNIT.finditer(node.value)}
        for stmt in tree.body:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
            value = getattr(stmt, "value", None)
            for target in targets:
                if (isinstance(target, ast.Name) and CONSTANT.search(target.id) and isinstance(value, ast.Constant)
                        and isinstance(value.value, int | float) and not isinstance(value.value, bool)):
                    out.add((rel, f"{target.id} = {value.value}"))
    return out


def allowed() -> set[tuple[str, str]]:
    out = set()
    for line in ALLOWED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, text, reason = (part.strip() for part in line.split("|", 2))
            assert reason, f"{ALLOWED.name}: {path} {text} needs a reason"
            out.add((path, text))
    return out


def test_no_regulatory_number_appears_in_the_code_outside_the_rule_sets_and_the_allow_list() -> None:
    stray = sorted(found_numbers() - allowed())
    assert not stray, (
        "regulatory numbers in code; read them with rules.procedure()/parameter() from the rule set "
        "(or procedures.yaml as a stated default), or list them with a reason in "
        f"{ALLOWED.name}: " + "; ".join(f"{p}: {t}" for p, t in stray))


def test_the_allow_list_names_nothing_that_is_gone() -> None:
    """An entry whose number has been moved into the data must leave the list too."""
    assert not sorted(allowed() - found_numbers())


def test_the_scan_finds_a_hard_coded_deadline(tmp_path: Path) -> None:
    """The scanner would catch a reappearing number (e.g. 泉洛政人社[2017]27号 一（五）3 "30日内" hard-coded)."""
    source = 'MESSAGE = "应在培训结束后30日内办好认定"\nRECOGNITION_DAYS = 30\n'
    tree = ast.parse(source)
    texts = {m.group(0) for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
             for m in UNIT.finditer(node.value)}
    assert texts == {"30日内"} and CONSTANT.search("RECOGNITION_DAYS")
