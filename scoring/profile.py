"""The scoping answers as typed facts the rules read; a missing answer stays None (unknown).

Rules test `is True` / `is False`, so an unanswered question never counts as a "no".
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

# Businesses whose service is itself part of customers' financial reporting (reference §2, §7.3).
CLASSIC_SOC1 = frozenset({"payroll", "financial_operations"})
FINANCIAL_SOFTWARE = frozenset({"financial_saas", "payments"})
INFRASTRUCTURE = frozenset({"cloud_infrastructure", "data_center"})
# Businesses that hold or run customers' systems: SOC 2 (Security + Availability) is their
# baseline report, and SOC 1 an addition when customers' books depend on them (reference §7.3).
HOSTS_CUSTOMER_SYSTEMS = INFRASTRUCTURE | {"managed_services"}


def _yes_no(value: object) -> bool | None:
    return {"yes": True, "no": False}.get(value) if isinstance(value, str) else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class Profile(BaseModel):
    """What the organisation told us in the scoping section."""

    model_config = ConfigDict(frozen=True)

    business_type: str | None = None
    b2b: bool | None = None
    has_customers: bool | None = None
    fin_impact: str | None = None  # "yes" / "no" / "unsure"
    user_auditor_ask: bool | None = None
    security_ask: bool | None = None
    customer_data: bool | None = None
    uptime_sla: bool | None = None
    confidential_nda: bool | None = None
    processing: bool | None = None
    personal_info: bool | None = None
    phi: bool | None = None
    public_artifact: bool | None = None
    deadline_months: int | None = None
    controls_operating_months: int | None = None
    process_controls_months: int | None = None
    headcount: int | None = None

    @classmethod
    def from_answers(cls, answers: Mapping[str, object]) -> Profile:
        fin = answers.get("fin_impact")
        business = answers.get("business_type")
        yes_no_fields = (
            "b2b", "has_customers", "user_auditor_ask", "security_ask", "customer_data", "uptime_sla",
            "confidential_nda", "processing", "personal_info", "phi", "public_artifact",
        )
        return cls(
            business_type=business if isinstance(business, str) else None,
            fin_impact=fin if isinstance(fin, str) and fin in ("yes", "no", "unsure") else None,
            deadline_months=_int(answers.get("deadline_months")),
            controls_operating_months=_int(answers.get("controls_operating_months")),
            process_controls_months=_int(answers.get("process_controls_months")),
            headcount=_int(answers.get("headcount")),
            **{name: _yes_no(answers.get(name)) for name in yes_no_fields},
        )

    @property
    def anyone_asked(self) -> bool:
        """A customer, a prospect or an auditor has asked, or set a date."""
        return bool(self.user_auditor_ask or self.security_ask or self.deadline_months is not None)

    @property
    def sensitive_data(self) -> bool:
        return bool(self.personal_info or self.phi or self.confidential_nda)

    @property
    def operating_months(self) -> int:
        return self.controls_operating_months or 0
