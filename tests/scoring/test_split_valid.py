"""Server-side check of every answer on every save: forged values refused, valid ones kept."""

from __future__ import annotations

from questions import default_bank
from scoring.answers import answer_problems, split_valid

BANK = default_bank()


def test_valid_answers_pass_and_forged_ones_are_refused_with_a_reason():
    forged = {"b2b": "maybe", "security_ask": "[x](https://evil.example)", "headcount": 0, "phi": True,
              "no_such_question": "yes", "controls_operating_months": "12", "GOV-01": ["yes"],
              "deadline_months": 10 ** 5000, "customer_data": "y" * 100_000}
    valid, refused = split_valid({"b2b2": 1, **forged, "has_customers": "yes", "headcount ": 3}, BANK)
    assert valid == {"has_customers": "yes"}
    assert set(refused) == {*forged, "b2b2", "headcount "}
    assert "not allowed" in refused["b2b"] and "outside the allowed range" in refused["headcount"]
    assert "unknown question id" in refused["no_such_question"]
    assert "whole number" in refused["controls_operating_months"]
    assert "digits" in refused["deadline_months"]
    assert all(len(message) <= 300 for message in refused.values())


def test_a_full_valid_assessment_is_kept_whole():
    from tests.conftest import profile

    answers = profile()
    assert split_valid(answers, BANK) == (answers, {})


def test_huge_numbers_and_values_never_break_the_messages():
    problems = answer_problems({"headcount": -(10 ** 6000), "b2b": 10 ** 6000, "x" * 10_000: 1}, BANK)
    assert len(problems) == 3 and all(len(problem) <= 300 for problem in problems)
