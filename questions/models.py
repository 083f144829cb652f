"""Frozen pydantic models of the question bank: what a TOML section file may say.

Everything is immutable because one bank is loaded per process and shared by every session.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, Tag, field_validator, model_validator

from questions.contract import SCOPING_IDS, SCOPING_SECTION

Operator = Literal[
    "equals",
    "not_equals",
    "in",
    "not_in",
    "at_least",
    "at_most",
    "greater_than",
    "less_than",
    "answered",
    "not_answered",
]
Kind = Literal["choice", "integer", "readiness"]
Scalar = str | int

READINESS_OPTIONS: tuple[tuple[str, str], ...] = (
    ("yes", "Yes: documented and operating"),
    ("partial", "Partly or informally"),
    ("no", "No"),
    ("unsure", "Not sure"),
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Option(_Frozen):
    """One allowed answer: the stored value and what the user reads."""

    value: str = Field(min_length=1)
    label: str = Field(min_length=1)


class AnswerCondition(_Frozen):
    """Shown when an earlier question's answer satisfies `operator` against `value`."""

    question: str = Field(min_length=1)
    operator: Operator
    value: Scalar | tuple[Scalar, ...] | None = None

    @model_validator(mode="after")
    def _value_fits_operator(self) -> AnswerCondition:
        if self.operator in ("answered", "not_answered"):
            if self.value is not None:
                raise ValueError(f"operator '{self.operator}' takes no value")
        elif self.operator in ("in", "not_in"):
            if not isinstance(self.value, tuple) or not self.value:
                raise ValueError(f"operator '{self.operator}' needs a non-empty list of values")
        elif self.value is None or isinstance(self.value, tuple):
            raise ValueError(f"operator '{self.operator}' needs a single value")
        return self


class CategoryCondition(_Frozen):
    """Shown when a Trust Services Criteria category is in scope (decided by the engine)."""

    category: str = Field(min_length=1)


class ReportCondition(_Frozen):
    """Shown when the engine recommends a report family ("SOC 1", "SOC 2")."""

    report: str = Field(min_length=1)


def _condition_kind(data: Any) -> str:
    """Pick the condition model by its keys, so errors speak of one shape, not several."""
    if isinstance(data, dict):
        return "category" if "category" in data else "report" if "report" in data else "answer"
    if isinstance(data, CategoryCondition):
        return "category"
    return "report" if isinstance(data, ReportCondition) else "answer"


Condition = Annotated[
    Annotated[AnswerCondition, Tag("answer")]
    | Annotated[CategoryCondition, Tag("category")]
    | Annotated[ReportCondition, Tag("report")],
    Discriminator(_condition_kind),
]


class EnableWhen(_Frozen):
    """Structured display conditions: every one (`all`) or at least one (`any`) must hold."""

    all: tuple[Condition, ...] = ()
    any: tuple[Condition, ...] = ()

    @model_validator(mode="after")
    def _exactly_one_list(self) -> EnableWhen:
        if bool(self.all) == bool(self.any):
            raise ValueError("give exactly one non-empty list: 'all' or 'any'")
        return self

    @property
    def conditions(self) -> tuple[Condition, ...]:
        return self.all or self.any


class Question(_Frozen):
    """One question as the bank defines it. `section` is filled in from the file's section.

    A readiness question evidences Trust Services Criteria (`criteria`, SOC 2), SOC 1 control-
    objective areas (`objectives`, ids from `questions/objectives.py`), or a report deliverable
    every SOC report needs (`deliverable`: the system description and management's assertion).
    """

    id: str = Field(min_length=1, pattern=r"^[A-Za-z][A-Za-z0-9_-]*$")
    section: str = ""
    kind: Kind
    text: str = Field(min_length=1)
    help: str = Field(min_length=1)
    required: bool = False
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    unit: str = ""
    criteria: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    deliverable: bool = False
    evidence: str = ""
    action: str = ""
    key: bool = False
    enable_when: EnableWhen | None = None

    @field_validator("text", "help", "evidence", "action")
    @classmethod
    def _one_paragraph(cls, value: str) -> str:
        """TOML triple-quoted strings wrap lines for editing; the reader gets one paragraph."""
        return " ".join(value.split())

    @model_validator(mode="before")
    @classmethod
    def _readiness_scale(cls, data: Any) -> Any:
        """Readiness questions always answer on the same scale, so the bank never lists it."""
        if isinstance(data, dict) and data.get("kind") == "readiness":
            if data.get("options"):
                raise ValueError("readiness questions take no options: they are always yes/partial/no/not sure")
            data = {**data, "options": [{"value": v, "label": label} for v, label in READINESS_OPTIONS]}
        return data

    @model_validator(mode="after")
    def _shape_fits_kind(self) -> Question:
        if self.kind == "readiness":
            if not self.evidence or not self.action:
                raise ValueError("readiness questions need 'evidence' and 'action'")
        elif self.kind == "choice" and len(self.options) < 2:
            raise ValueError("choice questions need at least two options")
        elif self.kind == "integer":
            if self.options:
                raise ValueError("integer questions take no options")
            if self.min is not None and self.max is not None and self.min > self.max:
                raise ValueError("'min' is greater than 'max'")
        return self

    @property
    def values(self) -> tuple[str, ...]:
        """The allowed stored values of a choice or readiness question."""
        return tuple(option.value for option in self.options)

    def label_for(self, value: object) -> str:
        """What the user reads for a stored value."""
        for option in self.options:
            if option.value == value:
                return option.label
        return "" if value is None else str(value)


class Section(_Frozen):
    """A step of the wizard: one TOML file."""

    id: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=1)
    intro: str = ""

    @field_validator("intro")
    @classmethod
    def _one_paragraph(cls, value: str) -> str:
        return " ".join(value.split())


class Bank(_Frozen):
    """The whole, validated question bank, in display order."""

    version: str
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    _by_id: dict[str, Question] = PrivateAttr(default_factory=dict)
    _steering: frozenset[str] = PrivateAttr(default_factory=frozenset)

    def model_post_init(self, context: object, /) -> None:
        """Index questions once: look-ups happen on every rerun of every session."""
        self._by_id.update({q.id: q for q in self.questions})
        named = {c.question for q in self.questions if q.enable_when is not None for c in q.enable_when.conditions
                 if isinstance(c, AnswerCondition)}
        scoping = {q.id for q in self.questions if q.section == SCOPING_SECTION}
        self._steering = frozenset(named | scoping | SCOPING_IDS)

    @property
    def steering(self) -> frozenset[str]:
        """The questions whose answers can change which questions and sections are shown: every scoping
        question (the engine's scope, the categories and reports that display conditions name, is read from
        them) and every question a display condition names. Derived from the bank when it is loaded."""
        return self._steering

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def has(self, question_id: str) -> bool:
        return question_id in self._by_id

    def in_section(self, section_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.section == section_id)
