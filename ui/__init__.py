"""Streamlit-only helpers shared by the pages: set-up, state, sidebar and question widgets."""
