"""Results: the engine's recommendation, its reasons, readiness, gaps and plan."""

import streamlit as st

from questions import default_bank
from scoring import assess
from ui import state
from ui.setup import page_setup

page_setup("Results")
answers = state.answers()
st.title("Your results")
if not answers:
    st.info("Answer the questions first: your recommendation appears here.")
    st.page_link("pages/1_Assessment.py", label="Start the assessment", icon=":material/checklist:")
    st.stop()

bank = default_bank()
result = assess(answers, bank)
st.subheader(result.headline)
cols = st.columns(3)
cols[0].metric("Reports", ", ".join(result.reports) or "None yet")
cols[1].metric("Type", result.report_type or "—")
cols[2].metric("Readiness", "Not assessed" if result.readiness.overall is None else f"{result.readiness.overall}%")
if result.categories:
    st.write("**Trust Services Criteria categories in scope:** " + ", ".join(result.categories))

st.markdown("#### Why")
for reason in result.rationale:
    because = ", ".join(bank.question(q).text for q in reason.because if bank.has(q))
    st.markdown(f"- {reason.statement}" + (f"  \n  *Because you answered:* {because}" if because else ""))

st.markdown(f"#### Plan: {result.timeline.label}")
st.caption(result.timeline.estimate_basis)
st.table([{"Phase": p.name, "From week": p.start_week, "To week": p.end_week} for p in result.timeline.phases])
if result.timeline.verdict_text:
    st.write(result.timeline.verdict_text)

if result.gaps:
    st.markdown("#### What to fix first")
    st.table([{"Priority": g.priority, "Control": g.text, "Action": g.action} for g in result.gaps[:10]])
