"""Pydantic models at the engine's boundary: what it reads and what it returns.

The output shape is the engine contract (schema_version 2, "contract v2"); fields beyond the
contract are additions the app and the exports use, never renames.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 2

AnswerValue = str | int
Priority = Literal["high", "medium", "low"]
Verdict = Literal["no_deadline", "on_track", "at_risk", "not_possible"]
ReadinessVerdict = Literal["not_assessed", "blocked", "material_gaps", "findings_likely", "audit_ready"]
Stage = Literal["prepare", "audit", "maintain"]
CategoryStatus = Literal["required", "in_scope", "consider", "not_needed"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlanOptions(_Model):
    """What-if choices a user can make on the plan; None means "let the engine decide"."""

    observation_months: Literal[3, 6, 12] | None = None
    type_i_first: bool | None = None
    readiness_override: int | None = Field(default=None, ge=0, le=100)
    start: date | None = None
    # Weeks the plan's start lies after the day the deadline was given (its "months from now"), so a
    # later start date keeps the customer's deadline on the same calendar day.
    deadline_shift_weeks: int = Field(default=0, ge=-520, le=520)


class Reason(_Model):
    """One conclusion and the question ids whose answers caused it."""

    statement: str
    because: list[str] = Field(default_factory=list)


class FollowUp(_Model):
    """A question to settle before the recommendation is final (e.g. an "unsure" answer)."""

    question: str
    ask: str
    why: str


class CategoryDecision(_Model):
    """Whether a Trust Services Criteria category belongs in the SOC 2 scope, and why."""

    name: str
    status: CategoryStatus
    reason: str
    because: list[str] = Field(default_factory=list)
    criteria_count: int


class CriterionCoverage(_Model):
    """How well the answers evidence one in-scope criterion (0-100), and by which questions."""

    id: str
    area: str
    score: int
    questions: list[str]


class AreaScore(_Model):
    """Readiness of one area in plain words ("Access control"), with its criteria group codes."""

    id: str
    name: str
    codes: list[str] = Field(default_factory=list)
    score: int
    answered: int
    questions: int


class ObjectiveScore(_Model):
    """Readiness of one SOC 1 control-objective area (IT general controls or business process)."""

    id: str
    name: str
    family: str
    score: int
    answered: int
    questions: int


class Readiness(_Model):
    overall: int | None
    verdict: ReadinessVerdict = "not_assessed"
    blockers: list[str] = Field(default_factory=list)
    by_report: dict[str, int | None] = Field(default_factory=dict)
    areas: list[AreaScore] = Field(default_factory=list)
    soc1_areas: list[ObjectiveScore] = Field(default_factory=list)
    deliverables: int | None = None
    criteria: list[CriterionCoverage] = Field(default_factory=list)
    answered: int = 0
    questions: int = 0
    to_settle: list[str] = Field(default_factory=list)

    @property
    def planning_score(self) -> int | None:
        """The score plans may lean on: only once at least half the questions are answered,
        since unanswered questions count as not in place."""
        return self.overall if self.verdict != "not_assessed" else None


class Phase(_Model):
    """A stretch of the plan in weeks from the start date; phases may run side by side.

    Drawn at the latest (conservative) estimate, so the plan's last audit phase ends on the date
    every page promises. `stage`: getting ready, the audit itself, or keeping the report current.
    """

    id: str
    name: str
    start_week: int
    end_week: int
    stage: Stage = "prepare"


class Timeline(_Model):
    """The plan to the first report as a range: earliest and latest, in weeks and in months.

    One rule for every page and export: promises use the latest date (`latest_week`,
    `months_high`); the deadline verdict compares the deadline with both ends of the range.
    """

    months_low: float
    months_high: float
    label: str
    verdict: Verdict = "no_deadline"
    phases: list[Phase]
    earliest_week: int = 0
    latest_week: int = 0
    report: Literal["Type I", "Type II"] | None = None
    deadline_months: int | None = None
    deadline_week: int | None = None
    verdict_text: str = ""
    observation_months: int | None = None
    period_starts_week: int | None = None
    type_ii_months_low: float | None = None
    type_ii_months_high: float | None = None
    type_ii_latest_week: int | None = None
    estimate_basis: str = ""


class Gap(_Model):
    """A control not (fully) in place, ranked, with the action that closes it."""

    question: str
    text: str
    section: str
    answer: str
    criteria: list[str]
    priority: Priority
    action: str


class FeeBand(_Model):
    """A publicly reported auditor-fee range: never a quote. `sources` names only CPA firms'
    published figures or established compliance vendors' guides; `basis` says which kind."""

    report: str
    low_usd: int | None
    high_usd: int | None
    note: str
    sources: list[str]
    basis: Literal["cpa_firm", "compliance_vendors", "reported_by_vendors"] = "cpa_firm"


class Misconception(_Model):
    id: str
    myth: str
    fact: str


class Result(_Model):
    """Everything the engine concludes from one set of answers."""

    schema_version: int = SCHEMA_VERSION
    reports: list[str]
    headline: str
    report_type: Literal["Type I", "Type II"] | None
    categories: list[str]
    readiness: Readiness
    timeline: Timeline
    rationale: list[Reason]
    gaps: list[Gap]
    category_decisions: list[CategoryDecision] = Field(default_factory=list)
    follow_ups: list[FollowUp] = Field(default_factory=list)
    notes: list[Reason] = Field(default_factory=list)
    soc1_objective_areas: list[str] = Field(default_factory=list)
    fees: list[FeeBand] = Field(default_factory=list)
    misconceptions: list[Misconception] = Field(default_factory=list)
    bank_version: str = ""
