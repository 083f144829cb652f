"""Who is here (presence), the workshop's join link and sections, and the firm printed on reports.
SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from storage import NotFoundError, firms, presence, workshops
from storage.firms import LOGO_TYPES, MAX_LOGO_BYTES, Firm
from storage.presence import PRESENT_FOR
from tests.storage.support import create, rows_of, start_workshop

T0 = datetime(2026, 3, 1, 10, 0, 0)
SECOND = timedelta(seconds=1)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def here(store, assessment_id, now):
    return [(p.participant_id, p.name, p.section, p.seen_at)
            for p in presence.present(store.engine, assessment_id, now=now)]


def test_presence_shows_who_is_here_until_they_leave_or_are_not_seen_for_a_while(store):
    record, _ = create(store)
    other, _ = create(store, name="Other")
    presence.touch(store.engine, record.id, "p-ana", "Ana\x00 \u202eLopez", "scoping", now=T0)
    presence.touch(store.engine, record.id, "p-ben", "Ben", "governance", now=T0 + 10 * SECOND)
    presence.touch(store.engine, other.id, "p-cy", "Cy", now=T0)
    assert here(store, record.id, T0 + 10 * SECOND) == [("p-ana", "Ana Lopez", "scoping", T0),
                                                        ("p-ben", "Ben", "governance", T0 + 10 * SECOND)]
    assert [p.name for p in presence.present(store.engine, other.id, now=T0)] == ["Cy"]

    assert [row[0] for row in here(store, record.id, T0 + PRESENT_FOR - SECOND)] == ["p-ana", "p-ben"]
    assert [row[0] for row in here(store, record.id, T0 + PRESENT_FOR + SECOND)] == ["p-ben"]   # Ana expired
    presence.touch(store.engine, record.id, "p-ana", "Ana Lopez", "access", now=T0 + PRESENT_FOR + 2 * SECOND)
    assert here(store, record.id, T0 + PRESENT_FOR + 2 * SECOND)[0] == (
        "p-ana", "Ana Lopez", "access", T0 + PRESENT_FOR + 2 * SECOND)   # back, on another section
    assert rows_of(store, record.id)["presence"] == 2       # refreshed in place, never a second row

    presence.leave(store.engine, record.id, "p-ben")
    assert [row[0] for row in here(store, record.id, T0 + 20 * SECOND)] == ["p-ana"]
    presence.leave(store.engine, record.id, "p-nobody")     # leaving twice or unknown is harmless
    assert here(store, record.id, T0 + 10 * PRESENT_FOR) == []
    assert [p.name for p in presence.present(store.engine, other.id, now=T0)] == ["Cy"]   # other rooms untouched


def test_a_workshop_join_link_opens_its_assessment_until_restarted_or_ended(store):
    record, resume = create(store)
    token = start_workshop(store, record.id, "Fa\x00cilitator")
    joined = workshops.join(store.engine, token)
    assert (joined.assessment_id, joined.active, joined.started_by) == (record.id, True, "Facilitator")
    assert store.open(token) is None and workshops.join(store.engine, resume) is None   # two kinds of link
    workshops.assign(store.engine, record.id, "Ana", ("scoping",))

    revision = store.version(record.id)[0]
    restarted = start_workshop(store, record.id)
    assert restarted != token
    assert workshops.join(store.engine, token) is None      # the old link stops at once
    assert store.version(record.id)[0] == revision + 1      # and open tabs are told to check theirs
    rejoined = workshops.join(store.engine, restarted)
    assert rejoined.assessment_id == record.id and rejoined.sections_for("Ana") == ("scoping",)   # kept

    workshops.end(store.engine, record.id)
    assert workshops.join(store.engine, restarted) is None
    assert store.version(record.id)[0] == revision + 2
    assert workshops.get(store.engine, record.id).active is False
    again = start_workshop(store, record.id)
    assert workshops.join(store.engine, again).active and workshops.join(store.engine, restarted) is None

    with pytest.raises(NotFoundError):
        start_workshop(store, "no-such-id")
    other, _ = create(store, name="Other")
    assert workshops.get(store.engine, other.id) is None
    with pytest.raises(NotFoundError):
        workshops.assign(store.engine, other.id, "Ana", ("scoping",))   # no workshop on it


def test_sections_are_assigned_by_name_whatever_its_case(store):
    record, _ = create(store)
    start_workshop(store, record.id)
    given = workshops.assign(store.engine, record.id, "Ana Lopez", ("scoping", "governance", "scoping"))
    assert given.sections_for("ana lopez") == given.sections_for("ANA LOPEZ") == ("scoping", "governance")
    assert given.sections_for("Ben") == ()                  # not assigned: every section is theirs
    given = workshops.assign(store.engine, record.id, "ANA LOPEZ", ("access",))
    assert given.assignments == (("ANA LOPEZ", ("access",)),)   # the same person, replaced, not added
    workshops.assign(store.engine, record.id, "Straße\x00", ("risk",))
    stored = workshops.get(store.engine, record.id)
    assert stored.sections_for("STRASSE") == ("risk",) and stored.sections_for("ana lopez") == ("access",)
    assert dict(stored.assignments)["Straße"] == ("risk",)  # the name is stored cleaned
    removed = workshops.assign(store.engine, record.id, "ana lopez", ())
    assert removed.assignments == (("Straße", ("risk",)),) == workshops.get(store.engine, record.id).assignments


@pytest.mark.parametrize("token", [None, "", "short", "A" * 32, "x" * 33, "../../etc/passwd", 42, b"A" * 32,
                                   "A" * 31 + "=", "A" * 31 + "\x00"])
def test_malformed_or_unknown_join_tokens_open_nothing(store, token):
    record, _ = create(store)
    start_workshop(store, record.id)
    assert workshops.join(store.engine, token) is None


def test_a_firm_is_saved_cleaned_per_workspace(store):
    assert firms.get(store.engine, "firm.example") == Firm()   # never configured: empty
    saved = firms.save(store.engine, "firm.example",
                       Firm(name="  Acme\x00 \u202eAdvisory\n Ltd ", logo=PNG, logo_type="image/png"))
    assert saved == Firm(name="Acme Advisory Ltd", logo=PNG, logo_type="image/png")
    assert firms.get(store.engine, "firm.example") == saved
    assert firms.get(store.engine, "other.example") == Firm()

    biggest = b"\xff\xd8\xff" + b"j" * (MAX_LOGO_BYTES - 3)
    firms.save(store.engine, "firm.example", Firm(name="Acme Advisory", logo=biggest, logo_type="image/jpeg"))
    assert firms.get(store.engine, "firm.example").logo == biggest   # exactly the limit is accepted
    without = firms.save(store.engine, "firm.example", Firm(name="Acme", logo=None, logo_type="image/png"))
    assert without == Firm(name="Acme") == firms.get(store.engine, "firm.example")   # no logo, no type


@pytest.mark.parametrize(("logo", "logo_type"), [(b"x" * (MAX_LOGO_BYTES + 1), "image/png"), (PNG, "image/gif"),
                                                 (PNG, "image/svg+xml"), (PNG, ""), (PNG, "IMAGE/PNG")])
def test_a_logo_too_large_or_of_another_type_is_refused_and_nothing_changes(store, logo, logo_type):
    assert logo_type not in LOGO_TYPES or len(logo) > MAX_LOGO_BYTES
    kept = firms.save(store.engine, "firm.example", Firm(name="Acme", logo=PNG, logo_type="image/png"))
    with pytest.raises(ValueError, match="PNG or JPEG"):
        firms.save(store.engine, "firm.example", Firm(name="Changed", logo=logo, logo_type=logo_type))
    assert firms.get(store.engine, "firm.example") == kept
