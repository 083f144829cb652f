"""The session's answers, kept apart from widget state so they survive switching pages.

Streamlit forgets the state of widgets that a page did not draw; the answers dict lives in
`st.session_state` under its own key, one per browser session, never at module level.
"""

from __future__ import annotations

import streamlit as st

ANSWERS = "answers"
SECTION = "section_id"


def answers() -> dict[str, object]:
    """This session's answers (created empty on first use)."""
    return st.session_state.setdefault(ANSWERS, {})


def widget_key(question_id: str) -> str:
    return f"q:{question_id}"


def remember(question_id: str) -> None:
    """Widget callback: copy the widget's value into the answers (None clears the answer)."""
    value = st.session_state.get(widget_key(question_id))
    if value is None or value == "":
        answers().pop(question_id, None)
    else:
        answers()[question_id] = int(value) if isinstance(value, float) else value


def current_section(default: str) -> str:
    return st.session_state.setdefault(SECTION, default)


def go_to_section(section_id: str) -> None:
    st.session_state[SECTION] = section_id
