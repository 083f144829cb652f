"""The workspace list: every sort, which drafts are listed, search, workspaces, paging, and
snapshots renamed and deleted. SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from storage import NotFoundError, Summary
from storage.history import snapshot_moments
from storage.listing import SORTS, page, refresh_summaries, snapshots_of
from storage.records import NOTES_FIELD
from tests.storage.support import ANA, counted, create, set_updated_at

NOON = datetime(2026, 2, 1, 12, 0)
HOUR = timedelta(hours=1)
# Names differ in case on purpose: "Name" sorts as a person reads, not by character code.
FOUR = {  # name: (summary, hours before NOON of its last change)
    "beta": (Summary(reports=["SOC 2"], report_type="Type II", readiness=80), 3),
    "Alpha": (Summary(reports=["SOC 1"], report_type="Type I"), 1),
    "charlie": (Summary(readiness=40), 2),
    "Delta": (Summary(reports=["SOC 2"], report_type="Type I", readiness=95), 4),
}
EXPECTED = {
    "Last change": ["Alpha", "charlie", "beta", "Delta"],
    "Name": ["Alpha", "beta", "charlie", "Delta"],
    "Readiness": ["Delta", "beta", "charlie", "Alpha"],       # not assessed last
    "Report": ["Alpha", "Delta", "beta", "charlie"],          # SOC 1, SOC 2 Type I, SOC 2 Type II, none last
}


def names(store, **options) -> list[str]:
    return [record.client_name for record in page(store.engine, None, **options).records]


@pytest.fixture
def four(store):
    for name, (summary, hours) in FOUR.items():
        record, _ = create(store, name=name, summary=summary)
        set_updated_at(store, NOON - hours * HOUR, record.id)
    return store


def test_every_sort_is_covered_here():
    assert set(EXPECTED) == set(SORTS)


@pytest.mark.parametrize("sort", list(EXPECTED))
def test_each_sort_gives_its_order(four, sort):
    assert names(four, sort=sort) == EXPECTED[sort]
    assert [n for p in (0, 2) for n in names(four, sort=sort, offset=p, page_size=2)] == EXPECTED[sort]   # paged


def test_an_unknown_sort_is_last_change_first(four):
    assert names(four, sort="'; DROP TABLE assessments; --") == EXPECTED["Last change"]


def test_a_save_moves_an_assessment_to_the_top_and_its_new_summary_sorts_it(four):
    delta = next(r for r in four.list() if r.client_name == "Delta")
    four.save_changes(delta.id, {"b2b": "no"}, ANA)          # readiness becomes 1 (one answer)
    assert names(four)[0] == "Delta"
    assert names(four, sort="Readiness", summarise=counted) == ["beta", "charlie", "Delta", "Alpha"]


def test_a_save_leaves_the_summary_to_the_listing_which_computes_only_what_changed(store):
    record, _ = create(store, answers={"b2b": "yes"}, summary=Summary(readiness=77))
    create(store, name="Untouched", summary=Summary(readiness=5))
    store.save_changes(record.id, {"security_ask": "yes"}, ANA)
    assert store.get(record.id).summary.readiness == 77                 # an answer runs no engine
    listed = {r.client_name: r.summary.readiness for r in page(store.engine, None, summarise=counted).records}
    assert listed == {"Acme": 2, "Untouched": 5}                        # from the answers as they now stand
    assert refresh_summaries(store.engine, None, counted) == 0          # nothing left behind
    copy, _ = store.duplicate(record.id)
    assert refresh_summaries(store.engine, None, counted) == 1 and store.get(copy.id).summary.readiness == 2


def test_a_summary_is_not_kept_when_the_assessment_was_saved_while_it_was_computed(store):
    record, _ = create(store, answers={"b2b": "yes"})
    store.save_changes(record.id, {"security_ask": "yes"}, ANA)

    def saved_meanwhile(answers):
        if len(answers) == 2:   # the answers read before this save
            store.save_changes(record.id, {"uptime_sla": "yes"}, ANA)
        return counted(answers)

    assert refresh_summaries(store.engine, None, saved_meanwhile) == 1
    assert store.get(record.id).summary.readiness != 2                  # the older answers' summary not kept
    refresh_summaries(store.engine, None, counted)
    assert store.get(record.id).summary.readiness == 3


def test_summaries_are_computed_for_the_workspace_listed_only(store):
    ours, _ = create(store, name="Ours", org="a.example")
    theirs, _ = create(store, name="Theirs", org="b.example")
    for record in (ours, theirs):
        store.save_changes(record.id, {"security_ask": "yes"}, ANA)
    assert refresh_summaries(store.engine, "a.example", counted) == 1
    assert (store.get(ours.id).summary.readiness, store.get(theirs.id).summary.readiness) == (2, None)


def test_paging_counts_every_listed_assessment_and_clamps_the_offset(four):
    last = page(four.engine, None, offset=99, page_size=3)
    assert (last.total, last.offset, len(last.records)) == (4, 3, 1)
    assert page(four.engine, None, page_size=0).page_size == 1


def test_untitled_empty_drafts_are_not_listed_while_named_answered_or_noted_ones_are(store):
    empty, _ = create(store, name="", answers={})
    answered, _ = create(store, name="", answers={"b2b": "yes"})
    noted, _ = create(store, name="", answers={}, notes="A note")
    named, _ = create(store, name="Named only", answers={})
    cleared, _ = create(store, name="", answers={"b2b": "yes"})
    store.save_changes(cleared.id, {"b2b": None}, ANA)      # answered, then cleared: empty again
    listed = page(store.engine, None)
    assert {r.id for r in listed.records} == {answered.id, noted.id, named.id} and listed.total == 3
    store.save_changes(empty.id, {NOTES_FIELD: "Now noted"}, ANA)
    assert empty.id in {r.id for r in page(store.engine, None).records}
    assert store.get(cleared.id) is not None                          # unlisted is not deleted


def test_search_matches_the_client_name_literally_and_ignoring_case(store):
    for name in ("Acme 100% Cloud", "Acme_Payroll", "AcmeXPayroll", "Pay & Co — Ünïcode", "Other"):
        create(store, name=name)
    assert sorted(names(store, search="acme")) == ["Acme 100% Cloud", "AcmeXPayroll", "Acme_Payroll"]
    assert names(store, search="100%") == names(store, search="%") == ["Acme 100% Cloud"]
    assert names(store, search="acme_") == ["Acme_Payroll"]           # _ is a character, not a wildcard
    assert names(store, search="\x00 Ünïcode\t") == ["Pay & Co — Ünïcode"]
    assert names(store, search="\\") == [] and names(store, search="nobody") == []
    assert len(names(store, search="   ")) == 5                       # blank: everything


def test_each_workspace_lists_only_its_own(store):
    ours, _ = create(store, name="Ours", org="firm.example")
    create(store, name="Theirs", org="other.example")
    create(store, name="Unscoped")
    assert [r.id for r in page(store.engine, "firm.example").records] == [ours.id]
    assert names(store, search="ours") == ["Ours"]
    assert sorted(names(store)) == ["Ours", "Theirs", "Unscoped"]     # no sign-in: one workspace lists all


def test_snapshots_are_renamed_and_deleted(store):
    record, _ = create(store, answers={"GOV-01": "no"})
    other, _ = create(store, name="Other")
    kick_off = store.snapshot(record.id, "Kick-off")
    store.save_changes(record.id, {"GOV-01": "yes"}, ANA)
    later = store.snapshot(record.id, "Later")
    theirs = store.snapshot(other.id, "Theirs")

    store.rename_snapshot(kick_off.id, "  Kick\x00-off \u202e(v2)\n")
    assert {s.id: s.label for s in store.snapshots(record.id)} == {kick_off.id: "Kick-off (v2)", later.id: "Later"}
    assert {s.id: s.answers for s in store.snapshots(record.id)} == {kick_off.id: {"GOV-01": "no"},
                                                                     later.id: {"GOV-01": "yes"}}
    with pytest.raises(NotFoundError):
        store.rename_snapshot("no-such-id", "x")

    store.delete_snapshot(kick_off.id)
    assert [s.id for s in store.snapshots(record.id)] == [later.id]
    store.delete_snapshot(kick_off.id)                                # deleting again is harmless
    assert snapshots_of(store.engine, (record.id,)) == tuple(store.snapshots(record.id))
    assert {s.id for s in snapshots_of(store.engine, (record.id, other.id))} == {later.id, theirs.id}
    assert snapshots_of(store.engine, ()) == ()
    assert {s.id for s in store.snapshots()} == {later.id, theirs.id}
    again = store.snapshot(record.id, "Again")
    assert snapshot_moments(store.engine, record.id) == tuple(                 # theirs not among them
        (s.id, s.label, s.created_at) for s in store.snapshots(record.id)) and len(store.snapshots(record.id)) == 2
    assert again.id in {moment.id for moment in snapshot_moments(store.engine, record.id)}
