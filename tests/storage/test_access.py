"""storage/access.py and storage/listing.py on SQLite and PostgreSQL: the workspace key and its back-off,
owner links that are reused and revocable, organisations, and the paged, searched workspace list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.orm import Session

from scoring.summary import summarise
from storage import access, listing, open_store
from storage.schema import AccessSettingRow, TokenRow
from tests.conftest import profile

SECRET = b"test-secret"


def new(store, name="Acme", org=""):
    answers = profile()
    return store.create(name, answers, "full", "v", summarise(answers), owner_email=f"x@{org}" if org else "",
                        org=org)


# --- the workspace key ---------------------------------------------------------------------------

def test_the_key_is_created_once_and_only_its_hash_is_stored(store):
    key = access.ensure_workspace_key(store.engine)
    assert key is not None and len(key) >= 32
    assert access.ensure_workspace_key(store.engine) is None  # the next start does not show it again
    assert access.key_matches(store.engine, key)
    assert not access.key_matches(store.engine, key[:-1] + ("A" if key[-1] != "A" else "B"))
    assert not access.key_matches(store.engine, "")
    with Session(store.engine) as session:
        stored = [row.value for row in session.scalars(select(AccessSettingRow))]
    assert stored and all(key not in value for value in stored)


def test_a_replaced_key_stops_the_old_one(store):
    old = access.ensure_workspace_key(store.engine)
    new_key = access.replace_workspace_key(store.engine)
    assert access.key_matches(store.engine, new_key)
    assert not access.key_matches(store.engine, old)


def test_an_operator_key_is_used_instead_of_the_generated_one(store):
    generated = access.ensure_workspace_key(store.engine)
    assert access.key_matches(store.engine, "operator-key", operator_key="operator-key")
    assert not access.key_matches(store.engine, generated, operator_key="operator-key")
    assert not access.key_matches(store.engine, "no key configured")  # nothing generated matches it


# --- back-off ------------------------------------------------------------------------------------

def test_a_session_gets_three_tries_then_doubling_waits(store):
    now = access._now()
    for _ in range(3):
        assert access.backoff(store.engine, "s1", now).wait_seconds == 0
        access.record_failure(store.engine, "s1", now=now)
    assert access.backoff(store.engine, "s1", now).wait_seconds == pytest.approx(1)
    access.record_failure(store.engine, "s1", now=now)
    assert access.backoff(store.engine, "s1", now).wait_seconds == pytest.approx(2)
    for _ in range(6):
        access.record_failure(store.engine, "s1", now=now)
    assert access.backoff(store.engine, "s1", now).wait_seconds == pytest.approx(128)
    assert access.backoff(store.engine, "s1", now + timedelta(seconds=100)).wait_seconds == pytest.approx(28)
    assert access.backoff(store.engine, "other", now).wait_seconds == 0  # another session is not held up yet


def test_many_sessions_together_slow_every_guesser_but_never_lock_out_a_fresh_session(store):
    now = access._now()
    for n in range(access.FREE_OVERALL + 3):
        access.record_failure(store.engine, f"guesser-{n}", address="10.0.0.9", now=now)
    guesser = access.backoff(store.engine, "guesser-0", now)
    assert guesser.overall_failures == access.FREE_OVERALL + 3
    assert guesser.wait_seconds == pytest.approx(8)
    # The operator's own first try is always checked, however many guesses the room made.
    assert access.backoff(store.engine, "operator", now).wait_seconds == 0


def test_the_right_key_resets_the_session_and_old_failures_expire(store):
    now = access._now()
    for _ in range(5):
        access.record_failure(store.engine, "s1", now=now)
    access.forget_failures(store.engine, "s1")
    assert access.backoff(store.engine, "s1", now).wait_seconds == 0
    for _ in range(5):
        access.record_failure(store.engine, "s2", now=now - access.WINDOW - timedelta(seconds=1))
    assert access.backoff(store.engine, "s2", now).wait_seconds == 0
    assert access.backoff(store.engine, "s2", now).session_failures == 0


def test_the_session_id_is_not_stored(store):
    access.record_failure(store.engine, "session-id-123", address="192.0.2.1")
    with store.engine.connect() as connection:
        stored = connection.execute(text("SELECT session, address FROM access_failures")).one()
    assert "session-id-123" not in stored[0] and stored[1] == "192.0.2.1"


# --- owner links ---------------------------------------------------------------------------------

def token_rows(store, assessment_id):
    with Session(store.engine) as session:
        return list(session.scalars(select(TokenRow.token_hash).where(TokenRow.assessment_id == assessment_id)))


def test_open_reuses_one_owner_link(store):
    record, _ = new(store)
    first = access.owner_link(store.engine, SECRET, record.id)
    assert access.owner_link(store.engine, SECRET, record.id) == first
    assert store.open(first).id == record.id
    assert len(token_rows(store, record.id)) == 2  # the participant's link and the owner's, never more
    assert first not in token_rows(store, record.id)
    assert access.link_count(store.engine, record.id) == 2


def test_revoking_stops_every_link_and_issues_one_new_one(store):
    record, participant = new(store)
    owner = access.owner_link(store.engine, SECRET, record.id)
    extra = store.new_link(record.id)
    revision = store.version(record.id)[0]
    fresh = access.revoke_links(store.engine, SECRET, record.id)
    assert store.version(record.id)[0] == revision + 1   # open tabs notice, and check their link
    for old in (owner, participant, extra):
        assert store.open(old) is None
        assert not access.link_opens(store.engine, old, record.id)
    assert fresh not in (owner, participant, extra)
    assert store.open(fresh).id == record.id
    assert access.owner_link(store.engine, SECRET, record.id) == fresh
    assert access.link_count(store.engine, record.id) == 1


def test_links_of_a_missing_assessment_are_refused(store):
    from storage import NotFoundError

    with pytest.raises(NotFoundError):
        access.owner_link(store.engine, SECRET, "no-such-id")
    with pytest.raises(NotFoundError):
        access.revoke_links(store.engine, SECRET, "no-such-id")


def test_the_link_secret_file_is_private_and_stable(tmp_path, monkeypatch):
    monkeypatch.delenv(access.LINK_SECRET_ENV, raising=False)
    path = tmp_path / "data" / "link_secret"
    secret = access.link_secret(path)
    assert len(secret) == 64 and access.link_secret(path) == secret
    assert path.stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv(access.LINK_SECRET_ENV, "shared-by-all-processes")
    assert access.link_secret(path) == b"shared-by-all-processes"


# --- organisations -------------------------------------------------------------------------------

def test_claim_takes_only_unowned_assessments(store):
    unowned, _ = new(store)
    theirs, _ = new(store, org="beta.example")
    assert access.claim(store.engine, unowned.id, "ann@alpha.example", "alpha.example")
    assert access.org_of(store.engine, unowned.id) == "alpha.example"
    assert not access.claim(store.engine, theirs.id, "ann@alpha.example", "alpha.example")
    assert access.org_of(store.engine, theirs.id) == "beta.example"
    assert access.org_of(store.engine, "missing") is None


def test_a_duplicate_stays_in_its_organisation(store):
    record, _ = new(store, org="alpha.example")
    copy, _ = store.duplicate(record.id)
    assert access.org_of(store.engine, copy.id) == "alpha.example"


@pytest.mark.parametrize(("email", "org"), [
    ("ann@alpha.example", "alpha.example"),
    ("ANN@Alpha.Example", "alpha.example"),
    ("bob@solo.example", "bob@solo.example"),
    ("carol@solo.example", None),
    ("eve@sub.alpha.example", None),
    ("eve@alpha.example.evil", None),
    ("alpha.example", None),
    ("a@b@alpha.example", None),
    ("@alpha.example", None),
    (None, None),
])
def test_the_allow_list_admits_domains_and_single_addresses(email, org):
    allowed = access.parse_allow_list("alpha.example, Bob@Solo.Example")
    assert access.org_for_email(email, allowed) == org


def test_the_allow_list_reads_a_list_or_a_string():
    assert access.parse_allow_list(["@a.example", "b@c.example", " "]) == ("a.example", "b@c.example")
    assert access.parse_allow_list("") == ()


# --- the workspace list --------------------------------------------------------------------------

def test_pages_are_scoped_to_one_organisation(store):
    for n in range(30):
        new(store, f"Alpha client {n:02}", org="alpha.example")
    for n in range(5):
        new(store, f"Beta client {n}", org="beta.example")
    new(store, "Nobody's")
    first = listing.page(store.engine, "alpha.example", page_size=25)
    second = listing.page(store.engine, "alpha.example", offset=25, page_size=25)
    assert first.total == 30 and len(first.records) == 25 and len(second.records) == 5
    names = {r.client_name for r in (*first.records, *second.records)}
    assert len(names) == 30 and all(name.startswith("Alpha") for name in names)
    assert {r.client_name for r in listing.page(store.engine, "beta.example").records} == {
        f"Beta client {n}" for n in range(5)}
    assert listing.page(store.engine, None).total == 36
    assert listing.page(store.engine, "gamma.example").total == 0
    past_the_end = listing.page(store.engine, "alpha.example", offset=500, page_size=25)
    assert past_the_end.offset == 25 and len(past_the_end.records) == 5


def test_search_is_case_insensitive_and_literal(store):
    for name in ("Acme 100% Cloud", "Acme 1000 Cloud", "Under_score Ltd", "Underxscore Ltd", "Back\\slash",
                 "Other"):
        new(store, name, org="o.example")

    def found(search):
        return sorted(r.client_name for r in listing.page(store.engine, "o.example", search).records)

    assert found("acme") == ["Acme 100% Cloud", "Acme 1000 Cloud"]
    assert found("100%") == ["Acme 100% Cloud"]
    assert found("_") == ["Under_score Ltd"]
    assert found("\\") == ["Back\\slash"]
    assert found("%") == ["Acme 100% Cloud"]
    assert found("nothing like it") == []
    assert found("  ") == sorted(["Acme 100% Cloud", "Acme 1000 Cloud", "Under_score Ltd", "Underxscore Ltd",
                                  "Back\\slash", "Other"])
    assert found("\x00acme") == ["Acme 100% Cloud", "Acme 1000 Cloud"]  # a NUL never reaches PostgreSQL


def test_snapshots_of_lists_only_the_given_assessments(store):
    a, _ = new(store, "A")
    b, _ = new(store, "B")
    store.snapshot(a.id, "As of today")
    store.snapshot(b.id, "As of today")
    assert [s.assessment_id for s in listing.snapshots_of(store.engine, (a.id,))] == [a.id]
    assert listing.snapshots_of(store.engine, ()) == ()


def test_a_version_2_database_is_migrated_to_the_access_model(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER)"))
        connection.execute(text("INSERT INTO schema_version VALUES (1, 2)"))
        connection.execute(text(
            "CREATE TABLE assessments (id VARCHAR(36) PRIMARY KEY, client_name VARCHAR(200), mode VARCHAR(10), "
            "answers TEXT, revision INTEGER, bank_version VARCHAR(40), reports VARCHAR(40), report_type VARCHAR(10),"
            " readiness INTEGER, notes TEXT NOT NULL DEFAULT '', created_at DATETIME, updated_at DATETIME)"))
        connection.execute(text(
            "INSERT INTO assessments VALUES ('old-1', 'Old client', 'full', '{}', 3, 'v', '', '', NULL, '', "
            "'2025-01-01 00:00:00', '2025-01-01 00:00:00')"))
        connection.execute(text("CREATE TABLE resume_tokens (token_hash VARCHAR(64) PRIMARY KEY, "
                                "assessment_id VARCHAR(36), created_at DATETIME)"))
        connection.execute(text("CREATE TABLE snapshots (id VARCHAR(36) PRIMARY KEY, assessment_id VARCHAR(36), "
                                "label VARCHAR(200), answers TEXT, bank_version VARCHAR(40), created_at DATETIME)"))
    engine.dispose()
    store = open_store(url)
    columns = {c["name"] for c in inspect(store.engine).get_columns("assessments")}
    assert {"owner_email", "org", "link_generation"} <= columns
    assert access.org_of(store.engine, "old-1") == ""
    assert [r.client_name for r in listing.page(store.engine, None).records] == ["Old client"]
    assert access.owner_link(store.engine, SECRET, "old-1")
    store.engine.dispose()


def test_new_key_on_the_command_line_replaces_the_key(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("SOC_NAVIGATOR_DATABASE_URL", url)
    store = open_store(url)
    old = access.ensure_workspace_key(store.engine)
    assert access.main(["new-key"]) == 0
    printed = capsys.readouterr().out.strip()
    assert access.key_matches(store.engine, printed) and not access.key_matches(store.engine, old)
    assert access.main(["something-else"]) == 2
    store.engine.dispose()
