"""A client's snapshots, in its workspace row: each label and date, renamed, deleted after a confirm,
or compared with the assessment as it is now.

The caller fetches the snapshots of the whole page in one query and hands each row its own, so a
page of 25 clients costs one read, not 25. Every action is a button callback: it runs before the
page is drawn, so the list (and the Compare section below it) already shows its result.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from storage import AssessmentRecord, NotFoundError, SnapshotRecord, Store
from storage.cleaning import clean_name
from ui import workspace_compare
from ui.text import literal

CONFIRM = "workspace:confirm-snapshot-delete"  # the snapshot whose deletion awaits a "yes"
PROBLEM = "workspace:snapshot-problem"  # (snapshot id, what went wrong) for the last action


def by_assessment(snapshots: Iterable[SnapshotRecord]) -> dict[str, list[SnapshotRecord]]:
    """The page's snapshots grouped per assessment, newest first as fetched."""
    grouped: dict[str, list[SnapshotRecord]] = {}
    for snap in snapshots:
        grouped.setdefault(snap.assessment_id, []).append(snap)
    return grouped


def take(store: Store, assessment_id: str) -> None:
    """Button callback ("Save as of today"): keep today's answers under a dated label."""
    try:
        store.snapshot(assessment_id, f"As of {date.today():%d %b %Y}")
    except NotFoundError:
        st.toast("This assessment was deleted meanwhile; no snapshot was saved.", icon=":material/error:")
        return
    st.toast("Snapshot saved. Find it under Snapshots, or compare it below.", icon=":material/photo_camera:")


def _rename(store: Store, snapshot_id: str, widget: str) -> None:
    label = clean_name(str(st.session_state.get(widget) or ""))[0]
    if not label:
        st.session_state[PROBLEM] = (snapshot_id, "A snapshot needs a label: the old one was kept.")
        return
    try:
        store.rename_snapshot(snapshot_id, label)
    except NotFoundError:
        st.session_state[PROBLEM] = (snapshot_id, "This snapshot was deleted meanwhile.")
        return
    st.session_state.pop(PROBLEM, None)
    st.toast("Snapshot label saved.", icon=":material/check:")


def _ask(snapshot_id: str | None) -> None:
    st.session_state[CONFIRM] = snapshot_id


def _delete(store: Store, snapshot_id: str) -> None:
    store.delete_snapshot(snapshot_id)
    st.session_state.pop(CONFIRM, None)
    st.toast("Snapshot deleted.", icon=":material/delete:")


def menu(bar: DeltaGenerator, store: Store, record: AssessmentRecord, snapshots: list[SnapshotRecord]) -> None:
    """The row's "Snapshots" popover, in the row's button bar."""
    with bar.popover(f"Snapshots ({len(snapshots)})", icon=":material/photo_library:"):
        if not snapshots:
            st.caption("No snapshot yet. \"Save as of today\" keeps today's answers to compare with later.")
        for snap in snapshots:
            _snapshot(store, record, snap)


def _snapshot(store: Store, record: AssessmentRecord, snap: SnapshotRecord) -> None:
    with st.container(border=True, key=f"snapshot-{snap.id}"):
        st.markdown(f"**{literal(snap.label, 200)}**")
        st.caption(f"Saved {snap.created_at:%d %b %Y %H:%M} UTC")
        widget = f"snap-label-{snap.id}"
        st.text_input("Label", value=snap.label, key=widget, max_chars=200)
        buttons = st.container(horizontal=True)
        buttons.button("Save label", key=f"snap-rename-{snap.id}", on_click=_rename, args=(store, snap.id, widget))
        buttons.button("Compare with now", key=f"snap-compare-{snap.id}", icon=":material/compare_arrows:",
                       on_click=workspace_compare.preselect, args=(snap.id, record.id),
                       help="Show this snapshot as \"Before\" and the assessment today as \"After\" in Compare, "
                            "below the list.")
        buttons.button("Delete", key=f"snap-delete-{snap.id}", icon=":material/delete:", on_click=_ask,
                       args=(snap.id,))
        problem = st.session_state.get(PROBLEM)
        if problem and problem[0] == snap.id:
            st.error(problem[1])
        if st.session_state.get(CONFIRM) == snap.id:
            st.warning(f"Delete the snapshot {literal(snap.label, 200)}? It cannot be compared with afterwards, "
                       "and this cannot be undone.")
            confirm = st.container(horizontal=True)
            confirm.button("Delete for good", key=f"snap-delete-yes-{snap.id}", type="primary", on_click=_delete,
                           args=(store, snap.id))
            confirm.button("Keep it", key=f"snap-delete-no-{snap.id}", on_click=_ask, args=(None,))
