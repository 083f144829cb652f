"""The sidebar every page shares: navigation, "New assessment", save status and the resume link."""

from __future__ import annotations

import streamlit as st

from ui import auth, links, live, new_assessment, persistence, state
from ui import pages_registry as pages

STATUS_TEXT = {
    "saved": ":material/cloud_done: Saved",
    "offline": ":material/cloud_off: Not saved: the database cannot be reached. Your answers are kept in this "
               "tab and saved as soon as it is back.",
    "locked": ":material/lock: Answers are locked by the workshop facilitator.",
}


def sidebar() -> None:
    with st.sidebar:
        st.markdown("### :material/explore: SOC Navigator")
        for path, label, icon in pages.NAVIGATION:
            st.page_link(path, label=label, icon=icon)
        new_assessment.button("new-assessment-sidebar")
        answered = len(state.answers())
        st.caption(f"{answered} answer{'s' if answered != 1 else ''} so far" if answered else "No answers yet")
        status = persistence.status()
        if status in STATUS_TEXT:
            saved_at = st.session_state.get(persistence.SAVED_AT, "")
            st.caption(STATUS_TEXT[status] + (f" at {saved_at}" if status == "saved" and saved_at else ""),
                       help="Every answer is saved the moment you give it.")
        live.poll()
        auth.claim_offer()
        url = links.resume_url()
        if url:
            with st.expander("Your resume link", icon=":material/link:"):
                st.caption("Bookmark it or send it to a colleague: it reopens this assessment anywhere. "
                           "Anyone with the link can see and change it.")
                st.code(url, language=None, wrap_lines=True)
