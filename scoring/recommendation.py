"""Which SOC report(s), by the decision rules of the domain reference (§7.2) and its edge cases (§7.3).

The rules read like an advisor's reasoning: who is asking, whether the service touches
customers' financial statements, and whether customers trust it with data or operations. Each
report family is decided on its own triggers and the two are then combined, so a SOC 1 never
crowds out the SOC 2 a hosting or managed-services business needs. Every conclusion carries the
question ids that caused it, and no statement asserts an answer the user did not give: "unsure"
or unanswered is never read as "no".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.follow_ups import INHERENTLY_B2B, contradictions, unanswered_triggers
from scoring.models import FollowUp, Reason
from scoring.profile import CLASSIC_SOC1, FINANCIAL_SOFTWARE, HOSTS_CUSTOMER_SYSTEMS, INFRASTRUCTURE, Profile

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
    kind: str  # "reports", "consumer", "readiness_first", "not_needed", "undecided"
    rationale: list[Reason] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)


def recommend_reports(p: Profile) -> ReportDecision:
    """Apply rules R1-R7, each family on its own triggers, then the edge cases that refine them."""
    decision = _early_exit(p)
    if decision is None:
        decision = ReportDecision([], "reports")
        soc1 = _soc1_reasons(p, decision)
        soc2 = _soc2_reasons(p, decision)
        if soc1 and soc2 and _soc2_waits_for_an_ask(p):
            held = "their data, including personal data" if p.personal_info else "their data"
            decision.notes.append(Reason(
                statement=f"Expect customers' security teams to ask for a SOC 2 report as well: you hold {held}. "
                          "Plan it as the next report once the SOC 1 is under way.",
                because=[qid for r in soc2 for qid in r.because]))
            soc2 = []
        if soc1:
            decision.reports.append("SOC 1")
            decision.rationale.extend(soc1)
        if soc2:
            decision.reports.append("SOC 2")
            decision.rationale.extend(soc2)
        _soc3(p, decision)
        if not decision.reports:
            open_questions = unanswered_triggers(p)
            decision.kind = "undecided" if open_questions else "not_needed"
            decision.rationale.append(_nothing_calls_for_a_report(p))
            decision.follow_ups.extend(f for f in open_questions
                                       if f.question not in {x.question for x in decision.follow_ups})
        _edge_case_notes(p, decision)
    known = {f.question for f in decision.follow_ups}
    decision.follow_ups.extend(f for f in contradictions(p) if f.question not in known)
    return decision


def _early_exit(p: Profile) -> ReportDecision | None:
    """R1 (consumers only) and R2 (no customers, nobody asking): no report yet.

    "Consumers only" is believed only when nothing else says organisations rely on the service: a
    payroll bureau, a customer's deadline, financial-statement impact or PHI all contradict it,
    and then the other rules decide while the contradiction is followed up.
    """
    nobody_asked = p.user_auditor_ask is False and p.security_ask is False
    organisations_rely = (p.business_type in INHERENTLY_B2B or p.fin_impact == "yes" or bool(p.phi)
                          or p.deadline_months is not None)
    if p.b2b is False and not (p.user_auditor_ask or p.security_ask) and not organisations_rely:
        asked = " and no business customer has asked" if nobody_asked else ""
        return ReportDecision([], "consumer", [Reason(
            statement="SOC reports are written for organisations that serve other organisations. You sell "
                      f"only to consumers{asked}, so you do not need one; focus on the privacy and "
                      "consumer-protection laws that apply to you. If a business customer asks, revisit.",
            because=["b2b", "user_auditor_ask", "security_ask"])])
    if p.has_customers is False and nobody_asked and p.deadline_months is None:
        return ReportDecision([], "readiness_first", [Reason(
            statement="No law requires a SOC report and no customer or prospect is asking yet, so an audit "
                      "now would be premature. Put the basics in place (policies, single sign-on with "
                      "multi-factor authentication, logging, a risk assessment) so that a first report "
                      "takes months, not a year, when the first enterprise deal asks for one.",
            because=["has_customers", "user_auditor_ask", "security_ask", "deadline_months"])])
    return None


def _soc1_reasons(p: Profile, decision: ReportDecision) -> list[Reason]:
    """SOC 1 follows relevance to customers' internal control over financial reporting (ICFR)."""
    reasons: list[Reason] = []
    typical = p.business_type in CLASSIC_SOC1 | FINANCIAL_SOFTWARE
    if p.fin_impact == "yes":
        reasons.append(Reason(
            statement="An error or outage in your service could change customers' financial statements, so "
                      "their financial auditors need to rely on your controls: that is what a SOC 1 report "
                      "is for.", because=["fin_impact"]))
    elif typical and p.fin_impact in ("unsure", None):
        reasons.append(Reason(
            statement="Services like yours (payroll, payments, financial operations or software customers "
                      "keep their books in) usually feed customers' financial statements, so their auditors "
                      "will look for a SOC 1 report. Confirm it with the question under \"To settle\".",
            because=["business_type", "fin_impact"]))
    elif p.fin_impact == "unsure":
        decision.follow_ups.append(FIN_IMPACT_FOLLOW_UP)
    if p.user_auditor_ask:
        reasons.append(Reason(
            statement="Customers' finance teams or external auditors have asked for a SOC report; requests "
                      "from that side are for a SOC 1 report.", because=["user_auditor_ask"]))
    if typical and p.fin_impact in ("unsure", None):
        decision.follow_ups.append(FIN_IMPACT_FOLLOW_UP)
    return reasons


def _soc2_reasons(p: Profile, decision: ReportDecision) -> list[Reason]:
    """SOC 2 follows security asks and trust with customer data or operations, whatever SOC 1 says."""
    reasons: list[Reason] = []
    if p.security_ask:
        reasons.append(Reason(
            statement=f"{'Customers' if p.has_customers is not False else 'Prospects'}' security, IT or "
                      "procurement teams ask for a SOC 2 report or send security questionnaires: one SOC 2 report "
                      "answers most of those reviews.", because=["security_ask"]))
    if p.business_type in HOSTS_CUSTOMER_SYSTEMS and p.b2b is not False:
        reasons.append(Reason(
            statement="You host or run your customers' systems, so SOC 2 covering Security and Availability is "
                      "the baseline report they expect from an infrastructure, hosting or managed-services "
                      "provider; a SOC 1 report is an addition when their books depend on you.",
            because=["business_type"]))
        return reasons
    trusted = [qid for qid in ("customer_data", "uptime_sla", "phi") if getattr(p, qid)]
    if trusted:
        reasons.append(Reason(
            statement="Customers trust you with their data or with systems they depend on; a SOC 2 report is "
                      "how they check that you protect them.", because=trusted))
    return reasons


def _soc2_waits_for_an_ask(p: Profile) -> bool:
    """Payroll and financial operations: SOC 1 is the primary report and SOC 2 follows when their
    customers' security teams ask (reference §7.3); holding data alone does not make it urgent."""
    return p.business_type in CLASSIC_SOC1 and not p.security_ask


def _soc3(p: Profile, decision: ReportDecision) -> None:
    if "SOC 2" in decision.reports and p.public_artifact:
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


def _nothing_calls_for_a_report(p: Profile) -> Reason:
    """Say only what the user told us; name what is still unknown instead of assuming "no"."""
    told = {
        "fin_impact": ("your service does not affect customers' financial statements", p.fin_impact == "no"),
        "user_auditor_ask": ("no finance team or auditor has asked", p.user_auditor_ask is False),
        "security_ask": ("no security or procurement team has asked", p.security_ask is False),
        "customer_data": ("you do not hold customer data or run systems they depend on", p.customer_data is False),
    }
    facts = [text for text, given in told.values() if given]
    unknown = [qid for qid, (_, given) in told.items() if not given]
    statement = "Nothing you have told us so far calls for a SOC report" if unknown else "No SOC report is needed today"
    if facts:
        statement += ": " + "; ".join(facts)
    statement += "."
    if unknown:
        statement += " Some deciding answers are still open or unsure (see To settle), so this may change."
    return Reason(statement=statement, because=list(told))


def _edge_case_notes(p: Profile, decision: ReportDecision) -> None:
    """Advice an experienced advisor adds for particular kinds of business (reference §7.3)."""
    notes = decision.notes
    if p.business_type in INFRASTRUCTURE and "SOC 1" not in decision.reports and decision.reports:
        notes.append(Reason(
            statement="Tenants' financial auditors often also ask data centres and hosting providers for a SOC 1 "
                      "report covering physical, environmental and IT general controls; large providers "
                      "commonly publish both.",
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
