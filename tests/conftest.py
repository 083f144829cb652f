"""Shared test helpers: business profiles as answer dicts, and small banks written inline."""

from __future__ import annotations

from pathlib import Path

import pytest

from questions import DEFAULT_BANK_DIR
from questions.criteria import all_criteria

SAAS = {
    "business_type": "b2b_saas",
    "b2b": "yes",
    "has_customers": "yes",
    "fin_impact": "no",
    "user_auditor_ask": "no",
    "security_ask": "yes",
    "customer_data": "yes",
    "uptime_sla": "no",
    "confidential_nda": "no",
    "processing": "no",
    "personal_info": "no",
    "phi": "no",
    "public_artifact": "no",
    "controls_operating_months": 0,
    "headcount": 20,
}


def profile(**overrides: object) -> dict[str, object]:
    """A generic B2B SaaS company asked for SOC 2, changed by `overrides` (None removes an answer)."""
    answers = {**SAAS, **overrides}
    return {k: v for k, v in answers.items() if v is not None}


SCOPING_TOML = (DEFAULT_BANK_DIR / "00_scoping.toml").read_text(encoding="utf-8")


def readiness_toml(section: str = "controls", extra: str = "") -> str:
    """A readiness section with one question evidencing all 61 criteria, plus `extra` TOML."""
    criteria = ", ".join(f'"{c.id}"' for c in all_criteria())
    return f'''
[section]
id = "{section}"
title = "Controls"

[[questions]]
id = "ALL-01"
kind = "readiness"
text = "Everything in place?"
help = "Because."
evidence = "Records."
action = "Do it."
criteria = [{criteria}]
{extra}
'''


@pytest.fixture
def write_bank(tmp_path: Path):
    """Write a bank folder from {file name: TOML text}; the scoping file is added unless given."""

    def write(files: dict[str, str], with_scoping: bool = True) -> Path:
        folder = tmp_path / "bank"
        folder.mkdir(exist_ok=True)
        if with_scoping:
            (folder / "00_scoping.toml").write_text(SCOPING_TOML, encoding="utf-8")
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return folder

    return write
