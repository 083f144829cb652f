"""The one call every page makes first: page config, state, resume link, conflicts, sidebar."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import persistence, state, warmup  # noqa: F401 - warmup runs once per process on import
from ui.sidebar import sidebar

# A local file, not a Material icon name: those favicons are fetched from a font CDN.
ICON = str(Path(__file__).parent / "assets" / "icon.png")


def page_setup(title: str, wide: bool = False) -> None:
    """Configure the page, restore from a resume link, retry a pending save, draw the sidebar."""
    st.set_page_config(page_title=f"{title} · SOC Navigator", page_icon=ICON,
                       layout="wide" if wide else "centered")
    state.answers()
    persistence.restore_from_link()
    persistence.retry_pending()
    sidebar()
    problem = st.session_state.pop(persistence.LINK_PROBLEM, None)
    if problem:
        st.error(problem, icon=":material/link_off:")
    if persistence.status() == "conflict":
        _conflict_banner()


def _conflict_banner() -> None:
    with st.container(border=True):
        st.warning("This assessment was changed in another tab or by a colleague after you opened it. "
                   "Your latest change is kept on this screen but has not been saved.", icon=":material/sync_problem:")
        mine, theirs = st.columns(2)
        mine.button("Keep my answers (overwrite theirs)", key="conflict-mine", width="stretch",
                    on_click=persistence.resolve_conflict, args=(True,))
        theirs.button("Load their latest version", key="conflict-theirs", width="stretch",
                      on_click=persistence.resolve_conflict, args=(False,))
