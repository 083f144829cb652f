"""The few figures saved beside an assessment so the workspace can list it without rescoring."""

from __future__ import annotations

from collections.abc import Mapping

from scoring.engine import assess
from storage.records import Summary


def summarise(answers: Mapping[str, object]) -> Summary:
    result = assess(answers)
    return Summary(reports=result.reports, report_type=result.report_type, readiness=result.readiness.overall)
