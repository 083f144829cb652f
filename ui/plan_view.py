"""Pieces of the Plan page: what-if controls, the dated Gantt, the verdict and the fee bands.

The what-if controls start at the plan as answered (the measured readiness, the engine's window
and path) and change nothing until the user moves one on purpose; then the page says so and every
summary and download built from it states the assumption.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import streamlit as st

from reports.content import STAGE
from reports.story import (
    deadline_line,
    expected_line,
    fee_text,
    short_date,
    type_ii_line,
    verdict_label,
    what_if_line,
)
from scoring import PlanOptions, Result
from scoring.timeline import dated_phases, estimated_readiness
from ui import assessed, charts, state
from ui.downloads import export_panel
from ui.text import small

TYPE_CHOICES = {"engine": "Let SOC Navigator decide", "type_i": "Type I first", "type_ii": "Straight to Type II"}
PATH_TEXT = {"type_i": "a Type I report first", "type_ii": "straight to a Type II report"}
VERDICT_BOX = {"on_track": st.success, "at_risk": st.warning, "not_possible": st.error}
VERDICT_ICON = {"on_track": ":material/check_circle:", "at_risk": ":material/warning:",
                "not_possible": ":material/error:"}
SHARE = "plan:share"   # the "Share and export this plan" expander, built only while open
CONTROL_WIDTH = 260   # each what-if control: three fit a laptop's row; a phone stacks them
GUESS_LABEL = "Try a readiness level (a guess: readiness not assessed yet)"


@dataclass(frozen=True)
class WhatIf:
    """The plan options the user chose on purpose, in words as well as in numbers."""

    options: PlanOptions
    start: date
    assumptions: list[str] = field(default_factory=list)


def deadline_shift(start: date, today: date) -> int:
    """Whole weeks from today to the chosen start, rounded so the customer's deadline (given in months
    from today) never lands later than its real calendar day when the plan starts later."""
    return -((today - start).days // 7)


def _remember(name: str) -> dict[str, object]:
    return {"key": state.what_if_key(name), "on_change": state.remember_what_if, "args": (name,)}


def what_if(answers: dict[str, object], baseline: Result) -> WhatIf:
    """The what-if widgets. Each shows the engine's value until the user moves it."""
    planned = baseline.report_type is not None
    row = st.container(horizontal=True, gap="medium")   # one block, not three columns: wraps on a phone
    state.show_what_if("start", date.today())
    start = row.date_input("Start date", format="DD/MM/YYYY", width=CONTROL_WIDTH, **_remember("start"))
    engine_window = baseline.timeline.observation_months or 3
    state.show_what_if("window", engine_window)
    window = row.segmented_control("Type II window (months)", options=[3, 6, 12], required=True,
                                   disabled=not planned, **_remember("window"))
    state.show_what_if("path", "engine")
    path = row.selectbox("Report path", options=list(TYPE_CHOICES), format_func=TYPE_CHOICES.get,
                         disabled=not planned, width=CONTROL_WIDTH, **_remember("path"))
    assumptions: list[str] = []
    override = _readiness(answers, baseline, assumptions)
    window_changed = planned and window != engine_window
    if window_changed:
        assumptions.append(f"a {window}-month Type II window instead of {engine_window} months")
    engine_path = {"Type I": "type_i", "Type II": "type_ii"}.get(baseline.report_type or "")
    pinned = planned and path != "engine" and (path != engine_path or window_changed)
    if pinned:
        assumptions.append(PATH_TEXT[path])
    return WhatIf(
        options=PlanOptions(observation_months=window if window_changed else None,
                            type_i_first=(path == "type_i") if pinned else None,
                            readiness_override=override, start=start,
                            deadline_shift_weeks=deadline_shift(start, date.today())),
        start=start,
        assumptions=assumptions,
    )


def _readiness(answers: dict[str, object], baseline: Result, assumptions: list[str]) -> int | None:
    """The readiness slider: at the measured score when assessed; behind a clearly labelled
    "guess" toggle when not. Returns the what-if readiness, or None to plan as answered."""
    measured = baseline.readiness.planning_score
    if measured is not None:
        state.show_what_if("readiness", measured)
        assumed = st.slider("Readiness for planning", min_value=0, max_value=100, step=1, format="%d%%",
                            help=f"Your measured readiness is {measured}%. Move the slider to see how fixing "
                                 "gaps before you start changes the plan.", **_remember("readiness"))
        if assumed == measured:
            return None
        assumptions.append(f"readiness {assumed}% instead of the measured {measured}%")
        return assumed
    state.show_what_if("guess", False)
    if not st.toggle(GUESS_LABEL, help="Without the readiness questions the plan sizes the work from how long "
                                       "your controls have run. Turn this on to try a readiness level instead.",
                     **_remember("guess")):
        return None
    months = answers.get("controls_operating_months")
    start_at = 5 * round(estimated_readiness(months if isinstance(months, int) else 0) / 5)
    state.show_what_if("guessed", start_at)
    guessed = st.slider("Guessed readiness", min_value=0, max_value=100, step=5, format="%d%%",
                        help="A guess, not a measurement: answer the readiness questions for a real score.",
                        **_remember("guessed"))
    assumptions.append(f"a guessed readiness of {guessed}% (readiness not assessed yet)")
    return guessed


def plan(answers: dict[str, object]) -> None:
    """The what-if plan (a fragment), then "Share and export this plan" under it.

    The share panel sits outside the fragment, so a what-if click redraws one element fewer; while the
    panel is open, a what-if that moved draws the whole page again, so its exports follow the plan shown.
    """
    shown = _what_if_plan(answers)
    share = st.expander("Share and export this plan", icon=":material/ios_share:", key=SHARE, on_change="rerun")
    if share.open and shown is not None:
        with share:
            export_panel(shown.result, answers, shown.choice.start, key="plan", notes_editable=False,
                         what_if=shown.choice.assumptions)


@dataclass(frozen=True)
class Shown:
    """The plan the what-if fragment drew, for the share panel under it."""

    result: Result
    choice: WhatIf


@st.fragment
def _what_if_plan(answers: dict[str, object]) -> Shown:
    """What-if controls, the chart they redraw, the phases and the fee bands under it.

    A fragment: moving a what-if control reruns only this function, not the whole page, and the engine
    runs only for answers and options it has not seen in this session (ui/assessed.py).
    """
    baseline = assessed.result(answers)
    choice = what_if(answers, baseline)
    if state.what_if_moved() and state.opened(SHARE):
        st.rerun()   # the open share panel, outside this fragment, shows the plan as it now stands
    moved = choice.options.deadline_shift_weeks != 0
    result = assessed.result(answers, options=choice.options) if choice.assumptions or moved else baseline
    _verdict(result, choice.start, choice.assumptions)
    if choice.assumptions:
        st.button("Back to the plan as answered", icon=":material/undo:", on_click=state.clear_what_if,
                  key="what-if-reset")
    st.plotly_chart(charts.gantt(result, choice.start), key="gantt", config={"displayModeBar": False})
    st.markdown(_phases(result, choice.start) + "\n\n" + _fees(result))   # one element: a what-if redraws all
    return Shown(result, choice)


def _verdict(result: Result, start: date, assumptions: list[str]) -> None:
    """The what-if in effect, the headline, the date to promise and the verdict on the deadline, as one
    card coloured by the verdict (one element: a what-if click redraws every one)."""
    timeline = result.timeline
    lines = [f":material/science: **{what_if_line(assumptions)}** The chart, the summary, the note and the "
             "downloads below use this plan; the Results page shows the plan as answered."] if assumptions else []
    lines.append(f"#### {result.headline}")
    if result.report_type:
        lines.append(f":material/event: **{expected_line(result, start)}**")
        if type_ii := type_ii_line(result, start):
            lines.append(small(type_ii))
    label = verdict_label(result)
    if label and timeline.deadline_week is not None:
        lines.append(deadline_line(result, start).replace(f"{label}:", f"**{label}:**", 1))
        VERDICT_BOX[timeline.verdict]("\n\n".join(lines), icon=VERDICT_ICON[timeline.verdict])
    elif result.report_type:
        lines.append("No deadline set: the plan shows when the report can be in hand at the earliest and at the "
                     "latest. Promise the latest date.")
        st.info("\n\n".join(lines), icon=":material/info:")
    else:
        st.markdown("\n\n".join(lines))


def _phases(result: Result, start: date) -> str:
    """The phases with their dates as a list under each stage: it reads the same on a laptop and a
    phone, where a four-column table squeezed the names into narrow columns or ran off the edge."""
    stages: dict[str, list[str]] = {}
    for phase, begin, end in dated_phases(result.timeline.phases, start):
        stages.setdefault(phase.stage, []).append(
            f"- **{phase.name}**  \n  {_nowrap(short_date(begin))} – {_nowrap(short_date(end))}")
    return "\n\n".join([small(result.timeline.estimate_basis)]
                         + [f"##### {STAGE.get(stage, stage)}\n" + "\n".join(lines) for stage, lines in stages.items()])


def _nowrap(text: str) -> str:
    return text.replace(" ", "\u00a0")


def _fees(result: Result) -> str:
    """The fee bands as markdown, with where they come from and what they are not."""
    lines = ["#### Auditor fees reported publicly"]
    if not result.fees:
        lines.append(small("No report is recommended yet, so there is no audit fee to plan for."))
    for band in result.fees:
        amount = (f"\\${band.low_usd:,} – \\${band.high_usd:,}" if band.low_usd and band.high_usd
                  else "No separate figure")   # escaped: two `$` would start a formula
        lines.append(f"**{band.report}**  \n{amount}  \n{small(fee_text(band))}")
    if result.fees:
        lines.append(small("Reported ranges from public sources, not a quote. Firm tier, scope, systems, locations "
                           "and period length drive the real fee; ask several CPA firms."))
    return "\n\n".join(lines)
