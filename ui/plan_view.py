"""Pieces of the Plan page: what-if controls, the dated Gantt, the verdict and the fee bands."""

from __future__ import annotations

from datetime import date

import streamlit as st

from scoring import PlanOptions, Result, assess
from scoring.timeline import dated_phases, effective_readiness
from ui import charts
from ui.downloads import export_panel

TYPE_CHOICES = {"engine": "Let SOC Navigator decide", "type_i": "Type I first", "type_ii": "Straight to Type II"}
VERDICT_BOX = {"on_track": st.success, "at_risk": st.warning, "not_possible": st.error}


def what_if(answers: dict[str, object], baseline: Result) -> tuple[PlanOptions, date]:
    """The what-if widgets; their state lives under `plan:` keys so it survives page switches."""
    start_col, window_col, type_col = st.columns(3)
    start = start_col.date_input("Start date", value=date.today(), key="plan:start", format="DD/MM/YYYY")
    window = window_col.segmented_control(
        "Type II window (months)", options=[3, 6, 12], default=baseline.timeline.observation_months or 3,
        key="plan:window", required=True,
        disabled=baseline.report_type is None)
    path = type_col.selectbox("Report path", options=list(TYPE_CHOICES), format_func=TYPE_CHOICES.get,
                              key="plan:path", disabled=baseline.report_type is None)
    profile_months = answers.get("controls_operating_months")
    current = effective_readiness(baseline.readiness.planning_score,
                                  profile_months if isinstance(profile_months, int) else 0)
    assumed = st.slider("What if readiness were…", min_value=0, max_value=100, value=current, step=5,
                        format="%d%%", key="plan:readiness",
                        help="Fixing gaps before you start shortens remediation. Your current estimate is "
                             f"{current}%.")
    return PlanOptions(
        observation_months=window if window != baseline.timeline.observation_months else None,
        type_i_first={"engine": None, "type_i": True, "type_ii": False}[path],
        readiness_override=assumed if assumed != current else None,
        start=start,
    ), start


@st.fragment
def plan(answers: dict[str, object]) -> None:
    """What-if controls, the chart they redraw and the fee bands beside it.

    A fragment: moving a what-if control reruns only this function, not the whole page.
    """
    baseline = assess(answers)
    options, start = what_if(answers, baseline)
    result = assess(answers, options=options) if options != PlanOptions(start=start) else baseline
    chart, side = st.columns([3, 1])
    with chart:
        _timeline(result, start)
    with side:
        fees(result)
    st.divider()
    export_panel(result, answers, start, key="plan", notes_editable=False)


def _timeline(result: Result, start: date) -> None:
    timeline = result.timeline
    st.markdown(f"#### {result.headline}")
    if timeline.verdict:
        VERDICT_BOX[timeline.verdict](timeline.verdict_text)
    elif result.report_type:
        st.info("No deadline set: the plan shows the earliest realistic dates.", icon=":material/info:")
    st.plotly_chart(charts.gantt(timeline, start), key="gantt", config={"displayModeBar": False})
    st.caption(timeline.estimate_basis)
    rows = [{"Phase": phase.name, "Starts": begin.strftime("%d %b %Y"), "Ends": end.strftime("%d %b %Y")}
            for phase, begin, end in dated_phases(timeline.phases, start)]
    st.dataframe(rows, hide_index=True)
    if timeline.type_ii_months_low is not None:
        st.caption(f"After the Type I, the Type II report follows about {timeline.type_ii_months_low:g}–"
                   f"{timeline.type_ii_months_high:g} months from the start date.")


def fees(result: Result) -> None:
    st.markdown("#### Auditor fees reported publicly")
    if not result.fees:
        st.caption("No report is recommended yet, so there is no audit fee to plan for.")
        return
    for band in result.fees:
        with st.container(border=True):
            amount = (f"${band.low_usd:,} – ${band.high_usd:,}" if band.low_usd and band.high_usd
                      else "No separate figure")
            st.markdown(f"**{band.report}**  \n{amount}")
            st.caption(f"{band.note} Sources: {', '.join(band.sources)}.")
    st.caption("Reported ranges from public sources, not a quote. Firm tier, scope, systems, locations and "
               "period length drive the real fee; ask several CPA firms.")
