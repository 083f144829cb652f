"""One model of what every export says, built from the engine's result, so PDF, Excel, Markdown
and CSV can never disagree with each other or with the app."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pydantic import BaseModel, ConfigDict

from questions import Bank, default_bank
from questions.criteria import criteria_by_id
from scoring.models import Result
from scoring.timeline import dated_phases, week_to_date

DISCLAIMER = ("This is a readiness estimate produced by SOC Navigator, not an audit, an attestation or a "
              "certification. Only an independent, licensed CPA firm can examine your controls and issue a SOC "
              "report. Durations and fees are estimates from publicly reported ranges, not quotes.")


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True)


class AnswerRow(_Row):
    section: str
    question_id: str
    question: str
    answer: str


class CoverageRow(_Row):
    criterion: str
    area: str
    title: str
    coverage: int
    questions: str


class ActionRow(_Row):
    rank: int
    priority: str
    control: str
    action: str
    criteria: str
    answer: str


class PhaseRow(_Row):
    phase: str
    starts: date
    ends: date
    start_week: int
    end_week: int


class ReportData(BaseModel):
    """Everything an export shows, in the order a reader needs it."""

    model_config = ConfigDict(frozen=True)

    organisation: str
    assessed_by: str
    notes: str
    on: date
    start: date
    result: Result
    answers: list[AnswerRow]
    coverage: list[CoverageRow]
    actions: list[ActionRow]
    phases: list[PhaseRow]
    deadline: date | None

    @property
    def reports_line(self) -> str:
        if not self.result.reports:
            return "No SOC report recommended yet"
        return ", ".join(self.result.reports) + (f" ({self.result.report_type})" if self.result.report_type else "")

    @property
    def report_expected(self) -> date | None:
        """When the first recommended report should be in hand (end of its last phase)."""
        if not self.result.report_type or not self.phases:
            return None
        wanted = "type_i" if self.result.report_type == "Type I" else "type_ii"
        ids = [p.id for p in self.result.timeline.phases]
        return self.phases[ids.index(wanted)].ends if wanted in ids else None


def build_report(
    result: Result,
    answers: Mapping[str, object],
    organisation: str,
    assessed_by: str = "",
    notes: str = "",
    on: date | None = None,
    start: date | None = None,
    bank: Bank | None = None,
) -> ReportData:
    bank = bank or default_bank()
    on = on or date.today()
    start = start or on
    titles = {s.id: s.title for s in bank.sections}
    criteria = criteria_by_id()
    timeline = result.timeline
    return ReportData(
        organisation=organisation.strip() or "Your organisation",
        assessed_by=assessed_by.strip(),
        notes=notes,
        on=on,
        start=start,
        result=result,
        answers=[AnswerRow(section=titles[q.section], question_id=q.id, question=q.text,
                           answer=q.label_for(answers[q.id]))
                 for q in bank.questions if q.id in answers],
        coverage=[CoverageRow(criterion=c.id, area=c.area, title=criteria[c.id].title, coverage=c.score,
                              questions=", ".join(c.questions)) for c in result.readiness.criteria],
        actions=[ActionRow(rank=n, priority=g.priority.capitalize(), control=g.text, action=g.action,
                           criteria=", ".join(g.criteria), answer=bank.question(g.question).label_for(g.answer))
                 for n, g in enumerate(result.gaps, start=1)],
        phases=[PhaseRow(phase=p.name, starts=begin, ends=end, start_week=p.start_week, end_week=p.end_week)
                for p, begin, end in dated_phases(timeline.phases, start)],
        deadline=week_to_date(start, timeline.deadline_week) if timeline.deadline_week is not None else None,
    )
