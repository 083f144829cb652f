"""Home: what SOC Navigator does, and where to start."""

import streamlit as st

from ui.setup import page_setup

page_setup("Home")

st.title(":material/explore: SOC Navigator")
st.write(
    "Find out whether your business needs a **SOC 1** report, a **SOC 2** report, both, or none yet, "
    "and get a realistic, dated plan to get there."
)
st.caption(
    "A SOC report is an attestation: an independent, licensed CPA firm examines your controls and "
    "gives its opinion. It is not a certification, and this tool is a readiness estimate, not an audit."
)
if st.button("Start the assessment", type="primary"):
    st.switch_page("pages/1_Assessment.py")
