"""The one call every page makes first: page config, session state and the shared sidebar."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import state
from ui.sidebar import sidebar

# A local file, not a Material icon name: those favicons are fetched from a font CDN.
ICON = str(Path(__file__).parent / "assets" / "icon.png")


def page_setup(title: str, wide: bool = False) -> None:
    """Configure the page, make sure this session's state exists, and draw the sidebar."""
    st.set_page_config(page_title=f"{title} · SOC Navigator", page_icon=ICON,
                       layout="wide" if wide else "centered")
    state.answers()
    sidebar()
