"""Typical SOC 1 control-objective areas by kind of business (reference §2).

SOC 1 has no fixed criteria: management writes its own control objectives with the auditor.
These are the areas such objectives usually cover, as a starting point for that conversation.
"""

from __future__ import annotations

IT_GENERAL_CONTROLS = (
    "Logical access: provisioning, removal, periodic and privileged access review",
    "Change management and program development",
    "Computer operations: job scheduling, batch monitoring, backups, problem management",
    "Data transmission and interfaces",
)

BY_BUSINESS = {
    "payroll": (
        "Pay and hours input", "Gross-to-net calculation", "Tax withholding and filing",
        "Deductions and benefits", "Payroll funding and disbursement", "Year-end forms",
    ),
    "financial_operations": (
        "Claims intake, eligibility, adjudication, payment and recoveries (claims/TPA)",
        "Payment posting, escrow, interest calculation and investor remittance (loan servicing)",
        "NAV calculation, pricing and valuation, capital activity, investor records, corporate actions (funds)",
        "Cash and position reconciliations",
    ),
    "payments": (
        "Transaction authorisation", "Settlement", "Reconciliation", "Chargebacks", "Funds movement",
    ),
    "financial_saas": (
        "System configuration of calculations", "Completeness of interfaces", "Accuracy of reports",
        "Master-data changes",
    ),
    "data_center": ("Physical security", "Environmental safeguards (power, cooling, fire suppression)"),
    "cloud_infrastructure": ("Physical and environmental security of hosting facilities",),
}

GENERIC_PROCESS = (
    "Authorisation of transactions", "Completeness and accuracy of input, processing and output",
    "Reconciliations and cut-off",
)


def objective_areas(business_type: str | None) -> list[str]:
    """Business-process areas for this kind of business, then the IT general controls."""
    return [*BY_BUSINESS.get(business_type or "", GENERIC_PROCESS), *IT_GENERAL_CONTROLS]
