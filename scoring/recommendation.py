"""Which SOC report(s), by the decision rules of the domain reference (§7.2) and its edge cases (§7.3).

The rules read like an advisor's reasoning: who is asking, whether the service touches
customers' financial statements, and whether customers trust it with data or operations.
Every conclusion carries the question ids that caused it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.models import FollowUp, Reason
from scoring.profile import CLASSIC_SOC1, FINANCIAL_SOFTWARE, Profile

FIN_IMPACT_FOLLOW_UP = FollowUp(
    question="fin_impact",
    ask="Do you only read or display customer data, or can your service change amounts or records "
        "that feed their books (transactions, balances, invoices, payroll, claims)?",
    why="If you can change them, customers' financial auditors will want a SOC 1 report as well; "
        "read-only reporting and analytics generally need a SOC 2 report only.",
)


@dataclass
class ReportDecision:
    """The reports recommended, why, and what is still open."""

    reports: list[str]
    kind: str  # "reports", "consumer", "readiness_first", "not_needed"
    rationale: list[Reason] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)


def recommend_reports(p: Profile) -> ReportDecision:
    """Apply rules R1-R7 top-down, then the edge cases that refine them."""
    if p.b2b is False and not (p.user_auditor_ask or p.security_ask):
        return ReportDecision([], "consumer", [Reason(
            statement="SOC reports are written for organisations that serve other organisations. You sell "
                      "only to consumers and no business customer has asked, so you do not need one; "
                      "focus on the privacy and consumer-protection laws that apply to you.",
            because=["b2b", "user_auditor_ask", "security_ask"])])
    if p.has_customers is False and not p.anyone_asked:
        return ReportDecision([], "readiness_first", [Reason(
            statement="No law requires a SOC report and no customer or prospect is asking yet, so an audit "
                      "now would be premature. Put the basics in place (policies, single sign-on with "
                      "multi-factor authentication, logging, a risk assessment) so that a first report "
                      "takes months, not a year, when the first enterprise deal asks for one.",
            because=["has_customers", "user_auditor_ask", "security_ask", "deadline_months"])])

    decision = ReportDecision([], "reports")
    soc1 = _soc1_reasons(p, decision)
    soc2 = _soc2_reasons(p, bool(soc1), decision)
    if soc1:
        decision.reports.append("SOC 1")
        decision.rationale.extend(soc1)
    if soc2:
        decision.reports.append("SOC 2")
        decision.rationale.extend(soc2)
        if p.public_artifact:
            decision.reports.append("SOC 3")
            decision.rationale.append(Reason(
                statement="You want something public for your website. A SOC 2 report is restricted to "
                          "customers and prospects under NDA; a SOC 3 report is a short general-use summary "
                          "produced from the same SOC 2 Type II examination, so it adds little effort.",
                because=["public_artifact"]))
    elif p.public_artifact:
        decision.notes.append(Reason(
            statement="A public SOC 3 report is produced from a SOC 2 Type II examination, so it only "
                      "becomes available once you have a SOC 2.", because=["public_artifact"]))
    if not decision.reports:
        decision.kind = "not_needed"
        decision.rationale.append(Reason(
            statement="Nobody is asking for a SOC report, your service does not affect customers' financial "
                      "statements, and you do not hold customer data or run systems they depend on, so no "
                      "SOC report is needed today.",
            because=["fin_impact", "user_auditor_ask", "security_ask", "customer_data"]))
    _edge_case_notes(p, decision)
    return decision


def _soc1_reasons(p: Profile, decision: ReportDecision) -> list[Reason]:
    """SOC 1 follows relevance to customers' internal control over financial reporting (ICFR)."""
    reasons: list[Reason] = []
    if p.fin_impact == "yes":
        reasons.append(Reason(
            statement="An error or outage in your service could change customers' financial statements, so "
                      "their financial auditors need to rely on your controls: that is what a SOC 1 report "
                      "is for.", because=["fin_impact"]))
    elif p.business_type in CLASSIC_SOC1 | FINANCIAL_SOFTWARE and p.fin_impact == "unsure":
        reasons.append(Reason(
            statement="Services like yours (payroll, payments, financial operations or software customers "
                      "keep their books in) feed customers' financial statements, so their auditors will "
                      "look for a SOC 1 report.", because=["business_type", "fin_impact"]))
    elif p.business_type in CLASSIC_SOC1 and p.fin_impact is None:
        reasons.append(Reason(
            statement="Payroll and financial-operations services are the classic case for a SOC 1 report: "
                      "they feed customers' financial statements.", because=["business_type"]))
    elif p.fin_impact == "unsure":
        decision.follow_ups.append(FIN_IMPACT_FOLLOW_UP)
    if p.user_auditor_ask:
        reasons.append(Reason(
            statement="Customers' finance teams or external auditors have asked for a SOC report; requests "
                      "from that side are for a SOC 1 report.", because=["user_auditor_ask"]))
    if p.business_type in CLASSIC_SOC1 and p.fin_impact == "no" and not reasons:
        decision.follow_ups.append(FollowUp(
            question="fin_impact",
            ask="You said errors could not change customers' financial statements, yet payroll and "
                "financial-operations services usually do (payroll expense, tax liabilities, claims, fund "
                "values). Is that right?",
            why="If they can, customers' auditors will ask for a SOC 1 report."))
    return reasons


def _soc2_reasons(p: Profile, has_soc1: bool, decision: ReportDecision) -> list[Reason]:
    """SOC 2 follows security asks and trust with customer data or operations."""
    reasons: list[Reason] = []
    if p.security_ask:
        reasons.append(Reason(
            statement="Customers' security, IT or procurement teams ask for a SOC 2 report or send security "
                      "questionnaires: one SOC 2 report answers most of those reviews.", because=["security_ask"]))
    trusted = [qid for qid in ("customer_data", "uptime_sla", "phi") if getattr(p, qid)]
    if not trusted:
        return reasons
    if has_soc1 and not p.security_ask and not _both_expected(p):
        decision.notes.append(Reason(
            statement="Expect customers' security teams to ask for a SOC 2 report as well: you hold their "
                      "data, often personal data. Plan it as the next report once the SOC 1 is under way.",
            because=["customer_data", "security_ask"]))
        return reasons
    reasons.append(Reason(
        statement="Customers trust you with their data or with systems they depend on; a SOC 2 report is "
                  "how they check that you protect them.", because=trusted))
    return reasons


def _both_expected(p: Profile) -> bool:
    """Financial software and payments need both reports; others only with sensitive data (R3)."""
    if p.business_type in CLASSIC_SOC1:
        return False
    return p.business_type in FINANCIAL_SOFTWARE or p.sensitive_data


def _edge_case_notes(p: Profile, decision: ReportDecision) -> None:
    """Advice an experienced advisor adds for particular kinds of business (reference §7.3)."""
    notes = decision.notes
    if p.business_type == "data_center" and "SOC 1" not in decision.reports and decision.reports:
        notes.append(Reason(
            statement="Tenants' financial auditors often also ask data centres for a SOC 1 report covering "
                      "physical and environmental controls; large colocation providers commonly publish both.",
            because=["business_type"]))
    if p.business_type == "managed_services" and "SOC 1" not in decision.reports and decision.reports:
        notes.append(Reason(
            statement="If you run access, change or backup controls over clients' financial systems, their "
                      "auditors will also need a SOC 1 report.", because=["business_type"]))
    if p.business_type == "payments" and decision.reports:
        notes.append(Reason(
            statement="If you store, process or transmit card data, PCI DSS is a separate obligation that no "
                      "SOC report replaces.", because=["business_type"]))
    if p.phi and decision.reports:
        notes.append(Reason(
            statement="You handle protected health information: a SOC 2 report alone does not show HIPAA "
                      "compliance and does not replace a business associate agreement. Consider a SOC 2 + "
                      "HIPAA report, which tests the HIPAA Security Rule alongside the criteria.",
            because=["phi"]))
    if "SOC 2" in decision.reports and p.business_type not in ("data_center", "cloud_infrastructure"):
        notes.append(Reason(
            statement="Your cloud provider's own SOC 2 report covers only its controls. You still need your "
                      "own report, and you must run the customer-side controls its report lists.",
            because=["customer_data"]))
