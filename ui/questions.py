"""Draw one bank question as the right Streamlit widget, bound to the session's answers.

Each question card is its own `st.fragment`: answering reruns that card and saves the answer, not
the whole page (ui/persistence.py decides when the whole page must follow). "Why we ask" is built
only while it is open.
"""

from __future__ import annotations

import streamlit as st

from questions import Question
from ui import persistence, state

MANY_OPTIONS = 6


def question_widget(question: Question, focused: bool = False) -> None:
    """A widget whose initial value is the saved answer and whose changes are saved at once."""
    _card(question, focused)


@st.fragment
def _card(question: Question, focused: bool) -> None:
    key = state.widget_key(question.id)
    saved = state.answers().get(question.id)
    if key not in st.session_state:  # set even when empty, so the browser clears a choice it still shows
        st.session_state[key] = saved if _fits(question, saved) else None
    with st.container(border=True, key=f"box-{question.id}"):
        if focused:
            st.caption(":material/edit: You came here to change this answer.")
        _input(question, key)
        why = st.popover("Why we ask", icon=":material/info:", type="tertiary", key=why_key(question.id),
                         on_change="rerun")
        if why.open:  # the explanation is sent only to someone who opened it
            with why:
                st.write(question.help)
                if question.evidence:
                    st.markdown(f"**Evidence an auditor would want:** {question.evidence}")
                if question.criteria:
                    st.caption("Evidences criteria " + ", ".join(question.criteria))


def why_key(question_id: str) -> str:
    return f"why:{question_id}"


def _fits(question: Question, value: object) -> bool:
    """Whether the widget can show `value`: a forged or out-of-date answer must never crash the page
    (the save refuses it with a message, ui/persistence.py)."""
    if question.kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool) and \
            (question.min is None or value >= question.min) and (question.max is None or value <= question.max)
    return isinstance(value, str) and value in question.values


def _input(question: Question, key: str) -> None:
    label = question.text + (" *" if question.required else "")
    common = {"key": key, "on_change": persistence.answer_changed, "args": (question.id,),
              "disabled": persistence.locked()}
    if question.kind == "integer":
        st.number_input(label, min_value=question.min, max_value=question.max, value=None, step=1,
                        placeholder=("Optional · " if not question.required else "") + f"number of {question.unit}",
                        **common)
    elif len(question.options) > MANY_OPTIONS:
        st.selectbox(label, options=question.values, index=None, format_func=question.label_for,
                     placeholder="Choose one", **common)
    else:
        st.radio(label, options=question.values, index=None, format_func=question.label_for,
                 horizontal=True, **common)
