"""The ranked action plan."""

from __future__ import annotations

from scoring import assess
from tests.scoring.test_readiness import everything


def test_every_no_partial_and_unsure_is_a_gap_with_its_action():
    answers = everything("yes") | {"GOV-04": "no", "CHG-04": "partial", "OPS-04": "unsure"}
    gaps = assess(answers).gaps
    assert {g.question for g in gaps} == {"GOV-04", "CHG-04", "OPS-04"}
    by_id = {g.question: g for g in gaps}
    assert by_id["CHG-04"].answer == "partial"
    assert all(g.action for g in gaps)
    assert by_id["OPS-04"].criteria == ["CC7.1", "CC6.1", "CC5.2"]


def test_a_missing_key_control_outranks_a_narrow_partial_one():
    answers = everything("yes") | {"ACC-01": "no", "CHG-04": "partial"}
    gaps = assess(answers).gaps
    assert [g.question for g in gaps] == ["ACC-01", "CHG-04"]
    assert gaps[0].priority == "high"
    assert gaps[1].priority == "low"


def test_broad_controls_rank_above_narrow_ones_at_the_same_answer():
    answers = everything("yes") | {"OPS-04": "no", "GOV-04": "no"}   # 3 criteria vs 1, neither key
    gaps = assess(answers).gaps
    assert [g.question for g in gaps] == ["OPS-04", "GOV-04"]


def test_weak_areas_raise_priority():
    strong = everything("yes") | {"GOV-04": "no"}
    weak = everything("yes") | {q: "no" for q in ("GOV-01", "GOV-02", "GOV-03", "GOV-04", "GOV-05", "GOV-06")}
    strong_gap = next(g for g in assess(strong).gaps if g.question == "GOV-04")
    weak_gap = next(g for g in assess(weak).gaps if g.question == "GOV-04")
    rank = {"low": 0, "medium": 1, "high": 2}
    assert rank[weak_gap.priority] > rank[strong_gap.priority]


def test_gaps_only_list_in_scope_criteria():
    answers = everything("yes") | {"VEN-03": "no"}
    gap = assess(answers).gaps[0]
    assert gap.criteria == ["CC9.2"]   # C1.1, P6.4, P6.5 are out of scope for Security-only


def test_no_gaps_when_everything_is_in_place():
    assert assess(everything("yes")).gaps == []
