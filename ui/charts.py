"""Plotly figures for results and plan: plain functions from engine output to figures.

No Streamlit here, so tests can check a chart's data directly.
"""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go

from questions.criteria import criteria_by_id
from scoring.compare import Comparison
from scoring.models import Readiness, Timeline
from scoring.timeline import dated_phases, week_to_date

FONT = {"family": "Source Sans, sans-serif", "size": 13}
RED, AMBER, GREEN, BLUE, GREY = "#c8453a", "#e0a030", "#2e9c62", "#1f5fbf", "#9aa5b1"
PHASE_COLOURS = {"scoping": GREY, "remediation": AMBER, "policies": "#b78ae0", "type_i": "#4fa3e0",
                 "observation": BLUE, "type_ii": GREEN}
COVERAGE_SCALE = [[0.0, RED], [0.5, AMBER], [1.0, GREEN]]
# Short bar labels keep the chart readable at phone width; the table below gives full names.
SHORT_NAMES = {"scoping": "Scoping", "remediation": "Remediation", "policies": "Policies",
               "type_i": "Type I report", "observation": "Type II period", "type_ii": "Type II report"}


def band_colour(score: int) -> str:
    return GREEN if score >= 80 else AMBER if score >= 50 else RED


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10}, font=FONT,
                      showlegend=False, dragmode=False)
    return fig


def readiness_by_area(readiness: Readiness) -> go.Figure:
    """Horizontal bars, one per area, coloured by band (red < 50 <= amber < 80 <= green)."""
    areas = list(reversed(readiness.areas))
    fig = go.Figure(go.Bar(
        x=[a.score for a in areas],
        y=[f"{a.id} {a.name}" for a in areas],
        orientation="h",
        marker_color=[band_colour(a.score) for a in areas],
        text=[f"{a.score}%" for a in areas],
        textposition="outside",
        hovertemplate="%{y}: %{x}%<extra></extra>",
    ))
    fig.update_xaxes(range=[0, 110], ticksuffix="%", title=None)
    return _layout(fig, 60 + 28 * len(areas))


def criteria_map(readiness: Readiness) -> go.Figure:
    """A treemap of every in-scope criterion, grouped by area, coloured by coverage."""
    criteria = criteria_by_id()
    areas = {a.id: f"{a.id} {a.name}" for a in readiness.areas}
    labels = list(areas.values()) + [c.id for c in readiness.criteria]
    parents = [""] * len(areas) + [areas[c.area] for c in readiness.criteria]
    scores = [a.score for a in readiness.areas] + [c.score for c in readiness.criteria]
    hover = [f"{a.name}: {a.score}%" for a in readiness.areas] + [
        f"{c.id} {criteria[c.id].title}<br>Coverage {c.score}% · questions {', '.join(c.questions) or 'none'}"
        for c in readiness.criteria
    ]
    fig = go.Figure(go.Treemap(
        labels=labels, parents=parents, values=[0] * len(areas) + [1] * len(readiness.criteria),
        marker={"colors": scores, "colorscale": COVERAGE_SCALE, "cmin": 0, "cmax": 100},
        hovertext=hover, hoverinfo="text", textinfo="label", branchvalues="remainder",
    ))
    return _layout(fig, 420)


def gantt(timeline: Timeline, start: date) -> go.Figure:
    """The plan as dated bars from `start`, with the deadline marked when there is one."""
    rows = list(reversed(dated_phases(timeline.phases, start)))
    fig = go.Figure(go.Bar(
        base=[begin.isoformat() for _, begin, _ in rows],
        x=[(end - begin) / timedelta(milliseconds=1) for _, begin, end in rows],
        y=[SHORT_NAMES.get(phase.id, phase.name) for phase, _, _ in rows],
        orientation="h",
        marker_color=[PHASE_COLOURS.get(phase.id, BLUE) for phase, _, _ in rows],
        customdata=[[begin.strftime("%d %b %Y"), end.strftime("%d %b %Y")] for _, begin, end in rows],
        hovertext=[phase.name for phase, _, _ in rows],
        hovertemplate="%{hovertext}<br>%{customdata[0]} – %{customdata[1]}<extra></extra>",
    ))
    fig.update_xaxes(type="date", title=None)
    if timeline.deadline_week is not None:
        deadline = week_to_date(start, timeline.deadline_week).isoformat()
        fig.add_shape(type="line", x0=deadline, x1=deadline, y0=0, y1=1, yref="paper",
                      line={"color": RED, "width": 2, "dash": "dash"})
        fig.add_annotation(x=deadline, y=1, yref="paper", text="Deadline", showarrow=False,
                           font={"color": RED}, yanchor="bottom")
    return _layout(fig, 80 + 44 * len(rows))


def readiness_delta(comparison: Comparison) -> go.Figure:
    """Change in readiness per area between two assessments: green up, red down."""
    areas = [a for a in reversed(comparison.areas) if a.delta is not None]
    fig = go.Figure(go.Bar(
        x=[a.delta for a in areas],
        y=[f"{a.id} {a.name}" for a in areas],
        orientation="h",
        marker_color=[GREEN if (a.delta or 0) >= 0 else RED for a in areas],
        customdata=[[a.before, a.after] for a in areas],
        text=[f"{a.delta:+d}" for a in areas],
        textposition="outside",
        hovertemplate="%{y}: %{customdata[0]}% → %{customdata[1]}%<extra></extra>",
    ))
    fig.update_xaxes(ticksuffix=" pts", zeroline=True, zerolinecolor=GREY, title=None)
    return _layout(fig, 60 + 28 * max(1, len(areas)))
