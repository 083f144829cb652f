"""Tables, in SQLAlchemy 2 style. Answers are stored as JSON text so SQLite and PostgreSQL agree."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
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
