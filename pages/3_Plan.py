"""Plan: the dated timeline with what-if controls that redraw only their own part."""

import streamlit as st

from ui import pages_registry as pages
from ui import plan_view, state
from ui.setup import page_setup

page_setup("Plan", wide=True)
answers = state.answers()
st.title("Your plan")
if not answers:
    st.info("Nothing to plan yet: answer the scoping questions first and your dated plan appears here.",
            icon=":material/info:")
    st.page_link(pages.ASSESSMENT, label="Start the assessment", icon=":material/checklist:")
    st.stop()

plan_view.plan(answers)
