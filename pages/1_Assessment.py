"""Assessment: one section per step, Back/Next over the visible sections only."""

import streamlit as st

from questions import default_bank
from scoring.steps import missing_required, neighbour, progress, visible_by_section, visible_sections
from ui import state
from ui.questions import question_widget
from ui.setup import page_setup

page_setup("Assessment")
bank = default_bank()
answers = state.answers()
sections = visible_sections(bank, answers)
section_id = state.current_section(sections[0].id)
if section_id not in {s.id for s in sections}:
    section_id = sections[0].id
    state.go_to_section(section_id)
section = next(s for s in sections if s.id == section_id)
position = [s.id for s in sections].index(section_id) + 1

answered, total = progress(bank, answers)
st.progress(answered / total if total else 0.0,
            text=f"Section {position} of {len(sections)} · {answered} of {total} questions answered")
st.header(section.title)
if section.intro:
    st.write(section.intro)

questions = visible_by_section(bank, answers)[section_id]
for question in questions:
    question_widget(question)

back, _, forward = st.columns([1, 2, 1])
previous_id = neighbour(sections, section_id, -1)
next_id = neighbour(sections, section_id, +1)
if previous_id and back.button("← Back", use_container_width=True):
    state.go_to_section(previous_id)
    st.rerun()
if forward.button("Next →" if next_id else "See results →", type="primary", use_container_width=True):
    missing = missing_required(questions, answers)
    if missing:
        st.error("Please answer before moving on: " + "; ".join(q.text for q in missing))
    elif next_id:
        state.go_to_section(next_id)
        st.rerun()
    else:
        st.switch_page("pages/2_Results.py")
