"""JSON export and strict import: every bad-input kind, a round trip, and fuzzing."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions import default_bank
from scoring.summary import summarise
from storage import Summary, open_store
from storage.transfer import FORMAT, export_assessment, import_assessment, parse_import
from tests.conftest import profile

BANK = default_bank()


def document(**changes: object) -> bytes:
    base = {"format": FORMAT, "schema_version": 1, "bank_version": BANK.version, "client_name": "Acme",
            "mode": "full", "answers": profile() | {"GOV-01": "partial"}}
    return json.dumps({**base, **changes}).encode()


def problems(raw: bytes) -> list[str]:
    imported, found = parse_import(raw, BANK)
    assert imported is None
    return found


def test_round_trip_keeps_every_answer(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    record, _ = store.create("Zoë & Co <script>", profile() | {"ACC-01": "unsure"}, "full", BANK.version, Summary())
    raw = export_assessment(record, BANK)
    exported = json.loads(raw)
    assert exported["schema_version"] == 2 and exported["bank_version"] == BANK.version
    (created, token), found = import_assessment(store, raw, BANK, summarise)
    assert found == []
    assert created.id != record.id and created.answers == record.answers
    assert created.client_name == "Zoë & Co <script>"
    assert store.open(token).id == created.id and len(store.list()) == 2


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"x" * 1_000_001, "at most 1 MB"),
        (b"\xff\xfe\x00", "not text"),
        (b"{not json", "not valid JSON (line 1, column 2"),
        (b"[1, 2, 3]", "not a SOC Navigator assessment export"),
        (json.dumps({"answers": {}}).encode(), "not a SOC Navigator assessment export"),
        (document(schema_version=7), "schema version '7'"),
        (document(client_name=""), "client name must be text"),
        (document(client_name=["x"]), "client name must be text"),
        (document(mode="turbo"), "'turbo' is not one of"),
        (document(answers=[1]), "no answers object"),
        (document(answers={"GOV-99": "yes"}), "unknown question id 'GOV-99'"),
        (document(bank_version="older", answers={"OLD-01": "yes"}), "'OLD-01' is no longer in the question bank"),
        (document(answers={"b2b": "maybe"}), "b2b: \"maybe\" is not one of the allowed answers (yes, no)"),
        (document(answers={"GOV-01": True}), "GOV-01: true is not one of the allowed answers"),
        (document(answers={"headcount": "ten"}), "headcount: expected a whole number"),
        (document(answers={"deadline_months": 99}), "deadline_months: 99 is outside the allowed range 0-36"),
    ],
)
def test_every_kind_of_bad_file_is_explained(raw, expected):
    assert any(expected in problem for problem in problems(raw)), problems(raw)


def test_all_problems_are_listed_together():
    found = problems(document(schema_version=3, mode="x", answers={"b2b": "maybe", "nope": 1}))
    assert len(found) == 4


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                    lambda children: st.lists(children) | st.dictionaries(st.text(), children), max_leaves=20)


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_random_bytes_never_crash_or_change_stored_data(tmp_path, raw):
    check_import_is_safe(tmp_path, raw)


@FUZZ
@given(value=JSON)
def test_random_json_never_crashes_or_changes_stored_data(tmp_path, value):
    check_import_is_safe(tmp_path, json.dumps(value).encode())


@FUZZ
@given(answers=st.dictionaries(st.sampled_from([q.id for q in BANK.questions] + ["x"]), JSON, max_size=8))
def test_random_answers_in_a_well_formed_export_are_checked(tmp_path, answers):
    check_import_is_safe(tmp_path, document(answers=answers))


def check_import_is_safe(tmp_path, raw: bytes) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'fuzz.db'}")
    before = [(r.id, r.answers, r.revision) for r in store.list()]
    created, found = import_assessment(store, raw, BANK, summarise)
    after = [(r.id, r.answers, r.revision) for r in store.list()]
    if created is None:
        assert found and all(isinstance(p, str) and p for p in found)
        assert after == before
    else:
        assert found == [] and len(after) == len(before) + 1
        assert all(item in after for item in before)
    store.engine.dispose()


def test_schema_1_exports_keep_importing(tmp_path):
    """Contract v2 only added questions: an export made under schema 1 still imports whole."""
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    raw = document(schema_version=1, answers=profile() | {"ACC-01": "yes"})
    (created, _), found = import_assessment(store, raw, BANK, summarise)
    assert found == []
    assert created.answers == profile() | {"ACC-01": "yes"}
