"""Home: what SOC Navigator does, the two ways in, and where you left off."""

import streamlit as st

from questions import default_bank
from scoring.steps import progress
from ui import pages_registry as pages
from ui import state
from ui.setup import page_setup

page_setup("Home")

st.title(":material/explore: SOC Navigator")
st.write(
    "Find out whether your business needs a **SOC 1** report, a **SOC 2** report, both, or none yet. "
    "Then see how ready you are and get a dated plan to the report."
)

answers = state.answers()
if answers:
    answered, total = progress(default_bank(), answers, quick=state.mode() == "quick")
    with st.container(border=True):
        st.markdown(f"**Continue where you left off** · {answered} of {total} questions answered")
        resume, results = st.columns(2)
        if resume.button("Continue the assessment", icon=":material/play_arrow:", type="primary", width="stretch"):
            st.switch_page(pages.ASSESSMENT)
        if results.button("See my results", icon=":material/insights:", width="stretch"):
            st.switch_page(pages.RESULTS)

quick, full = st.columns(2)
with quick.container(border=True, height="stretch"):
    st.markdown("#### :material/bolt: Quick check")
    st.write("16 questions, about 3 minutes. Which report you need, Type I or Type II, which "
             "criteria categories, and a first timeline.")
    if st.button("Start the quick check", key="start-quick", width="stretch",
                 type="secondary" if answers else "primary"):
        state.start("quick")
        st.switch_page(pages.ASSESSMENT)
with full.container(border=True, height="stretch"):
    st.markdown("#### :material/fact_check: Full readiness assessment")
    st.write("The quick check plus 50 to 70 questions on your controls (more for SOC 1 and data centres), "
             "15-25 minutes. Adds "
             "readiness by area, a ranked action plan and a sharper timeline.")
    if st.button("Start the full assessment", key="start-full", width="stretch"):
        state.start("full")
        st.switch_page(pages.ASSESSMENT)

st.caption(
    "A SOC report is an attestation: an independent, licensed CPA firm examines your controls and "
    "signs its opinion. It is not a certification, and no internal team, consultant or software can "
    "issue one. SOC Navigator gives a readiness estimate, not an audit."
)
st.page_link(pages.LEARN, label="New to SOC reports? Learn the basics", icon=":material/school:")
