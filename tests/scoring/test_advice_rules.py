"""Advice a CPA would sign (issue 9): each rule written as the rule, over every profile it covers."""

from __future__ import annotations

import pytest

from questions import default_bank
from scoring import assess
from scoring.fees import ACCEPTED_SOURCES
from scoring.profile import CLASSIC_SOC1, FINANCIAL_SOFTWARE, HOSTS_CUSTOMER_SYSTEMS
from tests.conftest import profile
from tests.scoring.test_readiness import everything

BANK = default_bank()
KEY_CONTROLS = [q.id for q in BANK.questions if q.kind == "readiness" and q.key]
BUSINESS_TYPES = [o.value for o in BANK.question("business_type").options]


# --- 1. Each report family on its own triggers ------------------------------------------------

@pytest.mark.parametrize("business", sorted(HOSTS_CUSTOMER_SYSTEMS))
@pytest.mark.parametrize("security_ask", ["yes", "no"])
def test_hosting_and_managed_services_always_get_soc2_with_availability_beside_soc1(business, security_ask):
    result = assess(profile(business_type=business, fin_impact="yes", security_ask=security_ask,
                            user_auditor_ask="yes"))
    assert result.reports[:2] == ["SOC 1", "SOC 2"]
    assert result.categories[:2] == ["Security", "Availability"]


@pytest.mark.parametrize("business", [b for b in BUSINESS_TYPES if b not in CLASSIC_SOC1 | {"consumer_app"}])
@pytest.mark.parametrize("trigger", ["security_ask", "customer_data", "uptime_sla"])
def test_a_soc1_trigger_never_removes_a_soc2_the_answers_call_for(business, trigger):
    base = profile(business_type=business, security_ask="no", customer_data="no", uptime_sla="no") | {trigger: "yes"}
    without_soc1 = assess(base | {"fin_impact": "no"}).reports
    with_soc1 = assess(base | {"fin_impact": "yes", "user_auditor_ask": "yes"}).reports
    assert "SOC 2" in without_soc1
    assert "SOC 2" in with_soc1 and "SOC 1" in with_soc1


@pytest.mark.parametrize("business", sorted(CLASSIC_SOC1))
def test_payroll_and_financial_operations_add_soc2_when_security_teams_ask(business):
    asked = assess(profile(business_type=business, fin_impact="yes", security_ask="yes"))
    not_asked = assess(profile(business_type=business, fin_impact="yes", security_ask="no"))
    assert asked.reports == ["SOC 1", "SOC 2"]
    assert not_asked.reports == ["SOC 1"]
    assert any("SOC 2" in n.statement for n in not_asked.notes)


# --- 2. Contradictions get a follow-up; nothing untold is stated -------------------------------

CONTRADICTIONS = [
    *[(b, {"fin_impact": "no"}, "fin_impact") for b in sorted(CLASSIC_SOC1 | FINANCIAL_SOFTWARE)],
    *[(b, {"customer_data": "no"}, "customer_data") for b in sorted(HOSTS_CUSTOMER_SYSTEMS)],
    *[(b, {"uptime_sla": "no"}, "uptime_sla") for b in ("cloud_infrastructure", "data_center")],
    *[(b, {"customer_data": "no"}, "customer_data") for b in ("b2b_saas", "data_analytics", "healthcare_saas")],
    ("data_analytics", {"fin_impact": "yes"}, "fin_impact"),
    ("healthcare_saas", {"phi": "no"}, "phi"),
]


@pytest.mark.parametrize(("business", "answers", "question"), CONTRADICTIONS)
def test_an_answer_contradicting_the_business_type_gets_a_follow_up(business, answers, question):
    result = assess(profile(business_type=business, **answers))
    assert question in [f.question for f in result.follow_ups]


@pytest.mark.parametrize("business", sorted(CLASSIC_SOC1 | FINANCIAL_SOFTWARE))
def test_consistent_answers_get_no_follow_up(business):
    result = assess(profile(business_type=business, fin_impact="yes", uptime_sla="yes", processing="yes",
                            personal_info="yes", process_controls_months=3))
    assert result.follow_ups == []


NEGATIVE_FACTS = {
    "fin_impact": ["does not affect customers' financial", "could not change"],
    "customer_data": ["do not hold customer data"],
    "user_auditor_ask": ["no finance team or auditor has asked", "no customer or prospect is asking",
                         "no business customer has asked"],
    "security_ask": ["no security or procurement team has asked", "no customer or prospect is asking",
                     "no business customer has asked"],
}


UNTOLD = [(q, None) for q in sorted(NEGATIVE_FACTS)] + [("fin_impact", "unsure")]


@pytest.mark.parametrize(("question", "value"), UNTOLD)
@pytest.mark.parametrize("business", BUSINESS_TYPES)
def test_the_rationale_never_states_a_no_it_was_not_told(question, value, business):
    quiet = {"security_ask": "no", "customer_data": "no", "uptime_sla": "no", "phi": "no"}
    for base in (profile(business_type=business), profile(business_type=business, **quiet),
                 profile(business_type=business, b2b="no", has_customers="no", **quiet)):
        answers = {**base, question: value} if value else {k: v for k, v in base.items() if k != question}
        result = assess(answers)
        text = " ".join(r.statement for r in [*result.rationale, *result.notes]).lower()
        assert not [phrase for phrase in NEGATIVE_FACTS[question] if phrase.lower() in text]


# --- 3 and 4. Key controls gate the score and the plan -----------------------------------------

@pytest.mark.parametrize("key_control", KEY_CONTROLS)
def test_one_missing_key_control_caps_the_score_below_ready_and_is_named(key_control):
    # A payroll bureau sees the SOC 1 key controls; a data centre sees the facilities ones.
    business = "data_center" if key_control.startswith("PHY") else "payroll"
    result = assess(everything("yes", business_type=business, fin_impact="yes", uptime_sla="yes",
                               security_ask="yes") | {key_control: "no"})
    readiness = result.readiness
    assert readiness.blockers == [key_control]
    assert readiness.overall is not None and readiness.overall <= 79
    question = BANK.question(key_control)
    tested_by = (["SOC 1"] if question.objectives else []) + (["SOC 2"] if question.criteria else [])
    assert all(readiness.by_report[report] <= 79 for report in tested_by)
    untouched = [r for r in readiness.by_report if r not in tested_by]
    assert all(readiness.by_report[report] == 100 for report in untouched)
    assert readiness.verdict == "blocked"
    assert any(key_control in r.because for r in result.rationale)


def test_without_blockers_the_verdict_follows_the_score():
    assert assess(everything("yes")).readiness.verdict == "audit_ready"
    assert assess(everything("no")).readiness.verdict == "blocked"
    mostly = everything("yes") | {q.id: "partial" for q in BANK.questions if q.kind == "readiness" and not q.key}
    assert assess(mostly).readiness.verdict in ("findings_likely", "material_gaps")


def test_readiness_is_not_assessed_until_half_the_questions_are_answered():
    answers = profile() | {"ACC-01": "yes", "ACC-02": "yes"}
    readiness = assess(answers).readiness
    assert readiness.verdict == "not_assessed" and readiness.overall is not None


def test_a_control_only_soc2_tests_never_blocks_a_soc1_only_report():
    answers = everything("yes", business_type="payroll", fin_impact="yes", user_auditor_ask="yes",
                         security_ask="no", customer_data="no", controls_operating_months=12,
                         process_controls_months=12) | {"INC-01": "no"}
    result = assess(answers)
    assert result.reports == ["SOC 1"]
    assert result.readiness.blockers == [] and result.readiness.by_report["SOC 1"] == 100
    assert result.readiness.verdict == "audit_ready"


# --- 5. SOC 1 readiness is measured on SOC 1 objectives ----------------------------------------

def soc1_questions(answers: dict) -> list[str]:
    from questions import visible_questions
    from scoring.engine import question_scope

    return [q.id for q in visible_questions(BANK, answers, question_scope(answers))
            if q.kind == "readiness" and q.objectives and not q.criteria]


@pytest.mark.parametrize("business", sorted(CLASSIC_SOC1 | FINANCIAL_SOFTWARE))
def test_security_answers_alone_cannot_make_a_soc1_business_ready(business):
    answers = everything("yes", business_type=business, fin_impact="yes", security_ask="no", customer_data="no")
    process = soc1_questions(answers)
    assert process, "SOC 1 businesses are asked about their control objectives"
    result = assess(answers | dict.fromkeys(process, "no"))
    assert result.readiness.by_report["SOC 1"] is not None and result.readiness.by_report["SOC 1"] < 80
    assert {a.family for a in result.readiness.soc1_areas} == {"itgc", "process"}


def test_soc1_objective_questions_are_asked_only_when_soc1_is_recommended():
    assert soc1_questions(profile(fin_impact="no")) == []
    assert soc1_questions(profile(fin_impact="yes"))


# --- 10. Fee sources a CPA would accept --------------------------------------------------------

@pytest.mark.parametrize("answers", [profile(), profile(fin_impact="yes"), profile(public_artifact="yes"),
                                     profile(controls_operating_months=9, fin_impact="yes", deadline_months=3)])
def test_fee_bands_name_only_cpa_firms_or_established_vendors(answers):
    for band in assess(answers).fees:
        assert set(band.sources) <= ACCEPTED_SOURCES
        assert band.sources or band.basis == "reported_by_vendors"
        if band.basis == "reported_by_vendors":
            assert "reported by compliance vendors" in band.note.lower()


# --- 11. The plan names the steps the seeds list -----------------------------------------------

def test_the_plan_includes_risk_assessment_and_keeping_the_report_current():
    ids = [p.id for p in assess(profile()).timeline.phases]
    assert "risk" in ids and "description" in ids
    assert ids[-2:] == ["next_period", "renewal"]


# --- 13. Plain names first, codes second -------------------------------------------------------

def test_every_area_leads_with_a_plain_name_and_keeps_its_codes_apart():
    everything_in_scope = everything("yes", uptime_sla="yes", confidential_nda="yes", processing="yes",
                                     personal_info="yes", business_type="consumer_app", b2b="no", security_ask="yes")
    areas = assess(everything_in_scope).readiness.areas
    assert len(areas) == 13
    for area in areas:
        assert area.codes and not any(code in area.name for code in area.codes)
        assert not any(ch.isdigit() for ch in area.name)
    assert next(a for a in areas if a.id == "CC6").name == "Access control"
    assert next(a for a in areas if a.id == "P").codes == ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"]


# --- Reviewed as an advisor would: answers that must not be read as "no" -----------------------

def test_unanswered_deciding_questions_leave_the_decision_open_and_ask_them():
    result = assess({"business_type": "b2b_saas", "b2b": "yes", "has_customers": "yes"})
    assert result.reports == [] and result.headline.startswith("Not decided yet")
    assert {f.question for f in result.follow_ups} >= {"fin_impact", "security_ask", "customer_data"}


@pytest.mark.parametrize("evidence", [{"fin_impact": "yes"}, {"phi": "yes"}, {"deadline_months": 3},
                                      {"business_type": "payroll"}])
def test_consumers_only_is_not_believed_when_other_answers_say_organisations_rely_on_you(evidence):
    answers = profile(business_type="consumer_app", b2b="no", security_ask="no", customer_data="no") | evidence
    result = assess(answers)
    assert "don't need a SOC report" not in result.headline
    assert "b2b" in [f.question for f in result.follow_ups]


def test_unsure_readiness_answers_are_followed_up_and_never_stated_as_missing():
    result = assess(everything("yes") | {"ACC-01": "unsure"})
    assert "ACC-01" in [f.question for f in result.follow_ups]
    assert result.readiness.blockers == ["ACC-01"]
    text = " ".join(r.statement for r in result.rationale)
    assert "not confirmed in place" in text and "not fully in place" not in text


@pytest.mark.parametrize("question", ["uptime_sla", "confidential_nda", "processing", "personal_info"])
def test_category_reasons_never_assert_an_answer_that_was_not_given(question):
    answers = {k: v for k, v in profile().items() if k != question}
    decisions = assess(answers).category_decisions
    reasons = " ".join(d.reason for d in decisions if question in d.because)
    assert "Not answered yet" in reasons and "You do not" not in reasons and "You make no" not in reasons


def test_a_missing_soc1_history_is_asked_for_instead_of_silently_dropping_evidence():
    answers = profile(business_type="financial_operations", fin_impact="yes", user_auditor_ask="yes",
                      controls_operating_months=12)
    result = assess(answers)
    assert "process_controls_months" in [f.question for f in result.follow_ups]
    assert "financial-processing controls" in result.timeline.estimate_basis


def test_a_hosting_soc1_counts_its_it_general_control_evidence():
    answers = profile(business_type="data_center", fin_impact="yes", uptime_sla="yes", controls_operating_months=12,
                      deadline_months=6)
    result = assess(answers)
    assert result.reports[:2] == ["SOC 1", "SOC 2"] and result.report_type == "Type II"
    assert result.timeline.verdict in ("on_track", "at_risk")
