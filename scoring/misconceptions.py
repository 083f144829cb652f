"""The misconceptions the product corrects (reference §8), and which apply to a given result."""

from __future__ import annotations

from scoring.models import Misconception
from scoring.profile import Profile

MISCONCEPTIONS: tuple[Misconception, ...] = (
    Misconception(id="certification", myth="\"We'll get SOC 2 certified.\"",
                  fact="SOC 2 is an attestation report holding a licensed CPA firm's opinion. There is no "
                       "certificate and no certifying body: say SOC 2 report, attestation or examination."),
    Misconception(id="who_issues", myth="\"Our internal audit team, consultant or compliance platform can issue it.\"",
                  fact="Only an independent, licensed CPA firm can perform the examination and sign the report, "
                       "and it cannot audit controls it designed for you. Others help with readiness only."),
    Misconception(id="pass_fail", myth="\"You pass or fail a SOC 2.\"",
                  fact="The outcome is an opinion: unmodified (clean), qualified, adverse or a disclaimer. A clean "
                       "opinion can still list individual test exceptions."),
    Misconception(id="soc2_superset", myth="\"SOC 2 is more comprehensive than SOC 1, so it replaces it.\"",
                  fact="They answer different questions for different readers: SOC 1 for customers' financial "
                       "auditors, SOC 2 for their security and procurement teams. Neither contains the other."),
    Misconception(id="six_months", myth="\"A Type II always covers six months.\"",
                  fact="There is no required minimum: 3, 6 and 12 months are all used. First reports are often "
                       "3-6 months; mature programmes run back-to-back 12-month periods."),
    Misconception(id="type_i_required", myth="\"You must do a Type I before a Type II.\"",
                  fact="A Type I is optional. And Type I/II (design vs operating over a period) has nothing to do "
                       "with SOC 1/SOC 2 (what the report is about)."),
    Misconception(id="expiry", myth="\"The report expires after exactly 12 months, and a bridge letter extends it.\"",
                  fact="Reports do not formally expire; buyers treat them as current for about 12 months after the "
                       "period ends. A bridge letter is management's own statement, not auditor assurance."),
    Misconception(id="checklist", myth="\"SOC 2 has an official checklist of required controls.\"",
                  fact="The criteria say what must be achieved; points of focus are guidance. You design the "
                       "controls, and the auditor tests them against the criteria."),
    Misconception(id="all_categories", myth="\"Selecting all five categories is safer.\"",
                  fact="Scope should mirror the commitments you make to customers. Security is the only required "
                       "category; every extra one adds cost, time and chances of exceptions."),
    Misconception(id="two_weeks", myth="\"A compliance platform gets you SOC 2 in two weeks.\"",
                  fact="Tools speed up readiness and evidence collection. They cannot shorten a Type II "
                       "observation window or issue the opinion."),
    Misconception(id="law_hipaa", myth="\"SOC 2 is required by law\" or \"SOC 2 means HIPAA compliant\".",
                  fact="SOC 2 is voluntary and market-driven. HIPAA is a separate legal duty; a SOC 2 + HIPAA "
                       "report can map the two, and a business associate agreement is still needed."),
    Misconception(id="cloud_provider", myth="\"Our cloud provider is SOC 2, so we are.\"",
                  fact="Its report covers its own controls. You need your own controls, plus the customer-side "
                       "controls its report lists."),
    Misconception(id="soc3_lighter", myth="\"SOC 3 is a lighter, cheaper audit.\"",
                  fact="A SOC 3 is a short general-use summary normally produced from the same SOC 2 Type II "
                       "examination."),
    Misconception(id="publish_soc2", myth="\"We can publish our SOC 2 report on the website.\"",
                  fact="SOC 2 is restricted use and shared under NDA. Publish a SOC 3 instead."),
    Misconception(id="new_rules", myth="\"There are new 2025 SOC 2 rules (monthly testing, 72-hour breach notices).\"",
                  fact="Those are not AICPA requirements. The criteria are still the 2017 Trust Services Criteria "
                       "with the 2022 revised points of focus."),
    Misconception(id="soc1_public_only", myth="\"SOC 1 is only for public companies.\"",
                  fact="SOX is the classic driver, but auditors of private companies, lenders and regulators rely "
                       "on SOC 1 reports too."),
)
BY_ID = {m.id: m for m in MISCONCEPTIONS}


def applicable(p: Profile, reports: list[str], report_type: str | None) -> list[Misconception]:
    """The myths worth correcting for this user, most relevant first."""
    ids = ["certification", "who_issues", "pass_fail"]
    if "SOC 1" in reports or p.user_auditor_ask or p.fin_impact == "yes":
        ids += ["soc2_superset", "soc1_public_only"]
    if report_type == "Type II":
        ids.append("six_months")
    if report_type == "Type I":
        ids += ["type_i_required", "expiry"]
    if "SOC 2" in reports:
        ids += ["all_categories", "checklist", "cloud_provider"]
    if p.deadline_months is not None and p.deadline_months <= 6:
        ids.append("two_weeks")
    if p.phi or not reports:
        ids.append("law_hipaa")
    if p.public_artifact:
        ids += ["soc3_lighter", "publish_soc2"]
    return [BY_ID[i] for i in dict.fromkeys(ids)]
