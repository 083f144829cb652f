"""Plotly figures for results and plan: plain functions from engine output to figures.

No Streamlit here, so tests can check a chart's data directly. Areas lead with their plain name
and put the criteria codes second ("Access control (CC6)").

Each figure is built in one go from its traces and layout (validated once by Plotly): building it
step by step (`update_layout`, `update_xaxes`, `add_shape` …) took about six times as long, most of a
Plan click.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go

from questions.criteria import criteria_by_id
from reports.story import SHORT_NAMES, area_label, plan_dates, short_date
from scoring.compare import Comparison
from scoring.models import Phase, Readiness, Result
from scoring.timeline import dated_phases

FONT = {"family": "Source Sans, sans-serif", "size": 13}
# Axis and colour-bar text: Streamlit's chart theme draws it grey at 3.8:1 on white, under the 4.5:1
# WCAG AA asks of text (axe-core cannot see text inside a chart's SVG, so it is set here).
INK = "#31333f"
RED, AMBER, GREEN, BLUE, GREY = "#c8453a", "#e0a030", "#2e9c62", "#1f5fbf", "#9aa5b1"
PHASE_COLOURS = {"scoping": GREY, "risk": "#2ba3a3", "remediation": AMBER, "policies": "#b78ae0",
                 "description": "#d678a0", "type_i": "#4fa3e0", "observation": BLUE, "type_ii": GREEN,
                 "next_period": BLUE, "renewal": GREEN}
# The same bands as the bars (red < 50 <= amber < 80 <= green), as steps rather than a blend.
COVERAGE_SCALE = [[0.0, RED], [0.495, RED], [0.495, AMBER], [0.795, AMBER], [0.795, GREEN], [1.0, GREEN]]
LABEL_WIDTH = 30   # characters per line of an area label: keeps bars readable at phone width
VALIDATE = False   # tests turn Plotly's property checks back on


def band_colour(score: int) -> str:
    return GREEN if score >= 80 else AMBER if score >= 50 else RED


def label_colour(score: int) -> str:
    """Text on a band's colour at 4.5:1 or more: white on red, near-black on amber and green (Plotly's
    own choice, white on green and grey on amber, stays under 4.5:1)."""
    return "#ffffff" if band_colour(score) == RED else "#100f0e"


def _layout(height: int, **extra: object) -> dict[str, object]:
    """The layout every chart shares, with `extra` settings on top (whole keys replaced)."""
    return {"height": height, "margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "font": FONT, "showlegend": False,
            "dragmode": False, **extra}


class Ready(go.Figure):
    """A figure handed over as the finished dict Plotly would make of it, without building Plotly's
    objects and copying them back out: `st.plotly_chart` asks a figure only for `to_dict()`. About 2 ms
    of a Plan what-if click.

    Without Plotly's default template (half of a chart's JSON): the page draws every chart in Streamlit's
    theme, which replaces it, and the charts drawn with and without it are the same pixels, hover labels
    included (checked in a browser at 1280 and 390 px). tests/ui/test_charts.py checks every chart's JSON
    equals the one Plotly builds with its checks on, less that template."""

    def __init__(self, traces: list[dict[str, object]], layout: dict[str, object]) -> None:
        # Plotly's own __init__ builds the objects this class exists to skip.
        self._spec = {"data": traces, "layout": layout}

    def to_dict(self) -> dict[str, Any]:
        return self._spec


def _figure(traces: list[dict[str, object]], layout: dict[str, object]) -> go.Figure:
    """The figure as the page draws it (`Ready`); tests/ui/test_charts.py turns on Plotly's checks and
    builds the same chart with Plotly's objects."""
    return go.Figure(data=traces, layout=layout) if VALIDATE else Ready(traces, layout)


def _axis(**settings: object) -> dict[str, object]:
    return {"tickfont": {"color": INK}, **settings}


def wrap(label: str, width: int = LABEL_WIDTH) -> str:
    """A long axis label over several lines (Plotly breaks on <br>)."""
    return "<br>".join(textwrap.wrap(label, width)) or label


def _area_bars(labels: Sequence[str], scores: Sequence[int]) -> go.Figure:
    """Horizontal bars, first label on top, coloured by band (red < 50 <= amber < 80 <= green)."""
    rows = list(reversed(list(zip(labels, scores, strict=True))))
    wrapped = [wrap(label) for label, _ in rows]
    bars = {
        "type": "bar",
        "x": [score for _, score in rows],
        "y": wrapped,
        "orientation": "h",
        "marker": {"color": [band_colour(score) for _, score in rows]},
        "text": [f"{score}%" for _, score in rows],
        "textposition": "outside",
        "outsidetextfont": {"color": INK},
        "customdata": [label for label, _ in rows],
        "hovertemplate": "%{customdata}: %{x}%<extra></extra>",
        "cliponaxis": False,
    }
    lines = sum(label.count("<br>") + 1 for label in wrapped)
    layout = _layout(60 + 16 * lines + 14 * len(rows), margin={"l": 10, "r": 40, "t": 20, "b": 10},
                     xaxis=_axis(range=[0, 112], tickvals=[0, 50, 100], ticktext=["0%", "50%", "100%"]),
                     yaxis=_axis())
    return _figure([bars], layout)


def readiness_by_area(readiness: Readiness) -> go.Figure:
    """One bar per area, plain name first: "Access control (CC6)"."""
    return _area_bars([area_label(a.name, a.codes) for a in readiness.areas], [a.score for a in readiness.areas])


def soc1_by_area(readiness: Readiness, family: str) -> go.Figure:
    """One bar per SOC 1 control-objective area of one family ("itgc" or "process")."""
    areas = [a for a in readiness.soc1_areas if a.family == family]
    return _area_bars([a.name for a in areas], [a.score for a in areas])


def criteria_map(readiness: Readiness) -> go.Figure:
    """A treemap of every in-scope criterion, grouped by area, coloured by coverage band, with a
    colour bar that names the bands (drawn by an empty helper trace, so the treemap's own root
    stays white instead of Plotly's dark grey)."""
    criteria = criteria_by_id()
    areas = {a.id: area_label(a.name, a.codes) for a in readiness.areas}
    covered = [c for c in readiness.criteria if c.area in areas]
    labels = list(areas.values()) + [c.id for c in covered]
    parents = [""] * len(areas) + [areas[c.area] for c in covered]
    scores = [a.score for a in readiness.areas] + [c.score for c in covered]
    hover = [f"{areas[a.id]}: {a.score}%" for a in readiness.areas] + [
        f"{c.id} {criteria[c.id].title}<br>Coverage {c.score}% · questions {', '.join(c.questions) or 'none'}"
        for c in covered
    ]
    treemap = {
        "type": "treemap", "labels": labels, "parents": parents, "values": [0] * len(areas) + [1] * len(covered),
        "customdata": scores,
        "marker": {"colors": [band_colour(score) for score in scores], "line": {"color": "white", "width": 1}},
        "hovertext": hover, "hoverinfo": "text", "textinfo": "label", "branchvalues": "remainder",
        "root": {"color": "white"}, "textfont": {"color": [label_colour(score) for score in scores]},
    }
    scale = {
        "type": "scatter", "x": [None], "y": [None], "mode": "markers", "hoverinfo": "skip", "showlegend": False,
        "marker": {"color": [0], "colorscale": COVERAGE_SCALE, "cmin": 0, "cmax": 100, "showscale": True,
                   "colorbar": {"title": {"text": "coverage %", "side": "top", "font": {"color": INK}},
                                "tickfont": {"color": INK}, "orientation": "h",
                                "tickvals": [0, 25, 50, 65, 80, 90, 100],
                                "ticktext": ["0", "red", "50", "amber", "80", "green", "100"],
                                "thickness": 12, "len": 1, "y": -0.02, "yanchor": "top", "ticks": ""}},
    }
    layout = _layout(480, margin={"l": 10, "r": 10, "t": 30, "b": 60}, plot_bgcolor="rgba(0,0,0,0)",
                     xaxis=_axis(visible=False), yaxis=_axis(visible=False))
    return _figure([treemap, scale], layout)


def _marker(traces: list[dict[str, object]], shapes: list[dict[str, object]], day: date, name: str, colour: str,
            dash: str, width: float = 2) -> None:
    """A vertical line across the chart at `day`, named in the legend (not as text on the chart,
    which would collide with other labels at phone width)."""
    line = {"color": colour, "width": width, "dash": dash}
    shapes.append({"type": "line", "x0": day.isoformat(), "x1": day.isoformat(), "y0": 0, "y1": 1, "yref": "paper",
                   "line": line})
    traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "lines", "name": name, "hoverinfo": "skip",
                   "line": line})


def gantt(result: Result, start: date) -> go.Figure:
    """The plan as dated bars from `start` (drawn at the latest estimate), with lines at the
    earliest and latest report dates and the customer deadline.

    Bars after the first report (keeping it current) are lighter and hatched. The axis shows the
    way to the first report (a Type II after a Type I included) and a little after; the 12-month
    cycle that follows runs off the right edge with its dates written there, so the months that
    matter stay readable on a phone.
    """
    timeline = result.timeline
    rows = list(reversed(dated_phases(timeline.phases, start)))
    maintain = [phase.stage == "maintain" for phase, _, _ in rows]
    traces: list[dict[str, object]] = [{
        "type": "bar",
        "base": [begin.isoformat() for _, begin, _ in rows],
        "x": [(end - begin) / timedelta(milliseconds=1) for _, begin, end in rows],
        "y": [SHORT_NAMES.get(phase.id, phase.name) for phase, _, _ in rows],
        "orientation": "h",
        "marker": {"color": [PHASE_COLOURS.get(phase.id, BLUE) for phase, _, _ in rows],
                   "opacity": [0.45 if m else 1.0 for m in maintain],
                   "pattern": {"shape": ["/" if m else "" for m in maintain], "fillmode": "overlay",
                               "solidity": 0.25, "fgcolor": "#ffffff"}},
        "customdata": [[short_date(begin), short_date(end)] for _, begin, end in rows],
        "hovertext": [phase.name for phase, _, _ in rows],
        "hovertemplate": "%{hovertext}<br>%{customdata[0]} – %{customdata[1]}<extra></extra>",
        "showlegend": False,
    }]
    shapes: list[dict[str, object]] = []
    xaxis = _axis(type="date")
    annotations: list[dict[str, object]] = []
    dates = plan_dates(result, start)
    if dates.deadline is not None:
        _marker(traces, shapes, dates.deadline, f"Customer deadline {short_date(dates.deadline)}", RED, "dash")
    if dates.latest is not None:
        _marker(traces, shapes, dates.latest, f"Report no later than {short_date(dates.latest)}", GREEN, "solid", 3)
    if dates.earliest is not None and dates.earliest != dates.latest:
        _marker(traces, shapes, dates.earliest, f"Earliest {short_date(dates.earliest)}, if every phase runs fast",
                GREEN, "dot")
    if any(maintain):
        traces.append({"type": "bar", "x": [None], "y": [None], "name": "After the first report: keeping it current",
                       "marker": {"color": GREY, "opacity": 0.45, "pattern": {"shape": "/"}}, "hoverinfo": "skip"})
        annotations = _focus(xaxis, rows, [d for d in (dates.latest, dates.type_ii_latest, dates.deadline) if d], start)
    layout = _layout(150 + 36 * len(rows), showlegend=True, barmode="overlay", xaxis=xaxis, yaxis=_axis(),
                     **({"shapes": shapes} if shapes else {}), **({"annotations": annotations} if annotations else {}),
                     legend={"orientation": "h", "yanchor": "top", "y": -0.08, "xanchor": "left", "x": 0,
                             "itemclick": False, "itemdoubleclick": False})
    return _figure(traces, layout)


def _focus(xaxis: dict[str, object], rows: list[tuple[Phase, date, date]], key_dates: list[date],
           start: date) -> list[dict[str, object]]:
    """Show the axis up to the key dates plus two months; bars running past the edge say where they end
    (the annotations returned)."""
    edge = max([*key_dates, *(end for phase, _, end in rows if phase.stage != "maintain")]) + timedelta(weeks=9)
    if all(end <= edge for _, _, end in rows):
        return []
    xaxis["range"] = [(start - timedelta(days=7)).isoformat(), edge.isoformat()]
    notes = []
    for phase, begin, end in rows:
        if end > edge:
            span = f"{begin:%b}–{end:%b %Y}" if begin.year == end.year else f"{begin:%b %Y} – {end:%b %Y}"
            text = f"to {end:%b %Y} →" if begin < edge else f"{span} →"
            notes.append({"x": edge.isoformat(), "y": SHORT_NAMES.get(phase.id, phase.name), "text": text,
                          "xanchor": "right", "showarrow": False, "font": {"size": 11, "color": INK},
                          "bgcolor": "rgba(255,255,255,0.85)"})
    return notes


def readiness_delta(comparison: Comparison, codes: Mapping[str, Sequence[str]] | None = None) -> go.Figure:
    """Change in readiness per area between two assessments: green up, red down; `codes` gives
    each area's criteria codes, shown after its plain name."""
    codes = codes or {}
    areas = [a for a in reversed(comparison.areas) if a.delta is not None]
    bars = {
        "type": "bar",
        "x": [a.delta for a in areas],
        "y": [wrap(area_label(a.name, codes.get(a.id, []))) for a in areas],
        "orientation": "h",
        "marker": {"color": [GREEN if (a.delta or 0) >= 0 else RED for a in areas]},
        "customdata": [[a.before, a.after] for a in areas],
        "text": [f"{a.delta:+d}" for a in areas],
        "textposition": "outside",
        "outsidetextfont": {"color": INK},
        "hovertemplate": "%{y}: %{customdata[0]}% → %{customdata[1]}%<extra></extra>",
    }
    layout = _layout(60 + 28 * max(1, len(areas)),
                     xaxis=_axis(ticksuffix=" pts", zeroline=True, zerolinecolor=GREY), yaxis=_axis())
    return _figure([bars], layout)
