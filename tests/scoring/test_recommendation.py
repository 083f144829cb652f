"""Report-family rules R1-R7 (reference §7.2) and every edge case of §7.3."""

from __future__ import annotations

from scoring import assess
from tests.conftest import profile


def reports(**overrides: object) -> list[str]:
    return assess(profile(**overrides)).reports


def because(result, question_id: str) -> list[str]:
    return [r.statement for r in result.rationale if question_id in r.because]


# --- R1-R7 -------------------------------------------------------------------------------

def test_r1_consumer_only_business_needs_no_report():
    result = assess(profile(business_type="consumer_app", b2b="no", security_ask="no", personal_info="yes"))
    assert result.reports == [] and result.report_type is None and result.categories == []
    assert because(result, "b2b")
    assert "don't need a SOC report" in result.headline


def test_r1_does_not_apply_when_a_business_customer_asks():
    assert reports(business_type="consumer_app", b2b="no", security_ask="yes") == ["SOC 2"]


def test_r2_no_customers_and_nobody_asking_means_readiness_first():
    result = assess(profile(has_customers="no", security_ask="no"))
    assert result.reports == []
    assert "No audit yet" in result.headline
    assert because(result, "has_customers")
    assert result.timeline.phases and result.timeline.phases[-1].id != "type_ii"


def test_r2_a_deadline_from_a_prospect_counts_as_asking():
    assert reports(has_customers="no", security_ask="no", deadline_months=9) == ["SOC 2"]


def test_r3_financial_impact_and_security_ask_needs_both():
    result = assess(profile(fin_impact="yes", security_ask="yes"))
    assert result.reports == ["SOC 1", "SOC 2"]
    assert because(result, "fin_impact") and because(result, "security_ask")


def test_r3_financial_impact_and_sensitive_customer_data_needs_both():
    assert reports(fin_impact="yes", security_ask="no", confidential_nda="yes") == ["SOC 1", "SOC 2"]


def test_r4_financial_impact_without_security_interest_is_soc1_only():
    result = assess(profile(fin_impact="yes", security_ask="no", customer_data="no"))
    assert result.reports == ["SOC 1"]
    assert result.report_type == "Type II"
    assert result.categories == []


def test_r4_user_auditor_request_alone_points_to_soc1():
    result = assess(profile(user_auditor_ask="yes", security_ask="no", customer_data="no"))
    assert result.reports == ["SOC 1"]
    assert because(result, "user_auditor_ask")


def test_r5_customer_data_means_soc2():
    assert reports(security_ask="no", customer_data="yes") == ["SOC 2"]


def test_r6_public_artifact_adds_soc3_only_with_soc2():
    assert reports(public_artifact="yes") == ["SOC 2", "SOC 3"]
    soc1_only = assess(profile(fin_impact="yes", security_ask="no", customer_data="no", public_artifact="yes"))
    assert soc1_only.reports == ["SOC 1"]
    assert any("SOC 3" in n.statement for n in soc1_only.notes)


def test_r7_unsure_financial_impact_asks_the_follow_up_and_defaults_to_soc2():
    result = assess(profile(fin_impact="unsure"))
    assert result.reports == ["SOC 2"]
    assert [f.question for f in result.follow_ups] == ["fin_impact"]
    assert "read or display" in result.follow_ups[0].ask


def test_nothing_to_report_when_no_trigger_applies():
    result = assess(profile(business_type="professional_services", security_ask="no", customer_data="no"))
    assert result.reports == []
    assert "No SOC report is needed today" in result.headline


# --- §7.3 edge cases -----------------------------------------------------------------------

def test_financial_reporting_saas_needs_soc1_and_soc2():
    assert reports(business_type="financial_saas", fin_impact="yes", security_ask="no") == ["SOC 1", "SOC 2"]
    assert reports(business_type="financial_saas", fin_impact="unsure") == ["SOC 1", "SOC 2"]


def test_payroll_processor_is_soc1_type_ii_first():
    result = assess(profile(business_type="payroll", fin_impact="yes", security_ask="no", personal_info="yes"))
    assert result.reports == ["SOC 1"]
    assert result.report_type == "Type II"
    assert any("SOC 2" in n.statement for n in result.notes)
    assert "Gross-to-net calculation" in result.soc1_objective_areas


def test_payroll_processor_adds_soc2_when_security_teams_ask():
    assert reports(business_type="payroll", fin_impact="yes", security_ask="yes") == ["SOC 1", "SOC 2"]


def test_payroll_processor_unsure_of_financial_impact_still_gets_soc1():
    assert reports(business_type="payroll", fin_impact="unsure", security_ask="no")[0] == "SOC 1"


def test_payroll_answering_no_financial_impact_is_asked_to_double_check():
    result = assess(profile(business_type="payroll", fin_impact="no", security_ask="yes"))
    assert result.reports == ["SOC 2"]
    assert result.follow_ups and "payroll" in result.follow_ups[0].ask


def test_claims_fund_and_loan_operations_are_soc1():
    result = assess(profile(business_type="financial_operations", fin_impact="yes", security_ask="no"))
    assert result.reports == ["SOC 1"]
    assert any("NAV" in area for area in result.soc1_objective_areas)


def test_payment_processor_needs_both_with_processing_integrity_and_a_pci_note():
    result = assess(profile(business_type="payments", fin_impact="yes", security_ask="no", processing="yes"))
    assert result.reports == ["SOC 1", "SOC 2"]
    assert "Processing Integrity" in result.categories
    assert any("PCI DSS" in n.statement for n in result.notes)


def test_generic_saas_is_security_only_soc2():
    result = assess(profile())
    assert result.reports == ["SOC 2"]
    assert result.categories == ["Security"]


def test_data_centre_is_soc2_security_and_availability_with_a_soc1_note():
    result = assess(profile(business_type="data_center", uptime_sla="no"))
    assert result.reports == ["SOC 2"]
    assert result.categories == ["Security", "Availability"]
    assert any("SOC 1" in n.statement for n in result.notes)


def test_data_centre_asked_by_tenant_auditors_gets_both():
    assert reports(business_type="data_center", user_auditor_ask="yes") == ["SOC 1", "SOC 2"]


def test_managed_service_provider_is_soc2_and_soc1_if_it_runs_financial_itgcs():
    result = assess(profile(business_type="managed_services"))
    assert result.reports == ["SOC 2"]
    assert any("SOC 1" in n.statement for n in result.notes)
    assert reports(business_type="managed_services", fin_impact="yes") == ["SOC 1", "SOC 2"]


def test_healthcare_with_phi_is_soc2_with_confidentiality_and_a_hipaa_note():
    result = assess(profile(business_type="healthcare_saas", phi="yes", personal_info="yes"))
    assert result.reports == ["SOC 2"]
    assert "Confidentiality" in result.categories
    assert "Privacy" not in result.categories
    hipaa = [n.statement for n in result.notes if "phi" in n.because]
    assert hipaa and "business associate agreement" in hipaa[0]


def test_relying_on_a_cloud_provider_still_needs_your_own_report():
    result = assess(profile())
    assert any("cloud provider" in n.statement for n in result.notes)


def test_every_reason_names_the_answers_behind_it():
    result = assess(profile(fin_impact="yes", uptime_sla="yes", public_artifact="yes", deadline_months=6))
    report_reasons = [r for r in result.rationale if "SOC" in r.statement]
    assert report_reasons and all(r.because for r in report_reasons)
