"""The merge rules, as plain logic: who is told when a colleague replaces an answer, which incoming
values a tab takes, and how a stretch of history nets out."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from services.collaboration import NOTICE_WINDOW, MyWrite, checked, incoming
from storage import Author, Change

NOW = datetime(2026, 11, 23, 10, 0, 0)
ANA, BEN = Author(id="a", name="Ana"), Author(id="b", name="Ben")


def change(field, old, new, by, revision, ago=timedelta(0)):
    return Change(field=field, old=old, new=new, author=by, at=NOW - ago, revision=revision)


def test_a_colleague_replacing_my_fresh_answer_gives_me_a_notice_with_both_values():
    mine = {"mfa": MyWrite(value="yes", revision=4, at=NOW - timedelta(seconds=5))}
    found = incoming((change("mfa", "yes", "no", BEN, 5),), me="a", writes=mine, since=4, now=NOW)
    assert dict(found.values) == {"mfa": "no"}
    (notice,) = found.overridden
    assert (notice.field, notice.mine, notice.theirs, notice.by.name) == ("mfa", "yes", "no", "Ben")
    assert found.revision == 5


@pytest.mark.parametrize("case", ["old answer", "same value", "other question", "my own change"])
def test_no_notice_when_nothing_of_mine_was_replaced(case):
    written = NOW - (NOTICE_WINDOW + timedelta(seconds=1) if case == "old answer" else timedelta(seconds=5))
    mine = {"mfa": MyWrite(value="yes", revision=4, at=written)}
    incoming_change = {"old answer": change("mfa", "yes", "no", BEN, 5),
                       "same value": change("mfa", "yes", "yes", BEN, 5),
                       "other question": change("sso", None, "no", BEN, 5),
                       "my own change": change("mfa", "yes", "no", ANA, 5)}[case]
    found = incoming((incoming_change,), me="a", writes=mine, since=4, now=NOW)
    assert found.overridden == ()


def test_a_change_older_than_my_own_later_write_is_ignored():
    mine = {"mfa": MyWrite(value="yes", revision=7, at=NOW)}
    found = incoming((change("mfa", None, "no", BEN, 6),), me="a", writes=mine, since=5, now=NOW)
    assert found.values == () and found.overridden == () and found.revision == 6


def test_several_changes_to_one_field_end_at_the_last():
    found = incoming((change("mfa", None, "no", BEN, 5), change("mfa", "no", "partial", BEN, 6)),
                     me="a", writes={}, since=4, now=NOW)
    assert dict(found.values) == {"mfa": "partial"}


def test_checked_keeps_clearing_and_meta_fields_and_refuses_what_the_bank_does_not_allow():
    kept, refused = checked({"b2b": "yes", "security_ask": "maybe", "headcount": None, "@client_name": "<b>x</b>",
                             "not_a_question": "yes"})
    assert kept == {"b2b": "yes", "headcount": None, "@client_name": "<b>x</b>"}
    assert set(refused) == {"security_ask", "not_a_question"}
