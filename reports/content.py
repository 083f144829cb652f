"""One model of what every export says, built from the engine's result, so PDF, Excel, Markdown
and CSV can never disagree with each other or with the app."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from questions import Bank, default_bank
from questions.criteria import criteria_by_id
from reports.branding import Branding, preparer
from reports.logo import Logo, checked_logo
from reports.story import PlanDates, area_label, expected_line, plan_dates, prospect_note, summary_line
from reports.usertext import MAX_NAME, MAX_NOTES, printable
from scoring.models import Result
from scoring.timeline import dated_phases

DISCLAIMER = ("This is a readiness estimate produced by SOC Navigator, not an audit, an attestation or a "
              "certification. Only an independent, licensed CPA firm can examine your controls and issue a SOC "
              "report. Durations and fees are estimates from publicly reported ranges, not quotes.")


FAMILY = {"itgc": "IT general controls", "process": "business process"}
STAGE = {"prepare": "Getting ready", "audit": "Audit", "maintain": "Keeping the report current"}


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


class AreaRow(_Row):
    area: str
    score: int


class BlockerRow(_Row):
    question_id: str
    control: str
    answer: str


class PhaseRow(_Row):
    id: str
    stage: str
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
    areas: list[AreaRow]
    soc1_areas: list[AreaRow]
    blockers: list[BlockerRow]
    dates: PlanDates
    what_if: list[str]
    firm_name: str = ""
    logo: Logo | None = None

    @property
    def prepared_by(self) -> str:
        """"Jane Doe, Acme Advisory": the assessor and the firm, for "Prepared by ..."; "" when neither is known."""
        return preparer(self.assessed_by, self.firm_name)

    @property
    def deadline(self) -> date | None:
        return self.dates.deadline

    @property
    def reports_line(self) -> str:
        if not self.result.reports:
            return "No SOC report recommended yet"
        return ", ".join(self.result.reports) + (f" ({self.result.report_type})" if self.result.report_type else "")

    @property
    def expected(self) -> str:
        """"SOC 2 Type I report no later than ... (earliest ...)": the promise every export quotes."""
        return expected_line(self.result, self.start)

    def paste_line(self, organisation: str | None = None) -> str:
        """The CRM line (reports/story.py), with the organisation as given (escape it for markdown)."""
        return summary_line(self.organisation if organisation is None else organisation, self.result,
                            self.start, self.what_if)

    @property
    def prospect_note(self) -> str:
        return prospect_note(self.result, self.start, self.what_if)


def build_report(
    result: Result,
    answers: Mapping[str, object],
    organisation: str,
    assessed_by: str = "",
    notes: str = "",
    on: date | None = None,
    start: date | None = None,
    bank: Bank | None = None,
    what_if: Sequence[str] = (),
    branding: Branding | None = None,
) -> ReportData:
    """What every export shows; `what_if` lists the Plan page's assumptions when it changed any;
    `branding` is the consultant's firm (none by default).

    The user's own text is cleaned here, once, for every export (reports/usertext.py `printable`),
    and the logo checked once (reports/logo.py): one it cannot use is left out.
    """
    branding = branding or Branding()
    bank = bank or default_bank()
    on = on or date.today()
    start = start or on
    titles = {s.id: s.title for s in bank.sections}
    criteria = criteria_by_id()
    timeline = result.timeline
    labels = {a.id: area_label(a.name, a.codes) for a in result.readiness.areas}
    return ReportData(
        organisation=_one_line(organisation) or "Your organisation",
        assessed_by=_one_line(assessed_by),
        notes=printable(notes, lines=True)[:MAX_NOTES],
        on=on,
        start=start,
        result=result,
        answers=[AnswerRow(section=titles[q.section], question_id=q.id, question=q.text,
                           answer=q.label_for(answers[q.id]))
                 for q in bank.questions if q.id in answers],
        coverage=[CoverageRow(criterion=c.id, area=labels.get(c.area, c.area), title=criteria[c.id].title,
                              coverage=c.score, questions=", ".join(c.questions)) for c in result.readiness.criteria],
        actions=[ActionRow(rank=n, priority=g.priority.capitalize(), control=g.text, action=g.action,
                           criteria=", ".join(g.criteria), answer=bank.question(g.question).label_for(g.answer))
                 for n, g in enumerate(result.gaps, start=1)],
        phases=[PhaseRow(id=p.id, stage=p.stage, phase=p.name, starts=begin, ends=end, start_week=p.start_week,
                         end_week=p.end_week)
                for p, begin, end in dated_phases(timeline.phases, start)],
        areas=[AreaRow(area=labels[a.id], score=a.score) for a in result.readiness.areas],
        soc1_areas=[AreaRow(area=f"{a.name} ({FAMILY[a.family]})" if a.family in FAMILY else a.name, score=a.score)
                    for a in result.readiness.soc1_areas],
        blockers=[BlockerRow(question_id=qid, control=bank.question(qid).text,
                             answer=bank.question(qid).label_for(answers.get(qid)))
                  for qid in result.readiness.blockers if bank.has(qid)],
        dates=plan_dates(result, start),
        what_if=list(what_if),
        firm_name=_one_line(branding.firm_name),
        logo=checked_logo(branding.logo, branding.logo_type),
    )


def _one_line(text: str) -> str:
    """A name as every export prints it: printable, whitespace folded, at most 200 characters."""
    return " ".join(printable(text).split())[:MAX_NAME]
