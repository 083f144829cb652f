"""Every validation code, each from a small bank written inline, plus the shipped bank itself."""

from __future__ import annotations

import pytest

from questions import BankError, Code, default_bank, load_bank
from questions.criteria import all_criteria
from tests.conftest import readiness_toml


def problems_of(folder) -> list:
    with pytest.raises(BankError) as caught:
        load_bank(folder)
    return caught.value.problems


def only(problems: list, code: Code):
    matching = [p for p in problems if p.code == code]
    assert matching, f"expected {code.name}, got {[str(p) for p in problems]}"
    return matching[0]


def test_shipped_bank_is_valid_and_covers_every_criterion():
    bank = default_bank()
    evidenced = {c for q in bank.questions if q.kind == "readiness" for c in q.criteria}
    assert evidenced == {c.id for c in all_criteria()}
    assert len(all_criteria()) == 61
    assert bank.in_section("scoping")[0].id == "business_type"


def test_valid_inline_bank_loads(write_bank):
    bank = load_bank(write_bank({"10_controls.toml": readiness_toml()}))
    assert [s.id for s in bank.sections] == ["scoping", "controls"]
    assert bank.question("ALL-01").values == ("yes", "partial", "no", "unsure")


def test_empty_folder(tmp_path):
    problem = only(problems_of(tmp_path), Code.NO_FILES)
    assert str(tmp_path) in str(problem)


def test_toml_syntax_error_names_the_file(write_bank):
    folder = write_bank({"10_controls.toml": readiness_toml(), "20_bad.toml": "[section\nid = 1"})
    problem = only(problems_of(folder), Code.TOML_SYNTAX)
    assert problem.file == "20_bad.toml"


def test_schema_error_names_the_field(write_bank):
    text = readiness_toml().replace('kind = "readiness"', 'kind = "essay"')
    problem = only(problems_of(write_bank({"10_controls.toml": text})), Code.SCHEMA)
    assert problem.file == "10_controls.toml"
    assert problem.field == "questions[0] (ALL-01).kind"


def test_readiness_question_without_action_is_a_schema_error(write_bank):
    text = readiness_toml().replace('action = "Do it."', "")
    problem = only(problems_of(write_bank({"10_controls.toml": text})), Code.SCHEMA)
    assert "action" in problem.message


def test_duplicate_section(write_bank):
    folder = write_bank({"10_controls.toml": readiness_toml(),
                         "20_more.toml": readiness_toml().replace("ALL-01", "ALL-02")})
    problem = only(problems_of(folder), Code.DUPLICATE_SECTION)
    assert problem.file == "20_more.toml" and "10_controls.toml" in problem.message


def test_duplicate_question(write_bank):
    folder = write_bank({"10_controls.toml": readiness_toml(), "20_more.toml": readiness_toml("more")})
    problem = only(problems_of(folder), Code.DUPLICATE_QUESTION)
    assert problem.field == "questions[0] (ALL-01).id"


def test_duplicate_option(write_bank):
    extra = '''
[[questions]]
id = "tool"
kind = "choice"
text = "Which?"
help = "h"
options = [{ value = "a", label = "A" }, { value = "a", label = "Again" }]
'''
    problem = only(problems_of(write_bank({"10_controls.toml": readiness_toml(extra=extra)})), Code.DUPLICATE_OPTION)
    assert problem.field == "questions[1] (tool).options[1].value"


def conditional(condition: str, qid: str = "EXTRA-01") -> str:
    return f'''
[[questions]]
id = "{qid}"
kind = "readiness"
enable_when = {{ all = [ {condition} ] }}
text = "More?"
help = "h"
evidence = "e"
action = "a"
criteria = ["CC1.1"]
'''


def test_unknown_reference(write_bank):
    text = readiness_toml(extra=conditional('{ question = "nope", operator = "equals", value = "yes" }'))
    problem = only(problems_of(write_bank({"10_controls.toml": text})), Code.UNKNOWN_REFERENCE)
    assert problem.field == "questions[1] (EXTRA-01).enable_when.all[0].question"
    assert "'nope'" in problem.message


def test_later_reference(write_bank):
    text = readiness_toml(extra=conditional('{ question = "EXTRA-02", operator = "equals", value = "yes" }')
                          + conditional('{ question = "ALL-01", operator = "equals", value = "yes" }', "EXTRA-02"))
    problem = only(problems_of(write_bank({"10_controls.toml": text})), Code.LATER_REFERENCE)
    assert "EXTRA-02" in problem.message


def test_cycle(write_bank):
    text = readiness_toml(extra=conditional('{ question = "EXTRA-02", operator = "equals", value = "yes" }')
                          + conditional('{ question = "EXTRA-01", operator = "equals", value = "no" }', "EXTRA-02"))
    problem = only(problems_of(write_bank({"10_controls.toml": text})), Code.CYCLE)
    assert "EXTRA-01 -> EXTRA-02 -> EXTRA-01" in problem.message


def test_self_reference_is_a_cycle(write_bank):
    text = readiness_toml(extra=conditional('{ question = "EXTRA-01", operator = "equals", value = "yes" }'))
    only(problems_of(write_bank({"10_controls.toml": text})), Code.CYCLE)


def test_scoping_question_cannot_depend_on_a_category(write_bank):
    from tests.conftest import SCOPING_TOML

    scoping = SCOPING_TOML.replace('id = "phi"\nkind = "choice"',
                                   'id = "phi"\nkind = "choice"\nenable_when = { all = [ { category = "Privacy" } ] }')
    folder = write_bank({"00_scoping.toml": scoping, "10_controls.toml": readiness_toml()}, with_scoping=False)
    problem = only(problems_of(folder), Code.CYCLE)
    assert problem.file == "00_scoping.toml" and "phi" in problem.field


def test_unknown_option(write_bank):
    text = readiness_toml(extra=conditional('{ question = "b2b", operator = "equals", value = "maybe" }'))
    problem = only(problems_of(write_bank({"10_controls.toml": text})), Code.UNKNOWN_OPTION)
    assert problem.field.endswith("enable_when.all[0].value")
    assert "yes, no" in problem.message


def test_operator_that_does_not_fit_the_question(write_bank):
    text = readiness_toml(extra=conditional('{ question = "b2b", operator = "at_least", value = "yes" }'))
    problem = only(problems_of(write_bank({"10_controls.toml": text})), Code.OPERATOR_MISMATCH)
    assert problem.field.endswith(".operator")


def test_number_condition_needs_a_number(write_bank):
    text = readiness_toml(extra=conditional('{ question = "headcount", operator = "at_least", value = "many" }'))
    only(problems_of(write_bank({"10_controls.toml": text})), Code.OPERATOR_MISMATCH)


def test_unknown_category(write_bank):
    text = readiness_toml(extra=conditional('{ category = "Resilience" }'))
    problem = only(problems_of(write_bank({"10_controls.toml": text})), Code.UNKNOWN_CATEGORY)
    assert "Security" in problem.message


def test_unknown_criterion(write_bank):
    text = readiness_toml(extra=conditional('{ category = "Privacy" }').replace('"CC1.1"', '"CC1.6"'))
    problem = only(problems_of(write_bank({"10_controls.toml": text})), Code.UNKNOWN_CRITERION)
    assert problem.field == "questions[1] (EXTRA-01).criteria[0]"


def test_unmapped_criterion(write_bank):
    text = readiness_toml().replace('"P8.1"', "").replace(", ]", "]")
    problem = only(problems_of(write_bank({"10_controls.toml": text})), Code.UNMAPPED_CRITERION)
    assert problem.message.endswith("P8.1")


def test_readiness_question_must_list_criteria(write_bank):
    text = readiness_toml(extra=conditional('{ category = "Privacy" }').replace('["CC1.1"]', "[]"))
    only(problems_of(write_bank({"10_controls.toml": text})), Code.MISSING_CRITERIA)


def test_contract_missing_scoping_question(write_bank):
    from tests.conftest import SCOPING_TOML

    scoping = SCOPING_TOML.replace('id = "headcount"', 'id = "staff"')
    folder = write_bank({"00_scoping.toml": scoping, "10_controls.toml": readiness_toml()}, with_scoping=False)
    messages = [p.message for p in problems_of(folder) if p.code == Code.CONTRACT]
    assert "scoping question 'headcount' is missing" in messages
    assert any("'staff' is not a scoping question" in m for m in messages)


def test_contract_wrong_options(write_bank):
    from tests.conftest import SCOPING_TOML

    scoping = SCOPING_TOML.replace('{ value = "unsure", label = "Not sure" },', "")
    folder = write_bank({"00_scoping.toml": scoping, "10_controls.toml": readiness_toml()}, with_scoping=False)
    problem = only(problems_of(folder), Code.CONTRACT)
    assert "fin_impact" in problem.field and "yes, no, unsure" in problem.message


def test_every_problem_is_reported_not_just_the_first(write_bank):
    text = readiness_toml(extra=conditional('{ question = "nope", operator = "equals", value = "yes" }')
                          + conditional('{ category = "Resilience" }', "EXTRA-02"))
    codes = {p.code for p in problems_of(write_bank({"10_controls.toml": text}))}
    assert {Code.UNKNOWN_REFERENCE, Code.UNKNOWN_CATEGORY} <= codes


def test_problem_line_names_code_file_and_field(write_bank):
    text = readiness_toml(extra=conditional('{ category = "Resilience" }'))
    line = str(only(problems_of(write_bank({"10_controls.toml": text})), Code.UNKNOWN_CATEGORY))
    assert line.startswith("B012 unknown-category 10_controls.toml: questions[1] (EXTRA-01).enable_when.all[0]")
