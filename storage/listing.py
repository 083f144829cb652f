"""The workspace list: one page of assessments, searched by client name, sorted, and scoped to an
organisation. Untitled drafts with nothing in them (a "New assessment" clicked and left) are not listed.

Paged in the database (LIMIT/OFFSET on an index), so a server with thousands of assessments draws
one page as fast as it draws ten (bench/workspace.py measures it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine, Select, exists, func, select
from sqlalchemy.orm import Session

from storage.cleaning import strip_controls
from storage.records import AssessmentRecord, SnapshotRecord
from storage.schema import AnswerRow, AssessmentRow, SnapshotRow
from storage.store import answers_of
from storage.store import to_record as _record

PAGE_SIZE = 25
MAX_SEARCH = 200
ESCAPE = "\\"
Query = TypeVar("Query", bound=Select[Any])
# How the workspace can be sorted: the label the user picks and the order it gives.
SORTS = {
    "Last change": (AssessmentRow.updated_at.desc(),),
    "Name": (func.lower(AssessmentRow.client_name), AssessmentRow.updated_at.desc()),
    "Readiness": (AssessmentRow.readiness.is_(None), AssessmentRow.readiness.desc(), AssessmentRow.updated_at.desc()),
    "Report": (AssessmentRow.reports == "", AssessmentRow.reports, AssessmentRow.report_type,
               AssessmentRow.updated_at.desc()),
}


@dataclass(frozen=True)
class WorkspacePage:
    records: tuple[AssessmentRecord, ...]
    total: int
    offset: int
    page_size: int


def like_pattern(search: str) -> str:
    """`search` as a LIKE pattern that matches it literally anywhere (%, _ and \\ are not wildcards)."""
    text = strip_controls(search)[0].strip()[:MAX_SEARCH]
    for special in (ESCAPE, "%", "_"):
        text = text.replace(special, ESCAPE + special)
    return f"%{text}%"


def _scoped(query: Query, org: str | None, search: str) -> Query:
    query = query.where(~((AssessmentRow.client_name == "") & (AssessmentRow.notes == "")
                          & ~exists().where(AnswerRow.assessment_id == AssessmentRow.id)))
    if org is not None:
        query = query.where(AssessmentRow.org == org)
    if search.strip():
        query = query.where(AssessmentRow.client_name.ilike(like_pattern(search), escape=ESCAPE))
    return query


def page(engine: Engine, org: str | None, search: str = "", offset: int = 0,
         page_size: int = PAGE_SIZE, sort: str = "Last change") -> WorkspacePage:
    """One page of assessments in the order `sort` names (one of SORTS; unknown: last change first).

    `org` None lists every assessment (a server without sign-in has one workspace); a string lists only
    that organisation's. An offset past the end returns the last page.
    """
    page_size = max(1, min(page_size, 200))
    with Session(engine) as session:
        total = int(session.scalar(_scoped(select(func.count()).select_from(AssessmentRow),
                                           org, search)) or 0)
        offset = max(0, min(offset, ((total - 1) // page_size) * page_size if total else 0))
        order = SORTS.get(sort, SORTS["Last change"])
        rows = list(session.scalars(_scoped(select(AssessmentRow), org, search)
                                    .order_by(*order, AssessmentRow.client_name, AssessmentRow.id)
                                    .limit(page_size).offset(offset)))
        answers = answers_of(session.connection(), tuple(row.id for row in rows))
        return WorkspacePage(tuple(_record(row, answers.get(row.id, {})) for row in rows), total, offset, page_size)


def snapshots_of(engine: Engine, assessment_ids: tuple[str, ...]) -> tuple[SnapshotRecord, ...]:
    """The snapshots of these assessments only, newest first."""
    if not assessment_ids:
        return ()
    with Session(engine) as session:
        rows = session.scalars(select(SnapshotRow).where(SnapshotRow.assessment_id.in_(assessment_ids))
                               .order_by(SnapshotRow.created_at.desc(), SnapshotRow.label))
        return tuple(SnapshotRecord(id=row.id, assessment_id=row.assessment_id, label=row.label,
                                    answers=json.loads(row.answers), bank_version=row.bank_version,
                                    created_at=row.created_at) for row in rows)
