"""Who may see the workspace (README, Security).

- **One person at this machine** (the app listens on loopback, the browser is on this machine, no
  proxy in between, nothing configured): the workspace opens, no sign-in.
- **Anything else** needs access control, and the workspace stays closed without it:
  - sign-in with the organisation's identity provider (Streamlit's OIDC, `[auth]` in
    `.streamlit/secrets.toml`), admitted by an allow-list of e-mail domains or addresses; a consultant
    sees only their organisation's assessments;
  - without an identity provider, the workspace key (generated and printed to the server log once, or
    the operator's own in SOC_NAVIGATOR_WORKSPACE_KEY), with back-off per session and overall.
- Resume links open one assessment (ui/persistence.py); they never open the workspace.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import os
import secrets
from dataclasses import dataclass

import streamlit as st
from streamlit.errors import StreamlitAPIException

from storage import Store, access, database_url, workshops
from ui import persistence

LOG = logging.getLogger("soc_navigator.access")
ACCESS_ENV = "SOC_NAVIGATOR_ACCESS"  # "required": the app is reached through a proxy on this machine
KEY_ENV = "SOC_NAVIGATOR_WORKSPACE_KEY"
ALLOWED_ENV = "SOC_NAVIGATOR_ALLOWED_EMAILS"
SECRETS_SECTION = "soc_navigator"
PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip")
UNLOCKED, SESSION_ID, KEY_INPUT, KEY_MESSAGE = ("workspace_unlocked", "access:session", "workspace:key",
                                                "access:key_message")
OIDC = "access:oidc_configured"
HOW_TO = ("Configure sign-in with your organisation's identity provider (`[auth]` and an allow-list in "
          "`.streamlit/secrets.toml`), or use the workspace key printed in the server log at first start. "
          "See the Security section of the README.")


@dataclass(frozen=True)
class Viewer:
    """Who is looking at the workspace: `org` None sees every assessment (a server without sign-in)."""

    org: str | None
    email: str
    how: str  # "local", "key" or "sign-in"


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str) or not host:
        return False  # unset: Streamlit listens on every interface
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _secrets_section(name: str) -> dict[str, object]:
    try:
        if name in st.secrets:
            return dict(st.secrets[name])
    except (FileNotFoundError, KeyError, TypeError, ValueError, StreamlitAPIException):
        pass
    return {}


def oidc_configured() -> bool:
    """Whether `[auth]` is configured in secrets.toml (Streamlit's native sign-in). Read once per browser
    session: without a secrets file Streamlit looks for one again at every read, and every save asks
    (through the author's name)."""
    found = st.session_state.get(OIDC)
    if not isinstance(found, bool):
        found = st.session_state[OIDC] = bool(_secrets_section("auth"))
    return found


def allow_list() -> tuple[str, ...]:
    """E-mail domains and addresses admitted: SOC_NAVIGATOR_ALLOWED_EMAILS plus secrets.toml's list."""
    configured = _secrets_section(SECRETS_SECTION).get("allowed_emails", [])
    listed = configured if isinstance(configured, list | tuple | str) else []
    return access.parse_allow_list(os.environ.get(ALLOWED_ENV, "")) + access.parse_allow_list(listed)


def access_required() -> bool:
    """Whether this request must pass access control before it may see the workspace."""
    if os.environ.get(ACCESS_ENV, "").strip().lower() == "required" or os.environ.get(KEY_ENV):
        return True
    if oidc_configured() or not _is_loopback(st.get_option("server.address")):
        return True
    address = st.context.ip_address
    if isinstance(address, str) and address and not _is_loopback(address):
        return True
    headers = {name.lower() for name in st.context.headers}
    return any(header in headers for header in PROXY_HEADERS)


def signed_in() -> tuple[str, str] | None:
    """(e-mail, organisation) of a signed-in, allow-listed user; None otherwise."""
    if not oidc_configured() or not st.user.is_logged_in:
        return None
    if st.user.get("email_verified") is False:
        return None
    email = st.user.get("email")
    org = access.org_for_email(email, allow_list())
    return (str(email).strip().lower(), org) if org else None


def creator() -> dict[str, str]:
    """Owner and organisation to record on a new assessment (empty without sign-in)."""
    found = signed_in()
    return {"owner_email": found[0], "org": found[1]} if found else {"owner_email": "", "org": ""}


def signed_in_name() -> str:
    """The signed-in person's name (or address) for history and presence; "" without sign-in."""
    found = signed_in()
    if not found:
        return ""
    name = st.user.get("name")
    return name if isinstance(name, str) and name.strip() else found[0]


def session_id() -> str:
    """A random id for this browser session, for the per-session back-off (stored only as a hash)."""
    return st.session_state.setdefault(SESSION_ID, secrets.token_hex(16))


def announce_key_at_start() -> None:
    """On a server reachable from other machines with no identity provider, create the workspace key
    at the first page load and print it to the log then, not only when someone opens the workspace."""
    exposed = (os.environ.get(ACCESS_ENV, "").strip().lower() == "required"
               or not _is_loopback(st.get_option("server.address")))
    if exposed and not oidc_configured() and not os.environ.get(KEY_ENV):
        _announce_key(database_url())


@st.cache_resource(show_spinner=False)
def _announce_key(url: str) -> bool:
    """Once per process and database; failures are not cached (the database may come back)."""
    store = persistence.store()
    if store is None:
        raise RuntimeError("database unavailable")
    created = access.ensure_workspace_key(store.engine)
    if created:
        LOG.warning("Workspace key, shown once (only its hash is stored; `python -m storage.access new-key` "
                    "replaces it): %s", created)
    return True


def workspace_viewer(store: Store) -> Viewer | None:
    """The viewer the workspace may show, or None after drawing why not and how to get in."""
    if not access_required():
        return Viewer(None, "", "local")
    if oidc_configured():
        return _sign_in_gate()
    return _key_gate(store)


def _sign_in_gate() -> Viewer | None:
    if not st.user.is_logged_in:
        st.info("This workspace holds your organisation's client assessments. Sign in with your "
                "organisation's account to see them. (Participants: use the resume link you were sent.)",
                icon=":material/lock:")
        if st.button("Sign in", type="primary", icon=":material/login:", key="sign-in"):
            st.login()
        return None
    if not allow_list():
        LOG.warning("Sign-in refused: no allow-list configured (%s or [%s] allowed_emails)", ALLOWED_ENV,
                    SECRETS_SECTION)
        st.error(f"Nobody may open this workspace yet: the server has no allow-list. Whoever runs it sets "
                 f"`{ALLOWED_ENV}` or `allowed_emails` under `[{SECRETS_SECTION}]` in `.streamlit/secrets.toml` "
                 "(see the Security section of the README).", icon=":material/lock:")
        _sign_out_button()
        return None
    found = signed_in()
    if found is None:
        LOG.warning("Sign-in refused for an address not on the allow-list")
        st.error("Your account is not on this server's allow-list, so the workspace stays closed. Ask whoever "
                 "runs it to add your organisation's e-mail domain.", icon=":material/block:")
        _sign_out_button()
        return None
    return Viewer(found[1], found[0], "sign-in")


def _sign_out_button() -> None:
    if st.button("Sign out", icon=":material/logout:", key="sign-out"):
        st.logout()


def viewer_bar(viewer: Viewer) -> None:
    """Who is signed in and whose assessments are listed, with a way out."""
    if viewer.how == "sign-in":
        left, right = st.columns([4, 1])
        left.caption(f"Signed in as {viewer.email} · assessments of {viewer.org}")
        with right:
            _sign_out_button()
    elif viewer.how == "key":
        st.caption("Unlocked with the workspace key for this browser tab.")


def _key_gate(store: Store) -> Viewer | None:
    if st.session_state.get(UNLOCKED):
        return Viewer(None, "", "key")
    if not os.environ.get(KEY_ENV):
        created = access.ensure_workspace_key(store.engine)
        if created:
            LOG.warning("Workspace key, shown once (only its hash is stored; `python -m storage.access "
                        "new-key` replaces it): %s", created)
    st.info("This server can be reached from other machines, so its workspace is locked. " + HOW_TO,
            icon=":material/lock:")
    st.text_input("Workspace key", type="password", key=KEY_INPUT, on_change=_try_key, args=(store,),
                  help="This server keeps its workspace behind a key. Ask whoever runs it.")
    message = st.session_state.pop(KEY_MESSAGE, None)
    if message:
        st.error(message, icon=":material/key_off:")
    return None


def _client_address() -> str:
    address = st.context.ip_address
    return address if isinstance(address, str) else ""


def _try_key(store: Store) -> None:
    """Widget callback: check one key, at most once per entry, respecting the back-off."""
    given = str(st.session_state.get(KEY_INPUT) or "")
    st.session_state[KEY_INPUT] = ""
    if not given:
        return
    session, address = session_id(), _client_address()
    waiting = access.backoff(store.engine, session)
    if waiting.wait_seconds > 0:
        # Logged, not counted: a key sent during the wait must not keep extending it.
        LOG.warning("Workspace key attempt refused during back-off (address %s, %d failures in this session, "
                    "%d on the server in 15 minutes)", address or "local", waiting.session_failures,
                    waiting.overall_failures)
        st.session_state[KEY_MESSAGE] = (f"Too many wrong keys. Wait {_seconds(waiting.wait_seconds)} before the "
                                         "next try; a key entered sooner is not checked.")
        return
    if access.key_matches(store.engine, given, os.environ.get(KEY_ENV) or None):
        access.forget_failures(store.engine, session)
        st.session_state[UNLOCKED] = True
        LOG.info("Workspace unlocked with the key (address %s)", address or "local")
        return
    access.record_failure(store.engine, session, address)
    after = access.backoff(store.engine, session)
    LOG.warning("Wrong workspace key (address %s, %d failures in this session, %d on the server in 15 minutes)",
                address or "local", after.session_failures, after.overall_failures)
    wait = f" Wait {_seconds(after.wait_seconds)} before the next try." if after.wait_seconds > 0 else ""
    st.session_state[KEY_MESSAGE] = "That key is not right." + wait


def _seconds(wait: float) -> str:
    whole = math.ceil(wait)
    return f"{whole} second{'s' if whole != 1 else ''}"


def drop_revoked_link() -> bool:
    """A tab opened through a link that was since revoked loses the assessment (the link's purpose); True
    when it did. The live poll calls this once the assessment's revision moved (ui/live.py)."""
    token, assessment_id = st.session_state.get(persistence.TOKEN), st.session_state.get(persistence.ASSESSMENT)
    target = persistence.store()
    if not token or not assessment_id or target is None:
        return False
    try:
        if persistence.participant():
            found = workshops.join(target.engine, token)
            if found is not None and found.assessment_id == assessment_id:
                return False
        elif access.link_opens(target.engine, token, assessment_id):
            return False
        if access.org_of(target.engine, assessment_id) is None:
            return False  # deleted, not revoked: ui/setup.py asks what to do with the answers
    except persistence.STORE_ERRORS:
        return False
    ended = persistence.participant()
    persistence.forget()
    st.session_state[persistence.LINK_PROBLEM] = (
        "The facilitator ended this workshop, so its link no longer opens the assessment. Thank you for "
        "taking part." if ended else
        "The link to this assessment was withdrawn by whoever runs this server, so it is closed in this tab. "
        "Ask them for a new link.")
    return True


def claim_offer() -> None:
    """Sidebar: a signed-in consultant who opened a walk-in participant's link can add that assessment
    to their organisation's workspace (never one another organisation already owns)."""
    assessment_id = st.session_state.get(persistence.ASSESSMENT)
    found = signed_in() if assessment_id else None
    target = persistence.store()
    if found is None or target is None:
        return
    try:
        if access.org_of(target.engine, assessment_id) != "":
            return
    except persistence.STORE_ERRORS:
        return
    if st.button(f"Add to the workspace of {found[1]}", key="claim", icon=":material/add_business:",
                 help="This assessment belongs to no organisation yet (it was started without signing in)."):
        access.claim(target.engine, assessment_id, found[0], found[1])
        st.rerun()
