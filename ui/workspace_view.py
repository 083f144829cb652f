"""Pieces of the Workspace page: one page of assessments (searched, sorted, scoped to the viewer's
organisation), their links, snapshots, history, import and comparison. Who may see it is decided in
ui/auth.py; the snapshots and the history have modules of their own (ui/workspace_*.py)."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from questions import default_bank
from reports.filenames import export_filename
from scoring.summary import summarise
from services import collaboration
from storage import AssessmentRecord, LockedError, NotFoundError, SnapshotRecord, Store, access, listing
from storage.records import NAME_FIELD
from storage.transfer import export_assessment, import_assessment
from ui import pages_registry as pages
from ui import persistence, workspace_compare, workspace_history, workspace_snapshots
from ui.auth import Viewer
from ui.text import literal, literal_list
from ui.workspace_names import shown_name

SEARCH, OFFSET, LINKS_FOR = "workspace:search", "workspace:offset", "workspace:links_for"
# The order chosen is kept under SORT, which outlives the selectbox's own key (Streamlit drops a
# widget's key on pages that do not draw it), so a visit to an assessment keeps the order.
SORT, SORT_CHOICE = "workspace:sort", "workspace:sort-choice"


def link_url(token: str) -> str:
    base = (st.context.url or "").split("?")[0]
    return f"{base}?{persistence.LINK_PARAM}={token}"


def current_page(store: Store, viewer: Viewer) -> listing.WorkspacePage:
    """The search box and the order beside it, and the page of assessments they select. A new search
    or order starts again at the first page."""
    search, order = st.columns([3, 1], vertical_alignment="bottom")
    search.text_input("Search by client name", key=SEARCH, max_chars=listing.MAX_SEARCH, on_change=_first_page,
                      placeholder="Type part of a client's name", icon=":material/search:")
    kept = st.session_state.get(SORT)
    if st.session_state.get(SORT_CHOICE) not in listing.SORTS:
        st.session_state[SORT_CHOICE] = kept if kept in listing.SORTS else next(iter(listing.SORTS))
    sort = str(order.selectbox("Sort by", list(listing.SORTS), key=SORT_CHOICE, on_change=_first_page))
    st.session_state[SORT] = sort
    found = listing.page(store.engine, viewer.org, str(st.session_state.get(SEARCH) or ""),
                         int(st.session_state.get(OFFSET, 0)), sort=sort, summarise=summarise)
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


def assessments(store: Store, found: listing.WorkspacePage) -> None:
    """The page of assessments, each with its snapshots (one query for the whole page), then Compare."""
    snapshots = listing.snapshots_of(store.engine, tuple(record.id for record in found.records))
    grouped = workspace_snapshots.by_assessment(snapshots)
    pager(found, "top")
    for record in found.records:
        assessment_row(store, record, grouped.get(record.id, []))
    pager(found, "bottom")
    st.subheader("Compare")
    workspace_compare.comparison(found.records, snapshots)


def assessment_row(store: Store, record: AssessmentRecord, snapshots: list[SnapshotRecord]) -> None:
    summary = record.summary
    reports = " + ".join(summary.reports) or "No report yet"
    kind = f" · {summary.report_type}" if summary.report_type else ""
    readiness = "not assessed" if summary.readiness is None else f"{summary.readiness}%"
    current = st.session_state.get(persistence.ASSESSMENT) == record.id
    with st.container(border=True, key=f"row-{record.id}"):
        st.markdown(f"**{literal(shown_name(record))}**" + ("  :blue-badge[Open in this tab]" if current else "")
                    + ("  :orange-badge[Locked]" if record.locked else ""))
        st.caption(f"{reports}{kind} · readiness {readiness} · last change {record.updated_at:%d %b %Y %H:%M} UTC")
        row = st.container(horizontal=True)
        if row.button("Open", key=f"open-{record.id}", icon=":material/open_in_new:"):
            open_assessment(store, record)
        showing = st.session_state.get(LINKS_FOR) == record.id
        if row.button("Hide links" if showing else "Links", key=f"links-{record.id}", icon=":material/link:"):
            st.session_state[LINKS_FOR] = None if showing else record.id
            st.rerun()
        rename(row, store, record)
        if row.button("Duplicate", key=f"dup-{record.id}", icon=":material/content_copy:"):
            store.duplicate(record.id)
            st.rerun()
        row.button("Save as of today", key=f"snap-{record.id}", icon=":material/photo_camera:",
                   help="Keep a snapshot of today's answers to compare against later.",
                   on_click=workspace_snapshots.take, args=(store, record.id))
        workspace_snapshots.menu(row, store, record, snapshots)
        workspace_history.popover(row, store, record)
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


def rename(row: DeltaGenerator, store: Store, record: AssessmentRecord) -> None:
    """A new client name, saved like any other change: by this tab's author, kept in the history."""
    with row.popover("Rename", icon=":material/edit:"):
        name = st.text_input("New name", value=record.client_name, key=f"name-{record.id}", max_chars=200)
        if st.button("Save name", key=f"rename-{record.id}"):
            try:
                collaboration.save(store, record.id, {NAME_FIELD: name}, persistence.author())
            except LockedError:
                st.error("The workshop facilitator has locked this assessment, so it cannot be renamed now.")
            except NotFoundError:
                st.error("This assessment was deleted meanwhile.")
            else:
                st.rerun()
