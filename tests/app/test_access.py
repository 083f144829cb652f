"""The access model through the app: who sees the workspace, which assessments, and with which links."""

from __future__ import annotations

import logging

import pytest
from streamlit.testing.v1 import AppTest

from scoring.summary import summarise
from storage import access, open_store
from tests.app.conftest import APP, TIMEOUT, answer, open_app
from tests.conftest import profile

WORKSPACE = "pages/5_Workspace.py"
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "c",
        "client_secret": "s", "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


def seed(database, name, org=""):
    store = open_store(database)
    return store, *store.create(name, profile(), "full", "v", summarise(profile()),
                                owner_email=f"someone@{org}" if org else "", org=org)


def shown(at) -> str:
    """The page's markdown as a reader sees it (user text arrives escaped, e.g. `Walk\\-in`)."""
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def workspace_as(user: dict | None = None, auth: bool = True) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if auth:
        at.secrets["auth"] = AUTH
    if user is not None:
        at.user = user
    at.run()
    at.switch_page(WORKSPACE).run()
    assert not at.exception, at.exception
    return at


# --- without an identity provider: the workspace key ---------------------------------------------

def test_on_the_network_the_workspace_is_locked_until_the_key_is_given(database, listening_address, caplog):
    listening_address(None)  # Streamlit's default: every interface
    seed(database, "Secret Client")
    with caplog.at_level(logging.WARNING, logger="soc_navigator.access"):
        at = open_app(WORKSPACE)
    assert "Secret Client" not in shown(at)
    assert "workspace is locked" in at.info[0].value and "Security section of the README" in at.info[0].value
    printed = [r.getMessage() for r in caplog.records if "Workspace key, shown once" in r.getMessage()]
    assert len(printed) == 1
    key = printed[0].rsplit(": ", 1)[1]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="soc_navigator.access"):
        again = open_app(WORKSPACE)  # a second visitor: the key is not shown again
    assert not [r for r in caplog.records if "shown once" in r.getMessage()]
    again.text_input(key="workspace:key").set_value(key).run()
    assert "Secret Client" in shown(again)


def test_the_key_is_printed_at_the_first_page_load_before_anyone_opens_the_workspace(
        database, listening_address, caplog):
    listening_address("0.0.0.0")
    with caplog.at_level(logging.WARNING, logger="soc_navigator.access"):
        open_app("app.py")
    printed = [r.getMessage() for r in caplog.records if "Workspace key, shown once" in r.getMessage()]
    assert len(printed) == 1


def test_required_access_also_applies_behind_a_proxy_on_this_machine(database, monkeypatch):
    monkeypatch.setenv("SOC_NAVIGATOR_ACCESS", "required")
    seed(database, "Secret Client")
    at = open_app(WORKSPACE)
    assert "Secret Client" not in shown(at)
    assert at.text_input(key="workspace:key") is not None


def test_wrong_keys_are_logged_and_back_off(database, monkeypatch, caplog):
    monkeypatch.setenv("SOC_NAVIGATOR_WORKSPACE_KEY", "the-right-key")
    seed(database, "Secret Client")
    at = open_app(WORKSPACE)
    with caplog.at_level(logging.WARNING, logger="soc_navigator.access"):
        for n in range(access.FREE_PER_SESSION):
            at.text_input(key="workspace:key").set_value(f"guess-{n}").run()
            assert "not right" in at.error[0].value
        assert "Wait 1 second before" in at.error[0].value
        at.text_input(key="workspace:key").set_value("the-right-key").run()  # during the wait: not checked
    assert "Too many wrong keys" in at.error[0].value
    assert "Secret Client" not in shown(at)
    failures = [r.getMessage() for r in caplog.records if "workspace key" in r.getMessage().lower()]
    assert len(failures) == access.FREE_PER_SESSION + 1
    assert "the-right-key" not in "\n".join(failures) and "guess-0" not in "\n".join(failures)


# --- sign-in with the organisation's identity provider -------------------------------------------

@pytest.fixture
def two_orgs(database, monkeypatch):
    monkeypatch.setenv("SOC_NAVIGATOR_ALLOWED_EMAILS", "alpha.example, beta.example")
    seed(database, "Alpha Payroll", "alpha.example")
    seed(database, "Alpha Cloud", "alpha.example")
    seed(database, "Beta Bank", "beta.example")
    seed(database, "Walk-in participant")
    return database


def test_without_sign_in_nothing_is_listed(two_orgs):
    at = workspace_as({"is_logged_in": False})
    assert "Sign in with your organisation's account" in at.info[0].value
    assert any(b.label == "Sign in" for b in at.button)
    assert not any(name in shown(at) for name in ("Alpha", "Beta", "Walk-in"))


def test_each_organisation_sees_only_its_own_assessments(two_orgs):
    alpha = workspace_as({"is_logged_in": True, "email": "ann@alpha.example"})
    assert "Alpha Payroll" in shown(alpha) and "Alpha Cloud" in shown(alpha)
    assert "Beta Bank" not in shown(alpha) and "Walk-in" not in shown(alpha)
    assert "2 assessments" in alpha.subheader[0].value
    beta = workspace_as({"is_logged_in": True, "email": "Bob@Beta.Example"})
    assert "Beta Bank" in shown(beta) and "Alpha" not in shown(beta)


@pytest.mark.parametrize("user", [
    {"is_logged_in": True, "email": "eve@gamma.example"},
    {"is_logged_in": True, "email": "eve@sub.alpha.example"},
    {"is_logged_in": True, "email": "ann@alpha.example", "email_verified": False},
    {"is_logged_in": True},
])
def test_accounts_off_the_allow_list_are_refused(two_orgs, user):
    at = workspace_as(user)
    assert "not on this server's allow-list" in at.error[0].value
    assert not any(name in shown(at) for name in ("Alpha", "Beta", "Walk-in"))


def test_without_an_allow_list_nobody_gets_in(database):
    seed(database, "Alpha Payroll", "alpha.example")
    at = workspace_as({"is_logged_in": True, "email": "ann@alpha.example"})
    assert "has no allow-list" in at.error[0].value and "Alpha" not in shown(at)


def test_a_signed_in_consultant_creates_assessments_in_their_organisation(two_orgs):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "ann@alpha.example"}
    at.session_state["mode"] = "full"
    at.run()
    at.switch_page("pages/1_Assessment.py").run()
    answer(at, b2b="yes")
    created = at.session_state["assessment_id"]
    store = open_store(two_orgs)
    assert access.org_of(store.engine, created) == "alpha.example"


# --- links ---------------------------------------------------------------------------------------

def test_open_reuses_the_owners_link(database):
    store, record, participant = seed(database, "Acme")
    tokens = set()
    for _ in range(3):
        at = open_app(WORKSPACE)
        at.button(key=f"open-{record.id}").click().run()
        tokens.add(at.session_state["token"])
    assert len(tokens) == 1 and participant not in tokens
    assert access.link_count(store.engine, record.id) == 2


def test_revoking_closes_the_old_link_everywhere(database):
    store, record, participant = seed(database, "Acme")
    client = AppTest.from_file(APP, default_timeout=TIMEOUT)
    client.query_params["a"] = participant
    client.run()
    assert client.session_state["assessment_id"] == record.id
    at = open_app(WORKSPACE)
    at.button(key=f"links-{record.id}").click().run()
    old_owner = next(c.value for c in at.code if "?a=" in c.value)
    at.button(key=f"revoke-{record.id}").click().run()
    assert "Every earlier link stopped working" in at.success[0].value
    new_link = next(c.value for c in at.code if "?a=" in c.value)
    assert new_link != old_owner
    assert store.open(participant) is None and store.open(old_owner.split("?a=")[1]) is None
    assert store.open(new_link.split("?a=")[1]).id == record.id
    client.run()  # the client's open tab: the assessment is closed there
    assert "assessment_id" not in client.session_state
    assert any("withdrawn" in e.value for e in client.error)


def test_a_link_never_opens_the_workspace(database, listening_address):
    listening_address("0.0.0.0")
    _, record, participant = seed(database, "Acme")
    seed(database, "Another client")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["a"] = participant
    at.run()
    assert at.session_state["assessment_id"] == record.id
    at.switch_page(WORKSPACE).run()
    assert "Another client" not in shown(at) and "Acme" not in shown(at)
    assert "workspace is locked" in at.info[0].value


# --- paging and search ---------------------------------------------------------------------------

def test_the_workspace_pages_and_searches(database):
    store = open_store(database)
    for n in range(60):
        store.create(f"Client {n:02}", {}, "full", "v", summarise({}))
    store.create("100% Special_Name", {}, "full", "v", summarise({}))
    at = open_app(WORKSPACE)
    assert "61 assessments" in at.subheader[0].value
    assert "Showing 1–25 of 61" in "\n".join(c.value for c in at.caption)
    assert sum(1 for b in at.button if b.key and b.key.startswith("open-")) == 25
    at.button(key="page-next-top").click().run()
    assert "Showing 26–50 of 61" in "\n".join(c.value for c in at.caption)
    at.text_input(key="workspace:search").set_value("special_").run()
    assert "1 assessment" in at.subheader[0].value and "Special" in shown(at)
    at.text_input(key="workspace:search").set_value("no such client").run()
    assert "No assessment's client name contains that text" in at.info[0].value


def test_a_signed_in_consultant_adds_a_walk_in_assessment_to_their_workspace(two_orgs):
    store = open_store(two_orgs)
    _, walk_in, walk_in_link = seed(two_orgs, "Walk-in two")
    _, beta, beta_link = seed(two_orgs, "Beta Two", "beta.example")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "ann@alpha.example"}
    at.query_params["a"] = beta_link
    at.run()
    assert not any(b.key == "claim" for b in at.sidebar.button)  # owned by another organisation
    at.query_params["a"] = walk_in_link
    at.run()
    at.sidebar.button(key="claim").click().run()
    assert access.org_of(store.engine, walk_in.id) == "alpha.example"
    assert access.org_of(store.engine, beta.id) == "beta.example"
    at.switch_page(WORKSPACE).run()
    assert "Walk-in two" in shown(at) and "Beta Two" not in shown(at)
