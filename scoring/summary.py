"""The few figures saved beside an assessment so the workspace can list it without rescoring.

Computed at every save, so only the decisions are made (`decide`), not the wording, the gaps, the
timeline or the fees a full `assess` adds: the same figures, in about two thirds of the time.
"""

from __future__ import annotations

from collections.abc import Mapping

from scoring.engine import decide
from storage.records import Summary


def summarise(answers: Mapping[str, object]) -> Summary:
    decided = decide(answers)
    return Summary(reports=decided.measured.decision.reports, report_type=decided.report_type,
                   readiness=decided.measured.readiness.overall)
