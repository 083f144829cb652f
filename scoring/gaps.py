"""The action plan: every control answered no, partial or unsure, ranked by what closing it buys.

Rank = how far the answer is from "yes" x (how many in-scope criteria and SOC 1 objective areas
the control supports + how weak its weakest area is, doubled + a bonus for the foundational
controls auditors test first and for the report deliverables). The thresholds put a missing key
control or a broad one at "high".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from questions.models import Question
from scoring.models import Gap, Priority, Readiness

SEVERITY = {"no": 1.0, "unsure": 1.0, "partial": 0.5}
KEY_CONTROL_BONUS = 2.0
HIGH, MEDIUM = 4.0, 2.0


def find_gaps(visible: Sequence[Question], answers: Mapping[str, object], readiness: Readiness) -> list[Gap]:
    """Gaps in priority order (ties keep the bank's order)."""
    coverage = {c.id: c for c in readiness.criteria}
    area_score = {a.id: a.score for a in readiness.areas}
    objective_score = {o.id: o.score for o in readiness.soc1_areas}
    ranked: list[tuple[float, int, Gap]] = []
    for order, q in enumerate(visible):
        answer = answers.get(q.id)
        if q.kind != "readiness" or answer not in SEVERITY:
            continue
        supported = [c for c in q.criteria if c in coverage]
        objectives = [o for o in q.objectives if o in objective_score]
        weakest = min([area_score.get(coverage[c].area, 100) for c in supported]
                      + [objective_score[o] for o in objectives], default=100)
        # A report cannot be issued without its description and assertion: rank them like key controls.
        bonus = KEY_CONTROL_BONUS if q.key or q.deliverable else 0.0
        points = SEVERITY[str(answer)] * (len(supported) + len(objectives) + 2 * (1 - weakest / 100) + bonus)
        ranked.append((-points, order, Gap.model_construct(
            question=q.id, text=q.text, section=q.section, answer=str(answer),
            criteria=supported, priority=_priority(points), action=q.action,
        )))
    return [gap for _, _, gap in sorted(ranked, key=lambda item: (item[0], item[1]))]


def _priority(points: float) -> Priority:
    if points >= HIGH:
        return "high"
    return "medium" if points >= MEDIUM else "low"
