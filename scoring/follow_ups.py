"""Questions worth asking again: an answer that contradicts what the business type usually means.

An advisor challenges a payroll bureau that says its errors never touch customers' books, and a
colocation provider that says it runs no systems customers depend on. Each rule names the business
types, the answer that contradicts their typical report, and what to ask. Only an explicit answer
is challenged; "unsure" is followed up by the rules that read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.models import FollowUp
from scoring.profile import Profile

_LABELS = {
    "payroll": "payroll services",
    "financial_operations": "financial-operations services (claims, loan servicing, fund administration, "
                            "transfer agency, custody, benefits)",
    "financial_saas": "billing, invoicing, accounting, ERP, revenue, expense and treasury software",
    "payments": "payment services",
    "cloud_infrastructure": "cloud infrastructure and hosting providers",
    "data_center": "data centres and colocation providers",
    "managed_services": "managed IT and security providers",
    "b2b_saas": "business software providers",
    "data_analytics": "data and analytics services",
    "healthcare_saas": "healthcare software and services",
}


@dataclass(frozen=True)
class Contradiction:
    """`question` answered `answer` contradicts what `business_types` usually means."""

    business_types: frozenset[str]
    question: str
    answer: str | bool
    usually: str
    why: str


RULES = (
    Contradiction(
        frozenset({"payroll", "financial_operations", "financial_saas", "payments"}), "fin_impact", "no",
        "usually change numbers in customers' financial statements (payroll expense, tax liabilities, "
        "invoices, revenue, claims, balances or fund values)",
        "If they can, customers' financial auditors will ask for a SOC 1 report."),
    Contradiction(
        frozenset({"cloud_infrastructure", "data_center", "managed_services"}), "customer_data", False,
        "run systems customers depend on or hold their data",
        "That is what a SOC 2 report with Security and Availability examines, and what customers expect "
        "from their provider."),
    Contradiction(
        frozenset({"cloud_infrastructure", "data_center"}), "uptime_sla", False,
        "host customers' infrastructure, which counts as an uptime commitment even without a written SLA",
        "Availability belongs in the SOC 2 scope of a hosting provider."),
    Contradiction(
        frozenset({"b2b_saas", "data_analytics", "healthcare_saas", "financial_saas"}), "customer_data", False,
        "store or process customer data",
        "If you do, customers' security teams will ask for a SOC 2 report."),
    Contradiction(
        frozenset({"data_analytics"}), "fin_impact", "yes",
        "read or display customer data without changing the records that feed their books",
        "Read-only reporting and analytics generally need a SOC 2 report only; a SOC 1 report is for "
        "services that can change amounts customers' financial statements rely on."),
    Contradiction(
        frozenset({"healthcare_saas"}), "phi", False,
        "handle protected health information for healthcare providers or plans",
        "PHI brings HIPAA duties and a business associate agreement, and shapes the SOC 2 scope."),
)


def contradictions(p: Profile) -> list[FollowUp]:
    """A follow-up for every answer that contradicts the business type's typical report."""
    follow_ups: list[FollowUp] = []
    for rule in RULES:
        if p.business_type not in rule.business_types or getattr(p, rule.question) != rule.answer:
            continue
        said = {"no": "no", "yes": "yes", False: "no", True: "yes"}[rule.answer]
        follow_ups.append(FollowUp(
            question=rule.question,
            ask=f"You answered \"{said}\" here, yet {_LABELS[str(p.business_type)]} {rule.usually}. Is that right?",
            why=rule.why,
        ))
    return follow_ups
