"""Procedural parameters (issue 13 item 2): one home for every regional procedural number. Each rule
set states, dated and cited, the ones its document sets; the others are the catalogue's defaults,
stated as defaults ("默认（default）：…"), never presented as cited."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from jxjy.rules import CaseError, parameter, procedure, procedure_catalogue, procedures_of
from jxjy.rules.errors import RulesetDataError
from jxjy.rules.loader import DATA_DIR, compile_ruleset, load_ruleset, ruleset_ids
from jxjy.rules.procedures import DEFAULT_PREFIX

ON = dt.date(2020, 6, 1)
ARTICLE = re.compile(r"^ (第[一二三四五六七八九十]+条|[一二三四五六七八九十]+[、（ ]|附件)")


def test_luojiang_1_5_2_a_class_is_applied_for_at_least_10_working_days_ahead() -> None:
    assert procedure("quanzhou-luojiang-2017", "class_application_lead_working_days", ON) == (
        10, "泉洛政人社[2017]27号 一（五）2（应提前至少10个工作日做好开班申请）", False)


@pytest.mark.parametrize(
    ("name", "value", "article"),
    [
        ("class_plan_due_month", 2, "一（五）1"),
        ("hours_recognition_days", 30, "一（五）3"),
        ("verification_due_month", 2, "二（一）"),
        ("verification_late_forfeits", True, "二（三）2"),
        ("verification_max_deferral_years", 2, "二（三）2"),
        ("teacher_verification_cycle_years", 5, "二（一）"),
    ],
)
def test_luojiang_states_its_procedure_numbers(name: str, value: Any, article: str) -> None:
    found = procedure("quanzhou-luojiang-2017", name, ON)
    assert (found.value, found.is_default) == (value, False)
    assert found.reference.startswith(f"泉洛政人社[2017]27号 {article}")


def test_fuzhou_appendix_2_notice_of_5_days_published_in_the_first_week_of_each_quarter() -> None:
    days = procedure("fuzhou-2009", "class_public_notice_days", ON)
    mode = procedure("fuzhou-2009", "class_notice_mode", ON)
    assert (days.value, days.is_default) == (5, False)
    assert (mode.value, mode.is_default) == ("quarterly_first_week", False)
    assert mode.reference.startswith("榕人专〔2009〕145号 附件2") and "每季度第一周" in mode.reference


def test_fuzhou_states_no_verification_deadline_so_the_default_says_it_is_one() -> None:
    found = procedure("fuzhou-2009", "verification_due_month", ON)
    assert (found.value, found.is_default) == (2, True)
    assert found.reference.startswith("默认（default）：来源文件未规定")


def test_changzhou_art23_excellent_quota_cut_of_1_to_2_percent() -> None:
    assert procedure("changzhou-2011", "excellent_quota_reduction_min", ON) == (
        0.01, "常人社发〔2011〕11号 第二十三条（核减1%—2%）", False)
    assert procedure("changzhou-2011", "excellent_quota_reduction_max", ON).value == 0.02


def test_a_region_without_a_rule_set_and_a_day_before_the_document_get_the_default() -> None:
    assert procedure(None, "class_application_lead_working_days", ON).is_default
    before = procedure("quanzhou-luojiang-2017", "class_application_lead_working_days", dt.date(2017, 3, 2))
    assert before.is_default and before.reference.startswith(DEFAULT_PREFIX)


def test_parameter_still_reads_a_cited_procedure_number_and_refuses_a_default() -> None:
    assert parameter("quanzhou-luojiang-2017", "class_application_lead_working_days", ON)[0] == 10
    with pytest.raises(CaseError):
        parameter("henan-2012", "class_application_lead_working_days", ON)


def test_an_unknown_procedure_name_is_an_error_not_a_silent_default() -> None:
    with pytest.raises(KeyError):
        procedure("fuzhou-2009", "class_notice_dayz", ON)


def test_every_default_says_it_is_a_default_and_every_stated_value_cites_its_document() -> None:
    for name, spec in procedure_catalogue().items():
        assert spec.default.is_default and spec.default.reference.startswith(DEFAULT_PREFIX), name
    for ruleset_id in ruleset_ids():
        ruleset = load_ruleset(ruleset_id)
        for name, values in ruleset.procedures.items():
            for entry in values:
                assert entry.start >= ruleset.effective_from, (ruleset_id, name)
                assert entry.reference.startswith(ruleset.document), (ruleset_id, name)
                assert ARTICLE.match(entry.reference.removeprefix(ruleset.document)), entry.reference


def _raw(ruleset_id: str) -> dict[str, Any]:
    return yaml.safe_load((DATA_DIR / f"{ruleset_id}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("procedures", "message"),
    [
        ({"class_notice_dayz": [{"from": "2009-05-26", "value": 5, "reference": "榕人专〔2009〕145号 附件2"}]},
         "not in procedures.yaml"),
        ({"class_public_notice_days": [{"from": "2009-05-26", "value": 5, "reference": "默认（default）：x"}]},
         "defaults live in procedures.yaml"),
        ({"class_notice_mode": [{"from": "2009-05-26", "value": "weekly", "reference": "榕人专〔2009〕145号 附件2"}]},
         "must be one of"),
        ({"verification_late_forfeits": [{"from": "2009-05-26", "value": 1, "reference": "榕人专〔2009〕145号 三"}]},
         "true or false"),
        ({"class_reviewers_city": [{"from": "2009-05-26", "value": ["mayor"], "reference": "榕人专〔2009〕145号 附件1"}]},
         "mayor not among"),
        ({"class_reviewers_city": [{"from": "2009-05-26", "value": "city_bureau", "reference": "榕人专〔2009〕145号 附件1"}]},
         "must be a list"),
        ({"class_approver_city": [{"from": "2009-05-26", "value": ["city_bureau"], "reference": "榕人专〔2009〕145号 附件1"}]},
         "single value"),
    ],
)
def test_malformed_procedures_are_rejected_when_loaded(procedures: dict[str, Any], message: str) -> None:
    raw = _raw("fuzhou-2009")
    raw["procedures"] = procedures
    with pytest.raises(RulesetDataError, match=message):
        compile_ruleset(raw, "fuzhou-2009.yaml")


# The README's table (item 3) is the data: one row per parameter, one column per rule set.

README = Path(__file__).parents[1] / "README.md"


# The class-procedure parameters (办班程序: review chain, lead time, notice, recognition) have their own
# table in the README; every other parameter is in the first one.
CLASS_PROCEDURE_PREFIXES = ("class_", "hours_recognition_")


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return {True: "是", False: "否"}[value]
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    return str(value)


def procedure_table(*, class_procedure: bool = False) -> str:
    ids = list(ruleset_ids())
    rows = ["| parameter | " + " | ".join(f"`{i}`" for i in ids) + " |", "|---|" + "---|" * len(ids)]
    for name, spec in procedure_catalogue().items():
        if name.startswith(CLASS_PROCEDURE_PREFIXES) != class_procedure:
            continue
        cells = []
        for ruleset_id in ids:
            found = procedures_of(ruleset_id, dt.date(2030, 1, 1))[name]
            value = _cell(found.value)
            cells.append(f"{value} default" if found.is_default else f"**{value}** {found.reference}")
        rows.append(f"| `{name}` {spec.description}（{spec.unit}） | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def test_the_readme_lists_every_procedural_parameter_per_rule_set_with_its_citation_or_default() -> None:
    text = README.read_text(encoding="utf-8")
    assert procedure_table() in text, "regenerate: python -c 'from jxjy.rules.tests.test_procedures import procedure_table as t; print(t())'"
    assert procedure_table(class_procedure=True) in text, (
        "regenerate the 办班程序 table: python -c 'from jxjy.rules.tests.test_procedures import procedure_table as t; "
        "print(t(class_procedure=True))'")
