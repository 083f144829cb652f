"""The workspace's Compare section: any two of the page's assessments and their snapshots, side by
side, with the answers that changed. A snapshot's "Compare with now" (ui/workspace_snapshots.py)
preselects its pair here through `preselect`, since the section is drawn further down the page."""

from __future__ import annotations

import streamlit as st

from questions import default_bank
from scoring import assess
from scoring.compare import AnswerChange, answer_changes, compare
from storage import AssessmentRecord, SnapshotRecord
from ui import charts
from ui.text import literal
from ui.workspace_names import shown_name

BEFORE, AFTER = "compare:before", "compare:after"
NOT_ANSWERED = "*not answered*"


def preselect(snapshot_id: str, assessment_id: str) -> None:
    """Button callback: compare this snapshot (before) with its assessment as it is now (after)."""
    st.session_state[BEFORE] = f"s:{snapshot_id}"
    st.session_state[AFTER] = f"a:{assessment_id}"
    st.toast("Compare, below the list, now shows this snapshot against the assessment today.",
             icon=":material/compare_arrows:")


def _choose(key: str, keys: list[str], default: str) -> None:
    """Give the selectbox `key` its default unless it already holds one of today's choices (a
    preselection, or the user's pick; a deleted snapshot's choice falls back to the default)."""
    if st.session_state.get(key) not in keys:
        st.session_state[key] = default


def comparison(records: tuple[AssessmentRecord, ...], snapshots: tuple[SnapshotRecord, ...]) -> None:
    """Pick any two (assessments or snapshots of the page shown) and see what changed."""
    names = {r.id: shown_name(r) for r in records}
    choices: dict[str, tuple[str, dict[str, str | int]]] = {
        f"a:{r.id}": (f"{names[r.id]} · now", r.answers) for r in records}
    page_snapshots = [snap for snap in snapshots if snap.assessment_id in names]
    for snap in page_snapshots:
        choices[f"s:{snap.id}"] = (f"{names[snap.assessment_id]} · {snap.label}", snap.answers)
    if len(choices) < 2:
        st.caption("Create a second assessment or save a snapshot (\"Save as of today\") to compare.")
        return
    keys = list(choices)
    # By default: the most recently changed client now, against its latest snapshot if it has one.
    # (Matched by id, not by name: two clients may share a name.)
    latest = next((snap for snap in page_snapshots if snap.assessment_id == records[0].id), None)
    _choose(BEFORE, keys, f"s:{latest.id}" if latest else keys[1])
    _choose(AFTER, keys, keys[0])
    left, right = st.columns(2)
    first = left.selectbox("Before", keys, format_func=lambda k: choices[k][0], key=BEFORE)
    second = right.selectbox("After", keys, format_func=lambda k: choices[k][0], key=AFTER)
    before, after = assess(choices[first][1]), assess(choices[second][1])
    for column, result in ((left, before), (right, after)):
        with column.container(border=True):
            st.markdown(f"**{result.headline}**")
            overall = result.readiness.overall
            st.metric("Readiness", "Not assessed" if overall is None else f"{overall}%")
    diff = compare(before, after)
    if diff.changes:
        st.markdown("\n".join(f"- {change}" for change in diff.changes))
    else:
        st.caption("The recommendation and timeline are the same.")
    if any(a.delta is not None for a in diff.areas):
        codes = {a.id: a.codes for result in (before, after) for a in result.readiness.areas}
        st.plotly_chart(charts.readiness_delta(diff, codes), key="delta-chart", config={"displayModeBar": False})
    changed_answers(answer_changes(default_bank(), choices[first][1], choices[second][1]))


def changed_answers(changes: tuple[AnswerChange, ...]) -> None:
    """Each question answered differently, before → after, in the order the assessment asks them."""
    if not changes:
        st.caption("Every answer is the same in both.")
        return
    rows = "\n".join(
        f"- {change.question}  \n  "
        f"{'**' + literal(change.before_answer, 300) + '**' if change.answered_before else NOT_ANSWERED} → "
        f"{'**' + literal(change.after_answer, 300) + '**' if change.answered_after else NOT_ANSWERED}"
        for change in changes)
    with st.expander(f"{len(changes)} answer{'s' if len(changes) != 1 else ''} changed", expanded=True,
                     icon=":material/rule:"):
        st.markdown(rows)
