"""Results: the recommendation, its reasons, the scope, readiness, the top gaps and the myths."""

from datetime import date

import streamlit as st

from questions import default_bank
from scoring.steps import all_missing_required
from ui import assessed, state
from ui import pages_registry as pages
from ui import results_view as view
from ui.changes_view import what_changed
from ui.downloads import export_panel
from ui.setup import page_setup

page_setup("Results", wide=True)
answers = state.answers()
st.title("Your results")
if not answers:
    st.info("Nothing to show yet: answer the scoping questions first (about 3 minutes) and your "
            "recommendation appears here.", icon=":material/info:")
    st.page_link(pages.ASSESSMENT, label="Start the assessment", icon=":material/checklist:")
    st.stop()

bank = default_bank()
missing = all_missing_required(bank, answers)
if missing:
    st.warning("Some required questions are unanswered, so this result is provisional: "
               + "; ".join(q.text for q in missing), icon=":material/warning:")
result = assessed.result(answers, bank)
start = date.today()

with st.container(border=True):
    st.subheader(result.headline)
    view.promise(result, start)
    st.caption(result.timeline.estimate_basis + " A readiness estimate, not an audit or an attestation.")
view.deadline(result, start)
view.blockers(result, bank)
view.report_cards(result)

view.details(result, bank)
what_changed()
st.page_link(pages.PLAN, label="See the dated plan", icon=":material/calendar_month:")
st.divider()
export_panel(result, answers, start, key="results", notes_editable=True)
