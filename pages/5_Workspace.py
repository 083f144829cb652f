"""Workspace: the saved assessments this viewer may see, a page at a time; open, links, rename,
duplicate, snapshot, export, delete, compare. Closed without access control off this machine."""

import streamlit as st

from ui import auth, new_assessment, persistence, workspace_view
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
st.caption("Every assessment saved on this server" + (f" for {viewer.org}" if viewer.org else "") + ". Snapshots "
           "keep a client's answers as of a date, so you can show progress months later.")

workspace_view.importer(store, viewer)
found = workspace_view.current_page(store, viewer)
if not found.total:
    if st.session_state.get(workspace_view.SEARCH):
        st.info("No assessment's client name contains that text.", icon=":material/search_off:")
    else:
        st.info("No saved assessments yet. Start one from the Home page: it is saved from the first answer.",
                icon=":material/info:")
    st.stop()
st.subheader(f"{found.total:,} assessment{'s' if found.total != 1 else ''}")
workspace_view.pager(found, "top")
for record in found.records:
    workspace_view.assessment_row(store, record)
workspace_view.pager(found, "bottom")
st.subheader("Compare")
workspace_view.comparison(store, found.records)
