"""Chart builders: the data a user sees in each figure."""

from __future__ import annotations

import json
from datetime import date

import plotly.io
import pytest

from reports.story import plan_dates
from scoring import assess
from scoring.compare import compare
from tests.conftest import profile
from tests.scoring.test_readiness import everything
from ui import charts


@pytest.fixture(autouse=True)
def checked_by_plotly(monkeypatch):
    """The app builds its figures without Plotly's property checks; here every figure passes them."""
    monkeypatch.setattr(charts, "VALIDATE", True)


def test_gantt_bars_start_and_end_on_the_phase_dates():
    result = assess(profile(deadline_months=3))
    fig = charts.gantt(result, date(2027, 1, 4))
    bar = fig.data[0]
    assert bar.base[-1] == "2027-01-04" and bar.y[-1] == "Scoping"
    week_ms = 7 * 24 * 3600 * 1000
    scoping = result.timeline.phases[0]
    assert bar.x[-1] == (scoping.end_week - scoping.start_week) * week_ms
    assert result.timeline.deadline_week == 13
    assert fig.layout.shapes[0].x0 == "2027-04-05"   # 13 weeks after the start
    assert fig.layout.shapes[0].line.dash == "dash"


def test_gantt_marks_the_earliest_and_latest_report_dates_and_the_deadline_in_the_legend():
    start = date(2027, 1, 4)
    result = assess(profile(deadline_months=6))
    dates = plan_dates(result, start)
    fig = charts.gantt(result, start)
    lines = {shape.x0 for shape in fig.layout.shapes}
    assert lines == {dates.deadline.isoformat(), dates.latest.isoformat(), dates.earliest.isoformat()}
    names = [trace.name for trace in fig.data[1:]]
    assert any(name.startswith("Report no later than") for name in names)
    assert any(name.startswith("Earliest") for name in names)
    assert any(name.startswith("Customer deadline") for name in names)


def test_every_phase_has_a_colour_and_a_short_name_and_maintain_bars_are_hatched_and_lighter():
    result = assess(profile(deadline_months=6))
    fig = charts.gantt(result, date(2027, 1, 4))
    bar = fig.data[0]
    phases = list(reversed(result.timeline.phases))
    assert {p.id for p in phases} <= set(charts.PHASE_COLOURS)
    assert all(len(label) <= 20 for label in bar.y)
    for phase, shape, opacity in zip(phases, bar.marker.pattern.shape, bar.marker.opacity, strict=True):
        maintain = phase.stage == "maintain"
        assert (shape == "/") == maintain and (opacity < 1) == maintain


def test_no_deadline_marker_without_a_deadline():
    fig = charts.gantt(assess(profile()), date(2027, 1, 4))
    assert all(shape.line.dash != "dash" for shape in fig.layout.shapes)
    assert not any((trace.name or "").startswith("Customer deadline") for trace in fig.data)


def test_area_bars_lead_with_the_plain_name_and_are_coloured_by_band():
    answers = everything("yes") | {q: "no" for q in ("CHG-01", "CHG-02", "CHG-03", "CHG-04", "CHG-05")}
    fig = charts.readiness_by_area(assess(answers).readiness)
    colours = dict(zip(fig.data[0].customdata, fig.data[0].marker.color, strict=True))
    assert colours["Change management (CC8)"] == charts.RED
    assert colours["Governance and culture (CC1)"] == charts.GREEN


def test_criteria_map_groups_criteria_under_their_areas_with_a_band_legend():
    readiness = assess(everything("partial", uptime_sla="yes")).readiness
    fig = charts.criteria_map(readiness)
    tree = fig.data[0]
    parent = dict(zip(tree.labels, tree.parents, strict=True))
    assert parent["A1.2"] == "Availability: capacity, backups and recovery (A1)"
    assert parent["CC6.1"] == "Access control (CC6)"
    assert set(tree.customdata) == {50} and set(tree.marker.colors) == {charts.AMBER}
    scale = fig.data[1].marker
    assert scale.showscale and scale.colorbar.title.text == "coverage %" and scale.colorscale


def test_the_colour_scale_has_the_same_bands_as_the_bars():
    def colour_at(score: int) -> str:   # a step scale: the last stop at or below the score
        return [colour for at, colour in charts.COVERAGE_SCALE if at <= score / 100][-1]

    for score in (0, 49, 50, 79, 80, 100):
        assert colour_at(score) == charts.band_colour(score), score


def test_workspace_compare_leads_with_plain_names():
    before = assess(everything("no"))
    after = assess(everything("yes"))
    codes = {a.id: a.codes for a in after.readiness.areas}
    fig = charts.readiness_delta(compare(before, after), codes)
    labels = [label.replace("<br>", " ") for label in fig.data[0].y]
    assert "Access control (CC6)" in labels


def test_figures_built_without_the_checks_are_the_ones_built_with_them(monkeypatch):
    start = date(2027, 1, 4)
    results = [assess(profile()), assess(profile(deadline_months=6)),
               assess(everything("partial", fin_impact="yes", user_auditor_ask="yes", uptime_sla="yes",
                                 deadline_months=24))]
    builders = [lambda r: charts.gantt(r, start), lambda r: charts.readiness_by_area(r.readiness),
                lambda r: charts.criteria_map(r.readiness), lambda r: charts.soc1_by_area(r.readiness, "itgc"),
                lambda r: charts.readiness_delta(compare(results[0], r))]

    def spec(figure) -> dict:
        return json.loads(plotly.io.to_json(figure, validate=False))

    for result in results:
        for build in builders:
            monkeypatch.setattr(charts, "VALIDATE", True)
            checked = spec(build(result))
            assert checked["layout"].pop("template")   # Plotly adds its default; Streamlit's theme replaces it
            monkeypatch.setattr(charts, "VALIDATE", False)
            assert spec(build(result)) == checked
