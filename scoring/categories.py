"""Which Trust Services Criteria categories belong in a SOC 2 scope (reference §3 and §7.5).

Security is always in. The others follow commitments the business actually makes to customers;
"consider" marks a category an advisor would discuss but not add by default.
"""

from __future__ import annotations

from collections import Counter

from questions.criteria import CATEGORIES, all_criteria
from scoring.models import CategoryDecision
from scoring.profile import HOSTS_CUSTOMER_SYSTEMS, Profile

IN_SCOPE = ("required", "in_scope")


def _criteria_counts() -> Counter[str]:
    return Counter(c.category for c in all_criteria())


def select_categories(p: Profile, soc2: bool) -> list[CategoryDecision]:
    """One decision per category, in contract order; all "not_needed" when no SOC 2 is recommended."""
    counts = _criteria_counts()
    if not soc2:
        return [CategoryDecision(name=name, status="not_needed", criteria_count=counts[name],
                                 reason="No SOC 2 report is recommended, so no categories are scoped.")
                for name in CATEGORIES]
    decide = {
        "Security": _security,
        "Availability": _availability,
        "Confidentiality": _confidentiality,
        "Processing Integrity": _processing_integrity,
        "Privacy": _privacy,
    }
    return [CategoryDecision.model_validate({"name": name, "criteria_count": counts[name], **decide[name](p)})
            for name in CATEGORIES]


def in_scope(decisions: list[CategoryDecision]) -> list[str]:
    return [d.name for d in decisions if d.status in IN_SCOPE]


def _security(p: Profile) -> dict[str, object]:
    return {"status": "required", "because": [],
            "reason": "Security (the 33 common criteria) is part of every SOC 2 report."}


def _availability(p: Profile) -> dict[str, object]:
    if p.uptime_sla:
        return {"status": "in_scope", "because": ["uptime_sla"],
                "reason": "You commit to uptime or host customers' infrastructure, so customers will expect "
                          "the report to test capacity, backups and recovery."}
    if p.business_type in HOSTS_CUSTOMER_SYSTEMS:
        return {"status": "in_scope", "because": ["business_type"],
                "reason": "Customers run their operations on infrastructure you host or manage; availability "
                          "is part of what they buy."}
    return {"status": "not_needed", "because": ["uptime_sla"],
            "reason": "You make no contractual uptime commitment; add Availability when you sign an SLA."}


def _confidentiality(p: Profile) -> dict[str, object]:
    if p.confidential_nda:
        return {"status": "in_scope", "because": ["confidential_nda"],
                "reason": "You hold customers' confidential business information under contract, so the "
                          "report should show how you protect and dispose of it."}
    if p.phi:
        return {"status": "in_scope", "because": ["phi"],
                "reason": "Protected health information is confidential under your business associate "
                          "agreements, so customers expect Confidentiality in scope."}
    return {"status": "not_needed", "because": ["confidential_nda"],
            "reason": "You do not hold customers' confidential business information under contract."}


def _processing_integrity(p: Profile) -> dict[str, object]:
    if p.processing:
        return {"status": "in_scope", "because": ["processing"],
                "reason": "Customers rely on your transactions, calculations or data transformations being "
                          "complete, accurate and on time: that is the Processing Integrity promise."}
    if p.fin_impact == "yes":
        return {"status": "consider", "because": ["fin_impact", "processing"],
                "reason": "Your service affects customers' financial figures; consider Processing Integrity "
                          "if customers want SOC 2 assurance over the accuracy of that processing."}
    return {"status": "not_needed", "because": ["processing"],
            "reason": "You do not process transactions or calculations customers rely on for correctness."}


def _privacy(p: Profile) -> dict[str, object]:
    if not p.personal_info:
        return {"status": "not_needed", "because": ["personal_info"],
                "reason": "You do not collect or process personal information."}
    if p.business_type == "consumer_app" or p.b2b is False:
        return {"status": "in_scope", "because": ["personal_info", "business_type"],
                "reason": "You collect personal information directly from individuals under your own "
                          "privacy notice, so the Privacy criteria apply to what you promise them."}
    return {"status": "consider", "because": ["personal_info", "b2b"],
            "reason": "You process personal information on your customers' behalf. Privacy adds 18 criteria "
                      "(the largest category); most B2B processors start with Security and Confidentiality "
                      "and meet privacy duties through their GDPR/CCPA programme. Add it if customers ask."}
