"""The 61 Trust Services Criteria (2017, with 2022 points of focus), read from the shipped CSV.

The CSV is the single source of criterion ids: the bank validator, the engine and the UI all
take ids and titles from here, so a misspelt or invented id can never slip through.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict

CRITERIA_CSV = Path(__file__).parent / "data" / "tsc_criteria.csv"

# Category names as the engine contract spells them, keyed by the CSV's category column.
CATEGORY_BY_CSV = {
    "Security (Common Criteria)": "Security",
    "Availability": "Availability",
    "Confidentiality": "Confidentiality",
    "Processing Integrity": "Processing Integrity",
    "Privacy": "Privacy",
}
CATEGORIES: tuple[str, ...] = (
    "Security",
    "Availability",
    "Confidentiality",
    "Processing Integrity",
    "Privacy",
)


class Criterion(BaseModel):
    """One criterion: its id, the category it belongs to, its group (CC6, A1, P4...) and title."""

    model_config = ConfigDict(frozen=True)

    id: str
    category: str
    group: str
    group_name: str
    coso_principle: int | None
    title: str


@cache
def all_criteria() -> tuple[Criterion, ...]:
    """All 61 criteria in the CSV's order; read once per process."""
    with CRITERIA_CSV.open(newline="", encoding="utf-8") as handle:
        return tuple(
            Criterion(
                id=row["id"],
                category=CATEGORY_BY_CSV[row["category"]],
                group=row["group_code"],
                group_name=row["group_name"],
                coso_principle=int(row["coso_principle"]) if row["coso_principle"] else None,
                title=row["short_title"],
            )
            for row in csv.DictReader(handle)
        )


@cache
def criteria_by_id() -> MappingProxyType[str, Criterion]:
    """Criteria keyed by id, for validation and look-ups (read-only: shared by every session)."""
    return MappingProxyType({criterion.id: criterion for criterion in all_criteria()})
