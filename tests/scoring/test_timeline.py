"""Timeline phases, ranges, drivers and deadline feasibility."""

from __future__ import annotations

import pytest

from scoring import PlanOptions, assess
from scoring.timeline import months_label
from tests.conftest import profile
from tests.scoring.test_readiness import everything


def phases(result) -> dict:
    return {p.id: p for p in result.timeline.phases}


def test_type_ii_phases_run_in_order():
    result = assess(profile(security_ask="no"))
    p = phases(result)
    assert list(p) == ["scoping", "remediation", "policies", "observation", "type_ii"]
    assert p["scoping"].start_week == 0
    assert p["remediation"].start_week == p["policies"].start_week == p["scoping"].end_week
    assert p["observation"].start_week == max(p["remediation"].end_week, p["policies"].end_week)
    assert p["type_ii"].start_week == p["observation"].end_week
    assert p["observation"].end_week - p["observation"].start_week == 13   # 3 months


@pytest.mark.parametrize(("months", "weeks"), [(3, 13), (6, 26), (12, 52)])
def test_observation_window_follows_the_choice(months, weeks):
    result = assess(profile(security_ask="no"), options=PlanOptions(observation_months=months))
    window = phases(result)["observation"]
    assert window.end_week - window.start_week == weeks
    assert f"({months} months)" in window.name


def test_range_is_low_to_high_and_labelled_as_an_estimate():
    timeline = assess(profile()).timeline
    assert 0 < timeline.months_low < timeline.months_high
    assert "not a promise" in timeline.estimate_basis


def test_higher_readiness_shortens_the_plan():
    ready = assess(everything("yes")).timeline
    unready = assess(everything("no")).timeline
    assert ready.months_high < unready.months_high


def test_each_added_category_lengthens_the_plan_and_privacy_most():
    base = assess(profile(security_ask="no")).timeline.months_high
    availability = assess(profile(security_ask="no", uptime_sla="yes")).timeline.months_high
    privacy = assess(profile(security_ask="no", business_type="consumer_app", personal_info="yes")).timeline
    assert base < availability < privacy.months_high


def test_bigger_organisations_take_longer():
    small = assess(profile(headcount=10)).timeline.months_high
    large = assess(profile(headcount=2000)).timeline.months_high
    assert large > small


def test_soc1_adds_time_to_agree_control_objectives():
    soc2 = assess(profile(security_ask="no"), options=PlanOptions(observation_months=6))
    soc1 = assess(profile(security_ask="no", customer_data="no", fin_impact="yes"),
                  options=PlanOptions(observation_months=6))
    assert phases(soc1)["scoping"].end_week > phases(soc2)["scoping"].end_week
    assert soc1.timeline.months_high > soc2.timeline.months_high


def test_readiness_what_if_shortens_the_plan():
    answers = everything("no")
    improved = assess(answers, options=PlanOptions(readiness_override=90))
    assert improved.timeline.months_high < assess(answers).timeline.months_high


def test_deadline_on_track_at_risk_and_not_possible():
    assert assess(everything("yes", deadline_months=12)).timeline.verdict == "on_track"
    at_risk = assess(profile(deadline_months=8, controls_operating_months=0, security_ask="no"))
    assert at_risk.timeline.verdict == "at_risk"
    impossible = assess(profile(deadline_months=1))
    assert impossible.timeline.verdict == "not_possible"
    assert "fastest path is a Type I" in impossible.timeline.verdict_text
    assert impossible.timeline.deadline_week == 4


def test_no_verdict_without_a_deadline():
    timeline = assess(profile()).timeline
    assert timeline.verdict is None and timeline.deadline_week is None


@pytest.mark.parametrize(
    ("low", "high", "label"),
    [(2.0, 4.0, "3–4 months"), (9.0, 15.5, "9–12+ months"), (13.0, 18.0, "12+ months"), (6.0, 6.0, "about 6 months")],
)
def test_label_clamps_to_three_to_twelve_plus_months(low, high, label):
    assert months_label(low, high) == label


def test_controls_evidenced_for_a_whole_window_need_no_new_window():
    mature = assess(everything("yes", controls_operating_months=8))
    fresh = assess(everything("yes", controls_operating_months=1))
    assert mature.report_type == "Type II"
    window = phases(mature)["observation"]
    assert "already evidenced" in window.name
    assert window.end_week == phases(mature)["type_ii"].start_week
    assert fresh.report_type == "Type I"
    assert mature.timeline.months_high < fresh.timeline.type_ii_months_high
    assert any("time already past" in r.statement for r in mature.rationale)


def test_history_without_readiness_does_not_earn_the_credit():
    result = assess(everything("no", controls_operating_months=8))
    assert "already evidenced" not in phases(result)["observation"].name
