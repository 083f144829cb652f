"""Autosave, resume links and conflicts: the bridge between a browser session and the store.

Per-session facts (which assessment, which revision, the save status) live in
`st.session_state`; the only process-wide object is the store's connection pool.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from questions import default_bank
from scoring.summary import summarise
from storage import AssessmentRecord, ConflictError, NotFoundError, Store, database_url, open_store
from ui import state

STORE_ERRORS = (SQLAlchemyError, OSError)
ASSESSMENT, TOKEN, REVISION = "assessment_id", "token", "revision"
STATUS, SAVED_AT, CONFLICT, LINK_PROBLEM = "save_status", "saved_at", "conflict", "link_problem"
CLIENT_NAME = "client_name"
NOTES = "notes"
LINK_PARAM = "a"


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    """One connection pool per database URL per process; failures are not cached."""
    return open_store(url)


def store() -> Store | None:
    try:
        return _open_store(database_url())
    except STORE_ERRORS:
        return None


def status() -> str:
    return st.session_state.get(STATUS, "none")


def _set_status(value: str) -> None:
    st.session_state[STATUS] = value
    if value == "saved":
        st.session_state[SAVED_AT] = datetime.now().strftime("%H:%M:%S")


def client_name() -> str:
    return st.session_state.get(CLIENT_NAME, "")


def bind(record: AssessmentRecord, token: str) -> None:
    """Make this session edit `record`, reached through `token`."""
    st.session_state[ASSESSMENT] = record.id
    st.session_state[TOKEN] = token
    st.session_state[REVISION] = record.revision
    st.session_state[CLIENT_NAME] = record.client_name
    st.session_state[NOTES] = record.notes
    st.session_state.pop("notes_input", None)
    st.session_state[state.MODE] = record.mode
    load_answers(record.answers)
    st.query_params[LINK_PARAM] = token
    _set_status("saved")


def load_answers(answers: dict[str, str | int]) -> None:
    """Replace this session's answers and let every widget re-read them."""
    st.session_state[state.ANSWERS] = dict(answers)
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("q:")]:
        del st.session_state[key]
    st.session_state.pop("client_name_input", None)


def answer_changed(question_id: str) -> None:
    """Widget callback: record the answer and save it at once, but only if it really changed."""
    before = state.answers().get(question_id)
    state.remember(question_id)
    if state.answers().get(question_id) != before:
        save_now()


def save_now(force_revision: int | None = None) -> None:
    """Write this session's answers; the first write creates the assessment and its link."""
    answers = state.answers()
    target = store()
    if target is None:
        _set_status("offline")
        return
    bank = default_bank()
    try:
        if ASSESSMENT not in st.session_state:
            record, token = target.create(client_name(), answers, state.mode(),
                                          bank.version, summarise(answers), notes())
            bind_quietly(record, token)
        else:
            revision = force_revision if force_revision is not None else st.session_state[REVISION]
            record = target.save(st.session_state[ASSESSMENT], answers, revision, summarise(answers), state.mode())
            st.session_state[REVISION] = record.revision
        st.session_state.pop(CONFLICT, None)
        _set_status("saved")
    except ConflictError as exc:
        st.session_state[CONFLICT] = exc.current
        _set_status("conflict")
    except NotFoundError:
        # Deleted elsewhere: keep the answers by saving them as a new assessment with a new link.
        for key in (ASSESSMENT, TOKEN, REVISION):
            st.session_state.pop(key, None)
        save_now()
    except STORE_ERRORS:
        _set_status("offline")


def bind_quietly(record: AssessmentRecord, token: str) -> None:
    """Bind a just-created assessment without reloading answers the session already has."""
    st.session_state[ASSESSMENT] = record.id
    st.session_state[TOKEN] = token
    st.session_state[REVISION] = record.revision
    st.query_params[LINK_PARAM] = token


def notes() -> str:
    return st.session_state.get(NOTES, "")


def save_notes_from_widget() -> None:
    """Notes are saved like answers: at once, creating the assessment if this is the first input."""
    text = st.session_state.get("notes_input", "")
    if text == notes():
        return
    st.session_state[NOTES] = text
    target = store()
    if target is None:
        _set_status("offline")
        return
    if ASSESSMENT not in st.session_state:
        save_now()
    try:
        target.save_notes(st.session_state[ASSESSMENT], text)
        _set_status("saved")
    except (NotFoundError, *STORE_ERRORS):
        _set_status("offline")


def rename_from_widget() -> None:
    rename(st.session_state.get("client_name_input", ""))


def rename(name: str) -> None:
    st.session_state[CLIENT_NAME] = name
    target = store()
    if ASSESSMENT in st.session_state and target is not None:
        try:
            target.rename(st.session_state[ASSESSMENT], name)
        except (NotFoundError, *STORE_ERRORS):
            _set_status("offline")


def restore_from_link() -> None:
    """Open the assessment named by the URL's token, or say kindly why not; keep the URL in step."""
    token = st.query_params.get(LINK_PARAM)
    own = st.session_state.get(TOKEN)
    if token and token != own:
        target = store()
        if target is None:
            st.session_state[LINK_PROBLEM] = ("The database cannot be reached right now, so this link cannot be "
                                              "opened yet. Please reload the page in a minute.")
            return
        try:
            record = target.open(token)
        except STORE_ERRORS:
            record = None
        if record is not None:
            bind(record, token)
            st.session_state.pop(LINK_PROBLEM, None)
            return
        st.session_state[LINK_PROBLEM] = ("This resume link does not match any saved assessment: it may be "
                                          "mistyped, cut short, or the assessment was deleted. Nothing was "
                                          "opened or changed.")
        token = None
    if own and token != own:
        st.query_params[LINK_PARAM] = own
    elif not own and not token and LINK_PARAM in st.query_params:
        del st.query_params[LINK_PARAM]


def retry_pending() -> None:
    """An earlier write failed: try again now (the database may be back)."""
    if status() == "offline" and state.answers():
        save_now()


def resolve_conflict(keep_mine: bool) -> None:
    """Button callback: overwrite with this tab's answers, or load the other writer's version."""
    current: AssessmentRecord | None = st.session_state.get(CONFLICT)
    if current is None:
        return
    if keep_mine:
        save_now(force_revision=current.revision)
    else:
        st.session_state[REVISION] = current.revision
        load_answers(current.answers)
        st.session_state.pop(CONFLICT, None)
        _set_status("saved")


def resume_url() -> str | None:
    token = st.session_state.get(TOKEN)
    if not token:
        return None
    base = (st.context.url or "").split("?")[0]
    return f"{base}?{LINK_PARAM}={token}"


def forget() -> None:
    """This tab's assessment was deleted: detach from it and start afresh."""
    for key in (ASSESSMENT, TOKEN, REVISION, CLIENT_NAME, NOTES, STATUS, CONFLICT):
        st.session_state.pop(key, None)
    load_answers({})
    if LINK_PARAM in st.query_params:
        del st.query_params[LINK_PARAM]
