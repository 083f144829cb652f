"""The workspace's "Your firm": the consultancy's name and logo, set once per workspace (one per
organisation; a server without sign-in has one) and printed on the reports of its assessments.

A logo is stored only after ui/firm_logo.py has opened it as a PNG or JPEG within the size limits;
a refused file changes nothing, so the logo saved before stays. After a logo is saved the uploader
starts afresh (a new key), so the same upload is never saved twice and the preview shows what the
reports will print.
"""

from __future__ import annotations

import streamlit as st

from storage import Store
from storage.firms import MAX_LOGO_BYTES, Firm, get, save
from ui import firm_logo
from ui.auth import Viewer

NAME = "workspace:firm-name"
UPLOADS = "workspace:firm-uploads"  # how many logos this tab saved: the uploader's key changes with it
CHECKED = "workspace:firm-checked"  # upload file id -> why it was refused, so a rerun does not decode it again
NOTICE = "workspace:firm-notice"


def settings(store: Store, viewer: Viewer) -> None:
    """The "Your firm" expander, filled from what this workspace saved."""
    org = viewer.org or ""
    firm = get(store.engine, org)
    with st.expander("Your firm", icon=":material/business:"):
        st.caption("Your firm's name and logo, printed on the reports of every assessment in this workspace.")
        notice = st.session_state.pop(NOTICE, None)
        if notice:
            st.success(notice)
        name, button = st.columns([3, 1], vertical_alignment="bottom")
        name.text_input("Firm name", value=firm.name, key=NAME, max_chars=200,
                        placeholder="The name your clients know you by")
        button.button("Save name", key="workspace:firm-save-name", on_click=_save_name, args=(store, org),
                      width="stretch")
        logo(store, org, firm)


def _save_name(store: Store, org: str) -> None:
    """Button callback: the typed name, with the logo as stored now (another tab may have changed it)."""
    saved = save(store.engine, org, get(store.engine, org).model_copy(update={"name": st.session_state.get(NAME, "")}))
    st.session_state[NAME] = saved.name  # as cleaned
    st.session_state[NOTICE] = "Firm name saved."


def _remove_logo(store: Store, org: str) -> None:
    save(store.engine, org, Firm(name=get(store.engine, org).name))
    st.session_state[NOTICE] = "Logo removed."


def logo(store: Store, org: str, firm: Firm) -> None:
    """The saved logo's preview and "Remove logo", then the uploader for a new one."""
    if firm.logo:
        st.image(firm.logo, caption="Your logo, as the reports print it", width=160)
        st.button("Remove logo", key="workspace:firm-remove-logo", icon=":material/hide_image:",
                  on_click=_remove_logo, args=(store, org))
    else:
        st.caption("No logo yet.")
    saved_count = int(st.session_state.get(UPLOADS, 0))
    upload = st.file_uploader(f"{'Replace the' if firm.logo else 'Add a'} logo: PNG or JPEG, at most "
                              f"{MAX_LOGO_BYTES // 1000} KB and {firm_logo.MAX_SIDE:,} × "
                              f"{firm_logo.MAX_SIDE:,} pixels", type=["png", "jpg", "jpeg"],
                              key=f"workspace:firm-logo-{saved_count}", max_upload_size=1)
    if upload is None:
        return
    refused: dict[str, str] = st.session_state.setdefault(CHECKED, {})
    if upload.file_id not in refused:
        data = upload.getvalue()
        verdict = firm_logo.check(data)
        if not verdict.problem:
            save(store.engine, org, get(store.engine, org).model_copy(update={"logo": data, "logo_type": verdict.mime}))
            st.session_state[UPLOADS] = saved_count + 1
            st.session_state[NOTICE] = "Logo saved."
            st.rerun()
        refused[upload.file_id] = verdict.problem
    kept = " The logo saved before is kept." if firm.logo else ""
    st.error(refused[upload.file_id] + kept, icon=":material/broken_image:")
