"""A one-page summary to paste into an email or a CRM, and the action plan as a table."""

from __future__ import annotations

from reports.branding import preparer
from reports.content import DISCLAIMER, STAGE, ReportData
from reports.story import (
    format_date,
    readiness_headline,
    short_date,
    type_ii_line,
    verdict_detail,
    verdict_label,
    what_if_line,
)
from reports.usertext import markdown_literal, printable
from scoring.wording import join


def escape(text: str) -> str:
    """User text on one line, shown literally (reports/usertext.py): line breaks become spaces; empty
    stays empty (markdown_literal would give a no-break space, which holds an empty line open)."""
    line = " ".join(printable(text).split())
    return markdown_literal(line) if line else ""


def _cell(text: str) -> str:
    """Our own text inside a table cell: only a pipe would break the row."""
    return " ".join(str(text).split()).replace("|", "\\|")


def sentence(data: ReportData, plain: bool = False) -> str:
    """The line a sales rep pastes (reports/story.py `summary_line`): what, with what scope, by when.

    `plain` leaves the organisation name as typed, for plain-text email; otherwise it is escaped
    for markdown.
    """
    return data.paste_line(data.organisation if plain else escape(data.organisation))


def build_markdown(data: ReportData, top: int | None = None) -> str:
    result = data.result
    readiness = result.readiness
    by = preparer(escape(data.assessed_by), escape(data.firm_name))
    lines = [f"# SOC readiness summary: {escape(data.organisation)}", "",
             f"*{format_date(data.on)}" + (f" · prepared by {by}" if by else "") + "*", "", sentence(data), ""]
    facts = [("Recommendation", data.reports_line),
             ("Trust Services Criteria categories", join(result.categories) if result.categories else "n/a"),
             ("Overall readiness", "not assessed yet" if readiness.overall is None
              else f"{readiness.overall}% · {readiness_headline(readiness)}")]
    facts += [(f"{name} readiness", f"{score}%") for name, score in readiness.by_report.items()
              if score is not None and len(readiness.by_report) > 1]
    facts.append(("Estimated time to the report", result.timeline.label))
    if data.expected:
        facts.append(("Report expected", data.expected))
    if data.deadline:
        facts.append(("Customer deadline", f"{data.dates.deadline_text} · **{verdict_label(result)}**. "
                                           f"{verdict_detail(result)}"))
    if type_ii_line(result, data.start):
        facts.append(("Then", type_ii_line(result, data.start)))
    if data.what_if:
        facts.append(("Plan assumption", what_if_line(data.what_if)))
    facts.append(("Basis", result.timeline.estimate_basis))
    lines += [f"- **{name}:** {value}" for name, value in facts] + [""]
    if data.blockers:
        lines += ["## Key controls missing", "",
                  "An auditor tests these first; a Type II period can only start once they run.", ""]
        lines += [f"- {_cell(b.control)} (you answered: {b.answer})" for b in data.blockers] + [""]
    if data.areas:
        lines += ["## Readiness by area", "", "| Area | Readiness |", "|---|---|"]
        lines += [f"| {_cell(a.area)} | {a.score}% |" for a in data.areas] + [""]
    if data.soc1_areas:
        lines += ["## SOC 1 control-objective areas", "", "| Area | Readiness |", "|---|---|"]
        lines += [f"| {_cell(a.area)} | {a.score}% |" for a in data.soc1_areas] + [""]
    lines += ["## Why", ""] + [f"- {r.statement}" for r in result.rationale] + [""]
    if data.notes.strip():
        lines += ["## Notes", "", markdown_literal(data.notes), ""]
    actions = data.actions[:top] if top else data.actions
    lines += ["## Action plan", ""]
    if actions:
        lines += ["| # | Priority | Control | Action | Owner | Due |", "|---|---|---|---|---|---|"]
        lines += [f"| {a.rank} | {a.priority} | {_cell(a.control)} | {_cell(a.action)} |  |  |" for a in actions]
    else:
        lines.append("No open actions." if readiness.overall is not None
                     else "Complete the readiness questions to get an action plan.")
    lines += ["", "## Plan", "", "| Phase | Stage | Starts | Ends |", "|---|---|---|---|"]
    lines += [f"| {_cell(p.phase)} | {STAGE.get(p.stage, p.stage)} | {short_date(p.starts)} | {short_date(p.ends)} |"
              for p in data.phases]
    lines += ["", f"*{DISCLAIMER}*", ""]
    return "\n".join(lines)
