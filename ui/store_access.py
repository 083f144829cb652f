"""The store as one browser session sees it: the process's connection pool (opened only after the
start-up check passes), what went wrong at this session's last attempt, and its save status.

Store errors are logged, diagnosed (storage/health.py) and answered: busy means "retrying", anything
else reopens the connections so the next save re-checks the database.
"""

from __future__ import annotations

import logging
from datetime import datetime

import streamlit as st

from storage import Store, make_engine, migrate
from storage.database import database_url
from storage.health import STORE_ERRORS, StateLog, StoreProblem, check, diagnose

log = logging.getLogger("soc_navigator.storage")

STATUS, SAVED_AT, PROBLEM = "save_status", "saved_at", "store_problem"
__all__ = ["STORE_ERRORS", "problem", "set_status", "status", "store", "store_failed"]


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    """One connection pool per database URL per process, opened only after the start-up check passes
    (schema known, database writable); a failure is not cached, so the next call checks again."""
    engine = make_engine(url)
    where = engine.url.render_as_string(hide_password=True)
    try:
        migrate(engine)
        opened = Store(engine)
        check(opened)
    except STORE_ERRORS as exc:
        engine.dispose()
        problem = diagnose(exc)
        if _state_log().changed(where, problem.kind):
            log.error("Database %s is not usable (%s): %s. %s", where, problem.kind, problem.detail, problem.advice)
        raise
    if _state_log().changed(where, "ready"):
        log.info("Database %s is ready", where)
    try:
        purged = opened.purge_empty_drafts()
        if purged:
            log.info("Purged %d empty draft assessment(s) abandoned for over a day", purged)
    except STORE_ERRORS as exc:
        log.warning("Purging empty drafts failed: %s", diagnose(exc).detail)
    return opened


@st.cache_resource(show_spinner=False)
def _state_log() -> StateLog:
    """One per process: the database's last reported state, so its log says each change once."""
    return StateLog()


def store() -> Store | None:
    """The store, or None (with the problem recorded for the page) when the database is not usable."""
    try:
        opened = _open_store(database_url())
    except STORE_ERRORS as exc:
        st.session_state[PROBLEM] = diagnose(exc)
        return None
    return opened


def problem() -> StoreProblem | None:
    """What is wrong with the database for this session's last attempt, if anything."""
    found = st.session_state.get(PROBLEM)
    return found if isinstance(found, StoreProblem) else None


def store_failed(exc: BaseException, target: Store | None) -> None:
    """Log a failed store call, show it, and reopen the connections unless the database is only busy."""
    found = diagnose(exc)
    log.warning("Saving failed (%s): %s", found.kind, found.detail)
    st.session_state[PROBLEM] = found
    if found.kind != "busy":
        _open_store.clear()  # the next save opens afresh and runs the start-up check again
        if target is not None:
            target.engine.dispose()
    set_status("busy" if found.kind == "busy" else "offline")


def status() -> str:
    return st.session_state.get(STATUS, "none")


def set_status(value: str) -> None:
    st.session_state[STATUS] = value
    if value == "saved":
        st.session_state[SAVED_AT] = datetime.now().strftime("%H:%M:%S")
        st.session_state.pop(PROBLEM, None)
