"""``jxjy rules list`` / ``jxjy rules check``: output and exit codes (0 compliant, 1 not, 2 invalid)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jxjy.rules.cli import main
from jxjy.rules.tests.builders import annual, case, person, rec

COMPLIANT = case(person(), annual(2017), [rec("2017-03-01", "public", hours=24), rec("2017-04-01", days=8)])
SHORT = case(person(), annual(2017), [rec("2017-03-01", "public", hours=24)])


def write(tmp_path: Path, content: dict | str) -> str:
    path = tmp_path / "case.json"
    path.write_text(
        content if isinstance(content, str) else json.dumps(content, ensure_ascii=False), encoding="utf-8"
    )
    return str(path)


def test_list_prints_every_rule_set_as_a_json_array(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in listed] == [
        "changzhou-2011", "fuzhou-2009", "henan-2012", "quanzhou-luojiang-2017", "wenzhou-2009-engineering",
    ]  # fmt: skip
    for entry in listed:
        assert set(entry) == {"id", "title", "document", "region", "effective_from", "effective_to"}


def test_check_compliant_exits_0_with_the_verdict_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "changzhou-2011", write(tmp_path, COMPLIANT)]) == 0
    out, err = capsys.readouterr()
    verdict = json.loads(out)
    assert verdict["ruleset"] == "changzhou-2011" and verdict["compliant"] is True
    assert "常人社发〔2011〕11号" in out  # Chinese is printed as is, not \u-escaped
    assert err == ""


def test_check_not_compliant_exits_1_with_the_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "changzhou-2011", write(tmp_path, SHORT)]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["compliant"] is False
    assert err == ""


def test_check_invalid_input_exits_2_naming_the_field_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = case(
        person(),
        annual(2017),
        [rec("2017-03-01", hours=1), rec("2017-03-02", hours=1), rec("2017-03-03", hours=-1)],
    )
    assert main(["check", "changzhou-2011", write(tmp_path, bad)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "records[2].hours: must be >= 0\n"


def test_check_malformed_json_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "changzhou-2011", write(tmp_path, '{"person": {')]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("case: malformed JSON") and err.count("\n") == 1


def test_check_unknown_rule_set_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "atlantis-2099", write(tmp_path, COMPLIANT)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("ruleset: unknown rule set 'atlantis-2099'") and err.count("\n") == 1


def test_check_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "changzhou-2011", str(tmp_path / "nope.json")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("FILE: cannot read")


@pytest.mark.parametrize("argv", [[], ["check"], ["frobnicate"], ["check", "a", "b", "c"]])
def test_bad_usage_exits_2_with_usage_on_stderr(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("usage:")


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "jxjy.rules.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_reads_the_case_from_standard_input() -> None:
    done = _run("check", "changzhou-2011", stdin=json.dumps(COMPLIANT))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["compliant"] is True
    assert done.stderr == ""


def test_check_from_standard_input_exit_codes_1_and_2() -> None:
    assert _run("check", "changzhou-2011", stdin=json.dumps(SHORT)).returncode == 1
    invalid = _run("check", "changzhou-2011", stdin='{"person": {"series": "x"}}')
    assert invalid.returncode == 2
    assert invalid.stdout == ""
    assert invalid.stderr.startswith("person.series: must be one of") and invalid.stderr.count("\n") == 1
    assert "Traceback" not in invalid.stderr
