"""Resume links in the address bar: opening the assessment a link names (or saying kindly why not),
keeping the URL in step with the tab, and the link to show the user."""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.persistence import JOIN_PARAM, LINK_PARAM, LINK_PROBLEM, SECTION_PARAM, TOKEN, bind, participant
from ui.store_access import STORE_ERRORS, store, store_failed


def restore_from_link() -> None:
    """Open the assessment named by the URL's token, or say kindly why not; keep the URL in step."""
    token = st.query_params.get(LINK_PARAM)
    own = st.session_state.get(TOKEN)
    if participant():  # bound through the workshop's join link (ui/workshop_join.py): keep it in the URL
        if st.query_params.get(JOIN_PARAM) != own:
            st.query_params[JOIN_PARAM] = own
        return
    if token and token != own:
        target = store()
        if target is None:
            st.session_state[LINK_PROBLEM] = ("The database cannot be reached right now, so this link cannot be "
                                              "opened yet. Please reload the page in a minute.")
            return
        try:
            record = target.open(token)
        except STORE_ERRORS as exc:
            store_failed(exc, target)
            st.session_state[LINK_PROBLEM] = ("The database cannot be reached right now, so this link cannot be "
                                              "opened yet. Please reload the page in a minute.")
            return
        if record is not None:
            bind(record, token, st.query_params.get(SECTION_PARAM))
            st.session_state.pop(LINK_PROBLEM, None)
            return
        st.session_state[LINK_PROBLEM] = ("This resume link does not match any saved assessment: it may be "
                                          "mistyped, cut short, or the assessment was deleted. Nothing was "
                                          "opened or changed.")
        token = None
    if own and token != own:
        st.query_params[LINK_PARAM] = own
    elif not own and not token and LINK_PARAM in st.query_params:
        del st.query_params[LINK_PARAM]


def resume_url() -> str | None:
    """The link that reopens this assessment at the section the wizard is on."""
    token = st.session_state.get(TOKEN)
    if not token or participant():
        return None
    base = (st.context.url or "").split("?")[0]
    section = st.session_state.get(state.SECTION)
    return f"{base}?{LINK_PARAM}={token}" + (f"&{SECTION_PARAM}={section}" if section else "")
