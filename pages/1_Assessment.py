"""Assessment: one section per step, Back/Next over the visible sections only."""

import streamlit as st

from questions import default_bank
from scoring.steps import missing_required, neighbour
from storage.records import NAME_FIELD
from ui import assessed, persistence, state
from ui import pages_registry as pages
from ui.questions import question_widget
from ui.setup import page_setup
from ui.workshop_join import my_sections

page_setup("Assessment", sections=True)
bank = default_bank()
answers = state.answers()
quick = state.mode() == "quick"
grouped = assessed.sections(answers, quick)
sections = [s for s in bank.sections if s.id in grouped]
section_id = state.current_section(sections[0].id)
if section_id not in grouped:
    section_id = sections[0].id
    state.go_to_section(section_id)
section = next(s for s in sections if s.id == section_id)
position = [s.id for s in sections].index(section_id) + 1
yours = my_sections()

mode_label = "Quick check" if quick else "Full readiness assessment"
# Progress through the steps: a question card's save leaves it as it is (the answer counts are in the
# sidebar, ui/live.py), so answering never has to redraw the page.
st.caption(mode_label)
st.progress(position / len(sections), text=f"Section {position} of {len(sections)}")
st.header(section.title)
if yours:
    titles = {s.id: s.title for s in bank.sections}
    st.caption("The facilitator gave you: " + ", ".join(titles.get(s, s) for s in yours)
               + (". This one is yours." if section_id in yours else ". This section is someone else's; you "
                  "may still answer it."))
if section.intro:
    st.write(section.intro)
if section_id == "scoping":
    st.text_input("Organisation name (optional)", key=persistence.text_widget(NAME_FIELD),
                  max_chars=200, placeholder="e.g. Acme Payroll Ltd",
                  help="Shown in the workspace and on exported reports.",
                  on_change=persistence.rename_from_widget)
else:
    st.caption("Answer for how things work today. “Not sure” is fine: it counts as not in place and "
               "goes on your list of things to check.")

focus = state.focused_question()
for question in grouped[section_id]:
    question_widget(question, focused=question.id == focus)

previous_id = neighbour(sections, section_id, -1)
next_id = neighbour(sections, section_id, +1)
back, _, forward = st.columns([1, 1, 1])
if previous_id:
    back.button("Back", icon=":material/arrow_back:", width="stretch",
                on_click=state.go_to_section, args=(previous_id,))
if forward.button("Next" if next_id else "See my results", icon=":material/arrow_forward:",
                  icon_position="right", type="primary", width="stretch"):
    missing = missing_required(grouped[section_id], answers)
    if missing:
        st.error("Please answer before moving on:\n\n" + "\n".join(f"- {q.text}" for q in missing))
    elif next_id:
        state.go_to_section(next_id)
        st.rerun()
    else:
        st.switch_page(pages.RESULTS)
if quick and not next_id:
    st.caption("This is the quick check. For readiness by area and an action plan, "
               "switch to the full assessment on the Home page.")
