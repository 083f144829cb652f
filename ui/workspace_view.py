"""Pieces of the Workspace page: the access gate, import, the list of assessments, comparison."""

from __future__ import annotations

import hmac
import os
from datetime import date

import streamlit as st

from questions import default_bank
from reports.filenames import export_filename
from scoring import assess
from scoring.compare import compare
from scoring.summary import summarise
from storage import AssessmentRecord, Store
from storage.transfer import export_assessment, import_assessment
from ui import charts, persistence
from ui.text import literal

KEY_ENV = "SOC_NAVIGATOR_WORKSPACE_KEY"
UNTITLED = "Untitled assessment"


def shown_name(record: AssessmentRecord) -> str:
    return record.client_name or UNTITLED
UNLOCKED = "workspace_unlocked"


def unlocked() -> bool:
    """Open to all when no workspace key is configured; otherwise ask for it once per session."""
    expected = os.environ.get(KEY_ENV, "")
    if not expected or st.session_state.get(UNLOCKED):
        return True
    given = st.text_input("Workspace key", type="password", key="workspace:key",
                          help="This server keeps its workspace behind a key. Ask whoever runs it.")
    if given and hmac.compare_digest(given.encode(), expected.encode()):
        st.session_state[UNLOCKED] = True
        st.rerun()
    if given:
        st.error("That key is not right.")
    return False


def open_assessment(store: Store, record: AssessmentRecord) -> None:
    persistence.bind(record, store.new_link(record.id))
    st.switch_page("pages/1_Assessment.py")


def importer(store: Store) -> None:
    with st.expander("Import an assessment from a JSON export", icon=":material/upload:"):
        upload = st.file_uploader("SOC Navigator export (.json, at most 1 MB)", type=["json"],
                                  key="workspace:import", max_upload_size=2)
        if upload is None:
            return
        done: dict[str, str] = st.session_state.setdefault("workspace:imported", {})
        if upload.file_id in done:  # reruns must not import the same upload twice
            st.success(done[upload.file_id])
            return
        created, problems = import_assessment(store, upload.getvalue(), default_bank(), summarise)
        if problems:
            st.error("This file cannot be imported; nothing was changed:\n\n" + "\n".join(f"- {p}" for p in problems))
            return
        record, _ = created
        done[upload.file_id] = (f"Imported as a new assessment: {literal(record.client_name)}. "
                                "Existing assessments were not touched.")
        st.success(done[upload.file_id])


def assessment_row(store: Store, record: AssessmentRecord) -> None:
    summary = record.summary
    reports = " + ".join(summary.reports) or "No report yet"
    kind = f" · {summary.report_type}" if summary.report_type else ""
    readiness = "not assessed" if summary.readiness is None else f"{summary.readiness}%"
    current = st.session_state.get(persistence.ASSESSMENT) == record.id
    with st.container(border=True, key=f"row-{record.id}"):
        st.markdown(f"**{literal(shown_name(record))}**" + ("  :blue-badge[Open in this tab]" if current else ""))
        st.caption(f"{reports}{kind} · readiness {readiness} · last change {record.updated_at:%d %b %Y %H:%M} UTC")
        row = st.container(horizontal=True)
        if row.button("Open", key=f"open-{record.id}", icon=":material/open_in_new:"):
            open_assessment(store, record)
        with row.popover("Rename", icon=":material/edit:"):
            name = st.text_input("New name", value=record.client_name, key=f"name-{record.id}", max_chars=200)
            if st.button("Save name", key=f"rename-{record.id}"):
                store.rename(record.id, name)
                if current:
                    st.session_state[persistence.CLIENT_NAME] = name
                st.rerun()
        if row.button("Duplicate", key=f"dup-{record.id}", icon=":material/content_copy:"):
            store.duplicate(record.id)
            st.rerun()
        if row.button("Save as of today", key=f"snap-{record.id}", icon=":material/photo_camera:",
                      help="Keep a snapshot of today's answers to compare against later."):
            store.snapshot(record.id, f"As of {date.today():%d %b %Y}")
            st.toast(f"Snapshot saved for {literal(shown_name(record))}")
        row.download_button("Export JSON", data=lambda r=record: export_assessment(r, default_bank()),
                            file_name=export_filename(shown_name(record), "assessment", "json"),
                            mime="application/json", key=f"export-{record.id}", icon=":material/download:",
                            on_click="ignore")
        with row.popover("Delete", icon=":material/delete:"):
            st.warning(f"Delete {literal(shown_name(record))}, its resume links and its snapshots? "
                       "This cannot be undone.")
            if st.button("Delete for good", key=f"delete-{record.id}", type="primary"):
                store.delete(record.id)
                if current:
                    persistence.forget()
                st.rerun()


def comparison(store: Store, records: list[AssessmentRecord]) -> None:
    """Pick any two (assessments or snapshots) and see what changed."""
    names = {r.id: shown_name(r) for r in records}
    choices: dict[str, tuple[str, dict[str, str | int]]] = {
        f"a:{r.id}": (f"{shown_name(r)} · now", r.answers) for r in records}
    snapshots = [snap for snap in store.snapshots() if snap.assessment_id in names]
    for snap in snapshots:
        choices[f"s:{snap.id}"] = (f"{names[snap.assessment_id]} · {snap.label}", snap.answers)
    if len(choices) < 2:
        st.caption("Create a second assessment or save a snapshot (\"Save as of today\") to compare.")
        return
    keys = list(choices)
    # By default: the most recently changed client now, against its latest snapshot if it has one.
    # (Matched by id, not by name: two clients may share a name.)
    latest = next((snap for snap in snapshots if snap.assessment_id == records[0].id), None)
    before_default = keys.index(f"s:{latest.id}") if latest else 1
    left, right = st.columns(2)
    first = left.selectbox("Before", keys, index=before_default, format_func=lambda k: choices[k][0],
                           key="compare:before")
    second = right.selectbox("After", keys, index=0, format_func=lambda k: choices[k][0], key="compare:after")
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
