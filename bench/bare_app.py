"""The baseline: what a minimal Streamlit page costs per click on this machine."""

import streamlit as st

from ui.flush import send_promptly

send_promptly()   # the app's own server setting (ui/flush.py), so the two are measured alike

st.title("Bare app")
choice = st.radio("Pick one", ["Yes", "No", "Not sure"], index=None, key="q:pick")
if st.button("Next", key="next"):
    st.write("next")
if st.button("Back", key="back"):
    st.write("back")
