"""The access model in a real browser, against a real OpenID Connect provider the test starts itself
(oidc-provider-mock, on loopback): organisations never see each other's assessments, a participant's
link opens its assessment and never the workspace, the workspace refuses without sign-in, wrong
workspace keys back off, and revoked links stop working."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import expect

from bench.server import Server
from scoring.summary import summarise
from storage import open_store
from tests.browser.conftest import expect_answers, screenshot, settle
from tests.conftest import profile

pytestmark = pytest.mark.browser
CLIENTS = {"alpha.example": ("Alpha Payroll", "Alpha Cloud"), "beta.example": ("Beta Bank",)}
USERS = (User(sub="ann", claims={"email": "ann@alpha.example", "email_verified": True, "name": "Ann"}),
         User(sub="bob", claims={"email": "bob@beta.example", "email_verified": True, "name": "Bob"}),
         User(sub="eve", claims={"email": "eve@gamma.example", "email_verified": True, "name": "Eve"}))


def seed(folder: Path) -> dict[str, str]:
    """Each organisation's clients plus one walk-in participant's; returns {client name: participant link token}."""
    store = open_store(f"sqlite:///{folder / 'bench.db'}")
    tokens = {}
    for org, names in {**CLIENTS, "": ("Walk-in participant",)}.items():
        for name in names:
            _, tokens[name] = store.create(name, profile(), "full", "v", summarise(profile()),
                                           owner_email=f"owner@{org}" if org else "", org=org)
    store.engine.dispose()
    return tokens


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with run_server_in_thread(user_claims=USERS) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def signed_in_server(tmp_path: Path, provider: str) -> Iterator[tuple[Server, dict[str, str]]]:
    """The app with sign-in configured in a secrets file outside the repository."""
    folder = tmp_path / "server"
    folder.mkdir()
    tokens = seed(folder)
    secrets = tmp_path / "secrets.toml"
    server = Server("app.py", folder, ("--secrets.files", str(secrets)),
                    {"SOC_NAVIGATOR_ALLOWED_EMAILS": "alpha.example, beta.example",
                     "SOC_NAVIGATOR_LINK_SECRET": "browser-test-link-secret"})
    secrets.write_text(f'''[auth]
redirect_uri = "{server.url}/oauth2callback"
cookie_secret = "browser-test-cookie-secret-0123456789abcdef"
client_id = "soc-navigator"
client_secret = "not-checked-by-the-mock"
server_metadata_url = "{provider}/.well-known/openid-configuration"
''', encoding="utf-8")
    server.start()
    yield server, tokens
    server.stop()


@pytest.fixture
def key_server(tmp_path: Path) -> Iterator[tuple[Server, dict[str, str]]]:
    """The app reached from the network without an identity provider: the generated workspace key."""
    folder = tmp_path / "server"
    folder.mkdir()
    tokens = seed(folder)
    server = Server("app.py", folder, (), {"SOC_NAVIGATOR_ACCESS": "required",
                                           "SOC_NAVIGATOR_LINK_SECRET": "browser-test-link-secret"})
    server.start()
    yield server, tokens
    server.stop()


def open_workspace(page, url: str) -> None:
    page.goto(f"{url}/Workspace")
    page.get_by_role("heading", name="Workspace").wait_for()
    settle(page)


def sign_in(page, url: str, subject: str) -> None:
    open_workspace(page, url)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=subject, exact=True).click()  # the provider's own page
    page.wait_for_url(re.compile(re.escape(url)))
    open_workspace(page, url)


def expect_no_clients(page) -> None:
    for name in (*CLIENTS["alpha.example"], *CLIENTS["beta.example"], "Walk-in participant"):
        expect(page.get_by_text(name)).to_have_count(0)


def test_each_organisation_sees_only_its_own_assessments(browser, signed_in_server):
    server, _ = signed_in_server
    for subject, org in (("ann", "alpha.example"), ("bob", "beta.example")):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, server.url, subject)
        expect(page.get_by_text(f"assessments of {org}")).to_be_visible()
        for own in CLIENTS[org]:
            expect(page.get_by_text(own, exact=True)).to_be_visible()
        for other_org, names in CLIENTS.items():
            for name in names if other_org != org else ():
                expect(page.get_by_text(name)).to_have_count(0)
        expect(page.get_by_text("Walk-in participant")).to_have_count(0)
        screenshot(page, f"workspace-signed-in-{subject}")
        context.close()


def test_the_workspace_refuses_without_sign_in_and_off_the_allow_list(browser, page, signed_in_server):
    server, _ = signed_in_server
    open_workspace(page, server.url)
    expect(page.get_by_text("Sign in with your organisation's account")).to_be_visible()
    expect_no_clients(page)
    eve = browser.new_context().new_page()
    sign_in(eve, server.url, "eve")
    expect(eve.get_by_text("not on this server's allow-list")).to_be_visible()
    expect_no_clients(eve)
    eve.context.close()


def test_a_participant_link_opens_its_assessment_and_never_the_workspace(page, signed_in_server):
    server, tokens = signed_in_server
    page.goto(f"{server.url}/?a={tokens['Walk-in participant']}")
    settle(page)
    expect_answers(page, len(profile()))
    page.get_by_role("link", name="Workspace").click()
    page.get_by_role("heading", name="Workspace").wait_for()
    settle(page)
    expect(page.get_by_text("Sign in with your organisation's account")).to_be_visible()
    expect_no_clients(page)


def workspace_key(server: Server) -> str:
    log = (server.folder / "server.log").read_text()
    found = re.search(r"Workspace key, shown once.*: (\S+)$", log, re.MULTILINE)
    assert found, log
    return found.group(1)


def enter_key(page, key: str) -> None:
    field = page.get_by_label("Workspace key", exact=True)
    field.fill(key)
    field.press("Enter")
    settle(page)


def test_wrong_keys_back_off_and_are_logged(browser, page, key_server):
    server, _ = key_server
    open_workspace(page, server.url)
    expect(page.get_by_text("workspace is locked")).to_be_visible()
    key = workspace_key(server)
    for n in range(3):
        enter_key(page, f"wrong-guess-{n}")
        expect(page.get_by_text("That key is not right.")).to_be_visible()
    expect(page.get_by_text("Wait 1 second before the next try")).to_be_visible()
    enter_key(page, key)  # too soon: not even checked
    expect(page.get_by_text("Too many wrong keys")).to_be_visible()
    expect_no_clients(page)
    log = (server.folder / "server.log").read_text()
    assert log.count("Wrong workspace key") == 3 and log.count("refused during back-off") == 1
    assert "wrong-guess" not in log
    other = browser.new_context().new_page()  # another person, with the right key
    open_workspace(other, server.url)
    enter_key(other, key)
    expect(other.get_by_text("Alpha Payroll", exact=True)).to_be_visible()
    expect(other.get_by_text("Walk-in participant", exact=True)).to_be_visible()
    other.context.close()


def test_revoked_links_stop_working(browser, page, key_server):
    server, tokens = key_server
    participant = browser.new_context().new_page()
    participant.goto(f"{server.url}/?a={tokens['Beta Bank']}")
    settle(participant)
    expect_answers(participant, len(profile()))

    open_workspace(page, server.url)
    enter_key(page, workspace_key(server))
    row = page.locator('[class*="st-key-row-"]').filter(has_text="Beta Bank")
    row.get_by_role("button", name="Links").click()
    settle(page)
    page.get_by_role("button", name="Revoke all links and issue a new one").click()
    settle(page)
    expect(page.get_by_text("Every earlier link stopped working")).to_be_visible()
    new_link = page.locator('[data-testid="stCode"]').filter(has_text="?a=").inner_text().strip()

    fresh = browser.new_context().new_page()
    fresh.goto(f"{server.url}/?a={tokens['Beta Bank']}")
    settle(fresh)
    expect(fresh.get_by_text("does not match any saved assessment")).to_be_visible()
    expect(fresh.get_by_text("No answers yet")).to_be_visible()
    # The participant's open tab closes the assessment by itself within seconds (its live poll), and a
    # reload opens nothing.
    expect(participant.get_by_text("The link to this assessment was withdrawn")).to_be_visible(timeout=15_000)
    participant.reload()
    settle(participant)
    expect(participant.get_by_text("No answers yet")).to_be_visible()
    fresh.goto(new_link)
    settle(fresh)
    expect_answers(fresh, len(profile()))
    screenshot(page, "workspace-links-revoked")
    for opened in (participant, fresh):
        opened.context.close()
