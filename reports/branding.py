"""The consultant's firm on every report: its name and logo, configured once and passed to `build_report`.

`Branding` carries what was stored, as stored: `build_report` cleans the name like all user text
(reports/usertext.py) and checks the logo (reports/logo.py), so a bad value leaves something out of
a report instead of stopping it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Branding(BaseModel):
    """The firm's name, its logo's bytes (PNG or JPEG) and the logo's declared type.

    `logo_type` is the MIME type the upload declared ("image/png", "image/jpeg") or a bare "png",
    "jpeg" or "jpg"; empty means unknown, and the bytes decide.
    """

    model_config = ConfigDict(frozen=True)

    firm_name: str = ""
    logo: bytes | None = None
    logo_type: str = ""


def preparer(assessed_by: str, firm_name: str) -> str:
    """"Jane Doe, Acme Advisory", or whichever of the two is given, or "": what follows "Prepared by"."""
    return ", ".join(part for part in (assessed_by, firm_name) if part)
