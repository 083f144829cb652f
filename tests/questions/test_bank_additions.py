"""SOC 1 objectives, report conditions and deliverables: their validation codes on small inline
banks, and the display rules of the shipped facilities, SOC 1 and report sections."""

from __future__ import annotations

import itertools

import pytest

from questions import Code, default_bank, load_bank, visible_questions
from questions.contract import BUSINESS_TYPES, SCOPING_IDS
from questions.objectives import OBJECTIVES
from scoring.engine import question_scope
from tests.conftest import SCOPING_TOML, profile, readiness_toml
from tests.questions.test_bank_validation import only, problems_of

# --- validation codes, on inline banks ---------------------------------------------------------


def extra_question(body: str, qid: str = "EXTRA-01") -> str:
    """One readiness question whose evidencing fields (criteria, objectives, ...) are `body`."""
    return f'''
[[questions]]
id = "{qid}"
kind = "readiness"
text = "More?"
help = "h"
evidence = "e"
action = "a"
{body}
'''


def test_unknown_objective_names_file_and_field(write_bank):
    text = readiness_toml(extra=extra_question('objectives = ["itgc_access", "process_magic"]'))
    problem = only(problems_of(write_bank({"10_controls.toml": text})), Code.UNKNOWN_OBJECTIVE)
    assert problem.file == "10_controls.toml"
    assert problem.field == "questions[1] (EXTRA-01).objectives[1]"
    assert "'process_magic'" in problem.message and "process_reconciliation" in problem.message


def test_unknown_report_names_file_and_field(write_bank):
    body = 'criteria = ["CC1.1"]\nenable_when = { any = [ { report = "SOC 2" }, { report = "SOC 3" } ] }'
    problem = only(problems_of(write_bank({"10_controls.toml": readiness_toml(extra=extra_question(body))})),
                   Code.UNKNOWN_REPORT)
    assert problem.file == "10_controls.toml"
    assert problem.field == "questions[1] (EXTRA-01).enable_when.any[1].report"
    assert "SOC 1, SOC 2" in problem.message


def test_scoping_question_cannot_depend_on_a_report(write_bank):
    scoping = SCOPING_TOML.replace('id = "phi"\nkind = "choice"',
                                   'id = "phi"\nkind = "choice"\nenable_when = { all = [ { report = "SOC 2" } ] }')
    assert scoping != SCOPING_TOML
    folder = write_bank({"00_scoping.toml": scoping, "10_controls.toml": readiness_toml()}, with_scoping=False)
    problems = problems_of(folder)
    problem = only(problems, Code.CYCLE)
    assert problem.file == "00_scoping.toml"
    assert problem.field.endswith("(phi).enable_when.all[0].report")
    # process_controls_months, asked once SOC 1 is recommended, is the one allowed exception.
    assert not any("process_controls_months" in p.field for p in problems)


@pytest.mark.parametrize(
    ("body", "objectives", "deliverable"),
    [('objectives = ["process_input"]', ("process_input",), False), ("deliverable = true", (), True)],
)
def test_objectives_or_deliverable_alone_is_enough(write_bank, body, objectives, deliverable):
    bank = load_bank(write_bank({"10_controls.toml": readiness_toml(extra=extra_question(body))}))
    question = bank.question("EXTRA-01")
    assert (question.criteria, question.objectives, question.deliverable) == ((), objectives, deliverable)


def test_readiness_question_without_criteria_objectives_or_deliverable(write_bank):
    text = readiness_toml(extra=extra_question("deliverable = false"))
    problem = only(problems_of(write_bank({"10_controls.toml": text})), Code.MISSING_CRITERIA)
    assert problem.file == "10_controls.toml"
    assert problem.field == "questions[1] (EXTRA-01).criteria"


# --- display rules of the shipped bank ----------------------------------------------------------

BASE = profile(deadline_months=6, controls_operating_months=3, headcount=25, process_controls_months=0)
SOC2_SAAS = BASE
PAYROLL_BUREAU = {**BASE, "business_type": "payroll", "fin_impact": "yes", "security_ask": "no",
                  "processing": "yes", "personal_info": "yes"}
# Asked by customers' financial auditors and security teams: SOC 1 and SOC 2.
BOTH_ASK = {**BASE, "fin_impact": "yes", "user_auditor_ask": "yes"}
CONSUMER_APP = {**BASE, "business_type": "consumer_app", "b2b": "no", "security_ask": "no",
                "customer_data": "no"}
NOBODY_ASKS = {**BASE, "security_ask": "no", "customer_data": "no"}
PROFILES = [SOC2_SAAS, PAYROLL_BUREAU, BOTH_ASK, CONSUMER_APP, NOBODY_ASKS]

FACILITY_TYPES = {"data_center", "cloud_infrastructure"}
# The business-type-specific SOC 1 questions, per business type (reference §2 objective areas).
SOC1_SPECIFIC = {
    "payroll": {"SOC1-09", "SOC1-10"},
    "payments": {"SOC1-11", "SOC1-12", "SOC1-13"},
    "financial_operations": {"SOC1-14", "SOC1-15", "SOC1-16"},
    "financial_saas": {"SOC1-17", "SOC1-18"},
}
REPORTS = {"SOC 1", "SOC 2"}


def scenarios():
    """Every business type under every profile: (answers, scope, ids of the visible questions)."""
    for base, business_type in itertools.product(PROFILES, BUSINESS_TYPES):
        answers = {**base, "business_type": business_type}
        scope = question_scope(answers)
        yield answers, scope, {q.id for q in visible_questions(default_bank(), answers, scope)}


def section_ids(section: str) -> set[str]:
    ids = {q.id for q in default_bank().in_section(section)}
    assert ids, f"section {section} is empty"
    return ids


def test_profiles_answer_every_scoping_question():
    assert set(BASE) == SCOPING_IDS


def test_facilities_show_for_data_centres_and_cloud_infrastructure_only():
    facilities = section_ids("facilities")
    assert facilities == {"PHY-01", "PHY-02", "PHY-03", "PHY-04", "PHY-05"}
    for answers, _, visible in scenarios():
        expected = facilities if answers["business_type"] in FACILITY_TYPES else set()
        assert visible & facilities == expected, answers["business_type"]


def test_soc1_questions_show_only_when_soc1_is_recommended():
    soc1 = section_ids("soc1_objectives")
    payroll_scope = question_scope(PAYROLL_BUREAU)
    saas_scope = question_scope(SOC2_SAAS)
    assert "SOC 1" in payroll_scope and "SOC 1" not in saas_scope
    assert soc1 & {q.id for q in visible_questions(default_bank(), PAYROLL_BUREAU, payroll_scope)}
    assert not soc1 & {q.id for q in visible_questions(default_bank(), SOC2_SAAS, saas_scope)}
    seen_soc1 = False
    for _, scope, visible in scenarios():
        if "SOC 1" not in scope:
            assert not visible & soc1
        else:
            seen_soc1 = True
    assert seen_soc1


def test_soc1_questions_evidence_objectives_not_criteria():
    for question in default_bank().in_section("soc1_objectives"):
        assert question.objectives and not question.criteria, question.id


HOSTING = {"cloud_infrastructure", "data_center", "managed_services"}


def test_business_specific_soc1_questions_show_only_for_their_business_types():
    soc1 = section_ids("soc1_objectives")
    specific = set().union(*SOC1_SPECIFIC.values())
    assert specific < soc1
    generic = soc1 - specific
    for answers, scope, visible in scenarios():
        if "SOC 1" not in scope:
            continue
        business_type = answers["business_type"]
        assert visible & specific == SOC1_SPECIFIC.get(business_type, set()), business_type
        if business_type in HOSTING:
            # Hosting's SOC 1 objectives are IT general controls: no transaction-processing questions,
            # and a colocation facility runs no customers' batch jobs or file transfers either.
            expected = set() if business_type == "data_center" else {"SOC1-06", "SOC1-07"}
            assert visible & generic == expected, business_type
            assert "process_controls_months" not in visible
        else:
            assert generic <= visible, business_type
            assert "process_controls_months" in visible


def test_report_deliverables_show_whenever_a_report_is_recommended():
    deliverables = section_ids("report_deliverables")
    assert deliverables == {"DSC-01", "DSC-02"}
    consumer_scope = question_scope(CONSUMER_APP)
    assert not REPORTS & set(consumer_scope)
    assert not deliverables & {q.id for q in visible_questions(default_bank(), CONSUMER_APP, consumer_scope)}
    recommended: set[frozenset[str]] = set()
    for _, scope, visible in scenarios():
        reports = frozenset(REPORTS & set(scope))
        recommended.add(reports)
        assert visible & deliverables == (deliverables if reports else set()), scope
    # Either report alone is enough: the scenarios include SOC 1 only and SOC 2 only.
    assert {frozenset({"SOC 1"}), frozenset({"SOC 2"}), frozenset()} <= recommended


def test_every_process_objective_is_evidenced_by_a_shipped_question():
    evidenced = {o for q in default_bank().questions if q.kind == "readiness" for o in q.objectives}
    process = {o.id for o in OBJECTIVES.values() if o.family == "process"}
    assert process
    assert process <= evidenced, sorted(process - evidenced)
