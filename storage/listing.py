"""The workspace list: one page of assessments, searched by client name, sorted, and scoped to an
organisation. Untitled drafts with nothing in them (a "New assessment" clicked and left) are not listed.

Paged in the database (LIMIT/OFFSET on an index), so a server with thousands of assessments draws
one page as fast as it draws ten (bench/workspace.py measures it).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine, Select, bindparam, exists, func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from storage.cleaning import strip_controls
from storage.records import AssessmentRecord, SnapshotRecord
from storage.schema import AnswerRow, AssessmentRow, SnapshotRow
from storage.store import Summarise, answers_of, summary_columns
from storage.store import to_record as _record

log = logging.getLogger(__name__)
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


def refresh_summaries(engine: Engine, org: str | None, summarise: Summarise) -> int:
    """Compute again the summary of every assessment of `org` (None: all) changed since its summary was
    computed; returns how many. Saves leave the summary behind (an answer costs a click no engine run);
    a summary written here is kept only if nobody saved the assessment in between."""
    query = select(AssessmentRow.id, AssessmentRow.revision).where(
        AssessmentRow.summary_revision != AssessmentRow.revision)
    if org is not None:
        query = query.where(AssessmentRow.org == org)
    with engine.connect() as connection:
        stale = dict(connection.execute(query).all())
        answers = answers_of(connection, tuple(stale))
    if not stale:
        return 0
    with engine.begin() as connection:   # its first statement writes, so it waits for the write lock
        connection.execute(_SUMMARY, [{"of_id": assessment_id, "at": revision, "summary_revision": revision,
                                       **summary_columns(summarise(answers.get(assessment_id, {})))}
                                      for assessment_id, revision in stale.items()])
    return len(stale)


_SUMMARY = update(AssessmentRow).where(AssessmentRow.id == bindparam("of_id"),
                                       AssessmentRow.revision == bindparam("at"))


def page(engine: Engine, org: str | None, search: str = "", offset: int = 0, page_size: int = PAGE_SIZE,
         sort: str = "Last change", summarise: Summarise | None = None) -> WorkspacePage:
    """One page of assessments in the order `sort` names (one of SORTS; unknown: last change first).

    `org` None lists every assessment (a server without sign-in has one workspace); a string lists only
    that organisation's. An offset past the end returns the last page. With `summarise`, summaries left
    behind by saves are brought up to date first, so the readiness and report shown and sorted on are
    current.
    """
    if summarise is not None:
        try:
            refresh_summaries(engine, org, summarise)
        except OperationalError:   # the database busy with saves: list with the summaries as they stand
            log.warning("Workspace summaries could not be brought up to date; listed as last computed")
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
