"""The session's answers and wizard position, kept apart from widget state.

Streamlit forgets the state of widgets a page did not draw, so answers live in
`st.session_state` under their own key: one dict per browser session, never at module level.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

ANSWERS = "answers"
SECTION = "section_id"
MODE = "mode"
FOCUS = "focus_question"

Mode = Literal["quick", "full"]


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
        # A whole float from a number input becomes an int; anything else is kept as sent, so the
        # server-side check (scoring.answers.split_valid, on every save) can refuse it with a message.
        answers()[question_id] = int(value) if isinstance(value, float) and value.is_integer() else value


def mode() -> Mode:
    """Quick check (scoping only) or the full readiness assessment."""
    return st.session_state.setdefault(MODE, "full")


def start(new_mode: Mode) -> None:
    """Begin (or continue) in a mode, at the first section unless already under way."""
    st.session_state[MODE] = new_mode
    if new_mode == "quick":
        st.session_state[SECTION] = "scoping"


def begin_fresh() -> None:
    """A new assessment: the full assessment from its first section, no question highlighted, the plan
    as answered."""
    st.session_state[MODE] = "full"
    for key in (SECTION, FOCUS):
        st.session_state.pop(key, None)
    st.session_state[WHAT_IF] = {}  # defined with the Plan page's choices below


def current_section(default: str) -> str:
    return st.session_state.setdefault(SECTION, default)


def go_to_section(section_id: str) -> None:
    st.session_state[SECTION] = section_id
    st.session_state.pop(FOCUS, None)


def change_answer(question_id: str, section_id: str) -> None:
    """Button callback from Results: open the question's section with the question highlighted."""
    st.session_state[SECTION] = section_id
    st.session_state[FOCUS] = question_id
    if section_id != "scoping":
        st.session_state[MODE] = "full"


def focused_question() -> str | None:
    return st.session_state.get(FOCUS)


# --- the Plan page's what-if choices ----------------------------------------------------------
# Kept apart from widget state (like the answers), so a choice survives page switches and a
# control the user never moved always shows the engine's own value, never a stale one.

WHAT_IF = "what_if"
_UNSET = object()   # a control not drawn yet


def what_if_key(name: str) -> str:
    return f"plan:{name}"


def what_if() -> dict[str, object]:
    """The what-if choices this session made on purpose, by name (empty: the plan as answered)."""
    return st.session_state.setdefault(WHAT_IF, {})


WHAT_IF_MOVED = "what_if_moved"


def remember_what_if(name: str) -> None:
    """Widget callback: the user moved a what-if control, so its value now applies."""
    what_if()[name] = st.session_state.get(what_if_key(name))
    st.session_state[WHAT_IF_MOVED] = True


def clear_what_if() -> None:
    """Button callback: back to the plan as answered."""
    st.session_state[WHAT_IF] = {}
    st.session_state[WHAT_IF_MOVED] = True


def what_if_moved() -> bool:
    """Whether a what-if control moved since this was last asked (the Plan page's share panel, drawn
    outside the what-if fragment, is then drawn again)."""
    return bool(st.session_state.pop(WHAT_IF_MOVED, False))


def opened(key: str) -> bool:
    """Whether the expander or toggle with this key is open or on, read before it is drawn."""
    return bool(st.session_state.get(key))


def show_what_if(name: str, value: object) -> None:
    """Set the value a what-if control shows before it is drawn: the chosen one or the engine's (only
    when it differs: a value set through the session state costs the widget extra checks)."""
    key, shown = what_if_key(name), what_if().get(name, value)
    if st.session_state.get(key, _UNSET) != shown:
        st.session_state[key] = shown
