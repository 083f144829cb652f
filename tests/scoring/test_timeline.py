"""Timeline phases, ranges, drivers, evidence gating and the one deadline rule (contract v2)."""

from __future__ import annotations

import re

import pytest

from scoring import PlanOptions, assess
from scoring.timeline import months_label
from tests.conftest import profile
from tests.scoring.test_readiness import everything


def phases(result) -> dict:
    return {p.id: p for p in result.timeline.phases}


def test_the_plan_shows_every_step_of_the_cycle_in_order():
    result = assess(profile(security_ask="no"))
    p = phases(result)
    assert list(p) == ["scoping", "risk", "remediation", "policies", "description", "observation", "type_ii",
                       "next_period", "renewal"]
    assert p["scoping"].start_week == 0
    prepare = [p[i] for i in ("risk", "remediation", "policies", "description")]
    assert {x.start_week for x in prepare} == {p["scoping"].end_week}
    assert p["observation"].start_week == max(x.end_week for x in prepare)   # no evidence yet: starts when ready
    assert p["type_ii"].start_week == p["observation"].end_week
    assert p["observation"].end_week - p["observation"].start_week == 13   # 3 months
    # After the report the periods run back to back: the next one starts the day after the first ends.
    assert p["next_period"].start_week == p["observation"].end_week
    assert p["next_period"].end_week - p["next_period"].start_week == 52
    assert {p["next_period"].stage, p["renewal"].stage} == {"maintain"}
    assert "bridge letter" in p["renewal"].name


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


def test_the_gantt_ends_on_the_promised_latest_date():
    for answers in (profile(), profile(security_ask="no"), everything("partial", deadline_months=5)):
        result = assess(answers)
        first = "type_i" if result.report_type == "Type I" else "type_ii"
        assert phases(result)[first].end_week == result.timeline.latest_week


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


def test_readiness_what_if_shortens_the_plan_and_says_it_is_assumed():
    answers = everything("no")
    improved = assess(answers, options=PlanOptions(readiness_override=90))
    assert improved.timeline.months_high < assess(answers).timeline.months_high
    assert "assumed readiness of 90% (what-if)" in improved.timeline.estimate_basis


@pytest.mark.parametrize("deadline", range(0, 25))
def test_deadline_verdict_follows_the_range_and_its_words_agree(deadline):
    """on_track when the latest month meets the deadline, at_risk when only the earliest does."""
    timeline = assess(profile(deadline_months=deadline)).timeline
    low, high = timeline.months_low, timeline.months_high
    expected = "on_track" if high <= deadline else "at_risk" if low <= deadline else "not_possible"
    assert timeline.verdict == expected
    # The dates agree with the months: the latest week fits in the deadline's weeks exactly when on track.
    assert (timeline.latest_week <= timeline.deadline_week) == (expected == "on_track")
    assert (timeline.earliest_week <= timeline.deadline_week) == (expected != "not_possible")
    text = timeline.verdict_text
    assert text.startswith({"on_track": "On track", "at_risk": "At risk", "not_possible": "Not possible"}[expected])
    assert not re.search(r"\b[01] months\b", text) and "within 0" not in text
    if expected == "not_possible":
        fastest = [float(w) for w in text.split("could be in hand in ")[-1].split(" month")[:1]
                   if "could be in hand in " in text]
        assert all(f > deadline for f in fastest) or "could still meet it" in text


def test_no_verdict_without_a_deadline():
    timeline = assess(profile()).timeline
    assert timeline.verdict == "no_deadline" and timeline.deadline_week is None and timeline.verdict_text == ""


@pytest.mark.parametrize(
    ("low", "high", "label"),
    [(2.0, 4.0, "2–4 months"), (2.5, 4.5, "2.5–4.5 months"), (9.0, 15.5, "9–12+ months"),
     (13.0, 18.0, "12+ months"), (12.0, 15.5, "12+ months"), (12.0, 12.0, "about 12 months"),
     (6.0, 6.0, "about 6 months"), (1.0, 1.0, "about 1 month")],
)
def test_label_uses_the_same_numbers_as_the_verdict(low, high, label):
    assert months_label(low, high) == label


def test_clean_evidence_for_a_whole_period_needs_no_new_wait():
    mature = assess(everything("yes", controls_operating_months=8))
    fresh = assess(everything("yes", controls_operating_months=0))
    assert mature.report_type == "Type II"
    window = phases(mature)["observation"]
    assert "began before the start date" in window.name
    assert window.end_week == phases(mature)["type_ii"].start_week
    assert mature.timeline.months_high < fresh.timeline.type_ii_months_high
    assert any("time already past" in r.statement for r in mature.rationale)


@pytest.mark.parametrize("key_control", ["ACC-01", "RSK-01", "CHG-01", "GOV-03"])
@pytest.mark.parametrize("answer", ["no", "partial", "unsure"])
def test_a_missing_key_control_never_lets_a_type_ii_period_include_past_months(key_control, answer):
    answers = everything("yes", controls_operating_months=12) | {key_control: answer}
    result = assess(answers)
    assert key_control in result.readiness.blockers
    p = phases(result)
    ready = max(x.end_week for x in result.timeline.phases if x.stage == "prepare")
    assert p["observation"].start_week >= ready > 0
    assert "began before" not in p["observation"].name
    assert not any("time already past" in r.statement for r in result.rationale)


@pytest.mark.parametrize("answer", ["no", "partial", "unsure"])
def test_a_key_control_known_missing_in_a_quick_check_still_blocks_past_evidence(answer):
    result = assess(profile(security_ask="no", controls_operating_months=12, **{"ACC-01": answer}))
    assert result.readiness.verdict == "not_assessed" and result.readiness.blockers == ["ACC-01"]
    p = phases(result)
    ready = max(x.end_week for x in result.timeline.phases if x.stage == "prepare")
    assert p["observation"].start_week >= ready


def test_more_months_of_clean_evidence_never_lengthen_the_quick_check():
    previous = None
    for months in range(0, 25):
        timeline = assess(profile(security_ask="no", controls_operating_months=months)).timeline
        if previous is not None:
            assert timeline.months_high <= previous.months_high
            assert timeline.months_low <= previous.months_low
        previous = timeline


@pytest.mark.parametrize("headcount", [5, 20, 200, 2000])
@pytest.mark.parametrize("business", [{"security_ask": "no"}, {}, {"business_type": "payroll", "fin_impact": "yes"}])
def test_one_more_month_of_history_moves_the_quick_check_plan_smoothly(headcount, business):
    """The old estimate jumped in steps (0-2 months = 30 %, 3-5 = 60 %): one month swung the plan by four."""
    def plan(months: int):
        return assess(profile(headcount=headcount, controls_operating_months=months,
                              process_controls_months=months, **business)).timeline
    for months in range(0, 24):
        before, after = plan(months), plan(months + 1)
        # A month of credit, a little more estimated readiness and half a month of rounding at most.
        assert 0 <= before.months_high - after.months_high <= 2


def test_soc1_period_is_driven_by_process_controls_not_security_months():
    base = profile(business_type="payroll", fin_impact="yes", security_ask="no", customer_data="no",
                   controls_operating_months=24)
    unknown = assess(base).timeline
    fresh = assess(base | {"process_controls_months": 0}).timeline
    mature = assess(base | {"process_controls_months": 12}).timeline
    assert unknown.months_high == fresh.months_high        # absent is planned as none
    assert mature.months_high < fresh.months_high
