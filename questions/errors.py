"""The one catalogue of bank validation problems: a stable code and a plain-words message each.

A consultant tailoring a bank reads these, so every problem names the file and the field.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Code(StrEnum):
    """Stable codes: tests and tailored-bank tooling match on these, so never renumber."""

    NO_FILES = "B001"
    TOML_SYNTAX = "B002"
    SCHEMA = "B003"
    DUPLICATE_SECTION = "B004"
    DUPLICATE_QUESTION = "B005"
    DUPLICATE_OPTION = "B006"
    UNKNOWN_REFERENCE = "B007"
    LATER_REFERENCE = "B008"
    CYCLE = "B009"
    UNKNOWN_OPTION = "B010"
    OPERATOR_MISMATCH = "B011"
    UNKNOWN_CATEGORY = "B012"
    UNKNOWN_CRITERION = "B013"
    UNMAPPED_CRITERION = "B014"
    MISSING_CRITERIA = "B015"
    CONTRACT = "B016"
    UNKNOWN_OBJECTIVE = "B017"
    UNKNOWN_REPORT = "B018"


class Problem(BaseModel):
    """One thing wrong with a bank, located by file and field."""

    model_config = ConfigDict(frozen=True)

    code: Code
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{self.code.value} {self.code.name.lower().replace('_', '-')} {where}: {self.message}"


class BankError(Exception):
    """Raised when a bank does not validate; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
