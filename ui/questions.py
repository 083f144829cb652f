"""Draw one bank question as the right Streamlit widget, bound to the session's answers."""

from __future__ import annotations

import streamlit as st

from questions import Question
from ui import state

MANY_OPTIONS = 6


def question_widget(question: Question) -> None:
    """A widget whose initial value is the saved answer and whose changes are saved at once."""
    key = state.widget_key(question.id)
    saved = state.answers().get(question.id)
    if key not in st.session_state and saved is not None:
        st.session_state[key] = saved
    label = question.text + (" *" if question.required else "")
    common = {"key": key, "on_change": state.remember, "args": (question.id,), "help": question.help}
    if question.kind == "integer":
        st.number_input(label, min_value=question.min, max_value=question.max, value=None, step=1,
                        placeholder=f"Number of {question.unit}" if question.unit else "A whole number",
                        **common)
    elif len(question.options) > MANY_OPTIONS:
        st.selectbox(label, options=question.values, index=None, format_func=question.label_for,
                     placeholder="Choose one", **common)
    else:
        st.radio(label, options=question.values, index=None, format_func=question.label_for,
                 horizontal=question.kind == "readiness", **common)
    if question.kind == "readiness":
        with st.expander("What an auditor would want to see"):
            st.write(question.evidence)
