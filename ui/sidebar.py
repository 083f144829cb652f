"""The sidebar every page shares: where you are, and how far the assessment has got."""

from __future__ import annotations

import streamlit as st

from ui import state

PAGES = (
    ("app.py", "Home", ":material/home:"),
    ("pages/1_Assessment.py", "Assessment", ":material/checklist:"),
    ("pages/2_Results.py", "Results", ":material/insights:"),
    ("pages/3_Plan.py", "Plan", ":material/calendar_month:"),
    ("pages/4_Learn.py", "Learn", ":material/school:"),
)


def sidebar() -> None:
    with st.sidebar:
        st.markdown("### :material/explore: SOC Navigator")
        for path, label, icon in PAGES:
            st.page_link(path, label=label, icon=icon)
        answered = len(state.answers())
        st.caption(f"{answered} answer{'s' if answered != 1 else ''} so far" if answered
                   else "No answers yet")
