"""Workspace: every saved assessment; open, rename, duplicate, snapshot, export, delete, compare."""

import streamlit as st

from ui import persistence, workspace_view
from ui.setup import page_setup

page_setup("Workspace", wide=True)
st.title("Workspace")
st.caption("Every assessment saved on this server. Snapshots keep a client's answers as of a date, so you "
           "can show progress months later.")
if not workspace_view.unlocked():
    st.stop()
store = persistence.store()
if store is None:
    st.error("The database cannot be reached right now, so saved assessments cannot be listed. "
             "Please try again in a minute.", icon=":material/cloud_off:")
    st.stop()

workspace_view.importer(store)
records = store.list()
if not records:
    st.info("No saved assessments yet. Start one from the Home page: it is saved from the first answer.",
            icon=":material/info:")
    st.stop()
st.subheader(f"{len(records)} assessment{'s' if len(records) != 1 else ''}")
for record in records:
    workspace_view.assessment_row(store, record)
st.subheader("Compare")
workspace_view.comparison(store, records)
