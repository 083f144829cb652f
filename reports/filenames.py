"""Download file names that carry the organisation and the date, safe on every OS."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from reports.usertext import printable

MAX_STEM = 60


def safe_stem(name: str) -> str:
    """ASCII letters, digits and dashes only: no path separators, no reserved characters."""
    ascii_name = unicodedata.normalize("NFKD", printable(name)).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()[:MAX_STEM].strip("-")
    return stem or "assessment"


def export_filename(organisation: str, kind: str, extension: str, on: date | None = None) -> str:
    """e.g. `acme-payroll-soc-readiness-2026-11-23.pdf`."""
    day = (on or date.today()).isoformat()
    return f"{safe_stem(organisation)}-{kind}-{day}.{extension}"
