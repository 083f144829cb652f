"""The Assessment page's list of sections in the sidebar, each with how many of its questions are
answered. It is drawn inside the live fragment (ui/live.py), so the counts catch up after a question
card saved an answer, or a colleague answered a question of another section, without the whole page
running again."""

from __future__ import annotations

import streamlit as st

from questions import default_bank
from scoring.steps import section_progress
from ui import assessed, persistence, state
from ui.workshop_join import my_sections


def draw() -> None:
    bank = default_bank()
    answers = state.answers()
    grouped = assessed.sections(answers, state.mode() == "quick")
    sections = [s for s in bank.sections if s.id in grouped]
    if not sections:
        return
    current = st.session_state.get(state.SECTION, sections[0].id)
    if current not in grouped:
        current = sections[0].id
    yours = my_sections()
    st.markdown("**Sections**")
    for step in sections:
        done, count = section_progress(grouped[step.id], answers)
        mark = ":material/check_circle:" if done == count else ":material/radio_button_unchecked:"
        st.button(f"{step.title} ({done}/{count})" + (" · yours" if step.id in yours else ""), key=f"jump-{step.id}",
                  icon=":material/person:" if step.id in yours and done < count else mark, type="tertiary",
                  on_click=_jump, args=(step.id,), disabled=step.id == current)


def off_screen() -> frozenset[str]:
    """The questions a colleague may change without this page being redrawn: every question of the
    bank but the section on screen's, and none that decides what is shown (those redraw the page)."""
    bank = default_bank()
    grouped = assessed.sections(state.answers(), state.mode() == "quick")
    current = st.session_state.get(state.SECTION, next(iter(grouped), ""))
    on_screen = {q.id for q in grouped.get(current, ())}
    return frozenset(q.id for q in bank.questions if q.id not in on_screen and q.id not in bank.steering)


def _jump(section_id: str) -> None:
    """From the live fragment: open another section, which is a change of the whole page."""
    state.go_to_section(section_id)
    persistence.whole_page()
