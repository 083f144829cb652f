"""The one "New assessment" button, in the sidebar of every page and in the workspace header.

It detaches this tab from the assessment it shows (which stays saved as it is, with its link) and
opens an empty one at the first section; the new one is saved, with a link of its own, from its
first answer (ui/persistence.py).
"""

from __future__ import annotations

import streamlit as st

from ui import pages_registry as pages
from ui import persistence

REFUSED_TEXT = ("No new assessment was started: your latest changes here are not saved yet (see the notice "
                "above). Once they are saved, or you have chosen what to do with them, start the new one.")


def button(key: str, primary: bool = False) -> None:
    """Draw the button; when clicked, start afresh on the Assessment page (or say why not)."""
    if st.button("New assessment", key=key, icon=":material/add:", type="primary" if primary else "secondary",
                 help="Starts an empty assessment for another client. The one open here stays saved; "
                      "reopen it from the workspace or its link."):
        if persistence.start_new():
            st.switch_page(pages.ASSESSMENT)


def refused_notice() -> None:
    """Said once, on the page where the button was clicked."""
    if st.session_state.pop(persistence.NEW_REFUSED, False):
        st.warning(REFUSED_TEXT, icon=":material/warning:")
