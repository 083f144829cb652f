"""Report fixtures: the largest possible assessment and awkward user text."""

from __future__ import annotations

import pytest

from reports.content import build_report
from scoring import assess
from tests.scoring.test_readiness import everything

AWKWARD_NAME = "Zoë & <b>Co</b> | <script>alert('x')</script> =SUM(A1) مرحبا 株式会社 🚀"
LONG_NOTES = "Notes **not bold** [not a link](http://x) | pipe\n" + ("Lorem ipsum dolor sit amet. " * 180)[:4900]


def largest_answers() -> dict:
    """Every category in scope and every readiness answer "no"."""
    return everything("no", uptime_sla="yes", confidential_nda="yes", processing="yes", personal_info="yes",
                      business_type="consumer_app", fin_impact="yes", security_ask="yes", public_artifact="yes",
                      deadline_months=6, headcount=800)


@pytest.fixture(scope="session")
def largest():
    answers = largest_answers()
    return build_report(assess(answers), answers, "Acme Largest Ltd", "Jane Doe", LONG_NOTES)


@pytest.fixture(scope="session")
def awkward():
    answers = everything("partial", uptime_sla="yes", deadline_months=9)
    return build_report(assess(answers), answers, AWKWARD_NAME, "<i>O'Brien</i>", LONG_NOTES)
