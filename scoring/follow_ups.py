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
    "professional_services": "professional services firms",
    "consumer_app": "consumer apps usually",
}


@dataclass(frozen=True)
class Contradiction:
    """`question` answered `answer` contradicts what `business_types` usually means (any business
    when None), or what the answers in `also` say."""

    business_types: frozenset[str] | None
    question: str
    answer: str | bool | None
    usually: str
    why: str
    also: tuple[tuple[str, object], ...] = ()


SOC1_TYPES = frozenset({"payroll", "financial_operations", "financial_saas", "payments"})
HOSTING = frozenset({"cloud_infrastructure", "data_center", "managed_services"})
# Businesses whose customers are organisations by their nature.
INHERENTLY_B2B = frozenset({"payroll", "financial_operations", "financial_saas", "b2b_saas",
                            "cloud_infrastructure", "data_center", "managed_services", "professional_services"})

RULES = (
    Contradiction(
        SOC1_TYPES, "fin_impact", "no",
        "usually change numbers in customers' financial statements (payroll expense, tax liabilities, "
        "invoices, revenue, claims, balances or fund values)",
        "If they can, customers' financial auditors will ask for a SOC 1 report."),
    Contradiction(
        HOSTING, "customer_data", False,
        "run systems customers depend on or hold their data",
        "That is what a SOC 2 report with Security and Availability examines, and what customers expect "
        "from their provider."),
    Contradiction(
        frozenset({"cloud_infrastructure", "data_center"}), "uptime_sla", False,
        "host customers' infrastructure, which counts as an uptime commitment even without a written SLA",
        "Availability belongs in the SOC 2 scope of a hosting provider."),
    Contradiction(
        frozenset({"b2b_saas", "data_analytics", "healthcare_saas", "financial_saas", "payments", "payroll",
                   "financial_operations"}), "customer_data", False,
        "store or process customer data",
        "If you do, customers' security teams will ask for a SOC 2 report."),
    Contradiction(
        frozenset({"payroll"}), "personal_info", False,
        "hold employees' personal information (names, addresses, bank and tax details)",
        "Personal information shapes the SOC 2 scope (Confidentiality, and Privacy to consider)."),
    Contradiction(
        frozenset({"financial_saas", "payments"}), "processing", False,
        "perform transactions or calculations customers rely on being complete and accurate",
        "That is what Processing Integrity covers, and what customers' auditors test in a SOC 1 report."),
    Contradiction(
        frozenset({"data_analytics"}), "fin_impact", "yes",
        "read or display customer data without changing the records that feed their books",
        "Read-only reporting and analytics generally need a SOC 2 report only; a SOC 1 report is for "
        "services that can change amounts customers' financial statements rely on."),
    Contradiction(
        frozenset({"healthcare_saas"}), "phi", False,
        "handle protected health information for healthcare providers or plans",
        "PHI brings HIPAA duties and a business associate agreement, and shapes the SOC 2 scope."),
    Contradiction(
        INHERENTLY_B2B, "b2b", False,
        "sell to organisations",
        "SOC reports are written for organisations' customers; if you serve organisations, the rest of "
        "the advice applies."),
    Contradiction(
        frozenset({"consumer_app"}), "b2b", None,
        "Do you also sell to organisations? Consumer apps usually sell only to individuals, and SOC "
        "reports are for organisations' customers.",
        "Whether organisations are your customers decides whether a SOC report is relevant at all."),
    Contradiction(
        None, "personal_info", False,
        "(protected health information is personal information)",
        "Personal information shapes the SOC 2 scope: Confidentiality, and Privacy to consider.",
        also=(("phi", True),)),
    Contradiction(
        None, "fin_impact", "no",
        "(customers' finance teams or auditors asking usually means your service touches their books)",
        "If it does, they need a SOC 1 report; if they asked by mistake, tell them a SOC 2 fits.",
        also=(("user_auditor_ask", True),)),
    Contradiction(
        None, "b2b", False,
        "(customers' financial statements, protected health information, a business customer asking or a "
        "customer's deadline mean organisations rely on you)",
        "If organisations are your customers, SOC reports are relevant and the advice below applies.",
        also=(("serves_organisations", True),)),
)

_ASK_AGAIN = {
    "fin_impact": "Could an error or outage in your service change the numbers in a customer's financial "
                  "statements?",
    "user_auditor_ask": "Have customers' finance teams or their auditors asked you for a SOC report?",
    "security_ask": "Do customers' security, IT or procurement teams ask for a SOC 2 report or send "
                    "security questionnaires?",
    "customer_data": "Do you store, process or transmit customer data, or run systems they depend on?",
}


def contradictions(p: Profile) -> list[FollowUp]:
    """A follow-up for every answer that contradicts the business type or another answer."""
    follow_ups: list[FollowUp] = []
    seen: set[str] = set()
    for rule in RULES:
        if rule.question in seen or not _applies(rule, p):
            continue
        seen.add(rule.question)
        follow_ups.append(FollowUp(question=rule.question, ask=_ask(rule, p), why=rule.why))
    return follow_ups


def unanswered_triggers(p: Profile) -> list[FollowUp]:
    """The questions that decide whether any report is needed, still unanswered or unsure."""
    return [FollowUp(question=qid, ask=ask, why="The recommendation depends on it; until it is answered, "
                                                "no report can be ruled out.")
            for qid, ask in _ASK_AGAIN.items() if getattr(p, qid) is None or getattr(p, qid) == "unsure"]


def _applies(rule: Contradiction, p: Profile) -> bool:
    if rule.business_types is not None and p.business_type not in rule.business_types:
        return False
    if getattr(p, rule.question) != rule.answer:
        return False
    return all(_fact(p, name) == value for name, value in rule.also)


def _fact(p: Profile, name: str) -> object:
    if name == "serves_organisations":
        return (p.fin_impact == "yes" or bool(p.phi) or bool(p.user_auditor_ask) or bool(p.security_ask)
                or p.deadline_months is not None)
    return getattr(p, name)


def _ask(rule: Contradiction, p: Profile) -> str:
    if rule.answer is None:
        return rule.usually
    said = {"no": "no", "yes": "yes", False: "no", True: "yes"}[rule.answer]
    opening = f"You answered \"{said}\" here"
    if rule.business_types is None:
        return f"{opening}, yet other answers say otherwise {rule.usually}. Is that right?"
    return f"{opening}, yet {_LABELS.get(str(p.business_type), 'businesses like yours')} {rule.usually}. Is that right?"
