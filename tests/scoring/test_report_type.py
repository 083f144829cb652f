"""Type I vs Type II: rules T1-T4 of the reference §7.4."""

from __future__ import annotations

import pytest

from scoring import PlanOptions, assess
from tests.conftest import profile
from tests.scoring.test_readiness import everything


def test_t1_short_deadline_and_new_controls_means_type_i_then_type_ii():
    result = assess(profile(deadline_months=4, controls_operating_months=1))
    assert result.report_type == "Type I"
    phases = {p.id: p for p in result.timeline.phases}
    assert phases["observation"].start_week == phases["type_i"].start_week   # window opens at the "as of" date
    assert result.timeline.type_ii_months_low is not None
    assert any("bridge letter" in r.statement and "deadline_months" in r.because for r in result.rationale)


def test_t2_controls_already_running_go_straight_to_type_ii():
    result = assess(everything("yes", controls_operating_months=4))
    assert result.report_type == "Type II"
    assert result.timeline.observation_months == 3
    assert "type_i" not in {p.id for p in result.timeline.phases}


def test_t3_soc1_is_type_ii_over_six_months():
    result = assess(profile(fin_impact="yes", security_ask="no", user_auditor_ask="yes"))
    assert result.report_type == "Type II"
    assert result.timeline.observation_months == 6
    assert any("fiscal year" in r.statement for r in result.rationale)


def test_t3_soc1_under_a_tight_deadline_gets_an_interim_type_i_with_a_warning():
    result = assess(profile(fin_impact="yes", security_ask="no", deadline_months=3))
    assert result.report_type == "Type I"
    assert any("interim" in r.statement for r in result.rationale)


def test_t4_low_readiness_puts_remediation_first():
    result = assess(everything("no"))
    assert "key controls first" in result.headline
    t4 = [r for r in result.rationale if r.statement.startswith("Readiness is 0%")]
    assert t4 and "ACC-01" in t4[0].because


def test_customers_asking_with_no_history_and_no_date_get_a_type_i_first():
    assert assess(profile(security_ask="yes", controls_operating_months=0)).report_type == "Type I"


def test_nobody_waiting_goes_straight_to_a_short_type_ii():
    result = assess(profile(security_ask="no", controls_operating_months=0))
    assert result.report_type == "Type II"
    assert any("skip the Type I fee" in r.statement for r in result.rationale)


def test_generous_deadline_with_ready_controls_is_type_ii_on_track():
    result = assess(everything("yes", deadline_months=12, controls_operating_months=6))
    assert result.report_type == "Type II"
    assert result.timeline.verdict == "on_track"


def test_what_if_choices_override_the_engine():
    answers = profile(controls_operating_months=6)
    forced = assess(answers, options=PlanOptions(type_i_first=True, observation_months=12))
    assert forced.report_type == "Type I"
    assert forced.timeline.observation_months == 12
    assert any("You chose" in r.statement for r in forced.rationale)


@pytest.mark.parametrize("deadline", [18, 24, 36])
def test_t3_a_soc1_whose_type_ii_meets_the_deadline_skips_the_type_i(deadline):
    result = assess(profile(business_type="payroll", fin_impact="yes", security_ask="no", deadline_months=deadline))
    assert result.timeline.verdict == "on_track"
    assert result.report_type == "Type II"
