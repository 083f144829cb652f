"""Pieces of the Workspace page: one page of assessments (searched, scoped to the viewer's
organisation), their links, import and comparison. Who may see it is decided in ui/auth.py."""

from __future__ import annotations

from datetime import date

import streamlit as st

from questions import default_bank
from reports.filenames import export_filename
from scoring import assess
from scoring.compare import AnswerChange, answer_changes, compare
from scoring.summary import summarise
from services import collaboration
from storage import AssessmentRecord, Store, access, listing
from storage.records import NAME_FIELD
from storage.transfer import export_assessment, import_assessment
from ui import charts, persistence
from ui import pages_registry as pages
from ui.auth import Viewer
from ui.text import literal, literal_list

UNTITLED = "Untitled assessment"
SEARCH, OFFSET, LINKS_FOR = "workspace:search", "workspace:offset", "workspace:links_for"


def shown_name(record: AssessmentRecord) -> str:
    return record.client_name or UNTITLED


def link_url(token: str) -> str:
    base = (st.context.url or "").split("?")[0]
    return f"{base}?{persistence.LINK_PARAM}={token}"


def current_page(store: Store, viewer: Viewer) -> listing.WorkspacePage:
    """The search box, the page of assessments it selects, and the buttons to move between pages."""
    st.text_input("Search by client name", key=SEARCH, max_chars=listing.MAX_SEARCH, on_change=_first_page,
                  placeholder="Type part of a client's name", icon=":material/search:")
    found = listing.page(store.engine, viewer.org, str(st.session_state.get(SEARCH) or ""),
                         int(st.session_state.get(OFFSET, 0)))
    st.session_state[OFFSET] = found.offset
    return found


def _first_page() -> None:
    st.session_state[OFFSET] = 0


def _move(step: int) -> None:
    st.session_state[OFFSET] = max(0, int(st.session_state.get(OFFSET, 0)) + step)


def pager(found: listing.WorkspacePage, where: str) -> None:
    """"Showing 26-50 of 5,000" with Previous and Next."""
    if found.total <= found.page_size:
        return
    last = found.offset + len(found.records)
    left, middle, right = st.columns([1, 3, 1], vertical_alignment="center")
    left.button("Previous", key=f"page-prev-{where}", icon=":material/chevron_left:", disabled=found.offset == 0,
                on_click=_move, args=(-found.page_size,), width="stretch")
    middle.caption(f"Showing {found.offset + 1}–{last} of {found.total:,}")
    right.button("Next", key=f"page-next-{where}", icon=":material/chevron_right:", disabled=last >= found.total,
                 on_click=_move, args=(found.page_size,), width="stretch")


def open_assessment(store: Store, record: AssessmentRecord) -> None:
    """Open with the owner's link: the same link every time, never a new permanent one."""
    persistence.bind(record, access.owner_link(store.engine, access.link_secret(), record.id))
    st.switch_page(pages.ASSESSMENT)


def links(store: Store, record: AssessmentRecord, current: bool) -> None:
    """The link to send the client, how many links work, and revoking them all."""
    st.caption("Send this link to the client: it opens this assessment only, never the workspace.")
    st.code(link_url(access.owner_link(store.engine, access.link_secret(), record.id)), language=None,
            wrap_lines=True)
    count = access.link_count(store.engine, record.id)
    st.caption(f"{count} link{'s' if count != 1 else ''} open{'s' if count == 1 else ''} this assessment now.")
    if st.button("Revoke all links and issue a new one", key=f"revoke-{record.id}", icon=":material/link_off:",
                 help="Every link sent so far stops working at once, including tabs open with it."):
        fresh = access.revoke_links(store.engine, access.link_secret(), record.id)
        if current:  # this tab keeps the assessment, through the new link
            st.session_state[persistence.TOKEN] = fresh
            st.query_params[persistence.LINK_PARAM] = fresh
        st.session_state["workspace:revoked"] = record.id
        st.rerun()
    if st.session_state.get("workspace:revoked") == record.id:
        st.success("Every earlier link stopped working. The link above is the new one.")


def importer(store: Store, viewer: Viewer) -> None:
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
            st.error("This file cannot be imported; nothing was changed:\n\n" + literal_list(problems))
            return
        record, _ = created
        if viewer.org:  # into the importing consultant's organisation
            access.claim(store.engine, record.id, viewer.email, viewer.org)
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
        showing = st.session_state.get(LINKS_FOR) == record.id
        if row.button("Hide links" if showing else "Links", key=f"links-{record.id}", icon=":material/link:"):
            st.session_state[LINKS_FOR] = None if showing else record.id
            st.rerun()
        with row.popover("Rename", icon=":material/edit:"):
            name = st.text_input("New name", value=record.client_name, key=f"name-{record.id}", max_chars=200)
            if st.button("Save name", key=f"rename-{record.id}"):
                collaboration.save(store, record.id, {NAME_FIELD: name}, persistence.author())
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
        if st.session_state.get(LINKS_FOR) == record.id:
            links(store, record, current)


def comparison(store: Store, records: tuple[AssessmentRecord, ...]) -> None:
    """Pick any two (assessments or snapshots of the page shown) and see what changed."""
    names = {r.id: shown_name(r) for r in records}
    choices: dict[str, tuple[str, dict[str, str | int]]] = {
        f"a:{r.id}": (f"{shown_name(r)} · now", r.answers) for r in records}
    snapshots = [snap for snap in listing.snapshots_of(store.engine, tuple(names)) if snap.assessment_id in names]
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
    changed_answers(answer_changes(default_bank(), choices[first][1], choices[second][1]))


NOT_ANSWERED = "*not answered*"


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
