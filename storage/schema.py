"""Tables, in SQLAlchemy 2 style. Values are stored as JSON text so SQLite and PostgreSQL agree.

Since v4 an assessment's answers live one row per question (`answers`), each with who changed it and
when, and every change is kept in `answer_history`: two people answering different questions write
different rows and never collide. The old `assessments.answers` blob column stays (empty) so a
database migrated from v3 keeps its shape.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class SchemaVersion(Base):
    """One row: the schema version the database was last migrated to."""

    __tablename__ = "schema_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class AssessmentRow(Base):
    __tablename__ = "assessments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_name: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(10))
    answers: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer)
    bank_version: Mapped[str] = mapped_column(String(40))
    reports: Mapped[str] = mapped_column(String(40), default="")
    report_type: Mapped[str] = mapped_column(String(10), default="")
    readiness: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # v3, the access model (storage/access.py): who created it, which organisation's workspace lists
    # it ("" = the single workspace of a server without sign-in), and which owner link is current.
    owner_email: Mapped[str] = mapped_column(String(254), default="", server_default="")
    org: Mapped[str] = mapped_column(String(254), default="", server_default="")
    link_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # v4: the workshop facilitator's lock (no answer may change) and who prepared the report.
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    assessor: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # v5: the revision the summary columns (reports, report_type, readiness) were computed at; saves leave
    # them behind and the workspace listing brings them up to date (storage/listing.py).
    summary_revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AnswerRow(Base):
    """One question's current answer (JSON text), with who gave it and when (v4)."""

    __tablename__ = "answers"

    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True)
    field: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(200), default="")
    changed_by_id: Mapped[str] = mapped_column(String(64), default="")
    changed_at: Mapped[datetime]


class ChangeRow(Base):
    """One change of one field (a question, or the name, notes, mode or assessor): old and new value
    (JSON text, NULL when unanswered), who and when, and the assessment revision it made (v4)."""

    __tablename__ = "answer_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(80))
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    changed_by: Mapped[str] = mapped_column(String(200), default="")
    changed_by_id: Mapped[str] = mapped_column(String(64), default="")
    changed_at: Mapped[datetime]


class PresenceRow(Base):
    """Who has an assessment open: refreshed while their tab is open, shown while recent (v4)."""

    __tablename__ = "presence"

    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True)
    participant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    section: Mapped[str] = mapped_column(String(80), default="")
    seen_at: Mapped[datetime]


class WorkshopRow(Base):
    """A workshop on an assessment: the hash of its join link and the sections given to each
    participant (JSON: name -> section ids); `active` false once the facilitator ends it (v4)."""

    __tablename__ = "workshops"

    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True)
    join_hash: Mapped[str] = mapped_column(String(64), unique=True)
    started_by: Mapped[str] = mapped_column(String(200), default="")
    started_at: Mapped[datetime]
    assignments: Mapped[str] = mapped_column(Text, default="{}")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class FirmRow(Base):
    """A consultancy's name and logo, configured once per workspace, printed on its reports (v4)."""

    __tablename__ = "firms"

    org: Mapped[str] = mapped_column(String(254), primary_key=True)
    firm_name: Mapped[str] = mapped_column(String(200), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    logo_type: Mapped[str] = mapped_column(String(20), default="")
    updated_at: Mapped[datetime]


class TokenRow(Base):
    """A resume link: the hash of its token and the assessment it opens (one assessment, many links)."""

    __tablename__ = "resume_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]


class SnapshotRow(Base):
    """A frozen copy of an assessment's answers "as of" a moment, for comparing progress."""

    __tablename__ = "snapshots"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(200))
    answers: Mapped[str] = mapped_column(Text)
    bank_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime]


class AccessSettingRow(Base):
    """Server-wide access settings, e.g. the hash of the generated workspace key (never the key)."""

    __tablename__ = "access_settings"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class AccessFailureRow(Base):
    """One wrong workspace key, for the back-off per session and overall (kept 15 minutes)."""

    __tablename__ = "access_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime]


Index("ix_tokens_assessment", TokenRow.assessment_id)
Index("ix_assessments_org_updated", AssessmentRow.org, AssessmentRow.updated_at)
Index("ix_access_failures_at", AccessFailureRow.at)
Index("ix_snapshots_assessment", SnapshotRow.assessment_id)
Index("ix_history_assessment_revision", ChangeRow.assessment_id, ChangeRow.revision)
