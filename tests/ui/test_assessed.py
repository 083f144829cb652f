"""The per-session memo's key: the same answers give the same key, any other answers another."""

from __future__ import annotations

from ui.assessed import fingerprint


def test_the_same_answers_in_any_order_share_a_fingerprint():
    assert fingerprint({"b2b": "yes", "headcount": 40}) == fingerprint({"headcount": 40, "b2b": "yes"})


def test_any_other_answer_value_type_or_question_changes_the_fingerprint():
    base = {"b2b": "yes", "headcount": 40}
    others = [{"b2b": "no", "headcount": 40}, {"b2b": "yes", "headcount": "40"}, {"b2b": "yes"},
              {"b2b": "yes", "headcount": 40, "sso": "yes"}, {"b2b": "yes", "headcount": 41}, {}]
    prints = {fingerprint(answers) for answers in [base, *others]}
    assert len(prints) == len(others) + 1


def test_a_forged_unhashable_answer_still_has_a_fingerprint():
    assert fingerprint({"b2b": ["yes", "no"]}) != fingerprint({"b2b": "yes"})
