"""The rule set data files: complete, cited, dated, consistent; and the format is enough for a new region."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from jxjy.rules import RulesetInfo, list_rulesets
from jxjy.rules.errors import RulesetDataError
from jxjy.rules.evaluator import evaluate_case
from jxjy.rules.loader import DATA_DIR, compile_ruleset, load_ruleset, ruleset_ids
from jxjy.rules.parameters import Lookup
from jxjy.rules.schema import parse_case

IDS = ["changzhou-2011", "fuzhou-2009", "henan-2012", "quanzhou-luojiang-2017", "wenzhou-2009-engineering"]
DOCUMENTS = {
    "fuzhou-2009": "榕人专〔2009〕145号",
    "quanzhou-luojiang-2017": "泉洛政人社[2017]27号",
    "henan-2012": "河南省《关于进一步加强全省专业技术人员继续教育工作的意见》",
    "changzhou-2011": "常人社发〔2011〕11号",
    "wenzhou-2009-engineering": "温经贸培训〔2009〕74号",
}
# A citation names the document and then an article: 第十条, 一, 一（三）2, 二（一）, 附件1 …
ARTICLE = re.compile(
    r"^ ?(第[一二三四五六七八九十]+条|[一二三四五六七八九十]+[、（ ]|[一二三四五六七八九十]+$|附件|落款|印发|正文)"
)


def test_the_five_rule_sets_have_exactly_the_agreed_ids() -> None:
    assert list(ruleset_ids()) == IDS
    assert [r["id"] for r in list_rulesets()] == IDS


@pytest.mark.parametrize("ruleset_id", IDS)
def test_list_entries_name_the_document_and_its_dates(ruleset_id: str) -> None:
    [entry] = [r for r in list_rulesets() if r["id"] == ruleset_id]
    RulesetInfo.model_validate(entry)
    assert entry["document"] == DOCUMENTS[ruleset_id]
    dt.date.fromisoformat(entry["effective_from"])
    assert entry["effective_to"] is None


@pytest.mark.parametrize("ruleset_id", IDS)
def test_every_requirement_has_a_source_citing_document_and_article(ruleset_id: str) -> None:
    ruleset = load_ruleset(ruleset_id)
    for requirement in ruleset.requirements:
        assert requirement.source.strip(), requirement.id
        assert requirement.source.startswith(ruleset.document), requirement.source
        assert ARTICLE.match(requirement.source.removeprefix(ruleset.document)), requirement.source


@pytest.mark.parametrize("ruleset_id", IDS)
def test_every_parameter_value_is_dated_and_cites_document_and_article(ruleset_id: str) -> None:
    ruleset = load_ruleset(ruleset_id)
    for name, parameter in ruleset.parameters.items():
        assert parameter.description and parameter.unit, name
        for key, values in parameter.series.items():
            assert values, (name, key)
            for entry in values:
                assert entry.start >= ruleset.effective_from, (name, key)
                assert entry.reference.startswith(ruleset.document), (name, key, entry.reference)
                assert ARTICLE.match(entry.reference.removeprefix(ruleset.document)), entry.reference


@pytest.mark.parametrize("ruleset_id", IDS)
def test_every_note_cites_the_document(ruleset_id: str) -> None:
    ruleset = load_ruleset(ruleset_id)
    assert ruleset.effective_reference.startswith(ruleset.document)
    for note in ruleset.notes:
        assert note.source.startswith(ruleset.document), note.text


@pytest.mark.parametrize("ruleset_id", IDS)
def test_no_number_in_force_is_silently_missing_each_parameter_is_readable_on_the_first_day(
    ruleset_id: str,
) -> None:
    ruleset = load_ruleset(ruleset_id)
    for parameter in ruleset.parameters.values():
        for key in parameter.series:
            facts = {} if parameter.by is None else {parameter.by: key}
            parameter.at(Lookup(facts, dt.date(2030, 1, 1), "on", ruleset_id))
            first = min(v.start for v in parameter.series[key])
            parameter.at(Lookup(facts, first, "on", ruleset_id))


def _value(ruleset_id: str, name: str, key: str | None = None, year: int = 2020) -> Any:
    parameter = load_ruleset(ruleset_id).parameters[name]
    facts = {} if parameter.by is None else {parameter.by: key}
    return parameter.at(Lookup(facts, dt.date(year, 12, 31), "on", ruleset_id)).value


@pytest.mark.parametrize("ruleset_id", ["fuzhou-2009", "changzhou-2011"])
def test_12_days_equal_72_hours_at_6_hours_a_day(ruleset_id: str) -> None:
    assert _value(ruleset_id, "annual_total_days") * _value(ruleset_id, "hours_per_day") == 72
    assert _value(ruleset_id, "annual_total_hours") == 72


def test_changzhou_art10_parts_add_up_in_days_and_hours() -> None:
    parts = ("annual_public", "annual_professional")
    assert sum(_value("changzhou-2011", f"{p}_hours") for p in parts) == _value(
        "changzhou-2011", "annual_total_hours"
    )
    assert sum(_value("changzhou-2011", f"{p}_days") for p in parts) == _value(
        "changzhou-2011", "annual_total_days"
    )


def test_fuzhou_public_cap_is_one_third_of_72_that_is_24() -> None:
    assert _value("fuzhou-2009", "public_share_max") * _value("fuzhou-2009", "annual_total_hours") == 24


@pytest.mark.parametrize("level", ["senior", "intermediate", "junior"])
def test_henan_professional_and_public_add_up_to_the_total(level: str) -> None:
    parts = _value("henan-2012", "annual_professional_hours", level) + _value(
        "henan-2012", "annual_public_hours", level
    )
    assert parts == _value("henan-2012", "annual_total_hours", level)


@pytest.mark.parametrize("title", ["技术员", "助理工程师", "工程师", "高级工程师"])
def test_wenzhou_the_transition_ends_in_the_full_cycle_of_the_applicants_title(title: str) -> None:
    to_title = {
        "技术员": "助理工程师",
        "助理工程师": "工程师",
        "工程师": "高级工程师",
        "高级工程师": "正高级工程师",
    }[title]
    assert _value("wenzhou-2009-engineering", "title_application_hours", to_title) == _value(
        "wenzhou-2009-engineering", "cycle_hours", title
    )
    assert _value("wenzhou-2009-engineering", "title_application_public_hours", to_title) == _value(
        "wenzhou-2009-engineering", "cycle_public_hours", title
    )


def test_no_region_id_or_document_appears_in_the_engine_code() -> None:
    """The evaluator never branches on a region: regions live only in data files (and tests)."""
    package = Path(__file__).resolve().parent.parent
    for source in package.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for ruleset_id, document in DOCUMENTS.items():
            assert ruleset_id not in text, source.name
            assert document not in text, source.name
        for place in ("福州", "洛江", "河南", "常州", "温州"):
            assert place not in text, (source.name, place)


# A sixth region, as a data file only --------------------------------------------------------------

SIXTH = """
id: example-2024
title: 示例市专业技术人员继续教育办法
document: 示例人社〔2024〕1号
issuer: 示例市人力资源和社会保障局
region: 示例市
issued: 2024-01-01
effective_from: 2024-01-01
effective_reference: 示例人社〔2024〕1号 第二十条
conversions:
  - {from: days, to: 学时, factor: hours_per_day}
parameters:
  hours_per_day:
    description: 每天折合学时
    unit: 学时/天
    values: [{from: 2024-01-01, value: 8, reference: 示例人社〔2024〕1号 第五条}]
  annual_hours:
    description: 每年学时
    unit: 学时
    by: person.level
    values:
      senior: [{from: 2024-01-01, value: 40, reference: 示例人社〔2024〕1号 第六条}, {from: 2026-01-01, value: 60, reference: 示例人社〔2025〕9号 第一条}]
      intermediate: [{from: 2024-01-01, value: 30, reference: 示例人社〔2024〕1号 第六条}]
  conferences:
    description: 每年学术会议次数
    unit: 次
    values: [{from: 2024-01-01, value: 2, reference: 示例人社〔2024〕1号 第七条}]
requirements:
  - id: annual-total
    name: 每年学时
    kind: minimum
    unit: 学时
    when: {purpose.kind: [annual, cycle], person.level: [senior, intermediate]}
    period: year
    amount: annual_hours
    description: 每年不少于{required}学时
    source: 示例人社〔2024〕1号 第六条
  - id: annual-conferences
    name: 每年学术会议
    kind: count
    unit: 次
    when: {purpose.kind: [annual, cycle], person.level: [senior, intermediate]}
    period: year
    records: {form: conference}
    amount: conferences
    description: 每年参加学术会议不少于{required}次
    source: 示例人社〔2024〕1号 第七条
"""


def _sixth(**changes: Any) -> dict[str, Any]:
    raw = yaml.safe_load(SIXTH)
    raw.update(changes)
    return raw


def test_a_sixth_region_needs_only_a_data_file_including_a_dated_change_of_its_number() -> None:
    ruleset = compile_ruleset(_sixth(), "example-2024.yaml")
    records = [
        {"date": "2025-03-01", "subject": "professional", "form": "conference", "days": 5},
        {"date": "2025-04-01", "subject": "professional", "form": "conference", "hours": 0},
        {"date": "2026-03-01", "subject": "professional", "form": "centralized", "hours": 40},
    ]
    case = parse_case({"person": {"series": "general", "level": "senior"}, "purpose": {"kind": "cycle", "start": 2025,
                       "end": 2026}, "records": records})  # fmt: skip
    result = evaluate_case(case, ruleset)
    lines = {r["id"]: r for r in result["requirements"]}
    assert (lines["annual-total-2025"]["required"], lines["annual-total-2025"]["counted"]) == (40, 40)
    assert lines["annual-total-2025"]["met"] is True
    assert (lines["annual-total-2026"]["required"], lines["annual-total-2026"]["met"]) == (60, False)
    assert lines["annual-total-2026"]["source"] == "示例人社〔2025〕9号 第一条"
    assert (
        lines["annual-conferences-2025"]["counted"] == 2 and lines["annual-conferences-2026"]["met"] is False
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param({"requirements": [{**yaml.safe_load(SIXTH)["requirements"][0], "amount": "annual_hourz"}]},
                     "unknown parameter 'annual_hourz'", id="unknown-parameter"),
        pytest.param({"requirements": [{**yaml.safe_load(SIXTH)["requirements"][0], "kind": "maximum"}]},
                     "unknown kind 'maximum'", id="unknown-kind"),
        pytest.param({"requirements": [{**yaml.safe_load(SIXTH)["requirements"][0], "unit": "门"}]},
                     "counts in 学时/学分", id="unit-of-kind"),
        pytest.param({"requirements": [{**yaml.safe_load(SIXTH)["requirements"][0], "when": {"person.level": ["senior"]}}]},
                     "must name the purpose.kind", id="no-purpose-kind"),
        pytest.param({"requirements": [{**yaml.safe_load(SIXTH)["requirements"][0],
                                        "when": {"purpose.kind": ["annual"], "person.series": ["medical"]}}]},
                     "bad values", id="bad-enum-value"),
        pytest.param({"requirements": [{**yaml.safe_load(SIXTH)["requirements"][0], "records": {"form": "online"}}]},
                     "record field form", id="bad-record-filter"),
        pytest.param({"requirements": [{**yaml.safe_load(SIXTH)["requirements"][0], "source": ""}]},
                     "source", id="empty-source"),
        pytest.param({"requirements": [{**yaml.safe_load(SIXTH)["requirements"][0],
                                        "when": {"purpose.kind": ["title_application"]}}]},
                     "window spec", id="application-without-window"),
        pytest.param({"parameters": {"hours_per_day": {"description": "x", "unit": "学时", "values": [
                      {"from": dt.date(2024, 1, 1), "value": 8}]}}}, "reference", id="value-without-reference"),
        pytest.param({"parameters": {**yaml.safe_load(SIXTH)["parameters"], "conferences": {"description": "x", "unit": "次",
                      "values": [{"from": dt.date(2025, 1, 1), "value": 2, "reference": "r"},
                                 {"from": dt.date(2024, 1, 1), "value": 3, "reference": "r"}]}}},
                     "strictly increasing", id="dates-out-of-order"),
        pytest.param({"parameters": {**yaml.safe_load(SIXTH)["parameters"], "conferences": {"description": "x", "unit": "次",
                      "values": [{"from": dt.date(2024, 1, 1), "value": "two", "reference": "r"}]}}},
                     "not a number", id="value-not-a-number"),
    ],
)  # fmt: skip
def test_malformed_data_files_are_rejected_when_loaded(change: dict[str, Any], message: str) -> None:
    with pytest.raises(RulesetDataError) as error:
        compile_ruleset(_sixth(**change), "example-2024.yaml")
    assert message in str(error.value)


def test_data_files_are_named_by_their_ids() -> None:
    for path in DATA_DIR.glob("*.yaml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["id"] == path.stem
