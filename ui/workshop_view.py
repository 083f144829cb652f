"""The facilitator's screen. It redraws when the room changes anything: the sidebar's live poll
(ui/live.py) reruns the page when answers, the lock or the people present change, so this module
only draws the current state (services/workshop.py computes it)."""

from __future__ import annotations

import base64
import hashlib
import io

import segno
import streamlit as st

from services.workshop import RoomView, room_view
from storage import NotFoundError, Store, access, workshops
from storage.workshops import Workshop
from ui import auth, new_assessment, persistence, state
from ui import pages_registry as pages
from ui.text import literal

PAGE_PATH = "Workshop"


def facilitator_screen() -> None:
    """Gate (workspace access, an open assessment), then the workshop or the button to start one."""
    store = persistence.store()
    if store is None:
        st.error("The database cannot be reached right now. Please try again in a minute.", icon=":material/cloud_off:")
        return
    if persistence.participant():
        st.info("This screen is for the workshop's facilitator. Your questions are on the Assessment page.",
                icon=":material/groups:")
        st.page_link(pages.ASSESSMENT, label="Go to my questions", icon=":material/checklist:")
        return
    if auth.workspace_viewer(store) is None:
        return
    assessment_id = st.session_state.get(persistence.ASSESSMENT)
    if not assessment_id:
        st.title("Run a workshop")
        st.info("Open the client's assessment first (Workspace, then Open), or start a new one: the workshop "
                "runs on the assessment open in this tab.", icon=":material/info:")
        new_assessment.button("new-assessment-workshop", primary=True)
        return
    found = workshops.get(store.engine, assessment_id)
    st.title(f"Workshop: {literal(persistence.client_name() or 'Untitled assessment', 200)}")
    if found is None or not found.active:
        _start_offer(store, assessment_id)
        return
    _running(store, found)


def _start_offer(store: Store, assessment_id: str) -> None:
    st.write("Show a join link and QR code on the projector. Participants open it on their phones, give their "
             "name and answer; you see their answers arrive, give each person their sections, and lock the "
             "answers at the end. The link opens this assessment only, never your workspace.")
    if st.button("Start the workshop", type="primary", icon=":material/play_arrow:", key="workshop-start"):
        try:
            workshops.start(store.engine, access.link_secret(), assessment_id, persistence.author().name)
        except NotFoundError:
            st.error("This assessment was deleted.")
            return
        st.rerun()


def join_url(found: Workshop) -> str:
    """The join link: the app's address (without this page's path) with the workshop's token."""
    base = (st.context.url or "").split("?")[0].rstrip("/")
    if base.endswith("/" + PAGE_PATH):
        base = base[: -len(PAGE_PATH) - 1]
    token = workshops.join_token(access.link_secret(), found.assessment_id, found.started_at)
    return f"{base}/?{persistence.JOIN_PARAM}={token}"


@st.cache_data(show_spinner=False, max_entries=64)
def qr_base64(url: str) -> str:
    """The join link as a PNG QR code (base64), big enough to scan from the back of a room."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    return base64.b64encode(buffer.getvalue()).decode()


def _running(store: Store, found: Workshop) -> None:
    view = room_view(store, found.assessment_id, state.answers(), found, quick=state.mode() == "quick")
    join, result = st.columns([2, 3])
    with join:
        url = join_url(found)
        # A markdown image, so the code has alternative text (st.image gives it none).
        st.markdown(f"![QR code: scan to join the workshop](data:image/png;base64,{qr_base64(url)})")
        st.caption("Scan to join")
        st.code(url, language=None, wrap_lines=True)
    with result:
        _result(view)
    st.subheader("People")
    _people(store, found, view)
    st.subheader("Sections")
    _sections(view)
    st.subheader("At the end")
    _controls(store, found)


def _result(view: RoomView) -> None:
    st.markdown(f"**{view.headline}**")
    left, right = st.columns(2)
    left.metric("Readiness", "Not yet" if view.readiness is None else f"{view.readiness}%",
                help="Measured once the readiness sections have answers.")
    left_total = f"{view.answered} of {view.total}"
    right.metric("Questions answered", left_total)
    st.progress(view.answered / view.total if view.total else 0.0)


def _people(store: Store, found: Workshop, view: RoomView) -> None:
    if not view.people:
        st.caption("Nobody has joined yet. Participants appear here as they join.")
        return
    titles = {part.section_id: part.title for part in view.sections}
    for person in view.people:
        shown = literal(person.name or "Someone who gave no name", 80)
        here = _badge(person.here)
        given = int(person.answers_given)
        slug = hashlib.sha256(person.name.encode()).hexdigest()[:12]
        with st.container(border=True, key=f"person-{slug}"):
            st.markdown(f"**{shown}** {here} · {given} answer{'s' if given != 1 else ''}")
            if person.name:
                key = f"assign-{slug}"
                st.session_state.setdefault(key, [sid for sid in person.sections if sid in titles])
                st.multiselect(f"Sections for {shown}", list(titles), key=key, format_func=titles.get,
                               placeholder="Every section", on_change=_assign,
                               args=(store, found.assessment_id, person.name, key))


def _badge(here: bool) -> str:
    return ":green-badge[here]" if here else ":gray-badge[away]"


def _assign(store: Store, assessment_id: str, name: str, key: str) -> None:
    workshops.assign(store.engine, assessment_id, name, tuple(st.session_state.get(key, ())))


def _sections(view: RoomView) -> None:
    for section in view.sections:
        with st.container(border=True, key=f"section-{section.section_id}"):
            people = ", ".join(section.assigned_to)
            st.markdown(f"**{section.title}** · {section.answered} of {section.total}"
                        + (f" · {literal(people, 300)}" if len(section.assigned_to) else ""))
            st.progress(section.answered / section.total if section.total else 1.0)
            if section.open_questions:
                with st.expander(f"{len(section.open_questions)} still open"):
                    st.markdown("\n".join(f"- {text}" for text in section.open_questions))


def _controls(store: Store, found: Workshop) -> None:
    columns = st.columns(3)
    if persistence.locked():
        columns[0].button("Unlock the answers", icon=":material/lock_open:", key="workshop-unlock",
                          on_click=_set_lock, args=(store, found.assessment_id, False), width="stretch")
    else:
        columns[0].button("Lock the answers", icon=":material/lock:", key="workshop-lock", type="primary",
                          on_click=_set_lock, args=(store, found.assessment_id, True), width="stretch",
                          help="Nobody can change an answer until you unlock them.")
    columns[1].button("New join link", icon=":material/refresh:", key="workshop-restart", width="stretch",
                      on_click=_restart, args=(store, found.assessment_id),
                      help="The old link and QR code stop working; people already in are asked to rejoin.")
    columns[2].button("End the workshop", icon=":material/stop:", key="workshop-end", width="stretch",
                      on_click=workshops.end, args=(store.engine, found.assessment_id),
                      help="The join link stops working. The answers stay saved.")


def _set_lock(store: Store, assessment_id: str, locked: bool) -> None:
    store.set_locked(assessment_id, locked)
    persistence.sync()


def _restart(store: Store, assessment_id: str) -> None:
    workshops.start(store.engine, access.link_secret(), assessment_id, persistence.author().name)
