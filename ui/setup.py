"""The one call every page makes first: page config, state, resume link, conflicts, sidebar."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import auth, links, live, new_assessment, persistence, state, warmup, workshop_join  # noqa: F401 - warmup runs once per process on import
from ui.sidebar import sidebar
from ui.text import literal

# A local file, not a Material icon name: those favicons are fetched from a font CDN.
ICON = str(Path(__file__).parent / "assets" / "icon.png")
RETRY_SECONDS = 3
FULL_RUN = "retry_full_run"


def page_setup(title: str, wide: bool = False, sections: bool = False) -> None:
    """Configure the page, restore from a resume link, retry a pending save, draw the sidebar (with the
    list of sections when `sections`)."""
    st.set_page_config(page_title=f"{title} · SOC Navigator", page_icon=ICON,
                       layout="wide" if wide else "centered")
    state.answers()
    try:
        auth.announce_key_at_start()
    except RuntimeError:
        pass  # the database is down: the key is created once it answers, and the page says why
    workshop_join.join_from_link()
    links.restore_from_link()
    st.session_state.pop(persistence.STALE, None)  # the whole page is drawn now
    persistence.retry_pending()
    persistence.keep_section_in_link()
    sidebar(sections)
    workshop_join.name_gate()
    problem = st.session_state.pop(persistence.LINK_PROBLEM, None)
    if problem:
        st.error(problem, icon=":material/link_off:")
    if persistence.status() == "deleted":
        _deleted_banner()
    elif persistence.locked():
        st.info("The facilitator has locked the answers: you can read them but not change them.",
                icon=":material/lock:")
    live.notices()
    _save_notices()
    new_assessment.refused_notice()
    if persistence.status() in persistence.PENDING:
        st.session_state[FULL_RUN] = True  # this run already retried above; the fragment's own reruns retry
        _retrying()
    elif persistence.store() is None:  # nothing owed yet, but the operator must still hear of it
        _store_problem()


def _save_notices() -> None:
    """Answers refused by the bank and characters removed from a name or notes, said once."""
    refused = st.session_state.pop(persistence.REFUSED, None)
    if refused:
        st.error("These answers are not allowed by the question bank and were not saved:\n\n"
                 + "\n".join(f"- {literal(message, 300)}" for message in refused[:20]),
                 icon=":material/block:")
    cleaned = st.session_state.pop(persistence.CLEANED, None)
    if cleaned:
        st.info(cleaned, icon=":material/cleaning_services:")


def _store_problem() -> None:
    found = persistence.problem()
    if found is not None:
        st.error(f"Saving is not possible right now. {found.advice}", icon=":material/database:")


@st.fragment(run_every=RETRY_SECONDS)
def _retrying() -> None:
    """While a save is owed, say so and retry every few seconds; once it is saved, redraw the page."""
    if not st.session_state.pop(FULL_RUN, False):
        persistence.retry_pending()
        if persistence.status() not in persistence.PENDING or st.session_state.pop(persistence.STALE, False):
            st.rerun()
    status = persistence.status()
    if status == "busy":
        st.info("Database busy, retrying… Your answers are kept in this tab and saved as soon as it is free.",
                icon=":material/hourglass_top:")
    elif status == "limited":
        st.warning("Many new assessments were started from here in the last few minutes, so this one is not "
                   "saved yet. It is kept in this tab and saved as soon as the limit allows (within 10 minutes); "
                   "keep this tab open.", icon=":material/speed:")
    else:
        found = persistence.problem()
        advice = found.advice if found is not None else "The database cannot be reached."
        st.warning(f"Not saved yet. {advice} Your answers, name and notes are kept in this tab and saved "
                   "as soon as it works again.", icon=":material/cloud_off:")


def _deleted_banner() -> None:
    with st.container(border=True):
        st.warning("This assessment was deleted (in the workspace or another tab). Your answers, name and notes "
                   "are still on this screen, but nothing has been saved since. What would you like to do?",
                   icon=":material/delete_forever:")
        keep, drop = st.columns(2)
        keep.button("Save my answers as a new assessment", key="deleted-keep", width="stretch",
                    on_click=persistence.save_as_new)
        drop.button("Start over", key="deleted-drop", width="stretch", on_click=persistence.forget)
