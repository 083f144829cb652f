"""Chart builders: the data a user sees in each figure."""

from __future__ import annotations

from datetime import date

from scoring import assess
from tests.conftest import profile
from tests.scoring.test_readiness import everything
from ui import charts


def test_gantt_bars_start_and_end_on_the_phase_dates():
    result = assess(profile(deadline_months=3))
    fig = charts.gantt(result.timeline, date(2027, 1, 4))
    bar = fig.data[0]
    assert bar.base[-1] == "2027-01-04" and bar.y[-1] == "Scoping"
    week_ms = 7 * 24 * 3600 * 1000
    scoping = result.timeline.phases[0]
    assert bar.x[-1] == (scoping.end_week - scoping.start_week) * week_ms
    assert fig.layout.annotations[0].text == "Deadline"
    assert result.timeline.deadline_week == 13
    assert fig.layout.shapes[0].x0 == "2027-04-05"   # 13 weeks after the start


def test_no_deadline_marker_without_a_deadline():
    fig = charts.gantt(assess(profile()).timeline, date(2027, 1, 4))
    assert not fig.layout.shapes


def test_area_bars_are_coloured_by_band():
    answers = everything("yes") | {q: "no" for q in ("CHG-01", "CHG-02", "CHG-03", "CHG-04", "CHG-05")}
    fig = charts.readiness_by_area(assess(answers).readiness)
    colours = dict(zip(fig.data[0].y, fig.data[0].marker.color, strict=True))
    assert colours["CC8 Change Management"] == charts.RED
    assert colours["CC1 Control Environment"] == charts.GREEN


def test_criteria_map_groups_criteria_under_their_areas():
    readiness = assess(everything("partial", uptime_sla="yes")).readiness
    fig = charts.criteria_map(readiness)
    tree = fig.data[0]
    parent = dict(zip(tree.labels, tree.parents, strict=True))
    assert parent["A1.2"] == "A1 Availability"
    assert parent["CC6.1"] == "CC6 Logical and Physical Access Controls"
    assert set(tree.marker.colors) == {50}
