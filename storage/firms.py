"""A consultancy's name and logo, configured once per workspace and printed on its reports."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from storage.cleaning import clean_name
from storage.schema import FirmRow

MAX_LOGO_BYTES = 500_000
LOGO_TYPES = ("image/png", "image/jpeg")


class Firm(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str = ""
    logo: bytes | None = None
    logo_type: str = ""


def get(engine: Engine, org: str) -> Firm:
    """The workspace's firm (empty when never configured)."""
    with Session(engine) as session:
        row = session.get(FirmRow, org)
        return Firm(name=row.firm_name, logo=row.logo, logo_type=row.logo_type) if row else Firm()


def save(engine: Engine, org: str, firm: Firm) -> Firm:
    """Store the firm's name (cleaned) and logo; the caller has checked the logo's type and size."""
    if firm.logo is not None and (len(firm.logo) > MAX_LOGO_BYTES or firm.logo_type not in LOGO_TYPES):
        raise ValueError("the logo must be a PNG or JPEG of at most 500 KB")
    cleaned = Firm(name=clean_name(firm.name)[0], logo=firm.logo, logo_type=firm.logo_type if firm.logo else "")
    with Session(engine) as session, session.begin():
        row = session.get(FirmRow, org)
        if row is None:
            session.add(FirmRow(org=org, firm_name=cleaned.name, logo=cleaned.logo, logo_type=cleaned.logo_type,
                                updated_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0)))
        else:
            row.firm_name, row.logo, row.logo_type = cleaned.name, cleaned.logo, cleaned.logo_type
    return cleaned
