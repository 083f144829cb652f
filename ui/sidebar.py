"""The sidebar every page shares: navigation, "New assessment", save status and the resume link."""

from __future__ import annotations

import streamlit as st

from ui import auth, links, live, new_assessment, sections_nav
from ui import pages_registry as pages


def sidebar(sections: bool = False) -> None:
    """`sections`: the Assessment page's list of sections goes in the live part too (ui/sections_nav.py)."""
    with st.sidebar:
        st.markdown("### :material/explore: SOC Navigator")
        for path, label, icon in pages.NAVIGATION:
            st.page_link(path, label=label, icon=icon)
        new_assessment.button("new-assessment-sidebar")
        if sections:
            live.poll(sections_nav.draw, sections_nav.off_screen)
        else:
            live.poll()
        auth.claim_offer()
        url = links.resume_url()
        if url:
            with st.expander("Your resume link", icon=":material/link:"):
                st.caption("Bookmark it or send it to a colleague: it reopens this assessment anywhere. "
                           "Anyone with the link can see and change it.")
                st.code(url, language=None, wrap_lines=True)
