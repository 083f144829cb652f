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
    return _not_needed(p.uptime_sla, "uptime_sla",
                       "You make no contractual uptime commitment; add Availability when you sign an SLA.",
                       "add Availability if you commit to uptime or host customers' infrastructure.")


def _confidentiality(p: Profile) -> dict[str, object]:
    if p.confidential_nda:
        return {"status": "in_scope", "because": ["confidential_nda"],
                "reason": "You hold customers' confidential business information under contract, so the "
                          "report should show how you protect and dispose of it."}
    if p.phi:
        return {"status": "in_scope", "because": ["phi"],
                "reason": "Protected health information is confidential under your business associate "
                          "agreements, so customers expect Confidentiality in scope."}
    return _not_needed(p.confidential_nda, "confidential_nda",
                       "You do not hold customers' confidential business information under contract.",
                       "add Confidentiality if you hold customers' confidential information under contract.")


def _processing_integrity(p: Profile) -> dict[str, object]:
    if p.processing:
        return {"status": "in_scope", "because": ["processing"],
                "reason": "Customers rely on your transactions, calculations or data transformations being "
                          "complete, accurate and on time: that is the Processing Integrity promise."}
    if p.fin_impact == "yes":
        return {"status": "consider", "because": ["fin_impact", "processing"],
                "reason": "Your service affects customers' financial figures; consider Processing Integrity "
                          "if customers want SOC 2 assurance over the accuracy of that processing."}
    return _not_needed(p.processing, "processing",
                       "You do not process transactions or calculations customers rely on for correctness.",
                       "add Processing Integrity if customers rely on your processing being complete and accurate.")


def _not_needed(answer: bool | None, question: str, told_no: str, if_yes: str) -> dict[str, object]:
    """Not in scope: say why only from an answer actually given; unanswered is not "no"."""
    reason = told_no if answer is False else f"Not answered yet, so not added: {if_yes}"
    return {"status": "not_needed", "because": [question], "reason": reason}


def _privacy(p: Profile) -> dict[str, object]:
    if p.phi and not p.personal_info:
        return {"status": "consider", "because": ["phi", "personal_info"],
                "reason": "Protected health information is personal information about patients; consider "
                          "Privacy if you collect it directly from individuals (see To settle)."}
    if not p.personal_info:
        return _not_needed(p.personal_info, "personal_info", "You do not collect or process personal information.",
                           "add Privacy if you collect personal information, especially from individuals.")
    if p.business_type == "consumer_app" or p.b2b is False:
        return {"status": "in_scope", "because": ["personal_info", "business_type"],
                "reason": "You collect personal information directly from individuals under your own "
                          "privacy notice, so the Privacy criteria apply to what you promise them."}
    return {"status": "consider", "because": ["personal_info", "b2b"],
            "reason": "You process personal information on your customers' behalf. Privacy adds 18 criteria "
                      "(the largest category); most B2B processors start without it and meet privacy duties "
                      "through their GDPR/CCPA programme. Add it if customers ask."}
