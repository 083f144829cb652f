"""A one-page summary to paste into an email or a CRM, and the action plan as a table."""

from __future__ import annotations

import re

from reports.content import DISCLAIMER, ReportData

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&])")


def escape(text: str) -> str:
    """User text shown literally: markdown and HTML characters escaped, line breaks kept as spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _cell(text: str) -> str:
    """Our own text inside a table cell: only a pipe would break the row."""
    return " ".join(str(text).split()).replace("|", "\\|")


def sentence(data: ReportData, plain: bool = False) -> str:
    """The line a sales rep pastes: what we are planning, with what scope, and by when.

    `plain` leaves the organisation name as typed, for plain-text email; otherwise it is escaped
    for markdown.
    """
    result = data.result
    org = data.organisation if plain else escape(data.organisation)
    if not result.reports:
        return f"{org} does not need a SOC report yet. {result.headline}"
    audited = [r for r in result.reports if r != "SOC 3"]
    scope = f" with {_join(result.categories)}" if result.categories else ""
    names = " and a ".join(f"{r} {result.report_type}" for r in audited)
    when = data.report_expected
    line = f"{org} is planning a {names}{scope}"
    if "SOC 3" in result.reports:
        line += ", plus a public SOC 3"
    if when:
        line += f", report expected by {when:%B %Y}"
    line += f" (estimated {result.timeline.label} from {data.start:%d %B %Y})."
    if result.report_type == "Type I" and result.timeline.type_ii_months_high:
        line += (f" A Type II report follows about {result.timeline.type_ii_months_low:g}–"
                 f"{result.timeline.type_ii_months_high:g} months from the start.")
    return line


def build_markdown(data: ReportData, top: int | None = None) -> str:
    result = data.result
    lines = [f"# SOC readiness summary: {escape(data.organisation)}", "",
             f"*{data.on:%d %B %Y}" + (f" · assessed by {escape(data.assessed_by)}" if data.assessed_by else "")
             + "*", "", sentence(data), ""]
    facts = [("Recommendation", data.reports_line),
             ("Trust Services Criteria categories", _join(result.categories) if result.categories else "n/a"),
             ("Overall readiness", "not assessed yet" if result.readiness.overall is None
              else f"{result.readiness.overall}%"),
             ("Timeline", result.timeline.label)]
    if data.deadline:
        facts.append(("Customer deadline", f"{data.deadline:%d %B %Y}. {result.timeline.verdict_text}"))
    lines += [f"- **{name}:** {value}" for name, value in facts] + [""]
    lines += ["## Why", ""] + [f"- {r.statement}" for r in result.rationale] + [""]
    if data.notes.strip():
        lines += ["## Notes", "", escape(data.notes), ""]
    actions = data.actions[:top] if top else data.actions
    lines += ["## Action plan", ""]
    if actions:
        lines += ["| # | Priority | Control | Action | Owner | Due |", "|---|---|---|---|---|---|"]
        lines += [f"| {a.rank} | {a.priority} | {_cell(a.control)} | {_cell(a.action)} |  |  |" for a in actions]
    else:
        lines.append("No open actions." if result.readiness.overall is not None
                     else "Complete the readiness questions to get an action plan.")
    lines += ["", "## Plan", "", "| Phase | Starts | Ends |", "|---|---|---|"]
    lines += [f"| {_cell(p.phase)} | {p.starts:%d %b %Y} | {p.ends:%d %b %Y} |" for p in data.phases]
    lines += ["", f"*{DISCLAIMER}*", ""]
    return "\n".join(lines)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
