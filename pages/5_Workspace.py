"""Workspace: the saved assessments this viewer may see, a page at a time, searched and sorted; open,
links, rename, duplicate, snapshots, history and restore, export, delete, compare; and the firm's
name and logo for its reports. Closed without access control off this machine."""

import streamlit as st

from ui import auth, firm_view, new_assessment, persistence, workspace_view
from ui.setup import page_setup

page_setup("Workspace", wide=True)
title, action = st.columns([4, 1], vertical_alignment="bottom")
title.title("Workspace")
with action:
    new_assessment.button("new-assessment-workspace", primary=True)
store = persistence.store()
if store is None:
    st.error("The database cannot be reached right now, so saved assessments cannot be listed. "
             "Please try again in a minute.", icon=":material/cloud_off:")
    st.stop()
viewer = auth.workspace_viewer(store)
if viewer is None:
    st.stop()
auth.viewer_bar(viewer)
st.caption("The assessments saved on this server" + (f" for {viewer.org}" if viewer.org else "") + ", once they "
           "have a name or an answer. Snapshots keep a client's answers as of a date, so you can show progress "
           "months later.")

firm_view.settings(store, viewer)
workspace_view.importer(store, viewer)
found = workspace_view.current_page(store, viewer)
if not found.total:
    if st.session_state.get(workspace_view.SEARCH):
        st.info("No assessment's client name contains that text.", icon=":material/search_off:")
    else:
        st.info("No saved assessments yet. Start one from the Home page: it is listed here from its first "
                "answer, or once it has a name.", icon=":material/info:")
    st.stop()
st.subheader(f"{found.total:,} assessment{'s' if found.total != 1 else ''}")
workspace_view.assessments(store, found)
