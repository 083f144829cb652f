"""The one call every page makes first: page config, session state and the shared sidebar."""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.sidebar import sidebar


def page_setup(title: str, icon: str = ":material/explore:") -> None:
    """Configure the page, make sure this session's state exists, and draw the sidebar."""
    st.set_page_config(page_title=f"{title} · SOC Navigator", page_icon=icon, layout="centered")
    state.answers()
    sidebar()
