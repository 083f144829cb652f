"""Trust Services Criteria category triggers (reference §3, §7.5)."""

from __future__ import annotations

from scoring import assess
from tests.conftest import profile


def decisions(**overrides: object) -> dict[str, str]:
    return {d.name: d.status for d in assess(profile(**overrides)).category_decisions}


def test_security_is_always_first_and_required():
    result = assess(profile(uptime_sla="yes", confidential_nda="yes", processing="yes"))
    assert result.categories == ["Security", "Availability", "Confidentiality", "Processing Integrity"]
    assert decisions()["Security"] == "required"


def test_availability_follows_uptime_commitments_and_hosting():
    assert decisions(uptime_sla="yes")["Availability"] == "in_scope"
    assert decisions(business_type="cloud_infrastructure")["Availability"] == "in_scope"
    assert decisions()["Availability"] == "not_needed"


def test_confidentiality_follows_contractual_confidentiality():
    assert decisions(confidential_nda="yes")["Confidentiality"] == "in_scope"
    assert decisions()["Confidentiality"] == "not_needed"


def test_processing_integrity_follows_processing_and_is_suggested_for_financial_impact():
    assert decisions(processing="yes")["Processing Integrity"] == "in_scope"
    assert decisions(fin_impact="yes")["Processing Integrity"] == "consider"


def test_privacy_is_recommended_for_direct_collection_and_considered_for_b2b_processors():
    assert decisions(business_type="consumer_app", personal_info="yes")["Privacy"] == "in_scope"
    assert decisions(personal_info="yes")["Privacy"] == "consider"
    assert "Privacy" not in assess(profile(personal_info="yes")).categories
    assert decisions()["Privacy"] == "not_needed"


def test_no_categories_without_soc2():
    result = assess(profile(fin_impact="yes", security_ask="no", customer_data="no"))
    assert result.reports == ["SOC 1"]
    assert result.categories == []
    assert {d.status for d in result.category_decisions} == {"not_needed"}


def test_each_category_decision_explains_itself():
    for decision in assess(profile(uptime_sla="yes", personal_info="yes")).category_decisions:
        assert decision.reason
    assert assess(profile(uptime_sla="yes")).category_decisions[1].because == ["uptime_sla"]
