"""How many new assessments one browser session and one client address may start: a room of
participants (or a script) cannot fill the database with empty assessments."""

from __future__ import annotations

import ipaddress
import logging
import uuid

import streamlit as st

from storage.rate_limit import PER_ADDRESS, PER_SESSION, RateLimit

log = logging.getLogger("soc_navigator.storage")


@st.cache_resource(show_spinner=False)
def _creation_limits() -> tuple[RateLimit, RateLimit]:
    """Per-session and per-client-address limits on new assessments, shared by the process's sessions."""
    return RateLimit(PER_SESSION), RateLimit(PER_ADDRESS)


def _client_address() -> str | None:
    """The client's address for the per-address limit; None for this machine itself.

    Behind a reverse proxy on this machine, the address the proxy saw (the last X-Forwarded-For
    entry, the one the proxy added). A direct loopback client is the operator's own machine (and the
    benchmark's load driver): only the per-session limit applies to it.
    """
    address = st.context.ip_address or ""
    headers = st.context.headers.get_all("X-Forwarded-For") or [""]  # the proxy's own entry is the last
    forwarded = str(headers[-1]).split(",")[-1].strip()
    try:
        local = not address or ipaddress.ip_address(address).is_loopback
    except ValueError:
        local = False
    if local:
        return forwarded or None
    return address


def may_create() -> bool:
    """Whether this session and its address are still within the creation limits (counts one if so)."""
    per_session, per_address = _creation_limits()
    session_key = st.session_state.setdefault("creation_key", f"session:{uuid.uuid4().hex}")
    if per_session.retry_after(session_key) > 0:
        log.warning("Creation limit reached for one browser session")
        return False
    address = _client_address()
    if address is not None and not per_address.allow(f"address:{address}"):
        log.warning("Creation limit reached for client address %s", address)
        return False
    return per_session.allow(session_key)
