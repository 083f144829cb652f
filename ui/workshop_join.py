"""A participant's way in: the workshop's join link (`?w=<token>`) opens that one assessment, asks
once for the participant's name, and starts them on the sections the facilitator gave them."""

from __future__ import annotations

import streamlit as st

from storage import workshops
from storage.health import STORE_ERRORS
from storage.workshops import Workshop
from ui import pages_registry as pages
from ui import persistence, state
from ui.text import literal

WORKSHOP = "workshop"
NAME_INPUT = "join_name_input"
ENDED = ("This workshop link does not open anything: the workshop may have ended, been restarted with a new "
         "link, or the link was cut short. Ask the facilitator for the link on the screen.")


def join_from_link() -> None:
    """Bind this tab to the assessment of the join link in the URL (once), or say why not."""
    token = st.query_params.get(persistence.JOIN_PARAM)
    if not token or token == st.session_state.get(persistence.TOKEN):
        return
    target = persistence.store()
    try:
        found = workshops.join(target.engine, token) if target is not None else None
        record = target.get(found.assessment_id) if target is not None and found is not None else None
    except STORE_ERRORS:
        found = record = None
    if found is None or record is None:
        del st.query_params[persistence.JOIN_PARAM]
        st.session_state[persistence.LINK_PROBLEM] = ENDED
        return
    persistence.bind(record, token, kind=persistence.JOIN_PARAM)
    st.session_state[WORKSHOP] = found


def workshop() -> Workshop | None:
    found = st.session_state.get(WORKSHOP)
    return found if isinstance(found, Workshop) and persistence.participant() else None


def refresh() -> bool:
    """Re-read the workshop (sections given since); True when this participant's sections changed."""
    current = workshop()
    target = persistence.store()
    if current is None or target is None:
        return False
    try:
        fresh = workshops.get(target.engine, current.assessment_id)
    except STORE_ERRORS:
        return False
    if fresh is None:
        return False
    st.session_state[WORKSHOP] = fresh
    name = st.session_state.get(persistence.DISPLAY_NAME, "")
    return fresh.sections_for(name) != current.sections_for(name)


def my_sections() -> tuple[str, ...]:
    """The sections the facilitator gave this participant (none: every section is theirs)."""
    found = workshop()
    return found.sections_for(st.session_state.get(persistence.DISPLAY_NAME, "")) if found else ()


def name_gate() -> None:
    """A participant who has not said who they are is asked first (the page stops until they do)."""
    if workshop() is None or st.session_state.get(persistence.DISPLAY_NAME):
        return
    st.title("Join the workshop")
    st.write(f"You are joining the SOC readiness workshop for "
             f"**{literal(persistence.client_name() or 'this organisation', 200)}**. Your answers are saved as you "
             "give them, and everyone in the room sees them appear.")
    with st.form("join"):
        st.text_input("Your name, as colleagues know you", key=NAME_INPUT, max_chars=80,
                      placeholder="e.g. Sam (IT lead)")
        joined = st.form_submit_button("Join", type="primary", icon=":material/login:")
    if joined:
        name = " ".join(str(st.session_state.get(NAME_INPUT, "")).split())[:80]
        if not name:
            st.error("Please give your name, so the facilitator knows who answered what.")
        else:
            st.session_state[persistence.DISPLAY_NAME] = name
            sections = my_sections()
            if sections:
                state.go_to_section(sections[0])
            st.switch_page(pages.ASSESSMENT)
    st.stop()
