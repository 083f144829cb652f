"""The scoping questions the engine depends on: ids, kinds and values from the engine contract.

A tailored bank may add readiness questions freely, but it must keep these exactly, or the
engine could not read the answers it decides with.
"""

from __future__ import annotations

from types import MappingProxyType

YES_NO = ("yes", "no")

BUSINESS_TYPES = (
    "payroll",
    "payments",
    "financial_saas",
    "financial_operations",
    "b2b_saas",
    "cloud_infrastructure",
    "data_center",
    "managed_services",
    "healthcare_saas",
    "data_analytics",
    "consumer_app",
    "professional_services",
    "other",
)

SCOPING_SECTION = "scoping"

# id -> allowed values (choice) or (min, max) bounds (integer; None = unbounded).
CHOICE_QUESTIONS = MappingProxyType(
    {
        "business_type": BUSINESS_TYPES,
        "b2b": YES_NO,
        "has_customers": YES_NO,
        "fin_impact": ("yes", "no", "unsure"),
        "user_auditor_ask": YES_NO,
        "security_ask": YES_NO,
        "customer_data": YES_NO,
        "uptime_sla": YES_NO,
        "confidential_nda": YES_NO,
        "processing": YES_NO,
        "personal_info": YES_NO,
        "phi": YES_NO,
        "public_artifact": YES_NO,
    }
)
INTEGER_QUESTIONS = MappingProxyType(
    {
        "deadline_months": (0, 36),
        "controls_operating_months": (0, 60),
        "headcount": (1, 10_000_000),
        "process_controls_months": (0, 60),
    }
)
SCOPING_IDS = frozenset(CHOICE_QUESTIONS) | frozenset(INTEGER_QUESTIONS)
# Contract v2: asked only once SOC 1 is recommended, so it may depend on the recommendation; the
# questions the recommendation itself reads may not (that would be a loop).
REPORT_DEPENDENT_IDS = frozenset({"process_controls_months"})
REPORT_FAMILIES = ("SOC 1", "SOC 2")
